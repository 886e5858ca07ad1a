// The network diagram: input features, hidden units (each a thumbnail of its activation
// over the plane) and the output; edges coloured by sign and sized by magnitude, showing
// weights or their gradients; saturated units ringed yellow, dead ReLUs ringed red and struck through. Layer
// headers add and remove units, layers and change a layer's activation.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

#include "clip_report.h"
#include "colors.h"
#include "imgui.h"
#include "playground.h"
#include "widgets.h"
#include "messages.h"
#include "text_util.h"

namespace bp {

namespace {

struct Column {
    float x;                    // left edge of the nodes
    std::vector<float> ys;      // top of each node
};

// Node size and positions: every column centred vertically in the available height, the
// tallest (64 units) fitting too, with smaller nodes and gaps; the inputs a line apart at least.
std::vector<Column> layout(const std::vector<int>& counts, ImVec2 p0, ImVec2 size, float& node) {
    int most = 1;
    for (int n : counts) most = std::max(most, n);
    const float top = 62;  // room for the layer headers
    const float pitch = std::max(3.0f, (size.y - top - 8) / float(most));  // node plus gap
    const float gap = std::clamp(pitch * 0.25f, 1.0f, 4.0f);
    node = std::clamp(pitch - gap, 2.0f, 44.0f);
    std::vector<Column> cols(counts.size());
    for (std::size_t c = 0; c < counts.size(); ++c) {
        cols[c].x = p0.x + 58 + (size.x - node - 66) * float(c) / float(std::max<std::size_t>(1, counts.size() - 1));
        const float step = c == 0 ? std::max(node + gap, ImGui::GetTextLineHeight()) : node + gap;  // inputs: room for their names
        const float h = float(counts[c]) * step;
        for (int i = 0; i < counts[c]; ++i)
            cols[c].ys.push_back(p0.y + top + (size.y - top - h) / 2 + float(i) * step);
    }
    return cols;
}

float segment_distance(ImVec2 p, ImVec2 a, ImVec2 b) {
    const float dx = b.x - a.x, dy = b.y - a.y;
    const float t = std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy + 1e-6f), 0.0f, 1.0f);
    const float ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
    return std::sqrt(ex * ex + ey * ey);
}


constexpr long kMaxEdges = 256;  // edges drawn per layer at most (a 16 x 16 layer: all)

// What the mouse is over in the diagram: a unit, else an edge (-1: nothing).
struct NetworkHover {
    int unit_layer = -1, unit = -1;
    int edge_layer = -1, edge_in = -1, edge_out = -1;
};

// Which of M's edges are drawn: all of them in a layer of at most kMaxEdges, else its kMaxEdges
// strongest (a 64 x 64 layer's 4096 lines cover their gap many times over: a tangle to read, and
// most of a software renderer's frame). `least` is the kMaxEdges-th largest |value|; of the edges
// equal to it (all of them when M is 0, before a first gradient) only `ties` are drawn.
struct DrawnEdges {
    float least = 0;
    long ties = 0;
    bool draws(float magnitude) { return magnitude > least || (magnitude == least && ties-- > 0); }
};
DrawnEdges drawn_edges(const Eigen::MatrixXf& M) {
    if (M.size() <= kMaxEdges) return {-1, 0};  // every magnitude is above -1
    static std::vector<float> magnitudes;  // reused from frame to frame
    magnitudes.assign(M.data(), M.data() + M.size());
    for (float& v : magnitudes) v = std::abs(v);
    std::nth_element(magnitudes.begin(), magnitudes.begin() + (kMaxEdges - 1), magnitudes.end(), std::greater<float>());
    const float least = magnitudes[std::size_t(kMaxEdges - 1)];
    const long above = long(std::count_if(magnitudes.begin(), magnitudes.end(), [least](float v) { return v > least; }));
    return {least, kMaxEdges - above};
}

// Edges first, so nodes sit on top: coloured by sign, sized by magnitude (of W or dL/dW); in a
// layer of more than kMaxEdges, its kMaxEdges strongest.
void draw_edges(ImDrawList* dl, const std::vector<DenseLayer<float>>& layers, const std::vector<Column>& cols,
                float node, bool grads, bool inside, NetworkHover& hover) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    float best = 5;
    for (std::size_t l = 0; l < layers.size(); ++l) {
        const Eigen::MatrixXf& M = grads ? layers[l].dW : layers[l].W;
        const float top = std::max(1e-12f, M.cwiseAbs().maxCoeff());
        DrawnEdges drawn = drawn_edges(M);
        for (Eigen::Index j = 0; j < M.rows(); ++j)
            for (Eigen::Index i = 0; i < M.cols(); ++i) {
                if (!drawn.draws(std::abs(M(j, i)))) continue;
                const ImVec2 a(cols[l].x + node, cols[l].ys[std::size_t(i)] + node / 2);
                const ImVec2 b(cols[l + 1].x, cols[l + 1].ys[std::size_t(j)] + node / 2);
                const float m = std::abs(M(j, i)) / top;
                const ImU32 col = M(j, i) >= 0 ? IM_COL32(8, 119, 189, 60 + int(190 * m)) : IM_COL32(245, 147, 34, 60 + int(190 * m));
                dl->AddLine(a, b, col, 0.5f + 3.5f * m);
                if (inside && mouse.x > a.x && mouse.x < b.x) {
                    const float dist = segment_distance(mouse, a, b);
                    if (dist < best) best = dist, hover.edge_layer = int(l), hover.edge_in = int(i), hover.edge_out = int(j);
                }
            }
    }
}

// Input features: each a thumbnail of the feature over the plane, named on the left.
void draw_inputs(ImDrawList* dl, const std::vector<Feature>& features, const std::vector<ImTextureID>& feature_tex,
                 const std::vector<Column>& cols, float node) {
    ImVec4 last;  // the label above: two labels must not overlap
    for (std::size_t i = 0; i < features.size(); ++i) {
        const ImVec2 a(cols[0].x, cols[0].ys[i]);
        const ImVec2 b(a.x + node, a.y + node);
        const std::size_t f = std::size_t(features[i]);
        if (f < feature_tex.size()) dl->AddImage(feature_tex[f], a, b);
        dl->AddRect(a, b, IM_COL32(120, 125, 135, 255), 2);
        const char* name = feature_label(features[i]);
        const ImVec2 size = ImGui::CalcTextSize(name), at(a.x - size.x - 4, a.y + node / 2 - size.y / 2);
        add_text(dl, at, kPanelText, name);
        const ImVec4 rect(at.x, at.y, size.x, size.y);
        if (i > 0) clip_report().note_pair(name, last, rect);
        last = rect;
    }
}

// Hidden units (thumbnails of their activation, ringed when saturated or dead) and the output.
struct UnitTextures {
    const std::vector<std::vector<ImTextureID>>& units;  // [layer][unit]
    ImTextureID output;
};
void draw_units(ImDrawList* dl, const Trainer& trainer, const UnitTextures& tex, const std::vector<Column>& cols,
                float node, bool inside, NetworkHover& hover) {
    const auto& layers = trainer.model().layers();
    const auto& stats = trainer.layer_stats();
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    for (std::size_t l = 0; l < layers.size(); ++l) {
        const bool hidden = l + 1 < layers.size();
        for (std::size_t u = 0; u < cols[l + 1].ys.size(); ++u) {
            const ImVec2 a(cols[l + 1].x, cols[l + 1].ys[u]), b(a.x + node, a.y + node);
            if (hidden && l < tex.units.size() && u < tex.units[l].size()) dl->AddImage(tex.units[l][u], a, b);
            else dl->AddImageRounded(tex.output, a, b, ImVec2(0, 0), ImVec2(1, 1), IM_COL32_WHITE, 3);
            ImU32 ring = IM_COL32(120, 125, 135, 255);
            float thick = 1;
            if (hidden && stats[l].unit_saturated[u]) ring = kWarning, thick = 3;
            const bool dead = hidden && stats[l].unit_dead[u];
            if (dead) ring = kDanger, thick = 3;
            dl->AddRect(a, b, ring, 2, 0, thick);
            if (dead) dl->AddLine(ImVec2(a.x, b.y), ImVec2(b.x, a.y), kDanger, 3);  // struck out: shape, not only colour
            if (inside && mouse.x >= a.x && mouse.x <= b.x && mouse.y >= a.y && mouse.y <= b.y)
                hover.unit_layer = int(l), hover.unit = int(u);
        }
    }
}

// One hidden layer's header: "N units", + and -, and its activation. True when `c` changed.
bool draw_layer_header(Config& c, std::size_t l, float combo_width) {
    bool changed = false;
    ImGui::BeginGroup();
    ImGui::TextUnformatted(msg_now("network.units", {{"n", std::to_string(c.layers[l])}}).c_str());
    if (small_button("+") && c.layers[l] < kMaxUnits) c.layers[l]++, changed = true;
    ImGui::SameLine();
    if (small_button("-") && c.layers[l] > 1) c.layers[l]--, changed = true;
    ImGui::SetNextItemWidth(combo_width);
    changed |= enum_combo("##act", &c.activations[l]);
    ImGui::EndGroup();
    return changed;
}

float layer_header_width(const Config& c, float combo_width) {
    float text = 0;
    for (int n : c.layers) text = std::max(text, ImGui::CalcTextSize(msg_now("network.units", {{"n", std::to_string(n)}}).c_str()).x);
    const float plus = std::max(button_width("+"), 2 * ImGui::GetStyle().FramePadding.y + ImGui::GetFontSize());  // small_button: square on a phone
    return std::max({text, 2 * plus + ImGui::GetStyle().ItemSpacing.x, combo_width});
}

// Headers over each hidden column (x, y, width, height of each, kept in `rects`). When a
// whole header does not fit between two columns, each folds into a small button with the
// unit count that opens it in a popup. True when `c` changed.
bool draw_layer_headers(Config& c, const std::vector<Column>& cols, float node, ImVec2 p0, float right) {
    bool changed = false;
    const float combo_w = std::max(node + 20, enum_combo_width<Activation>()), full_w = layer_header_width(c, combo_w), gap = ImGui::GetStyle().ItemSpacing.x;
    bool fits = true;
    for (std::size_t l = 0; l < c.layers.size() && l + 1 < cols.size(); ++l)
        fits &= cols[l + 1].x - 10 + full_w + gap <= (l + 2 < cols.size() - 1 ? cols[l + 2].x - 10 : right);
    ImVec4 last;  // the header on the left: two headers must not overlap
    for (std::size_t l = 0; l < c.layers.size() && l + 1 < cols.size(); ++l) {
        ImGui::PushID(int(l));
        const std::string units = std::to_string(c.layers[l]);
        const float x = fits ? cols[l + 1].x - 10 : cols[l + 1].x + node / 2 - button_width(units.c_str()) / 2;
        ImGui::SetCursorScreenPos(ImVec2(x, p0.y));
        if (fits) {
            changed |= draw_layer_header(c, l, combo_w);
        } else {
            if (small_button(units.c_str())) ImGui::OpenPopup("layer");
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("%s", msg_now("network.layer_tip", {{"layer", std::to_string(l + 1)}, {"n", units}, {"act", label_of(c.activations[l])}}).c_str());
        }
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        if (!fits && ImGui::BeginPopup("layer")) {
            changed |= draw_layer_header(c, l, combo_w);
            ImGui::EndPopup();
        }
        ImGui::PopID();
        const ImVec4 rect(a.x, a.y, b.x - a.x, b.y - a.y);
        if (l > 0) clip_report().note_pair("layer header", last, rect);
        last = rect;
    }
    return changed;
}

void network_tooltip(const Trainer& trainer, const NetworkHover& hover) {
    const auto& layers = trainer.model().layers();
    if (hover.unit_layer >= 0) {
        const auto& layer = layers[std::size_t(hover.unit_layer)];
        const bool hidden = hover.unit_layer + 1 < int(layers.size());
        const LayerStats& s = trainer.layer_stats()[std::size_t(hover.unit_layer)];
        ImGui::BeginTooltip();
        ImGui::TextUnformatted(msg_now("network.unit_tip", {{"layer", std::to_string(hover.unit_layer + 1)}, {"unit", std::to_string(hover.unit + 1)},
                                                        {"f", hidden ? name_of(layer.act) : tr("network.output_f")}}).c_str());
        ImGui::TextUnformatted(msg_now("network.bias_tip", {{"b", readable(layer.b(hover.unit, 0), 4)}, {"db", readable(layer.db(hover.unit, 0), 3)}}).c_str());
        if (hidden && s.unit_saturated[std::size_t(hover.unit)]) ImGui::TextColored(ImVec4(1, 0.75f, 0.2f, 1), "%s", tr("network.saturated_tip"));
        if (hidden && s.unit_dead[std::size_t(hover.unit)]) ImGui::TextColored(ImVec4(1, 0.35f, 0.35f, 1), "%s", tr("network.dead_tip"));
        ImGui::EndTooltip();
    } else if (hover.edge_layer >= 0) {
        const auto& layer = layers[std::size_t(hover.edge_layer)];
        ImGui::SetTooltip("%s", msg_now("network.weight_tip", {{"out", std::to_string(hover.edge_out + 1)}, {"in", std::to_string(hover.edge_in + 1)},
                                                           {"w", readable(layer.W(hover.edge_out, hover.edge_in), 4)},
                                                           {"dw", readable(layer.dW(hover.edge_out, hover.edge_in), 3)}}).c_str());
    }
}

}  // namespace

void Playground::draw_network_view(ImVec2 size) {
    heading(tr("panel.network"));
    Config c = model_.config();
    const float top = ImGui::GetCursorScreenPos().y;
    bool changed = draw_layers_buttons(c);
    const char* edges = tr("network.edges_grads");
    Flow flow(true);
    flow.next(checkbox_width(edges));
    ImGui::Checkbox(edges, &edges_show_grads_);
    flow.next(ImGui::CalcTextSize("(?)").x);
    help_marker(msg_now("network.help", {{"max", std::to_string(kMaxEdges)}}).c_str(), false);
    long widest = 0;
    for (const auto& l : model_.trainer().model().layers()) widest = std::max<long>(widest, long(l.W.size()));
    if (widest > kMaxEdges) {  // said where the lines are, not only in the help; wrapped, so an embed's narrow panel holds it
        const std::string capped = msg_now("network.edges_capped", {{"max", std::to_string(kMaxEdges)}, {"total", std::to_string(widest)}});
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
        wrapped_text(capped.c_str());
        ImGui::PopStyleColor();
    }
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    size.y = size.y > 0 ? size.y - (p0.y - top) : ImGui::GetContentRegionAvail().y;
    ImGui::Dummy(size);
    const bool inside = ImGui::IsItemHovered();
    std::vector<int> counts{int(c.features.size())};
    for (const auto& l : model_.trainer().model().layers()) counts.push_back(int(l.W.rows()));
    float node = 0;
    const std::vector<Column> cols = layout(counts, p0, size, node);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    NetworkHover hover;
    dl->PushClipRect(p0, ImVec2(p0.x + size.x, p0.y + size.y), true);  // nothing spills into the next panel
    draw_edges(dl, model_.trainer().model().layers(), cols, node, edges_show_grads_, inside, hover);
    draw_inputs(dl, c.features, feature_tex_, cols, node);
    draw_units(dl, model_.trainer(), {unit_tex_, output_tex_}, cols, node, inside, hover);
    dl->PopClipRect();
    changed |= draw_layer_headers(c, cols, node, p0, p0.x + size.x);
    ImGui::SetCursorScreenPos(ImVec2(p0.x, p0.y + size.y));
    ImGui::Dummy(ImVec2(1, 1));
    network_tooltip(model_.trainer(), hover);
    if (changed) model_.apply(c);
}

}  // namespace bp
