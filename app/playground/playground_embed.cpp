// Embed mode, for course pages that put the playground in an iframe: the chosen controls
// on one row (wrapping when narrow) and the chosen panels in a grid, by the layout rules
// below, down to about 480 x 360. Each panel is the same code the full layout draws.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "imgui.h"
#include "playground.h"
#include "widgets.h"
#include "messages.h"

namespace bp {

void Playground::draw_embed_controls() {
    Config c = model_.config();
    bool changed = false;
    const float w = 100;
    Flow flow;
    for (Control k : model_.page().controls) {
        flow.next(control_width(k, w));  // a combo: widened to its longest option (combo_need)
        ImGui::BeginGroup();
        changed |= draw_control(k, c, w);
        ImGui::EndGroup();
    }
    const std::string epoch = msg_now("embed.epoch", {{"epoch", std::to_string(model_.trainer().epoch())}});
    flow.next(ImGui::CalcTextSize(epoch.c_str()).x);
    ImGui::TextDisabled("%s", epoch.c_str());
    if (changed) model_.apply(c);
    draw_stopped_banner();
}

// The embed's layout rules, in one place (README "Course pages" says them too):
// 1. the controls row and every row of check boxes or buttons in a panel wrap onto more
//    lines rather than run past the edge (Flow, each item measured by its own label);
// 2. columns: as many as keep each panel at least kMinCellWidth wide (at most one per panel);
// 3. rows share the height, but none gets less than kMinCellHeight, which keeps the
//    output plane and the network diagram at least 120 px under their headings;
// 4. what still does not fit scrolls: the panels (not the controls row) in a region with a
//    visible scrollbar, the gradients panel inside its cell, a wide table sideways;
// 5. views shrink their own chrome first (titles and labels wrap, the network's layer
//    headers fold into one small button each), then their plots, down to those minimums.
namespace {
constexpr float kMinCellWidth = 220, kMinCellHeight = 270;
}  // namespace

void Playground::draw_embed_panels() {
    const std::vector<Panel>& panels = model_.page().panels;
    const int n = int(panels.size());
    if (n == 0) return;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float gap = ImGui::GetStyle().ItemSpacing.x, bar = ImGui::GetStyle().ScrollbarSize;
    const int cols = std::clamp(int((avail.x + gap) / (kMinCellWidth + gap)), 1, n), rows = (n + cols - 1) / cols;
    const bool scroll = (avail.y - gap * float(rows - 1)) / float(rows) < kMinCellHeight;
    const float width = avail.x - (scroll ? bar : 0);
    const ImVec2 cell((width - gap * float(cols - 1)) / float(cols),
                      std::max(kMinCellHeight, (avail.y - gap * float(rows - 1)) / float(rows)));
    ImGui::BeginChild("embed panels", avail, false, scroll ? ImGuiWindowFlags_AlwaysVerticalScrollbar : 0);
    for (int i = 0; i < n; ++i) {
        if (i % cols) ImGui::SameLine();
        const ImVec2 p = ImGui::GetCursorScreenPos();
        Panel panel = panels[std::size_t(i)];  // the views fit their cell; the rest may scroll in it
        if (panel == Panel::Boundary || panel == Panel::Fit) panel = fit_plot() ? Panel::Fit : Panel::Boundary;
        const bool view = panel == Panel::Boundary || panel == Panel::Fit || panel == Panel::Loss || panel == Panel::Network;
        ImGui::BeginChild(name_of(panel), cell, false, view ? ImGuiWindowFlags_NoScrollbar : 0);
        draw_panel(panel, ImGui::GetContentRegionAvail());
        ImGui::EndChild();
        record_panel(panel, p, cell);
    }
    ImGui::EndChild();
}

// One panel filling `size`: the views size themselves to it, the control panels scroll.
void Playground::draw_panel(Panel panel, ImVec2 size) {
    switch (panel) {
        case Panel::Boundary: draw_output_view(size.x, true); break;  // the plane fits what the header leaves
        case Panel::Fit: draw_fit_view(size.x, true); break;
        case Panel::Loss: draw_loss_view(size.x, 0); break;            // the plot fills what the header leaves
        case Panel::Network: draw_network_view(ImVec2(size.x, 0)); break;  // the diagram too
        case Panel::Gradients: draw_gradient_view(size.x); break;
        case Panel::Data: draw_data_panel(); break;
        case Panel::Features: draw_features_panel(); break;
        case Panel::Training: draw_training_panel(); break;
        case Panel::Callouts: draw_callouts(); break;
        case Panel::Lesson: draw_lesson_panel(); break;
    }
}

}  // namespace bp
