// Embed mode, for course pages that put the playground in an iframe: the chosen controls
// on one row (wrapping when narrow) and the chosen panels in a grid whose cells stay about
// square, down to about 480 x 360. Each panel is the same code the full layout draws.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "imgui.h"
#include "playground.h"
#include "widgets.h"
#include "messages.h"

namespace bp {

void Playground::draw_embed_controls() {
    Config c = config();
    bool changed = false;
    const float w = 100;
    Flow flow;
    for (Control k : page_.controls) {
        flow.next(control_width(k, w));
        ImGui::BeginGroup();
        changed |= draw_control(k, c, w);
        ImGui::EndGroup();
    }
    const std::string epoch = msg_now("embed.epoch", {{"epoch", std::to_string(trainer_.epoch())}});
    flow.next(ImGui::CalcTextSize(epoch.c_str()).x);
    ImGui::TextDisabled("%s", epoch.c_str());
    if (changed) apply(c);
    draw_stopped_banner();
}

void Playground::draw_embed_panels() {
    const std::vector<Panel>& panels = page_.panels;
    const int n = int(panels.size());
    if (n == 0) return;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    auto cell_for = [&](int cols) {
        const int rows = (n + cols - 1) / cols;
        return ImVec2((avail.x - gap * float(cols - 1)) / float(cols), (avail.y - gap * float(rows - 1)) / float(rows));
    };
    int cols = 1;
    for (int k = 2; k <= n; ++k) {  // the column count whose cells are largest, counting a cell by its shorter side
        const ImVec2 a = cell_for(k), b = cell_for(cols);
        if (std::min(a.x, a.y * 1.2f) > std::min(b.x, b.y * 1.2f)) cols = k;
    }
    const ImVec2 cell = cell_for(cols);
    for (int i = 0; i < n; ++i) {
        if (i % cols) ImGui::SameLine();
        const ImVec2 p = ImGui::GetCursorScreenPos();
        ImGui::BeginChild(name_of(panels[std::size_t(i)]), cell, false);
        draw_panel(panels[std::size_t(i)], ImGui::GetContentRegionAvail());
        ImGui::EndChild();
        record_panel(panels[std::size_t(i)], p, cell);
    }
}

// One panel filling `size`: the views size themselves to it, the control panels scroll.
void Playground::draw_panel(Panel panel, ImVec2 size) {
    const float frame = ImGui::GetFrameHeightWithSpacing();
    const float heading = ImGui::GetTextLineHeightWithSpacing() + 2 * ImGui::GetStyle().ItemSpacing.y + 2;
    switch (panel) {
        case Panel::Boundary: draw_output_view(std::max(60.0f, std::min(size.x, size.y - heading - frame))); break;
        case Panel::Loss: draw_loss_view(size.x, 0); break;  // the plot fills what the header leaves
        case Panel::Network: draw_network_view(ImVec2(size.x, std::max(120.0f, size.y - heading))); break;
        case Panel::Gradients: draw_gradient_view(size.x); break;
        case Panel::Data: draw_data_panel(); break;
        case Panel::Features: draw_features_panel(); break;
        case Panel::Training: draw_training_panel(); break;
        case Panel::Callouts: draw_callouts(); break;
        case Panel::Lesson: draw_lesson_panel(); break;
    }
}

}  // namespace bp
