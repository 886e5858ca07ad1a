// The notation card (notation_card.h): a modal with the card's lines, one bullet each.
#include "notation_card.h"

#include <algorithm>

#include "imgui.h"
#include "messages.h"
#include "text_util.h"
#include "widgets.h"

namespace bp {

namespace {
bool requested = false, drawn = false;
constexpr const char* kId = "###notation";
}  // namespace

std::vector<std::string> notation_lines() {
    std::vector<std::string> lines;
    for (std::string_view l : split(tr("notation.lines"), '\n')) lines.emplace_back(l);
    return lines;
}

float notation_button_width() { return button_width(tr("notation.button")); }

void notation_button() {
    if (ImGui::Button(tr("notation.button"))) request_notation_card();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("notation.tip"));
}

void request_notation_card() { requested = true; }

bool notation_card_open() { return drawn; }

void draw_notation_card() {
    if (requested) ImGui::OpenPopup(kId);
    requested = false;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float w = std::min(ImGui::GetFontSize() * 36, vp->WorkSize.x - 16);
    ImGui::SetNextWindowSizeConstraints({w, 0}, {w, vp->WorkSize.y - 16});
    ImGui::SetNextWindowPos({vp->WorkPos.x + vp->WorkSize.x / 2, vp->WorkPos.y + vp->WorkSize.y / 2}, ImGuiCond_Appearing, {0.5f, 0.5f});
    drawn = ImGui::BeginPopupModal((std::string(tr("notation.title")) + kId).c_str(), nullptr,
                                   ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings);
    if (!drawn) return;
    for (const std::string& line : notation_lines()) {
        ImGui::Bullet();
        wrapped_text(line.c_str());
    }
    ImGui::Spacing();
    if (ImGui::Button(tr("lessons.close")) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
    ImGui::SetItemDefaultFocus();
    ImGui::EndPopup();
}

}  // namespace bp
