// ItemReport (item_report.h), and the four test-engine hooks Dear ImGui calls when
// IMGUI_ENABLE_TEST_ENGINE is defined: ItemAdd gives each item's rectangle, ItemInfo the
// label of the widget just added; the log and the debug label are not used.
#include "item_report.h"

#include "imgui_internal.h"

namespace bp {

ItemReport& item_report() {
    static ItemReport report;
    return report;
}

void ItemReport::add(unsigned id, ImVec4 rect, bool visible) {
    entries_.push_back({"", rect, visible});
    ids_.push_back(id);
}

void ItemReport::label(unsigned id, const char* text) {
    for (std::size_t i = entries_.size(); i-- > 0;)
        if (ids_[i] == id) {
            const char* end = ImGui::FindRenderedTextEnd(text);  // "Play##toolbar" -> "Play"
            entries_[i].label.assign(text, end);
            return;
        }
}

}  // namespace bp

void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, const ImRect& bb, ImGuiID id) {
    const ImGuiWindow* w = ctx->CurrentWindow;
    if (w && w->SkipItems) return;
    const bool visible = w && bb.Overlaps(w->ClipRect);
    bp::item_report().add(id, ImVec4(bb.Min.x, bb.Min.y, bb.GetWidth(), bb.GetHeight()), visible);
}
void ImGuiTestEngineHook_ItemInfo(ImGuiContext*, ImGuiID id, const char* label, ImGuiItemStatusFlags) {
    if (label) bp::item_report().label(id, label);
}
void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}
const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }
