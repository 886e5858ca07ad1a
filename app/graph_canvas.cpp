// GraphLab's canvas and order strips: the engine's layered layout scaled to boxes sized by
// their text; edges with the local derivative and the += amount sent; the current step
// highlighted; tooltips with full-precision numbers; the order each algorithm visits.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "colors.h"
#include "graph_lab.h"
#include "graph_svg.h"

namespace bp {

namespace {

constexpr ImU32 kEdge = IM_COL32(125, 130, 142, 255);
constexpr ImU32 kSent = IM_COL32(245, 147, 34, 255);
constexpr ImU32 kCurrent = IM_COL32(255, 214, 60, 255);
constexpr ImU32 kLocalText = IM_COL32(170, 176, 188, 255);
constexpr ImU32 kGradText = IM_COL32(120, 220, 140, 255);
constexpr ImU32 kDim = IM_COL32(120, 124, 134, 255);
constexpr ImU32 kPathColor = IM_COL32(90, 200, 250, 255);  // the path hovered in the paths panel
constexpr float kGap = 100, kRowGap = 30, kPad = 7, kMargin = 16;
constexpr float kMinZoom = 0.55f;

// Pixel geometry of one frame's drawing: box widths from their longest line (a gradient
// line is sized for all its terms, so boxes do not grow while stepping).
struct Geometry {
    float k = 1;  // zoom: the window's font scale, and every spacing with it
    std::vector<float> box_w;
    std::vector<float> column;  // per layer: centre x, relative to the canvas origin
    float box_h = 0, row_h = 0, width = 0, height = 0;
    ImVec2 origin;
    ImVec2 at(const LayoutPoint& p) const {
        return {origin.x + column[std::size_t(p.x)], origin.y + kMargin * k + box_h / 2 + float(p.y) * row_h};
    }
};

// Text sizes follow the window's font scale; k scales the spacings to match.
Geometry measure(const GraphSession& s, const std::vector<std::string>& final_grad, float k) {
    const Graph& g = s.graph();
    const GraphLayout& l = s.layout();
    Geometry geo;
    geo.k = k;
    geo.box_h = 3 * ImGui::GetTextLineHeight() + 2 * kPad * k;
    geo.row_h = geo.box_h + kRowGap * k;
    geo.box_w.assign(std::size_t(g.size()), 0);
    std::vector<float> col_w(std::size_t(l.layers), 0);
    for (int id : s.forward_order()) {
        const std::string v = "v = " + svg_number(g.node(id).value);
        const std::string final_text = std::size_t(id) < final_grad.size() ? final_grad[std::size_t(id)] : "";
        const float grad_w = std::max(ImGui::CalcTextSize(grad_text(s, id).c_str()).x,
                                      ImGui::CalcTextSize(final_text.c_str()).x);
        const float w = std::max({ImGui::CalcTextSize(node_label(g.node(id)).c_str()).x + 30 * k,
                                  ImGui::CalcTextSize(v.c_str()).x, grad_w, 70 * k});
        geo.box_w[std::size_t(id)] = w + 2 * kPad * k;
        float& c = col_w[std::size_t(l.layer[std::size_t(id)])];
        c = std::max(c, geo.box_w[std::size_t(id)]);
    }
    float x = kMargin * k;
    for (float w : col_w) {
        geo.column.push_back(x + w / 2);
        x += w + kGap * k;
    }
    geo.width = x - kGap * k + kMargin * k;
    geo.height = 2 * kMargin * k + float(l.rows - 1) * geo.row_h + geo.box_h;
    return geo;
}

// Edges of the step just taken: what a forward step read, what a backward step sent.
bool in_current_step(const GraphSession& s, const LayoutEdge& e) {
    if (s.steps().empty()) return false;
    const LabStep& st = s.steps().back();
    if (st.forward || s.algorithm() == Algorithm::Iterative) return e.to == st.node;
    return e.from == st.node;  // recursive: the node pulled from its users
}

bool on_path(const std::vector<int>& path, const LayoutEdge& e) {
    for (std::size_t i = 0; i + 1 < path.size(); ++i)
        if (path[i] == e.from && path[i + 1] == e.to) return true;
    return false;
}

void draw_edge(ImDrawList* dl, const GraphSession& s, const Geometry& geo, const LayoutEdge& e, bool highlight) {
    std::vector<ImVec2> p;
    for (const LayoutPoint& pt : e.points) p.push_back(geo.at(pt));
    p.front().x += geo.box_w[std::size_t(e.from)] / 2;
    p.back().x -= geo.box_w[std::size_t(e.to)] / 2 + 1;
    if (s.graph().node(e.to).inputs.size() == 2) p.back().y += e.slot == 0 ? -10.0f : 10.0f;
    const bool current = in_current_step(s, e);
    const ImU32 col = highlight ? kPathColor : current ? kCurrent : s.sent(e.to, e.slot) ? kSent : kEdge;
    dl->AddPolyline(p.data(), int(p.size()), col, ImDrawFlags_None, current || highlight ? 3.0f : 1.5f);
    const ImVec2 a = p[p.size() - 2], b = p.back();
    const float len = std::max(1.0f, std::hypot(b.x - a.x, b.y - a.y));
    const ImVec2 d{(b.x - a.x) / len, (b.y - a.y) / len};
    dl->AddTriangleFilled(b, {b.x - 9 * d.x - 4 * d.y, b.y - 9 * d.y + 4 * d.x},
                          {b.x - 9 * d.x + 4 * d.y, b.y - 9 * d.y - 4 * d.x}, col);
}

// The label halfway along the last segment: the local derivative, then the amount sent.
void draw_edge_label(ImDrawList* dl, const GraphSession& s, const Geometry& geo, const LayoutEdge& e) {
    const std::optional<double> local = s.local(e.to, e.slot), sent = s.sent(e.to, e.slot);
    if (!local) return;
    const ImVec2 a = geo.at(e.points[e.points.size() - 2]), b = geo.at(e.points.back());
    const float ax = a.x + geo.box_w[std::size_t(e.from)] / 2 * (e.points.size() == 2);
    const float bx = b.x - geo.box_w[std::size_t(e.to)] / 2;
    const std::string l = svg_number(*local), t = sent ? "  += " + svg_number(*sent) : "";
    const ImVec2 lw = ImGui::CalcTextSize(l.c_str()), tw = ImGui::CalcTextSize(t.c_str());
    const ImVec2 at{(ax + bx) / 2 - (lw.x + tw.x) / 2, (a.y + b.y) / 2 - lw.y / 2};
    dl->AddRectFilled({at.x - 2, at.y}, {at.x + lw.x + tw.x + 2, at.y + lw.y}, IM_COL32(30, 32, 38, 225), 3);
    dl->AddText(at, kLocalText, l.c_str());
    if (sent) dl->AddText({at.x + lw.x, at.y}, in_current_step(s, e) ? kCurrent : kSent, t.c_str());
}

void node_tooltip(const GraphSession& s, int id) {
    const Graph& g = s.graph();
    const Node& n = g.node(id);
    ImGui::BeginTooltip();
    std::string inputs;
    for (int in : n.inputs) inputs += " #" + std::to_string(in);
    ImGui::Text("node #%d: %s%s%s", id, node_label(n).c_str(), inputs.empty() ? "" : ", inputs", inputs.c_str());
    if (s.value_known(id)) ImGui::Text("value = %.17g", n.value);
    for (int slot = 0; slot < int(n.inputs.size()); ++slot)
        if (auto l = s.local(id, slot)) ImGui::Text("d #%d / d #%d = %.10g  (local)", id, n.inputs[std::size_t(slot)], *l);
    if (!s.grad_known(id)) return ImGui::EndTooltip();
    ImGui::Text("grad = d output / d #%d = %.17g%s", id, s.grad(id), s.grad_final(id) ? "" : "  (so far)");
    if (id == g.output()) ImGui::TextUnformatted("  the seed: d output / d output = 1");
    for (const Contribution& c : s.contributions(id))
        ImGui::Text("  += %.10g from #%d (%s): its grad %.6g x local %.6g", c.amount, c.from,
                    node_label(g.node(c.from)).c_str(), s.grad(c.from), c.local);
    ImGui::EndTooltip();
}

// One box: op (and id), value, gradient line; returns whether it was clicked.
bool draw_node(ImDrawList* dl, const GraphSession& s, const Geometry& geo, int id) {
    const Graph& g = s.graph();
    const Op op = g.node(id).op;
    const ImVec2 c = geo.at(s.layout().at(id));
    const float w = geo.box_w[std::size_t(id)];
    const ImVec2 lo{c.x - w / 2, c.y - geo.box_h / 2}, hi{c.x + w / 2, c.y + geo.box_h / 2};
    const float pad = kPad * geo.k;
    const ImU32 fill = op == Op::Var ? IM_COL32(38, 64, 102, 255) : op == Op::Const ? IM_COL32(58, 58, 66, 255)
                                                                                  : IM_COL32(46, 50, 60, 255);
    dl->AddRectFilled(lo, hi, fill, 6);
    const bool current = id == s.current();
    const ImU32 border = current ? kCurrent : id == g.output() ? IM_COL32(225, 225, 230, 255) : IM_COL32(95, 100, 112, 255);
    dl->AddRect(lo, hi, border, 6, 0, current ? 3.0f : 1.2f);
    const float lh = ImGui::GetTextLineHeight();
    const std::string label = node_label(g.node(id)), tag = "#" + std::to_string(id);
    dl->AddText({c.x - ImGui::CalcTextSize(label.c_str()).x / 2, lo.y + pad - 1},
                s.value_known(id) ? IM_COL32(255, 255, 255, 255) : kDim, label.c_str());
    dl->AddText({lo.x + 4, lo.y + 2}, kDim, tag.c_str());
    if (s.value_known(id))
        dl->AddText({lo.x + pad, lo.y + pad + lh}, kPanelText, ("v = " + svg_number(g.node(id).value)).c_str());
    const std::string grad = grad_text(s, id);
    if (!grad.empty()) dl->AddText({lo.x + pad, lo.y + pad + 2 * lh}, s.grad_final(id) || id == g.output() ||
                                   int(s.contributions(id).size()) == s.users(id) ? kGradText : kWarning, grad.c_str());
    if (!ImGui::IsMouseHoveringRect(lo, hi)) return false;
    node_tooltip(s, id);
    return ImGui::IsMouseClicked(ImGuiMouseButton_Left);
}

// A token of an order strip, wrapped to the window; colour by state.
void token(const std::string& text, ImU32 color, bool& first) {
    const float w = ImGui::CalcTextSize(text.c_str()).x;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (!first && ImGui::GetItemRectMax().x + 6 + w < right) ImGui::SameLine(0, 6);
    first = false;
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopStyleColor();
}

ImU32 state_color(bool done, bool current, bool active) {
    if (!active) return kDim;
    return current ? kCurrent : done ? kGradText : IM_COL32(200, 204, 212, 255);
}

}  // namespace

void GraphLab::draw_canvas(ImVec2 size) {
    ImGui::BeginChild("canvas", size, true, ImGuiWindowFlags_HorizontalScrollbar);
    const GraphSession& s = session_;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    ImGui::SetWindowFontScale(1);  // the window keeps last frame's zoom otherwise
    Geometry geo = measure(s, final_grad_text_, 1);
    const float fit = std::min(avail.x / geo.width, avail.y / geo.height);
    if (fit < 1) {  // zoom out to fit (text does not scale exactly), down to a legible size
        const float zoom = std::max(kMinZoom, fit * 0.97f);
        ImGui::SetWindowFontScale(zoom);
        geo = measure(s, final_grad_text_, zoom);
    }
    geo.origin = ImGui::GetCursorScreenPos();
    geo.origin.x += std::max(0.0f, (avail.x - geo.width) / 2);  // centred when it fits
    geo.origin.y += std::max(0.0f, (avail.y - geo.height) / 2);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (const LayoutEdge& e : s.layout().edges) draw_edge(dl, s, geo, e, on_path(hovered_path_, e));
    for (int id : s.forward_order())
        if (draw_node(dl, s, geo, id) && s.graph().node(id).op == Op::Var) path_var_ = id;
    for (const LayoutEdge& e : s.layout().edges) draw_edge_label(dl, s, geo, e);
    ImGui::Dummy({geo.width, geo.height});
    ImGui::EndChild();
}

void GraphLab::draw_orders() {
    const GraphSession& s = session_;
    const Graph& g = s.graph();
    const bool forward_active = !s.backward_started();
    auto name = [&](int id) { return std::to_string(id) + ":" + node_label(g.node(id)); };
    bool first = true;
    token("forward (topological):", kPanelText, first);
    for (int i = 0; i < int(s.forward_order().size()); ++i) {
        const int id = s.forward_order()[std::size_t(i)];
        token(name(id), state_color(i < s.forward_done(), forward_active && id == s.current(), true), first);
    }
    first = true;
    const bool iterative = s.algorithm() == Algorithm::Iterative;
    token("backward, iterative (reverse topological):", iterative ? kPanelText : kDim, first);
    const std::vector<int> reverse(s.forward_order().rbegin(), s.forward_order().rend());
    for (int i = 0; i < int(reverse.size()); ++i)
        token(name(reverse[std::size_t(i)]),
              state_color(i < s.backward_done(), !forward_active && reverse[std::size_t(i)] == s.current(), iterative), first);
    first = true;
    token("backward, recursive:  n( = call grad(n), ) = it returns, [n] = from the memo:", iterative ? kDim : kPanelText, first);
    int finished = 0;
    for (const Visit& v : s.visits()) {
        const bool done = finished < s.backward_done();
        finished += v.kind == Visit::Finish;
        const bool current = v.kind == Visit::Finish && finished == s.backward_done() && !forward_active;
        const std::string t = v.kind == Visit::Call ? std::to_string(v.node) + "(" : v.kind == Visit::Memo
                                  ? "[" + std::to_string(v.node) + "]" : ")";
        token(t, state_color(done, current, !iterative), first);
    }
}

}  // namespace bp
