// path_work: paths and their total length by dynamic programming from the output back
// (P(n) = sum over child edges of P(child), L(n) = sum of L(child) + P(child)), and the
// edges of the part of the graph between the input and the output.
#include "graph_paths.h"

#include <vector>

namespace bp {

PathWork path_work(const Graph& g, int from) {
    PathWork w;
    if (from < 0 || from >= g.size()) return w;
    const auto kids = g.children();  // only edges the output needs
    const int out = g.output();
    std::vector<double> paths(std::size_t(g.size()), 0), length(std::size_t(g.size()), 0);
    paths[std::size_t(out)] = 1;  // the empty path from the output to itself
    for (int id : g.backward_order())
        for (const ChildEdge& e : kids[std::size_t(id)]) {
            paths[std::size_t(id)] += paths[std::size_t(e.child)];
            length[std::size_t(id)] += length[std::size_t(e.child)] + paths[std::size_t(e.child)];
        }
    w.paths = paths[std::size_t(from)];
    if (from == out || w.paths == 0) return w;
    w.path_multiplications = length[std::size_t(from)] - w.paths;
    // Nodes reachable from `from` along child edges (ids only grow, so one pass in order).
    std::vector<bool> reached(std::size_t(g.size()), false);
    reached[std::size_t(from)] = true;
    for (int id = from; id < g.size(); ++id)
        if (reached[std::size_t(id)])
            for (const ChildEdge& e : kids[std::size_t(id)]) {
                reached[std::size_t(e.child)] = true;
                w.reverse_multiplications += e.child != out;  // grad(child) * local, child not the seed
            }
    return w;
}

}  // namespace bp
