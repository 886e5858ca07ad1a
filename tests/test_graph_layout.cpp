// The graph lab's layered layout: on every preset every edge runs left to right one layer
// per segment, no two nodes or waypoints overlap, variables sit in the first layer and
// the output alone in the last; layers and crossings of small examples worked by hand.
#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "formula.h"
#include "graph_layout.h"
#include "graph_presets.h"

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
