// graph_svg: the same picture as the lab's canvas, written as SVG text: a header with the
// formula, then edges (polylines through the layout's waypoints, labels near the head),
// then nodes (boxes with op, value, gradient). Each layer's column is as wide as its
// widest box, and a box as wide as its longest line (text width estimated per character);
// edge labels go where place_labels finds room, as on the lab's canvas.
#include "graph_svg.h"

#include <algorithm>
#include <cstdio>
#include <utility>
#include <vector>

#include "text_util.h"

namespace bp {

namespace {

constexpr double kMinBoxW = 104, kBoxH = 58, kGap = 130, kRow = 84, kMargin = 24, kHeader = 56;
constexpr double kCharW = 6.6;  // 12 px sans-serif, a little generous
constexpr double kLabelCharW = 6.4, kLabelH = 13, kLabelMargin = 16;  // edge labels: 11 px, with their halo

std::string esc(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '&') out += "&amp;";
        else if (c == '"') out += "&quot;";
        else out += c;
    }
    return out;
}

std::string num(double v) {  // coordinates
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

std::string text(double x, double y, const std::string& s, const char* attrs = "") {
    return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" " + attrs + ">" + esc(s) + "</text>\n";
}

// Box texts, box widths, and column positions (x of each layer's centre).
struct Picture {
    std::vector<std::string> value, grad;  // per node: "v = ..." / grad_text, "" when unknown
    std::vector<double> box_w;             // per node
    std::vector<double> column;            // per layer: centre x
    double width = 0, height = 0;
    double x(int id, const GraphLayout& l) const { return column[std::size_t(l.layer[std::size_t(id)])]; }
    static double y(double row) { return kHeader + kMargin + row * kRow + kBoxH / 2; }
};

// Per layout edge: its label's estimated width (0 while the label is not shown).
std::vector<double> label_widths(const GraphSession& s) {
    std::vector<double> w;
    for (const LayoutEdge& e : s.layout().edges) {
        const std::optional<double> sent = s.sent(e.to, e.slot), local = s.local(e.to, e.slot);
        const std::size_t chars = local ? svg_number(*local).size() + (sent ? 4 + svg_number(*sent).size() : 0) : 0;
        w.push_back(kLabelCharW * double(chars));
    }
    return w;
}

Picture measure(const GraphSession& s) {
    const Graph& g = s.graph();
    const GraphLayout& l = s.layout();
    Picture p;
    p.value.resize(std::size_t(g.size()));
    p.grad.resize(std::size_t(g.size()));
    p.box_w.assign(std::size_t(g.size()), kMinBoxW);
    std::vector<double> col_w(std::size_t(l.layers), kMinBoxW);
    for (int id : s.forward_order()) {
        if (s.value_known(id)) p.value[std::size_t(id)] = "v = " + svg_number(g.node(id).value);
        p.grad[std::size_t(id)] = grad_text(s, id);
        const std::size_t longest = std::max({node_label(g.node(id)).size(), p.value[std::size_t(id)].size(),
                                              p.grad[std::size_t(id)].size()});
        p.box_w[std::size_t(id)] = std::max(kMinBoxW, kCharW * double(longest) + 16);
        double& w = col_w[std::size_t(l.layer[std::size_t(id)])];
        w = std::max(w, p.box_w[std::size_t(id)]);
    }
    const std::vector<double> widest = widest_labels(l, label_widths(s));  // room for the edge labels
    double x = kMargin;
    for (std::size_t i = 0; i < col_w.size(); ++i) {
        p.column.push_back(x + col_w[i] / 2);
        x += col_w[i] + (i < widest.size() ? std::max(kGap, widest[i] + 2 * kLabelMargin) : 0);
    }
    p.width = std::max(x + kMargin, 640.0);
    p.height = kHeader + 2 * kMargin + (l.rows - 1) * kRow + kBoxH;
    return p;
}

// Where an edge enters node `to`: a binary op's two inputs arrive 28 px apart.
double entry_offset(const Graph& g, const LayoutEdge& e) {
    return g.node(e.to).inputs.size() < 2 ? 0 : e.slot == 0 ? -14 : 14;
}

// The edge's polyline: from the side of its input's box to the side of its user's.
std::vector<DrawPoint> edge_points(const GraphSession& s, const Picture& pic, const LayoutEdge& e) {
    std::vector<DrawPoint> p;
    for (const LayoutPoint& pt : e.points) p.push_back({pic.column[std::size_t(pt.x)], Picture::y(pt.y)});
    p.front().x += pic.box_w[std::size_t(e.from)] / 2;
    p.back().x -= pic.box_w[std::size_t(e.to)] / 2 + 2;
    p.back().y += entry_offset(s.graph(), e);
    return p;
}

// Where each edge's label goes (place_labels: clear of the boxes and of each other).
std::vector<Rect> label_places(const GraphSession& s, const Picture& pic) {
    std::vector<Rect> boxes;
    for (int id : s.forward_order()) {
        const double w = pic.box_w[std::size_t(id)], y = Picture::y(s.layout().row[std::size_t(id)]);
        boxes.push_back({pic.x(id, s.layout()) - w / 2, y - kBoxH / 2, pic.x(id, s.layout()) + w / 2, y + kBoxH / 2});
    }
    std::vector<LabelRequest> labels;
    const std::vector<double> widths = label_widths(s);
    for (std::size_t i = 0; i < widths.size(); ++i)
        labels.push_back({edge_points(s, pic, s.layout().edges[i]), widths[i], kLabelH});
    return place_labels(boxes, labels);
}

std::string edge_svg(const GraphSession& s, const Picture& pic, const LayoutEdge& e, const Rect& place) {
    const std::string pts = join(edge_points(s, pic, e), " ", [](const DrawPoint& q) { return num(q.x) + "," + num(q.y); });
    const std::optional<double> sent = s.sent(e.to, e.slot), local = s.local(e.to, e.slot);
    std::string out = "<polyline points=\"" + pts + "\" fill=\"none\" stroke=\"" + (sent ? "#e07b00" : "#8a8f99") +
                      "\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>\n";
    // The label on the line with a white halo: the local derivative, then (orange) what
    // the backward pass sent along the edge.
    if (!local) return out;
    std::string label = esc(svg_number(*local));
    if (sent) label += " <tspan class=\"sent\">+= " + esc(svg_number(*sent)) + "</tspan>";
    out += "<text x=\"" + num((place.x0 + place.x1) / 2) + "\" y=\"" + num((place.y0 + place.y1) / 2 + 4) +
           "\" class=\"local\" text-anchor=\"middle\">" + label + "</text>\n";
    return out;
}

std::string node_svg(const GraphSession& s, const Picture& pic, int id) {
    const Graph& g = s.graph();
    const double w = pic.box_w[std::size_t(id)];
    const double x = pic.x(id, s.layout()) - w / 2, y = Picture::y(s.layout().row[std::size_t(id)]) - kBoxH / 2;
    const Op op = g.node(id).op;
    const char* fill = op == Op::Var ? "#dbe8fb" : op == Op::Const ? "#eeeeee" : "#fdf6e3";
    const bool current = id == s.current();
    const char* stroke = current ? "#d4a000" : id == g.output() ? "#333333" : "#9aa0aa";
    std::string out = "<g id=\"node" + std::to_string(id) + "\">\n<rect x=\"" + num(x) + "\" y=\"" + num(y) +
                      "\" width=\"" + num(w) + "\" height=\"" + num(kBoxH) + "\" rx=\"8\" fill=\"" + fill +
                      "\" stroke=\"" + stroke + "\" stroke-width=\"" + (current ? "3" : "1.5") + "\"/>\n";
    out += text(x + w / 2, y + 16, node_label(g.node(id)), "class=\"op\" text-anchor=\"middle\"");
    if (!pic.value[std::size_t(id)].empty()) out += text(x + 8, y + 33, pic.value[std::size_t(id)]);
    if (!pic.grad[std::size_t(id)].empty()) out += text(x + 8, y + 50, pic.grad[std::size_t(id)], "class=\"grad\"");
    return out + "</g>\n";
}

}  // namespace

std::string svg_number(double v) { return readable(v, 4); }

std::string grad_text(const GraphSession& s, int id) {
    if (!s.grad_known(id)) return "";
    const auto& parts = s.contributions(id);
    const bool pending = int(parts.size()) < s.users(id);
    if (parts.size() < 2 && !pending) return "g = " + svg_number(s.grad(id));
    std::vector<double> terms;
    for (const Contribution& c : parts) terms.push_back(c.amount);
    const std::vector<std::string> n = readable_sum(terms, s.grad(id));  // the sum so far while pending
    std::string t = "g = ";
    for (std::size_t i = 0; i < terms.size(); ++i)
        t += (i ? " + " : "") + (i && terms[i] < 0 ? "(" + n[i] + ")" : n[i]);
    return pending ? t + " + ?" : t + " = " + n.back();
}

std::string graph_svg(const GraphSession& s) {
    if (!s.has_graph()) return "";
    const Picture pic = measure(s);
    const std::string w = num(pic.width), h = num(pic.height);
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" +
                      w + "\" height=\"" + h + "\" viewBox=\"0 0 " + w + " " + h +
                      "\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\">\n";
    out += "<title>" + esc(s.formula()) + "</title>\n";
    out += "<style>.op{font-weight:bold;font-size:14px}.grad{fill:#1a7f37}"
           ".local{fill:#6b7280;font-size:11px;paint-order:stroke;stroke:white;stroke-width:4px;stroke-linejoin:round}"
           ".sent{fill:#e07b00}</style>\n";
    out += "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" "
           "markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#8a8f99\"/></marker></defs>\n";
    out += "<rect width=\"" + w + "\" height=\"" + h + "\" fill=\"white\"/>\n";
    out += text(kMargin, 22, s.formula(), "font-size=\"15\" font-family=\"DejaVu Sans Mono, monospace\"");
    out += text(kMargin, 42, "v: value (forward)   g: d output / d node (backward)   edges: local derivative, += grad x local",
                "fill=\"#6b7280\" font-size=\"11\"");
    const std::vector<Rect> places = label_places(s, pic);
    for (std::size_t i = 0; i < places.size(); ++i) out += edge_svg(s, pic, s.layout().edges[i], places[i]);
    for (int id : s.forward_order()) out += node_svg(s, pic, id);
    return out + "</svg>\n";
}

}  // namespace bp
