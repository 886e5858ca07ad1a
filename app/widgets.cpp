// help_marker, heading, wrapped_text and check_line (widgets.h).
#include "widgets.h"

#include <algorithm>

namespace bp {

void help_marker(const char* text) {
    ImGui::SameLine();
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
    ImGui::TextColored(ImVec4(0.55f, 0.75f, 1.0f, 1), "%s", text);
    ImGui::Separator();
}

namespace {
// The end of the longest run of whole words from `line` that fits `width` (at least one word).
const char* fitting_end(const char* line, float width) {
    const char* fit = nullptr;
    for (const char* p = line;; ++p) {
        const char* end = p;
        while (*end && *end != ' ' && *end != '\n') ++end;
        if (fit && ImGui::CalcTextSize(line, end).x > width) return fit;
        fit = end;
        if (*end != ' ') return fit;  // the text or the paragraph ends
        p = end;
    }
}
}  // namespace

void wrapped_text(const char* text) {
    const float width = std::max(1.0f, ImGui::GetContentRegionAvail().x);
    ImGui::BeginGroup();  // later lines start where the first did (beside a check mark too)
    if (!*text) ImGui::TextUnformatted("");
    for (const char* line = text; *line;) {
        const char* end = fitting_end(line, width);
        ImGui::TextUnformatted(line, end);
        line = end;
        if (*line == '\n') ++line;
        else
            while (*line == ' ') ++line;
    }
    ImGui::EndGroup();
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

}  // namespace bp
