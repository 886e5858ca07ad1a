// The graph lab's layered layout: on every preset every edge runs left to right one layer
// per segment, no two nodes or waypoints overlap, variables sit in the first layer and
// the output alone in the last; layers and crossings of small examples worked by hand.
// Edge labels: on every preset, drawn at the canvas's and the SVG's spacings, the placed
// labels overlap no box and no other label (the old midpoints did), each on its own edge.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "formula.h"
#include "graph_layout.h"
#include "graph_presets.h"
#include "graph_session.h"
#include "graph_svg.h"

using namespace bp;

namespace {

Graph preset_graph(const GraphPreset& p) {
    auto g = formula_to_graph(p.formula, p.values);
    REQUIRE(g);
    return std::move(g.value());
}

// Every drawn thing of a layer: node positions and edge waypoints (interior points).
std::map<double, std::vector<double>> rows_by_layer(const Graph& g, const GraphLayout& l) {
    std::map<double, std::vector<double>> rows;
    for (int id : g.topological_order()) rows[l.layer[std::size_t(id)]].push_back(l.row[std::size_t(id)]);
    for (const LayoutEdge& e : l.edges)
        for (std::size_t i = 1; i + 1 < e.points.size(); ++i) rows[e.points[i].x].push_back(e.points[i].y);
    return rows;
}

void check_layout(const Graph& g, const GraphLayout& l) {
    const std::vector<int> order = g.topological_order();
    int edges = 0;
    for (int id : order) {
        CHECK(l.layer[std::size_t(id)] >= 0);
        edges += int(g.node(id).inputs.size());
        if (g.node(id).op == Op::Var) CHECK(l.layer[std::size_t(id)] == 0);
        if (id != g.output()) CHECK(l.layer[std::size_t(id)] < l.layer[std::size_t(g.output())]);
    }
    CHECK(l.layer[std::size_t(g.output())] == l.layers - 1);
    REQUIRE(int(l.edges.size()) == edges);
    for (const LayoutEdge& e : l.edges) {
        CHECK(g.node(e.to).inputs[std::size_t(e.slot)] == e.from);
        REQUIRE(e.points.size() >= 2);
        CHECK(e.points.front().x == l.layer[std::size_t(e.from)]);
        CHECK(e.points.front().y == l.row[std::size_t(e.from)]);
        CHECK(e.points.back().x == l.layer[std::size_t(e.to)]);
        CHECK(e.points.back().y == l.row[std::size_t(e.to)]);
        for (std::size_t i = 0; i + 1 < e.points.size(); ++i) CHECK(e.points[i + 1].x == e.points[i].x + 1);
    }
    for (auto& [layer_id, rows] : rows_by_layer(g, l)) {
        const auto layer = layer_id;  // clang 14 cannot capture a structured binding (CAPTURE does)
        CAPTURE(layer);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            CHECK(rows[i] >= -1e-12);
            CHECK(rows[i] <= l.rows - 1 + 1e-12);
            for (std::size_t j = i + 1; j < rows.size(); ++j) CHECK(std::abs(rows[i] - rows[j]) >= 1 - 1e-9);
        }
    }
}

}  // namespace

TEST_CASE("graph layout: every preset runs left to right with no overlaps") {
    for (const GraphPreset& p : graph_presets()) {
        CAPTURE(p.label);
        const Graph g = preset_graph(p);
        check_layout(g, layout_graph(g));
    }
}

TEST_CASE("graph layout: (a+b)(b+1) by hand") {
    // Nodes: 0 a, 1 b, 2 a+b, 3 const 1, 4 b+1, 5 product. Layers: a, b 0; a+b 1; the
    // constant 1 sits left of its user b+1 (layer 1), so 0; the product 2. No crossings.
    const Graph g = preset_graph(graph_presets()[1]);
    const GraphLayout l = layout_graph(g);
    CHECK(l.layer == std::vector<int>{0, 0, 1, 0, 1, 2});
    CHECK(l.layers == 3);
    CHECK(count_crossings(l) == 0);
    CHECK(l.edges.size() == 6);
    for (const LayoutEdge& e : l.edges) CHECK(e.points.size() == 2);  // no layer skipped
}

TEST_CASE("graph layout: exp/log/sin by hand, with one waypoint") {
    // 0 x, 1 z, 2 xz, 3 exp, 4 log, 5 xz/log, 6 +, 7 sin, 8 sin/xz, 9 +.
    // Layers: x, z 0; xz, log 1; exp, xz/log, sin 2; + and sin/xz 3; the output 4.
    // Only the edge xz (1) -> sin/xz (3) skips a layer: one waypoint, in layer 2.
    // Edges: xz 2, exp 1, log 1, xz/log 2, + 2, sin 1, sin/xz 2, output 2: 13.
    const Graph g = preset_graph(graph_presets()[2]);
    const GraphLayout l = layout_graph(g);
    CHECK(l.layer == std::vector<int>{0, 0, 1, 2, 1, 2, 3, 2, 3, 4});
    CHECK(l.edges.size() == 13);
    int waypoints = 0;
    for (const LayoutEdge& e : l.edges) waypoints += int(e.points.size()) - 2;
    CHECK(waypoints == 1);
    check_layout(g, l);
}

TEST_CASE("graph layout: crossings are counted, and the ordering removes avoidable ones") {
    // Two independent products built crosswise: p = a*d, q = b*c, created a, b, c, d.
    // In creation order the edges a->p, d->p, b->q, c->q cross; reordering fixes it.
    Graph g;
    Value a = variable(g, "a", 1), b = variable(g, "b", 2), c = variable(g, "c", 3), d = variable(g, "d", 4);
    Value p = a * d;
    Value q = b * c;
    Value s = p + q;
    g.set_output(s.id());
    const GraphLayout l = layout_graph(g);
    CHECK(count_crossings(l) == 0);
    check_layout(g, l);
    GraphLayout crossed = l;  // put the rows back in creation order: a 0, b 1, c 2, d 3; p 0, q 1
    crossed.edges = {{0, 4, 0, {{0, 0}, {1, 0}}}, {3, 4, 1, {{0, 3}, {1, 0}}},
                     {1, 5, 0, {{0, 1}, {1, 1}}}, {2, 5, 1, {{0, 2}, {1, 1}}}};
    CHECK(count_crossings(crossed) == 2);  // d->p crosses b->q and c->q
}

TEST_CASE("graph layout: a lone variable, and an empty graph") {
    Graph g;
    g.variable("x", 1);
    const GraphLayout l = layout_graph(g);
    CHECK(l.layers == 1);
    CHECK(l.layer == std::vector<int>{0});
    CHECK(l.edges.empty());
    const GraphLayout empty = layout_graph(Graph{});
    CHECK(empty.layers == 0);
}

namespace {

// A picture's spacings, in pixels: text is estimated at char_w per character; labels are
// one line ("local += sent") or two (the canvas: "+= sent" under the local derivative).
struct Spacing {
    double char_w, label_char_w, line_h, box_h, min_box_w, col_gap, row_gap, label_margin;
    bool two_lines;
    bool widen = true;  // gaps as wide as their widest label (the canvas before did not)
};
constexpr Spacing kCanvas{8.5, 8.5, 16, 3 * 16 + 10, 84, 60, 16, 16, true};  // the lab at 16 px text
constexpr Spacing kSvg{6.6, 6.4, 13, 58, 104, 130, 26, 16, false};           // graph_svg's constants
constexpr Spacing kOldCanvas{8.5, 8.5, 16, 3 * 16 + 14, 84, 100, 30, 0, false, false};  // the lab before

struct Drawn {
    std::vector<Rect> boxes;
    std::vector<LabelRequest> labels;
};

// The preset run to the end, drawn as the views draw it: boxes as wide as their longest
// line, columns as wide as their widest box, gaps as wide as their widest label, edges
// from box side to box side, and the final label (local derivative and += amount) of each.
Drawn draw_preset(const GraphPreset& p, const Spacing& sp) {
    GraphSession s;
    REQUIRE_FALSE(s.set_formula(p.formula, p.values));
    s.run_all();
    const Graph& g = s.graph();
    const GraphLayout& l = s.layout();
    std::vector<double> box_w(std::size_t(g.size()), 0), col_w(std::size_t(l.layers), 0), col_x;
    for (int id : s.forward_order()) {
        const std::size_t chars = std::max({node_label(g.node(id)).size() + 4, grad_text(s, id).size(),
                                            ("v = " + svg_number(g.node(id).value)).size()});
        box_w[std::size_t(id)] = std::max(sp.min_box_w, sp.char_w * double(chars) + 14);
        double& c = col_w[std::size_t(l.layer[std::size_t(id)])];
        c = std::max(c, box_w[std::size_t(id)]);
    }
    std::vector<LabelRequest> labels;
    std::vector<double> label_w;
    for (const LayoutEdge& e : l.edges) {
        const std::string local = svg_number(*s.local(e.to, e.slot)), sent = "+= " + svg_number(*s.sent(e.to, e.slot));
        const std::size_t chars = sp.two_lines ? std::max(local.size(), sent.size()) : local.size() + 1 + sent.size();
        labels.push_back({{}, sp.label_char_w * double(chars) + 4, sp.line_h * (sp.two_lines ? 2 : 1)});
        label_w.push_back(labels.back().w);
    }
    const std::vector<double> widest = widest_labels(l, label_w);
    double x = 0;
    for (std::size_t i = 0; i < col_w.size(); ++i) {
        col_x.push_back(x + col_w[i] / 2);
        if (i == widest.size()) break;  // the last column: no gap after it
        x += col_w[i] + (sp.widen ? std::max(sp.col_gap, widest[i] + 2 * sp.label_margin) : sp.col_gap);
    }
    auto at = [&](const LayoutPoint& pt) {
        return DrawPoint{col_x[std::size_t(pt.x)], pt.y * (sp.box_h + sp.row_gap) + sp.box_h / 2};
    };
    Drawn d;
    for (int id : s.forward_order()) {
        const DrawPoint c = at(l.at(id));
        const double w = box_w[std::size_t(id)];
        d.boxes.push_back({c.x - w / 2, c.y - sp.box_h / 2, c.x + w / 2, c.y + sp.box_h / 2});
    }
    for (std::size_t i = 0; i < l.edges.size(); ++i) {
        const LayoutEdge& e = l.edges[i];
        for (const LayoutPoint& pt : e.points) labels[i].line.push_back(at(pt));
        labels[i].line.front().x += box_w[std::size_t(e.from)] / 2;
        labels[i].line.back().x -= box_w[std::size_t(e.to)] / 2;
    }
    d.labels = std::move(labels);
    return d;
}

// Distance from a point to a polyline.
double distance_to(const DrawPoint& p, const std::vector<DrawPoint>& line) {
    double best = 1e300;
    for (std::size_t i = 0; i + 1 < line.size(); ++i) {
        const DrawPoint a = line[i], b = line[i + 1];
        const double dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
        const double t = len2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / len2, 0.0, 1.0) : 0;
        best = std::min(best, std::hypot(p.x - a.x - t * dx, p.y - a.y - t * dy));
    }
    return best;
}

}  // namespace

TEST_CASE("edge labels: the widest label per gap between layers") {
    // (a+b)(b+1): edges a, b -> a+b and b, 1 -> b+1 end in layer 1, the two into the
    // product in layer 2 (layout order: a+b's inputs, b+1's, the product's).
    GraphSession s;
    REQUIRE_FALSE(s.set_formula(graph_presets()[1].formula, graph_presets()[1].values));
    CHECK(widest_labels(s.layout(), {10, 20, 30, 5, 7, 40}) == std::vector<double>{30, 40});
    CHECK(widest_labels(s.layout(), {10}) == std::vector<double>{10, 0});
}

TEST_CASE("edge labels: overlaps counted by hand, and moved off a box") {
    // A box from x 40 to 60; the edge runs from 0 to 100 at y 0, its label (20 x 10) sits
    // centred at x 50: on the box. A second label of the same size there overlaps both.
    const std::vector<Rect> boxes{{40, -20, 60, 20}};
    const LabelRequest l{{{0, 0}, {100, 0}}, 20, 10};
    const Rect mid = midpoint_label(l);
    CHECK(mid.x0 == 40);
    CHECK(mid.y1 == 5);
    CHECK(count_overlaps(boxes, {mid}) == 1);
    CHECK(count_overlaps(boxes, {mid, mid}) == 3);  // two on the box, one with each other
    CHECK(count_overlaps(boxes, {{0, 0, 10, 10}, {10, 0, 20, 10}}) == 0);  // touching is not overlapping
    const std::vector<Rect> placed = place_labels(boxes, {l, l});
    CHECK(count_overlaps(boxes, placed) == 0);
    for (const Rect& r : placed) CHECK(distance_to({(r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2}, l.line) <= l.h / 2 + 2 + 1e-9);
    CHECK(place_labels(boxes, {l, l})[1].x0 == placed[1].x0);  // the same input, the same places
}

TEST_CASE("edge labels: on every preset, clear of boxes and of each other, beside their edge") {
    for (const Spacing& sp : {kCanvas, kSvg}) {
        CAPTURE(sp.char_w);
        int before_total = 0;
        for (const GraphPreset& p : graph_presets()) {
            CAPTURE(p.label);
            const Drawn d = draw_preset(p, sp);
            std::vector<Rect> midpoints;
            for (const LabelRequest& r : d.labels) midpoints.push_back(midpoint_label(r));
            const std::vector<Rect> placed = place_labels(d.boxes, d.labels);
            const int before = count_overlaps(d.boxes, midpoints), after = count_overlaps(d.boxes, placed);
            MESSAGE(p.label << ": overlaps " << before << " at the midpoints, " << after << " placed");
            before_total += before;
            CHECK(after == 0);
            REQUIRE(placed.size() == d.labels.size());
            for (std::size_t i = 0; i < placed.size(); ++i) {
                const Rect& r = placed[i];
                CHECK(r.x1 - r.x0 == doctest::Approx(d.labels[i].w));
                CHECK(distance_to({(r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2}, d.labels[i].line) <= d.labels[i].h / 2 + 2 + 1e-9);
            }
        }
        CHECK(before_total > 0);  // midpoints overlap even with the wider gaps: the check above can fail
    }
    // The canvas before: one-line labels at the midpoints, gaps of 100 px whatever the labels.
    const Drawn old = draw_preset(graph_presets()[6], kOldCanvas);
    std::vector<Rect> midpoints;
    for (const LabelRequest& r : old.labels) midpoints.push_back(midpoint_label(r));
    MESSAGE("2-2-1 network drawn as before: " << count_overlaps(old.boxes, midpoints) << " overlaps");
    CHECK(count_overlaps(old.boxes, midpoints) > 0);
}
