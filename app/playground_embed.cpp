// Embed mode, for course pages that put the playground in an iframe: the chosen controls
// on one row (wrapping when narrow) and the chosen panels in a grid whose cells stay about
// square, down to about 480 x 360. Each panel is the same code the full layout draws.
#include <algorithm>
#include <cmath>

#include "imgui.h"
#include "playground.h"

namespace bp {

namespace {
// About how wide a control is drawn at widget width `w`, to wrap the row before it.
float control_width(Control k, float w) {
    switch (k) {
        case Control::Play: return 60;
        case Control::Step: return 100;
        case Control::Reset: return 50;
        case Control::Seed: return 75;
        case Control::Layers: return 120;
        default: return w + 95;  // the widget and its label
    }
}
}  // namespace

void Playground::draw_embed_controls() {
    Config c = config_;
    bool changed = false;
    const float w = 100, right = ImGui::GetWindowContentRegionMax().x;
    bool first = true;
    for (Control k : config_.page.controls) {
        if (!first) {
            ImGui::SameLine();
            if (ImGui::GetCursorPosX() + control_width(k, w) > right) ImGui::NewLine();
        }
        first = false;
        changed |= draw_control(k, c, w);
    }
    if (!first) ImGui::SameLine();
    ImGui::TextDisabled("epoch %d", trainer_.epoch());
    if (changed) apply(c);
}

void Playground::draw_embed_panels() {
    drawn_panels_.clear();
    const std::vector<Panel>& panels = config_.page.panels;
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
        ImGui::BeginChild(panel_name(panels[std::size_t(i)]), cell, false);
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

// Where a panel was drawn, clipped to the window it is in (a scrolled column shows part of
// one); one that does not show at all is left out.
void Playground::record_panel(Panel panel, ImVec2 pos, ImVec2 size) {
    const ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 lo = dl->GetClipRectMin(), hi = dl->GetClipRectMax();
    const float x0 = std::max(pos.x, lo.x), y0 = std::max(pos.y, lo.y);
    const float x1 = std::min(pos.x + size.x, hi.x), y1 = std::min(pos.y + size.y, hi.y);
    if (x1 > x0 && y1 > y0) drawn_panels_.push_back({panel, ImVec4(x0, y0, x1 - x0, y1 - y0)});
}

// The full layout's panels: as wide as the column, as tall as what `draw` drew.
void Playground::draw_recorded(Panel panel, const std::function<void()>& draw) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    ImGui::BeginGroup();
    draw();
    ImGui::EndGroup();
    record_panel(panel, at, ImVec2(width, ImGui::GetItemRectMax().y - at.y));
}

}  // namespace bp
