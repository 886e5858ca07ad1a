// layout_graph: a small Sugiyama-style layered layout. Layers from the longest path,
// waypoints ("dummies") on edges that skip layers, barycentre ordering sweeps that keep
// the order with the fewest crossings, then rows from neighbour means made 1 apart by
// isotonic regression (pool adjacent violators). Also: edge labels placed clear of the
// node boxes and of each other (greedy, over candidate spots along each edge).
#include "graph_layout.h"

#include <algorithm>

namespace bp {

namespace {

constexpr int kOrderSweeps = 24;  // barycentre passes (down and up) tried
constexpr int kRowSweeps = 12;    // row-smoothing passes
constexpr std::size_t kMaxSwapItems = 400;  // adjacent swaps are tried on graphs up to this size
constexpr double kMaxSweepWork = 2e8;        // segment pairs compared in all sweeps together

struct Item {
    int layer = 0;
    int node = -1;  // node id, or -1 for an edge's waypoint
    double pos = 0; // place in its layer's order, then its row
};

struct Segment {
    int left, right;  // items in layers l and l + 1
};

struct Work {
    std::vector<Item> items;
    std::vector<Segment> segments;
    std::vector<std::vector<int>> segments_by_layer;  // ids of the segments leaving each layer
    std::vector<std::vector<int>> by_layer;   // item ids in their order
    std::vector<std::vector<int>> lefts, rights;  // per item: neighbour items
    std::vector<std::vector<int>> chains;     // per edge of the result: its items, left to right
};

// Layer of each node: variables 0, operations 1 + their rightmost input, constants one
// left of their leftmost user (next to where they are used, not piled up on the left).
std::vector<int> assign_layers(const Graph& g, const std::vector<int>& order) {
    std::vector<int> layer(std::size_t(g.size()), -1);
    for (int id : order) {
        int l = 0;
        for (int in : g.node(id).inputs) l = std::max(l, layer[std::size_t(in)] + 1);
        layer[std::size_t(id)] = l;
    }
    const auto kids = g.children();
    for (int id : order) {
        if (g.node(id).op != Op::Const || kids[std::size_t(id)].empty()) continue;
        int l = layer[std::size_t(kids[std::size_t(id)].front().child)];
        for (const ChildEdge& e : kids[std::size_t(id)]) l = std::min(l, layer[std::size_t(e.child)]);
        layer[std::size_t(id)] = l - 1;
    }
    return layer;
}

int add_item(Work& w, int layer, int node) {
    w.items.push_back({layer, node, 0});
    w.lefts.emplace_back();
    w.rights.emplace_back();
    if (int(w.by_layer.size()) <= layer) w.by_layer.resize(std::size_t(layer) + 1);
    w.by_layer[std::size_t(layer)].push_back(int(w.items.size()) - 1);
    return int(w.items.size()) - 1;
}

void connect(Work& w, int left, int right) {
    const std::size_t layer = std::size_t(w.items[std::size_t(left)].layer);
    if (w.segments_by_layer.size() <= layer) w.segments_by_layer.resize(layer + 1);
    w.segments_by_layer[layer].push_back(int(w.segments.size()));
    w.segments.push_back({left, right});
    w.rights[std::size_t(left)].push_back(right);
    w.lefts[std::size_t(right)].push_back(left);
}

// Items for every needed node (in id order) and a chain of waypoints per edge.
Work build_items(const Graph& g, const std::vector<int>& order, const std::vector<int>& layer,
                 std::vector<LayoutEdge>& edges) {
    Work w;
    std::vector<int> item_of(std::size_t(g.size()), -1);
    for (int id : order) item_of[std::size_t(id)] = add_item(w, layer[std::size_t(id)], id);
    for (int id : order) {
        const auto& inputs = g.node(id).inputs;
        for (int slot = 0; slot < int(inputs.size()); ++slot) {
            const int from = inputs[std::size_t(slot)];
            std::vector<int> chain{item_of[std::size_t(from)]};
            for (int l = layer[std::size_t(from)] + 1; l < layer[std::size_t(id)]; ++l) {
                chain.push_back(add_item(w, l, -1));
                connect(w, chain[chain.size() - 2], chain.back());
            }
            chain.push_back(item_of[std::size_t(id)]);
            connect(w, chain[chain.size() - 2], chain.back());
            w.chains.push_back(std::move(chain));
            edges.push_back({from, id, slot, {}});
        }
    }
    return w;
}

void number_positions(Work& w) {
    for (const auto& ids : w.by_layer)
        for (std::size_t i = 0; i < ids.size(); ++i) w.items[std::size_t(ids[i])].pos = double(i);
}

// Segments between the same two layers cross when their ends are in opposite orders.
// Only pairs leaving the same layer are compared (all pairs made long chains quadratic).
int crossings_of(const Work& w) {
    int n = 0;
    for (const std::vector<int>& ids : w.segments_by_layer)
        for (std::size_t a = 0; a < ids.size(); ++a)
            for (std::size_t b = a + 1; b < ids.size(); ++b) {
                const Segment &sa = w.segments[std::size_t(ids[a])], &sb = w.segments[std::size_t(ids[b])];
                const Item &la = w.items[std::size_t(sa.left)], &lb = w.items[std::size_t(sb.left)];
                const Item &ra = w.items[std::size_t(sa.right)], &rb = w.items[std::size_t(sb.right)];
                n += (la.pos - lb.pos) * (ra.pos - rb.pos) < 0;
            }
    return n;
}

// Sweeps affordable within kMaxSweepWork: each one counts the crossings once.
int affordable_sweeps(const Work& w) {
    double pairs = 1;
    for (const std::vector<int>& ids : w.segments_by_layer) pairs += 0.5 * double(ids.size()) * double(ids.size());
    return int(std::min(double(kOrderSweeps), kMaxSweepWork / pairs));
}

double mean_pos(const Work& w, const std::vector<int>& neighbours, double otherwise) {
    if (neighbours.empty()) return otherwise;
    double sum = 0;
    for (int n : neighbours) sum += w.items[std::size_t(n)].pos;
    return sum / double(neighbours.size());
}

// Reorders one layer by the mean position of each item's neighbours on one side.
void sort_layer(Work& w, int layer, bool by_left) {
    std::vector<int>& ids = w.by_layer[std::size_t(layer)];
    std::vector<std::pair<double, int>> keyed;
    for (int id : ids) {
        const auto& nb = by_left ? w.lefts[std::size_t(id)] : w.rights[std::size_t(id)];
        keyed.push_back({mean_pos(w, nb, w.items[std::size_t(id)].pos), id});
    }
    std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t i = 0; i < ids.size(); ++i) {
        ids[i] = keyed[i].second;
        w.items[std::size_t(ids[i])].pos = double(i);
    }
}

// Swaps neighbours in a layer while that removes crossings (the "transpose" heuristic:
// barycentres alone leave cases like a node whose two users sit on the wrong sides).
void swap_neighbours(Work& w, int& crossings) {
    if (w.items.size() > kMaxSwapItems) return;
    for (bool improved = true; improved && crossings > 0;) {
        improved = false;
        for (auto& ids : w.by_layer)
            for (std::size_t i = 0; i + 1 < ids.size(); ++i) {
                std::swap(ids[i], ids[i + 1]);
                number_positions(w);
                const int c = crossings_of(w);
                if (c < crossings) {
                    crossings = c;
                    improved = true;
                } else {
                    std::swap(ids[i], ids[i + 1]);
                }
            }
        number_positions(w);
    }
}

// Barycentre sweeps, down then up, keeping the order with the fewest crossings.
void order_layers(Work& w) {
    number_positions(w);
    auto best = w.by_layer;
    int best_crossings = crossings_of(w);
    const int layers = int(w.by_layer.size());
    const int sweeps = affordable_sweeps(w);
    for (int sweep = 0; sweep < sweeps && best_crossings > 0; ++sweep) {
        const bool down = sweep % 2 == 0;
        for (int k = 1; k < layers; ++k) sort_layer(w, down ? k : layers - 1 - k, down);
        const int c = crossings_of(w);
        if (c < best_crossings) best_crossings = c, best = w.by_layer;
    }
    w.by_layer = best;
    number_positions(w);
    swap_neighbours(w, best_crossings);
}

// The rows closest (least squares) to `wanted`, in the same order, at least 1 apart:
// with z_i = y_i - i that is isotonic regression of wanted_i - i (pool adjacent violators).
std::vector<double> spread(const std::vector<double>& wanted) {
    std::vector<double> sum;
    std::vector<int> count;
    for (std::size_t i = 0; i < wanted.size(); ++i) {
        sum.push_back(wanted[i] - double(i));
        count.push_back(1);
        while (sum.size() > 1 && sum[sum.size() - 2] / count[count.size() - 2] > sum.back() / count.back()) {
            sum[sum.size() - 2] += sum.back();
            count[count.size() - 2] += count.back();
            sum.pop_back();
            count.pop_back();
        }
    }
    std::vector<double> y;
    for (std::size_t b = 0; b < sum.size(); ++b)
        for (int k = 0; k < count[b]; ++k) y.push_back(sum[b] / count[b] + double(y.size()));
    return y;
}

// Rows: each layer centred, then pulled towards its neighbours' mean rows, order kept.
void assign_rows(Work& w) {
    std::size_t widest = 0;
    for (const auto& ids : w.by_layer) widest = std::max(widest, ids.size());
    for (const auto& ids : w.by_layer)
        for (std::size_t i = 0; i < ids.size(); ++i)
            w.items[std::size_t(ids[i])].pos = double(i) + double(widest - ids.size()) / 2;
    for (int sweep = 0; sweep < kRowSweeps; ++sweep)
        for (auto& ids : w.by_layer) {
            std::vector<double> wanted;
            for (int id : ids) {
                std::vector<int> nb = w.lefts[std::size_t(id)];
                nb.insert(nb.end(), w.rights[std::size_t(id)].begin(), w.rights[std::size_t(id)].end());
                wanted.push_back(mean_pos(w, nb, w.items[std::size_t(id)].pos));
            }
            const std::vector<double> y = spread(wanted);
            for (std::size_t i = 0; i < ids.size(); ++i) w.items[std::size_t(ids[i])].pos = y[i];
        }
    double top = 0;
    for (std::size_t i = 0; i < w.items.size(); ++i) top = i == 0 ? w.items[i].pos : std::min(top, w.items[i].pos);
    for (Item& it : w.items) it.pos -= top;
}

}  // namespace

GraphLayout layout_graph(const Graph& g) {
    GraphLayout out;
    out.layer.assign(std::size_t(g.size()), -1);
    out.row.assign(std::size_t(g.size()), 0);
    if (g.size() == 0) return out;
    const std::vector<int> order = g.topological_order();
    const std::vector<int> layer = assign_layers(g, order);
    Work w = build_items(g, order, layer, out.edges);
    order_layers(w);
    assign_rows(w);
    out.layers = int(w.by_layer.size());
    for (const Item& it : w.items) {
        out.rows = std::max(out.rows, it.pos + 1);
        if (it.node < 0) continue;
        out.layer[std::size_t(it.node)] = it.layer;
        out.row[std::size_t(it.node)] = it.pos;
    }
    for (std::size_t e = 0; e < out.edges.size(); ++e)
        for (int item : w.chains[e])
            out.edges[e].points.push_back({double(w.items[std::size_t(item)].layer), w.items[std::size_t(item)].pos});
    return out;
}

std::size_t layout_items(const Graph& g) {
    if (g.size() == 0) return 0;
    const std::vector<int> order = g.topological_order();
    const std::vector<int> layer = assign_layers(g, order);
    std::size_t items = order.size();
    for (int id : order)
        for (int in : g.node(id).inputs) items += std::size_t(layer[std::size_t(id)] - layer[std::size_t(in)] - 1);
    return items;
}

int count_crossings(const GraphLayout& layout) {
    struct Seg {
        LayoutPoint a, b;
    };
    std::vector<Seg> segs;
    for (const LayoutEdge& e : layout.edges)
        for (std::size_t i = 0; i + 1 < e.points.size(); ++i) segs.push_back({e.points[i], e.points[i + 1]});
    int n = 0;
    for (std::size_t i = 0; i < segs.size(); ++i)
        for (std::size_t j = i + 1; j < segs.size(); ++j)
            if (segs[i].a.x == segs[j].a.x && segs[i].b.x == segs[j].b.x)
                n += (segs[i].a.y - segs[j].a.y) * (segs[i].b.y - segs[j].b.y) < 0;
    return n;
}

namespace {

constexpr double kLabelGap = 2;  // drawing units kept free around a label
constexpr int kRepairRounds = 4;
constexpr double kAlong[] = {0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9};  // where on a segment, in order of preference

bool overlap(const Rect& a, const Rect& b) { return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1; }

Rect centred(double x, double y, const LabelRequest& l) { return {x - l.w / 2, y - l.h / 2, x + l.w / 2, y + l.h / 2}; }

Rect grown(const Rect& r) { return {r.x0 - kLabelGap, r.y0 - kLabelGap, r.x1 + kLabelGap, r.y1 + kLabelGap}; }

// Candidate places, most wanted first: segments from the head back, spots along each, the
// label just above the line, just below it, then on it (above or below first: two labels
// of crossing edges then both find room at the crossing).
std::vector<Rect> candidates(const LabelRequest& l) {
    std::vector<Rect> out;
    for (std::size_t i = l.line.size() - 1; i >= 1; --i) {
        const DrawPoint a = l.line[i - 1], b = l.line[i];
        for (double t : kAlong)
            for (double dy : {-(l.h / 2 + kLabelGap), l.h / 2 + kLabelGap, 0.0})
                out.push_back(centred(a.x + t * (b.x - a.x), a.y + t * (b.y - a.y) + dy, l));
    }
    return out;
}

int hits(const Rect& r, const std::vector<Rect>& boxes, const std::vector<Rect>& placed) {
    const Rect g = grown(r);
    int n = 0;
    for (const Rect& b : boxes) n += overlap(g, b);
    for (const Rect& p : placed) n += overlap(g, p);
    return n;
}

}  // namespace

Rect midpoint_label(const LabelRequest& l) {
    const DrawPoint a = l.line[l.line.size() - 2], b = l.line.back();
    return centred((a.x + b.x) / 2, (a.y + b.y) / 2, l);
}

namespace {

// Labels in the order they are placed: fewest places clear of the boxes first (those
// have the least choice), then by index.
std::vector<std::size_t> placing_order(const std::vector<Rect>& boxes, const std::vector<LabelRequest>& labels) {
    std::vector<std::pair<int, std::size_t>> keyed;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        int free = 0;
        if (labels[i].line.size() >= 2)
            for (const Rect& r : candidates(labels[i])) free += hits(r, boxes, {}) == 0;
        keyed.push_back({free, i});
    }
    std::sort(keyed.begin(), keyed.end());
    std::vector<std::size_t> order;
    for (const auto& k : keyed) order.push_back(k.second);
    return order;
}

}  // namespace

std::vector<Rect> place_labels(const std::vector<Rect>& boxes, const std::vector<LabelRequest>& labels) {
    std::vector<Rect> placed(labels.size());
    std::vector<Rect> done;  // greedy: each label clear of the boxes and of the labels placed before it
    for (std::size_t i : placing_order(boxes, labels)) {
        if (labels[i].line.size() < 2) continue;
        int best = -1;
        for (const Rect& r : candidates(labels[i])) {
            const int h = hits(r, boxes, done);
            if (best < 0 || h < best) placed[i] = r, best = h;
            if (best == 0) break;
        }
        done.push_back(placed[i]);
    }
    // Then a few rounds of moving each label still in a crowd to its least crowded place.
    for (int round = 0; round < kRepairRounds; ++round) {
        bool moved = false;
        for (std::size_t i = 0; i < labels.size(); ++i) {
            if (labels[i].line.size() < 2) continue;
            std::vector<Rect> others = placed;
            others.erase(others.begin() + std::ptrdiff_t(i));
            int best = hits(placed[i], boxes, others);
            for (const Rect& r : candidates(labels[i])) {
                if (best == 0) break;
                const int h = hits(r, boxes, others);
                if (h < best) placed[i] = r, best = h, moved = true;
            }
        }
        if (!moved) break;
    }
    return placed;
}

int count_overlaps(const std::vector<Rect>& boxes, const std::vector<Rect>& labels) {
    int n = 0;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        for (const Rect& b : boxes) n += overlap(labels[i], b);
        for (std::size_t j = i + 1; j < labels.size(); ++j) n += overlap(labels[i], labels[j]);
    }
    return n;
}

std::vector<double> widest_labels(const GraphLayout& layout, const std::vector<double>& label_w) {
    std::vector<double> widest(std::size_t(std::max(0, layout.layers - 1)), 0);
    for (std::size_t i = 0; i < layout.edges.size() && i < label_w.size(); ++i) {
        const int gap = int(layout.edges[i].points.back().x) - 1;
        if (gap >= 0 && gap < int(widest.size())) widest[std::size_t(gap)] = std::max(widest[std::size_t(gap)], label_w[i]);
    }
    return widest;
}

}  // namespace bp
