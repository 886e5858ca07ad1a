// What the last frame cut off or drew on top of other text, for layout tests (bp.clipped()):
// windows whose content reached past their right edge (or past their bottom with no
// scrollbar), table cells and headers wider than their column, text drawn straight onto a
// draw list outside its clip rect, labels the layout placed over each other, and combos whose
// shown value is cut.
#pragma once
#include <string>
#include <vector>

#include "imgui.h"

namespace bp {

struct ClipEntry {
    std::string kind;   // "window-x", "window-y", "table", "text", "overlap", "combo"
    std::string where;  // the window, table column or text
    ImVec4 rect;        // what was drawn (x, y, width, height), logical pixels
    ImVec4 clip;        // where it had to fit (for "overlap": the other label)
};

class ClipReport {
public:
    void begin_frame() { entries_.clear(), dragged_.clear(); }
    // The current window scrolls by a finger's drag, with no scrollbar (touch): what lies below
    // its bottom is reachable, not cut.
    void note_drag_scrolled();
    // Text drawn with dl->AddText at `pos`: noted when it reaches past dl's clip rect.
    void note_text(ImDrawList* dl, ImVec2 pos, const char* text);
    // Two labels the layout placed (x, y, width, height): noted when they overlap.
    void note_pair(const char* what, const ImVec4& a, const ImVec4& b);
    // A combo about to be submitted at the cursor, `width` wide: noted when `preview` is cut.
    void note_combo(const char* preview, float width);
    void scan_windows();  // after the frame's last End(): every window and table drawn this frame
    const std::vector<ClipEntry>& entries() const { return entries_; }

private:
    std::vector<ClipEntry> entries_;
    std::vector<ImGuiID> dragged_;
};

ClipReport& clip_report();  // the app's one report, refilled every frame

// dl->AddText(pos, color, text), noted in clip_report() when cut by dl's clip rect.
void add_text(ImDrawList* dl, ImVec2 pos, ImU32 color, const char* text);

}  // namespace bp
