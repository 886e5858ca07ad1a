// ClipReport (clip_report.h): reads Dear ImGui's own record of how far each window's and
// table column's content reached this frame (imgui_internal.h), so every item counts,
// whichever widget drew it.
#include "clip_report.h"

#include <algorithm>
#include <cmath>

#include "imgui_internal.h"

namespace bp {

namespace {
constexpr float kSlack = 1.0f;  // rounding: less than a pixel past the edge is not a cut

ImVec4 xywh(ImVec2 a, ImVec2 b) { return ImVec4(a.x, a.y, b.x - a.x, b.y - a.y); }
}  // namespace

ClipReport& clip_report() {
    static ClipReport report;
    return report;
}

void ClipReport::note_text(ImDrawList* dl, ImVec2 pos, const char* text) {
    const ImVec2 size = ImGui::CalcTextSize(text), lo = dl->GetClipRectMin(), hi = dl->GetClipRectMax();
    const ImVec2 end(pos.x + size.x, pos.y + size.y);
    // Only sideways: a line cut at the top or bottom is one a scrolled region shows in part.
    const bool outside = end.x <= lo.x || pos.x >= hi.x || end.y <= lo.y || pos.y >= hi.y;
    if (!outside && (pos.x < lo.x - kSlack || end.x > hi.x + kSlack))
        entries_.push_back({"text", text, xywh(pos, end), xywh(lo, hi)});
}

void ClipReport::note_pair(const char* what, const ImVec4& a, const ImVec4& b) {
    const float w = std::min(a.x + a.z, b.x + b.z) - std::max(a.x, b.x);
    const float h = std::min(a.y + a.w, b.y + b.w) - std::max(a.y, b.y);
    if (w > kSlack && h > kSlack) entries_.push_back({"overlap", what, a, b});
}

void ClipReport::note_combo(const char* preview, float width) {
    const ImVec2 lo = ImGui::GetCursorScreenPos(), hi(lo.x + width, lo.y + ImGui::GetFrameHeight());
    const float room = width - ImGui::GetFrameHeight() - 2 * ImGui::GetStyle().FramePadding.x;
    const float text = ImGui::CalcTextSize(preview).x;
    if (text > room + kSlack) entries_.push_back({"combo", preview, ImVec4(lo.x, lo.y, text, hi.y - lo.y), xywh(lo, hi)});
}

void ClipReport::note_drag_scrolled() { dragged_.push_back(ImGui::GetCurrentWindow()->ID); }

void ClipReport::scan_windows() {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    for (ImGuiWindow* w : g.Windows) {
        if (!w->Active || w->Hidden || (w->Flags & (ImGuiWindowFlags_Tooltip | ImGuiWindowFlags_Popup))) continue;
        // The visible inner area: content drawn into the outer half of the padding is cut.
        const float right = w->InnerRect.Max.x - std::max(std::floor(w->WindowPadding.x * 0.5f), w->WindowBorderSize);
        const float bottom = w->InnerRect.Max.y - std::max(std::floor(w->WindowPadding.y * 0.5f), w->WindowBorderSize);
        const ImVec2 reach = w->DC.CursorMaxPos;
        if (reach.x > right + kSlack && !w->ScrollbarX)
            entries_.push_back({"window-x", w->Name, xywh(w->DC.CursorStartPos, reach), xywh(w->InnerRect.Min, ImVec2(right, bottom))});
        const bool dragged = std::find(dragged_.begin(), dragged_.end(), w->ID) != dragged_.end();
        if (reach.y > bottom + kSlack && !w->ScrollbarY && !dragged)
            entries_.push_back({"window-y", w->Name, xywh(w->DC.CursorStartPos, reach), xywh(w->InnerRect.Min, ImVec2(right, bottom))});
    }
    for (int n = 0; n < g.Tables.GetMapSize(); ++n) {
        const ImGuiTable* t = g.Tables.TryGetMapData(n);
        if (!t || t->LastFrameActive != g.FrameCount) continue;
        for (int c = 0; c < t->ColumnsCount; ++c) {
            const ImGuiTableColumn& col = t->Columns[c];
            const float reach = std::max(col.ContentMaxXHeadersIdeal, std::max(col.ContentMaxXUnfrozen, col.ContentMaxXFrozen));
            if (col.IsEnabled && reach > col.ClipRect.Max.x + kSlack)
                entries_.push_back({"table", std::string(t->OuterWindow->Name) + " column " + std::to_string(c),
                                    xywh(ImVec2(col.WorkMinX, col.ClipRect.Min.y), ImVec2(reach, col.ClipRect.Max.y)),
                                    xywh(col.ClipRect.Min, col.ClipRect.Max)});
        }
    }
}

void add_text(ImDrawList* dl, ImVec2 pos, ImU32 color, const char* text) {
    dl->AddText(pos, color, text);
    clip_report().note_text(dl, pos, text);
}

}  // namespace bp
