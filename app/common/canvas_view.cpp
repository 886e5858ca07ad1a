// ZoomPan: the canvas's zoom about a point, fitting, the mouse's drag and wheel, the zoom
// buttons and the hint line (graph lab and layer view).
#include "canvas_view.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "colors.h"
#include "messages.h"
#include "widgets.h"

namespace bp {

float ZoomPan::fit_zoom(ImVec2 picture, float max_fit) const {
    return std::clamp(std::min(size.x / std::max(1.0f, picture.x), size.y / std::max(1.0f, picture.y)), min_zoom, max_fit);
}

void ZoomPan::fit_to(ImVec2 picture, float max_fit) {
    if (!fit) return;
    zoom = fit_zoom(picture, max_fit);
    pan = {(size.x - picture.x * zoom) / 2, (size.y - picture.y * zoom) / 2};
}

void ZoomPan::zoom_about(float factor, ImVec2 at) {
    const ImVec2 hi{min.x + size.x, min.y + size.y};
    if (!(at.x >= min.x && at.x <= hi.x && at.y >= min.y && at.y <= hi.y)) at = {min.x + size.x / 2, min.y + size.y / 2};
    const float z = std::clamp(zoom * factor, min_zoom, max_zoom);
    const ImVec2 rel{at.x - min.x, at.y - min.y};  // this point of the picture stays under the mouse
    pan = {rel.x - (rel.x - pan.x) * z / zoom, rel.y - (rel.y - pan.y) * z / zoom};
    zoom = z;
    fit = false;
}

void ZoomPan::place(ImVec2 avail) {
    min = ImGui::GetCursorScreenPos();
    size = {std::max(1.0f, avail.x), std::max(1.0f, avail.y)};
}

bool ZoomPan::interact() {
    ImGui::SetCursorScreenPos(min);
    ImGui::InvisibleButton("view", size);  // drag: pan; wheel: zoom about the mouse
    ImGui::SetItemAllowOverlap();          // the zoom buttons on top take the mouse
    const ImGuiIO& io = ImGui::GetIO();
    const bool hovered = ImGui::IsItemHovered(), dragging = ImGui::IsItemActive() && ImGui::IsMouseDragging(0, 3);
    // From where the press went down (pointer_press): no move is lost when the press and the
    // first move arrive within one frame.
    if (ImGui::IsItemActivated()) pan_at_press = pan;
    if (dragging) pan = {pan_at_press.x + pointer_press().moved.x, pan_at_press.y + pointer_press().moved.y}, fit = false;
    // ImGui keeps the wheel on the window it scrolled for a moment (the parent, as the canvas
    // does not scroll), so the canvas is "hovered" for the wheel when its root window is.
    const bool wheel_here = ImGui::IsMouseHoveringRect(min, {min.x + size.x, min.y + size.y}) &&
                            ImGui::IsWindowHovered(ImGuiHoveredFlags_RootAndChildWindows);
    if (wheel_here && io.MouseWheel != 0) zoom_about(std::pow(kWheelStep, std::clamp(io.MouseWheel, -3.0f, 3.0f)), io.MousePos);
    return hovered && !dragging;
}

void ZoomPan::buttons(float extra) {
    const ImGuiStyle& st = ImGui::GetStyle();
    const ImVec2 centre{min.x + size.x / 2, min.y + size.y / 2};
    const char* fit_label = tr("canvas.fit");
    const float w = small_button_width("+") + small_button_width("-") + small_button_width(fit_label) + 2 * st.ItemSpacing.x + extra;
    ImGui::SetCursorScreenPos({min.x + size.x - w - 4, min.y + 4});
    if (small_button("+")) zoom_about(kWheelStep, centre);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("canvas.zoom_in"));
    ImGui::SameLine();
    if (small_button("-")) zoom_about(1 / kWheelStep, centre);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("canvas.zoom_out"));
    ImGui::SameLine();
    if (small_button(fit_label)) fit = true;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("canvas.fit_tip"));
}

void ZoomPan::hint(const char* text, bool warn) const {
    const ImVec2 hs = ImGui::CalcTextSize(text), at{min.x + 6, min.y + size.y - hs.y - 4};
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled({at.x - 4, at.y - 1}, {at.x + hs.x + 4, at.y + hs.y + 1}, IM_COL32(20, 21, 25, 220), 3);
    dl->AddText(at, warn ? kWarning : IM_COL32(120, 124, 134, 255), text);
}

}  // namespace bp
