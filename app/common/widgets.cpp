// small_button, help_marker, heading, wrapped_text, check_line, Flow and point_picker (widgets.h).
#include "widgets.h"

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <string>

#include "clip_report.h"
#include "colors.h"
#include "dataset.h"
#include "dots.h"
#include "text_util.h"

namespace bp {

void push_finger_style() {
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(12, (kFingerTarget - ImGui::GetFontSize()) / 2));  // 44 px frames and check boxes
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(10, 8));
    ImGui::PushStyleVar(ImGuiStyleVar_GrabMinSize, 22.0f);
}

PointerPress& pointer_press() {
    static PointerPress press;
    return press;
}

bool small_button(const char* label) {
    const ImGuiStyle& st = ImGui::GetStyle();
    if (2 * st.FramePadding.y + ImGui::GetFontSize() < kFingerTarget) return ImGui::SmallButton(label);
    return ImGui::Button(label, ImVec2(small_button_width(label), kFingerTarget));
}

bool begin_combo(const char* label, const char* preview) {
    clip_report().note_combo(preview, ImGui::CalcItemWidth());  // before BeginCombo consumes SetNextItemWidth
    return ImGui::BeginCombo(label, preview);
}

float small_button_width(const char* label) {
    const ImGuiStyle& st = ImGui::GetStyle();
    const float w = ImGui::CalcTextSize(label, nullptr, true).x + 2 * st.FramePadding.x;
    return 2 * st.FramePadding.y + ImGui::GetFontSize() < kFingerTarget ? w : std::max(kFingerTarget, w);
}

bool input_int(const char* label, int* v, int step, int step_fast) {
    const float buttons = 2 * (ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x);
    const bool finger = ImGui::GetFrameHeight() >= kFingerTarget;
    if (finger && ImGui::CalcItemWidth() - buttons < kFingerTarget) step = step_fast = 0;
    return ImGui::InputInt(label, v, step, step_fast);
}

void help_marker(const char* text, bool same_line) {
    if (same_line) ImGui::SameLine();
    ImGui::TextDisabled("(?)");
    if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
        ImGui::TextUnformatted(text);
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

void heading(const char* text) {
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.55f, 0.75f, 1.0f, 1));
    wrapped_text(text);  // a long lesson title wraps instead of being cut at the column's edge
    ImGui::PopStyleColor();
    ImGui::Separator();
}

void wrapped_text(const char* text, float width) {
    width = std::max(1.0f, width > 0 ? width : ImGui::GetContentRegionAvail().x);
    auto measure = [](std::string_view s) { return double(ImGui::CalcTextSize(s.data(), s.data() + s.size()).x); };
    ImGui::BeginGroup();  // later lines start where the first did (beside a check mark too)
    const auto lines = wrap_at_spaces(text, width, measure);
    if (lines.empty()) ImGui::TextUnformatted("");
    for (std::string_view line : lines) ImGui::TextUnformatted(line.data(), line.data() + line.size());
    ImGui::EndGroup();
}

void wrapped_textf(const char* format, ...) {
    va_list args, again;
    va_start(args, format);
    va_copy(again, args);
    std::string text(std::size_t(std::max(0, std::vsnprintf(nullptr, 0, format, args))), '\0');
    va_end(args);
    std::vsnprintf(text.data(), text.size() + 1, format, again);
    va_end(again);
    wrapped_text(text.c_str());
}

void check_line(bool passed, const char* text) {
    const float h = ImGui::GetTextLineHeight();
    const ImVec2 o = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 color = ImGui::GetColorU32(ImGuiCol_Text);
    const float thickness = std::max(1.5f, 0.12f * h);
    auto at = [&](float x, float y) { return ImVec2(o.x + x * h, o.y + y * h); };
    if (passed) {
        const ImVec2 tick[3] = {at(0.15f, 0.55f), at(0.4f, 0.8f), at(0.85f, 0.25f)};
        draw->AddPolyline(tick, 3, color, 0, thickness);
    } else {
        draw->AddLine(at(0.2f, 0.25f), at(0.8f, 0.85f), color, thickness);
        draw->AddLine(at(0.8f, 0.25f), at(0.2f, 0.85f), color, thickness);
    }
    ImGui::Dummy(ImVec2(h, h));
    ImGui::SameLine();
    wrapped_text(text);
}

void Flow::next(float width) {
    if (!first_) {
        const float x = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x;
        const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
        if (x + width <= right) ImGui::SameLine();
    }
    first_ = false;
}

float checkbox_width(const char* label) {
    return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label, nullptr, true).x;
}

float button_width(const char* label) {
    return ImGui::CalcTextSize(label, nullptr, true).x + 2 * ImGui::GetStyle().FramePadding.x;
}

bool point_picker(const std::vector<Point>& points, int classes, int& selected) {
    const float side = std::min(ImGui::GetContentRegionAvail().x, 220.0f);
    const ImVec2 lo = ImGui::GetCursorScreenPos(), hi{lo.x + side, lo.y + side};
    const float kPlane = float(kPlaneExtent);  // the plane is [-kPlane, kPlane]^2
    ImGui::InvisibleButton("points", {side, side});
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(lo, hi, IM_COL32(245, 245, 245, 255));
    auto at = [&](const Point& p) {
        return ImVec2{lo.x + (float(p.x1) + kPlane) / (2 * kPlane) * side, lo.y + (kPlane - float(p.x2)) / (2 * kPlane) * side};
    };
    for (const Point& p : points) {
        const int cls = classes > 1 ? int(p.label) : p.label > 0 ? 1 : 0;  // regression: by sign
        add_dot(dl, at(p), 2.5f, class_color(cls), 0);
    }
    if (selected >= 0 && selected < int(points.size()))
        dl->AddCircle(at(points[std::size_t(selected)]), 6, IM_COL32(0, 0, 0, 255), 0, 2);
    if (!ImGui::IsItemClicked()) return false;
    const ImVec2 m = ImGui::GetMousePos();
    float best = 1e30f;
    for (std::size_t i = 0; i < points.size(); ++i) {
        const ImVec2 q = at(points[i]);
        const float d = (q.x - m.x) * (q.x - m.x) + (q.y - m.y) * (q.y - m.y);
        if (d < best) best = d, selected = int(i);
    }
    return true;
}

}  // namespace bp
