// GraphLab's canvas and order strips: the engine's layered layout scaled to boxes sized by
// their text, under a zoom and pan (wheel, drag, + - Fit); edges with the local derivative
// and the += amount sent, labels placed clear of boxes and each other; the current step
// highlighted; tooltips with full-precision numbers; the order each algorithm visits.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "colors.h"
#include "graph_lab.h"
#include "graph_layout.h"
#include "graph_svg.h"
#include "messages.h"

namespace bp {

namespace {

constexpr ImU32 kEdge = IM_COL32(125, 130, 142, 255);
constexpr ImU32 kSent = IM_COL32(245, 147, 34, 255);
constexpr ImU32 kCurrent = IM_COL32(255, 214, 60, 255);
constexpr ImU32 kLocalText = IM_COL32(170, 176, 188, 255);
constexpr ImU32 kGradText = IM_COL32(120, 220, 140, 255);
constexpr ImU32 kDim = IM_COL32(120, 124, 134, 255);
constexpr ImU32 kPathColor = IM_COL32(90, 200, 250, 255);  // the path hovered in the paths panel
constexpr float kGap = 60, kRowGap = 16, kPad = 5, kMargin = 16, kEntry = 10, kLabelMargin = 16;
constexpr float kMaxFitZoom = 1.5f;  // fit enlarges text to 24 px at most
constexpr float kMinTextPx = 9;     // smaller text is not drawn: boxes show their op at most

// Pixel geometry of the picture at zoom 1 (text at the window's font size; box widths
// from their longest line, a gradient line sized for all its terms so boxes do not grow
// while stepping), and the view that places it on the screen.
struct Geometry {
    std::vector<float> box_w;
    std::vector<float> column;  // per layer: centre x
    float box_h = 0, row_h = 0, width = 0, height = 0;
    float zoom = 1;
    ImVec2 origin;  // where the picture's (0, 0) is on the screen
    ImVec2 unit(const LayoutPoint& p) const {
        return {column[std::size_t(p.x)], kMargin + box_h / 2 + float(p.y) * row_h};
    }
    ImVec2 screen(ImVec2 u) const { return {origin.x + u.x * zoom, origin.y + u.y * zoom}; }
    ImVec2 at(const LayoutPoint& p) const { return screen(unit(p)); }
    float text_px() const { return ImGui::GetFontSize() * zoom; }
    bool values_shown() const { return text_px() >= kMinTextPx; }
};

// With labels, each gap between layers is wide enough for the labels of the edges ending
// in its right layer (their final texts given per layout edge); without, kGap.
Geometry measure(const GraphSession& s, const std::vector<std::string>& final_grad,
                 const std::vector<std::string>& final_edge, bool labels) {
    const Graph& g = s.graph();
    const GraphLayout& l = s.layout();
    Geometry geo;
    geo.box_h = 3 * ImGui::GetTextLineHeight() + 2 * kPad;
    geo.row_h = geo.box_h + kRowGap;
    geo.box_w.assign(std::size_t(g.size()), 0);
    std::vector<float> col_w(std::size_t(l.layers), 0);
    for (int id : s.forward_order()) {
        const std::string v = "v = " + svg_number(g.node(id).value);
        const std::string final_text = std::size_t(id) < final_grad.size() ? final_grad[std::size_t(id)] : "";
        const float grad_w = std::max(ImGui::CalcTextSize(grad_text(s, id).c_str()).x,
                                      ImGui::CalcTextSize(final_text.c_str()).x);
        const float w = std::max({ImGui::CalcTextSize(node_label(g.node(id)).c_str()).x + 40,
                                  ImGui::CalcTextSize(v.c_str()).x, grad_w, 70.0f});
        geo.box_w[std::size_t(id)] = w + 2 * kPad;
        float& c = col_w[std::size_t(l.layer[std::size_t(id)])];
        c = std::max(c, geo.box_w[std::size_t(id)]);
    }
    std::vector<double> label_w;
    for (const std::string& t : final_edge) label_w.push_back(labels ? ImGui::CalcTextSize(t.c_str()).x + 4 : 0);
    const std::vector<double> widest = widest_labels(l, label_w);
    float x = kMargin;
    for (std::size_t i = 0; i < col_w.size(); ++i) {
        geo.column.push_back(x + col_w[i] / 2);
        x += col_w[i] + (i < widest.size() ? std::max(kGap, float(widest[i]) + 2 * kLabelMargin) : 0);
    }
    geo.width = x + kMargin;
    geo.height = 2 * kMargin + float(l.rows - 1) * geo.row_h + geo.box_h;
    return geo;
}

// A node's box at zoom 1.
Rect unit_box(const GraphSession& s, const Geometry& geo, int id) {
    const ImVec2 c = geo.unit(s.layout().at(id));
    const float w = geo.box_w[std::size_t(id)];
    return {c.x - w / 2, c.y - geo.box_h / 2, c.x + w / 2, c.y + geo.box_h / 2};
}

// An edge as drawn at zoom 1: from the side of its input's box to the side of its user's,
// a binary operation's two inputs arriving apart.
std::vector<ImVec2> edge_line(const GraphSession& s, const Geometry& geo, const LayoutEdge& e) {
    std::vector<ImVec2> p;
    for (const LayoutPoint& pt : e.points) p.push_back(geo.unit(pt));
    p.front().x += geo.box_w[std::size_t(e.from)] / 2;
    p.back().x -= geo.box_w[std::size_t(e.to)] / 2 + 1;
    if (s.graph().node(e.to).inputs.size() == 2) p.back().y += e.slot == 0 ? -kEntry : kEntry;
    return p;
}

void add_text(ImDrawList* dl, float px, ImVec2 at, ImU32 col, const std::string& text) {
    dl->AddText(ImGui::GetFont(), px, at, col, text.c_str());
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
    std::vector<ImVec2> p = edge_line(s, geo, e);
    for (ImVec2& q : p) q = geo.screen(q);
    const bool current = in_current_step(s, e);
    const ImU32 col = highlight ? kPathColor : current ? kCurrent : s.sent(e.to, e.slot) ? kSent : kEdge;
    dl->AddPolyline(p.data(), int(p.size()), col, ImDrawFlags_None, current || highlight ? 3.0f : 1.5f);
    const ImVec2 a = p[p.size() - 2], b = p.back();
    const float len = std::max(1.0f, std::hypot(b.x - a.x, b.y - a.y));
    const ImVec2 d{(b.x - a.x) / len, (b.y - a.y) / len};
    const float head = std::clamp(9 * geo.zoom, 3.0f, 14.0f), half = head * 4 / 9;
    dl->AddTriangleFilled(b, {b.x - head * d.x - half * d.y, b.y - head * d.y + half * d.x},
                          {b.x - head * d.x + half * d.y, b.y - head * d.y - half * d.x}, col);
}

// The label where place_labels put it (at zoom 1): the local derivative, under it the
// amount sent.
void draw_edge_label(ImDrawList* dl, const GraphSession& s, const Geometry& geo, const LayoutEdge& e, const Rect& r) {
    const std::string text = edge_label(s, e);
    if (text.empty()) return;
    const std::size_t nl = text.find('\n');
    const float px = geo.text_px(), k = px / ImGui::GetFontSize();
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    const ImVec2 at = geo.screen({float(r.x0) + 2, float(r.y0)});
    dl->AddRectFilled({at.x - 2 * geo.zoom, at.y}, {at.x + (size.x + 2) * k, at.y + size.y * k}, IM_COL32(30, 32, 38, 225), 3);
    add_text(dl, px, at, kLocalText, text.substr(0, nl));
    if (nl != std::string::npos)
        add_text(dl, px, {at.x, at.y + px}, in_current_step(s, e) ? kCurrent : kSent, text.substr(nl + 1));
}

void node_tooltip(const GraphSession& s, int id) {
    const Graph& g = s.graph();
    const Node& n = g.node(id);
    ImGui::BeginTooltip();
    std::string inputs;
    for (int in : n.inputs) inputs += " #" + std::to_string(in);
    auto number = [](const char* format, double v) {
        char buf[40];
        std::snprintf(buf, sizeof buf, format, v);
        return std::string(buf);
    };
    const std::string id_text = std::to_string(id);
    ImGui::TextUnformatted(msg_now(inputs.empty() ? "canvas.node" : "canvas.node_inputs",
                               {{"id", id_text}, {"label", node_label(n)}, {"inputs", inputs}}).c_str());
    if (s.value_known(id)) ImGui::TextUnformatted(msg_now("canvas.value", {{"v", number("%.17g", n.value)}}).c_str());
    for (int slot = 0; slot < int(n.inputs.size()); ++slot)
        if (auto l = s.local(id, slot))
            ImGui::TextUnformatted(msg_now("canvas.local", {{"id", id_text}, {"in", std::to_string(n.inputs[std::size_t(slot)])},
                                                        {"v", number("%.10g", *l)}}).c_str());
    if (!s.grad_known(id)) return ImGui::EndTooltip();
    ImGui::TextUnformatted(msg_now(s.grad_final(id) ? "canvas.grad" : "canvas.grad_so_far", {{"id", id_text}, {"v", number("%.17g", s.grad(id))}}).c_str());
    if (id == g.output()) ImGui::TextUnformatted(tr("canvas.seed"));
    for (const Contribution& c : s.contributions(id))
        ImGui::TextUnformatted(msg_now("canvas.contribution", {{"amount", number("%.10g", c.amount)}, {"from", std::to_string(c.from)},
                                                           {"label", node_label(g.node(c.from))}, {"grad", number("%.6g", s.grad(c.from))},
                                                           {"local", number("%.6g", c.local)}}).c_str());
    ImGui::EndTooltip();
}

// One box: op (and id), value, gradient line; at a zoom where text would be smaller than
// kMinTextPx, the op alone at that size if it fits, no numbers. Returns whether it was clicked.
bool draw_node(ImDrawList* dl, const GraphSession& s, const Geometry& geo, int id, bool hover) {
    const Graph& g = s.graph();
    const Op op = g.node(id).op;
    const Rect r = unit_box(s, geo, id);
    const ImVec2 lo = geo.screen({float(r.x0), float(r.y0)}), hi = geo.screen({float(r.x1), float(r.y1)});
    const float round = std::min(6.0f, 6 * geo.zoom);
    const ImU32 fill = op == Op::Var ? IM_COL32(38, 64, 102, 255) : op == Op::Const ? IM_COL32(58, 58, 66, 255)
                                                                                  : IM_COL32(46, 50, 60, 255);
    dl->AddRectFilled(lo, hi, fill, round);
    const bool current = id == s.current();
    const ImU32 border = current ? kCurrent : id == g.output() ? IM_COL32(225, 225, 230, 255) : IM_COL32(95, 100, 112, 255);
    dl->AddRect(lo, hi, border, round, 0, current ? 3.0f : 1.2f);
    const std::string label = node_label(g.node(id));
    const ImU32 label_col = s.value_known(id) ? IM_COL32(255, 255, 255, 255) : kDim;
    const float px = std::max(geo.text_px(), kMinTextPx), k = px / ImGui::GetFontSize();
    const float label_w = ImGui::CalcTextSize(label.c_str()).x * k, c = (lo.x + hi.x) / 2;
    if (!geo.values_shown()) {
        if (label_w < hi.x - lo.x - 2 && px < hi.y - lo.y) add_text(dl, px, {c - label_w / 2, (lo.y + hi.y - px) / 2}, label_col, label);
    } else {
        const float pad = kPad * geo.zoom, lh = ImGui::GetTextLineHeight() * geo.zoom;
        const std::string tag = "#" + std::to_string(id);
        const float tag_end = lo.x + (4 + ImGui::CalcTextSize(tag.c_str()).x + 4) * geo.zoom;  // the op clear of the tag
        add_text(dl, px, {std::max(c - label_w / 2, tag_end), lo.y + pad - geo.zoom}, label_col, label);
        add_text(dl, px, {lo.x + 4 * geo.zoom, lo.y + 2 * geo.zoom}, kDim, tag);
        if (s.value_known(id)) add_text(dl, px, {lo.x + pad, lo.y + pad + lh}, kPanelText, "v = " + svg_number(g.node(id).value));
        const std::string grad = grad_text(s, id);
        const bool whole = s.grad_final(id) || id == g.output() || int(s.contributions(id).size()) == s.users(id);
        if (!grad.empty()) add_text(dl, px, {lo.x + pad, lo.y + pad + 2 * lh}, whole ? kGradText : kWarning, grad);
    }
    if (!hover || !ImGui::IsMouseHoveringRect(lo, hi)) return false;
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

// Edge labels at zoom 1, clear of the boxes and of each other, each sized for its final
// text (given per edge) so they stay put while stepping.
std::vector<Rect> place_edge_labels(const GraphSession& s, const Geometry& geo, const std::vector<std::string>& texts) {
    std::vector<Rect> boxes;
    for (int id : s.forward_order()) boxes.push_back(unit_box(s, geo, id));
    std::vector<LabelRequest> labels;
    const std::vector<LayoutEdge>& edges = s.layout().edges;
    for (std::size_t i = 0; i < edges.size(); ++i) {
        LabelRequest r;
        for (ImVec2 p : edge_line(s, geo, edges[i])) r.line.push_back({p.x, p.y});
        const ImVec2 size = ImGui::CalcTextSize(i < texts.size() ? texts[i].c_str() : "");
        r.w = size.x + 4;
        r.h = size.y;
        labels.push_back(std::move(r));
    }
    return place_labels(boxes, labels);
}

}  // namespace

std::string edge_label(const GraphSession& s, const LayoutEdge& e) {
    const std::optional<double> local = s.local(e.to, e.slot), sent = s.sent(e.to, e.slot);
    if (!local) return "";
    return svg_number(*local) + (sent ? "\n+= " + svg_number(*sent) : "");
}

void GraphLab::show_labels(bool on) {
    view_.labels = on;
    view_.labels_chosen = true;  // until the next formula
    view_.zp.fit = true;         // the picture changes width: fit it again
}

void GraphLab::zoom_view(float factor, ImVec2 at) { view_.zp.zoom_about(factor, at); }

// The canvas: the picture under the view's zoom and pan. A new formula opens fitted (and
// stays fitted, through resizes and new values, until the mouse or a button moves it),
// with its edge labels unless only the narrower picture without them has legible values.
void GraphLab::draw_canvas(ImVec2 size) {
    ImGui::BeginChild("canvas", size, true, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    const GraphSession& s = session_;
    ZoomPan& zp = view_.zp;
    zp.place(ImGui::GetContentRegionAvail());
    if (s.formula() != fitted_formula_) fitted_formula_ = s.formula(), zp.fit = true, view_.labels_chosen = false;
    Geometry geo = measure(s, final_grad_text_, final_edge_text_, true);
    auto fit_zoom = [&](const Geometry& g) { return zp.fit_zoom({g.width, g.height}, kMaxFitZoom); };
    if (zp.fit && !view_.labels_chosen) {  // edge labels off when that is what makes the values legible
        const Geometry compact = measure(s, final_grad_text_, final_edge_text_, false);
        const float font = ImGui::GetFontSize();
        view_.labels = !(fit_zoom(geo) * font < kMinTextPx && fit_zoom(compact) * font >= kMinTextPx);
    }
    if (!view_.labels) geo = measure(s, final_grad_text_, final_edge_text_, false);
    zp.fit_to({geo.width, geo.height}, kMaxFitZoom);
    report_.min = zp.min;
    report_.size = zp.size;
    const bool hovered = zp.interact();
    geo.zoom = zp.zoom;
    geo.origin = zp.origin();
    const bool labels = view_.labels && geo.values_shown();
    if (labels && (labels_generation_ != generation_ || labels_font_ != ImGui::GetFontSize() ||
                   label_rects_.size() != s.layout().edges.size())) {
        label_rects_ = place_edge_labels(s, geo, final_edge_text_);
        labels_generation_ = generation_;
        labels_font_ = ImGui::GetFontSize();
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const std::vector<LayoutEdge>& edges = s.layout().edges;
    for (const LayoutEdge& e : edges) draw_edge(dl, s, geo, e, on_path(hovered_path_, e));
    report_.boxes.clear();
    for (int id : s.forward_order()) {
        if (draw_node(dl, s, geo, id, hovered) && s.graph().node(id).op == Op::Var) path_var_ = id;
        const Rect r = unit_box(s, geo, id);
        const ImVec2 lo = geo.screen({float(r.x0), float(r.y0)});
        report_.boxes.push_back({id, {lo.x, lo.y, float(r.x1 - r.x0) * geo.zoom, float(r.y1 - r.y0) * geo.zoom}});
    }
    report_.labels.clear();
    for (std::size_t i = 0; i < edges.size() && labels; ++i) {
        const Rect& r = label_rects_[i];
        draw_edge_label(dl, s, geo, edges[i], r);
        const ImVec2 lo = geo.screen({float(r.x0), float(r.y0)});
        if (s.local(edges[i].to, edges[i].slot))
            report_.labels.push_back({lo.x, lo.y, float(r.x1 - r.x0) * geo.zoom, float(r.y1 - r.y0) * geo.zoom});
    }
    report_.zoom = zp.zoom;
    report_.pan = zp.pan;
    report_.fit = zp.fit;
    report_.text_px = geo.text_px();
    report_.values_shown = geo.values_shown();
    report_.labels_on = view_.labels;
    draw_view_bar();
    ImGui::EndChild();
}

// Zoom buttons at the canvas's top right; at its bottom left, the zoom and what to do.
void GraphLab::draw_view_bar() {
    const ImGuiStyle& st = ImGui::GetStyle();
    view_.zp.buttons(ImGui::CalcTextSize(tr("canvas.edge_labels")).x + st.ItemSpacing.x + ImGui::GetFrameHeight() + st.ItemInnerSpacing.x);
    ImGui::SameLine();
    bool labels = view_.labels;
    if (ImGui::Checkbox(tr("canvas.edge_labels"), &labels)) show_labels(labels);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("canvas.edge_labels_tip"));
    const char* what = !report_.values_shown  ? "canvas.hint_small"
                       : view_.labels          ? "canvas.hint"
                       : !view_.labels_chosen  ? "canvas.hint_labels_fit"
                                               : "canvas.hint_labels_off";
    const std::string hint = msg_now(what, {{"zoom", std::to_string(int(std::lround(report_.zoom * 100)))}, {"edge_labels", tr("canvas.edge_labels")}});
    view_.zp.hint(hint.c_str(), !report_.values_shown);
}

void GraphLab::draw_orders() {
    const GraphSession& s = session_;
    const Graph& g = s.graph();
    const bool forward_active = !s.backward_started();
    auto name = [&](int id) { return std::to_string(id) + ":" + node_label(g.node(id)); };
    bool first = true;
    token(tr("orders.forward"), kPanelText, first);
    for (int i = 0; i < int(s.forward_order().size()); ++i) {
        const int id = s.forward_order()[std::size_t(i)];
        token(name(id), state_color(i < s.forward_done(), forward_active && id == s.current(), true), first);
    }
    first = true;
    const bool iterative = s.algorithm() == Algorithm::Iterative;
    token(tr("orders.iterative"), iterative ? kPanelText : kDim, first);
    const std::vector<int> reverse(s.forward_order().rbegin(), s.forward_order().rend());
    for (int i = 0; i < int(reverse.size()); ++i)
        token(name(reverse[std::size_t(i)]),
              state_color(i < s.backward_done(), !forward_active && reverse[std::size_t(i)] == s.current(), iterative), first);
    first = true;
    token(tr("orders.recursive"), iterative ? kDim : kPanelText, first);
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
