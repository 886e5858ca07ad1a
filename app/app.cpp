// App::frame: the playground's engine work, then both views under a tab bar, timed for
// the frame-stats overlay.
#include "app.h"

#include <chrono>

#include "imgui.h"

namespace bp {

void App::frame() {
    playground_.update();
    const auto t0 = std::chrono::steady_clock::now();
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings;
    ImGui::Begin("Backprop Playground", nullptr, flags);
    if (ImGui::BeginTabBar("views")) {
        if (ImGui::BeginTabItem("Playground")) {
            playground_.draw();
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem("Graph lab")) {
            graph_lab_.draw();
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    ImGui::End();
    playground_.frame_stats().draw_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace bp
