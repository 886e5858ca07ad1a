// Every control the last frame drew and where (for touch-target tests: bp.targets()), read
// from Dear ImGui's item hooks (IMGUI_ENABLE_TEST_ENGINE in platform/imconfig_bp.h): buttons,
// check boxes, sliders, combos, tabs, selectables, menu items.
#pragma once
#include <string>
#include <vector>

#include "imgui.h"

namespace bp {

struct ItemEntry {
    std::string label;  // its label without the ##id part ("" for a combo or an unlabelled control)
    ImVec4 rect;        // x, y, width, height in logical pixels, as the frame laid it out
    bool visible;       // inside its window's visible area (not scrolled away, not clipped out)
};

class ItemReport {
public:
    void begin_frame() { entries_.clear(), ids_.clear(); }
    void add(unsigned id, ImVec4 rect, bool visible);    // an item with an id, as ImGui adds it
    void label(unsigned id, const char* text);           // its label, when the widget gives one
    const std::vector<ItemEntry>& entries() const { return entries_; }

private:
    std::vector<ItemEntry> entries_;
    std::vector<unsigned> ids_;
};

ItemReport& item_report();  // the app's one report, refilled every frame

}  // namespace bp
