// App::draw: lays out the panels over the whole window. Today: the formula lab preview.
#include "app.h"

#include "imgui.h"

namespace bp {

void App::draw() {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("Backprop Playground", nullptr, flags);
    ImGui::TextUnformatted("Backprop Playground");
    ImGui::SameLine();
    ImGui::TextDisabled("- reverse-mode autodiff, one node at a time");
    ImGui::Separator();
    formula_.draw();
    ImGui::End();
}

}  // namespace bp
