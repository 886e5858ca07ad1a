// Layered drawing of a scalar Graph for the graph lab and its SVG export: variables in
// the left column, the output alone in the right one, every edge pointing right. Long
// edges bend through one waypoint per layer they cross, so they never run through nodes.
// Coordinates are abstract (x = layer, y = row, rows at least 1 apart); views scale them.
#pragma once
#include <vector>

#include "scalar_graph.h"

namespace bp {

struct LayoutPoint {
    double x = 0;  // layer
    double y = 0;  // row
};

// The edge carrying node `to`'s input number `slot` (node `from`), from left to right.
struct LayoutEdge {
    int from = 0, to = 0, slot = 0;
    std::vector<LayoutPoint> points;  // from's position, a waypoint per skipped layer, to's position
};

struct GraphLayout {
    std::vector<int> layer;  // per node id; -1 for nodes the output does not need (not drawn)
    std::vector<double> row;  // per node id
    std::vector<LayoutEdge> edges;
    int layers = 0;     // columns 0 .. layers-1
    double rows = 0;    // every row lies in [0, rows - 1]
    LayoutPoint at(int id) const { return {double(layer[std::size_t(id)]), row[std::size_t(id)]}; }
};

// Layers: a variable in layer 0; an operation one right of its rightmost input; a
// constant one left of its leftmost user. Rows: barycentre sweeps to cut crossings, then
// each node pulled towards the mean row of its neighbours, keeping rows 1 apart.
GraphLayout layout_graph(const Graph& g);

// What layout_graph would place: the nodes the output needs plus one waypoint per layer
// each edge skips (a long sum chain needs about n^2 / 2 of them). Cheap: layers only.
std::size_t layout_items(const Graph& g);
constexpr std::size_t kMaxLayoutItems = 20000;  // the graph lab draws graphs up to this size

// How many pairs of edge segments cross between neighbouring layers (a quality measure).
int count_crossings(const GraphLayout& layout);

// Edge labels, in a view's drawing units (pixels, y down) rather than layers and rows.
struct DrawPoint {
    double x = 0, y = 0;
};
struct Rect {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // x0 <= x1, y0 <= y1
};
// One edge's label: the edge as drawn (left to right, the last point at the arrow head)
// and the label's size.
struct LabelRequest {
    std::vector<DrawPoint> line;
    double w = 0, h = 0;
};

// The label centred on the middle of the edge's last segment (its first choice).
Rect midpoint_label(const LabelRequest& label);
// A place for each label on its own edge (along any segment, just above or below the line,
// or on it) that overlaps no node box and no other label when there is one, else few:
// greedy, the labels with the least room first, then rounds moving each label still in a
// crowd to its least crowded place. Nearer the arrow head and the middle of a segment is
// preferred. Pure: the same input gives the same places.
std::vector<Rect> place_labels(const std::vector<Rect>& boxes, const std::vector<LabelRequest>& labels);
// Overlapping (label, box) and (label, label) pairs: what place_labels tries to keep at 0.
int count_overlaps(const std::vector<Rect>& boxes, const std::vector<Rect>& labels);
// Per gap between layers l and l + 1 (layers - 1 of them): the widest of the labels (given
// per layout edge) whose edge ends in layer l + 1, 0 when none. A view making each gap at
// least this wide (plus a margin) leaves every label room on its edge's last segment.
std::vector<double> widest_labels(const GraphLayout& layout, const std::vector<double>& label_w);

}  // namespace bp
