// Paths from an input to the output: on every preset the products of local derivatives
// along the listed paths sum to the gradient, and the counted work (paths, multiplications
// when enumerating them, multiplications in reverse mode) matches the list and hand counts.
#include <doctest/doctest.h>

#include <cmath>

#include "formula.h"
#include "graph_paths.h"
#include "graph_presets.h"

using namespace bp;

TEST_CASE("graph paths: on every preset the path products sum to each variable's gradient") {
    for (const GraphPreset& p : graph_presets()) {
        auto g = formula_to_graph(p.formula, p.values);
        REQUIRE(g);
        g->backward();
        for (int id = 0; id < g->size(); ++id) {
            if (g->node(id).op != Op::Var) continue;
            CAPTURE(p.label);
            CAPTURE(g->node(id).name);
            const PathList list = g->paths(id);
            REQUIRE_FALSE(list.truncated);
            double sum = 0, multiplications = 0;
            for (const Path& path : list.paths) {
                sum += path.product;
                multiplications += double(path.locals.size()) - 1;
            }
            CHECK(sum == doctest::Approx(g->node(id).grad).epsilon(1e-12));
            const PathWork w = path_work(g.value(), id);
            CHECK(w.paths == double(list.paths.size()));
            CHECK(w.path_multiplications == multiplications);
            CHECK(w.reverse_multiplications <= w.path_multiplications);
        }
    }
}

TEST_CASE("graph paths: the work for x in exp(xz) + xz/log(x) + sin(log(x))/(xz), by hand") {
    // 0 x, 1 z, 2 u = xz, 3 exp, 4 log, 5 u/log, 6 +, 7 sin, 8 sin/u, 9 output. From x:
    //   x-2-3-6-9, x-2-5-6-9, x-2-8-9, x-4-5-6-9, x-4-7-8-9: 5 paths of 4, 4, 3, 4, 4 edges,
    //   enumerating: 3 + 3 + 2 + 3 + 3 = 14 multiplications.
    // Reverse mode: the edges between x and the output are x-2, x-4, 2-3, 2-5, 2-8, 4-5,
    //   4-7, 3-6, 5-6, 7-8, 6-9, 8-9: 12, less the 2 into the output (times the seed 1): 10.
    const GraphPreset& p = graph_presets()[2];
    auto g = formula_to_graph(p.formula, p.values);
    REQUIRE(g);
    const PathWork w = path_work(g.value(), 0);
    CHECK(w.paths == 5);
    CHECK(w.path_multiplications == 14);
    CHECK(w.reverse_multiplications == 10);
    CHECK(w.saved() == 4);
    // z: only through u (2): z-2-3-6-9, z-2-5-6-9, z-2-8-9: 4 + 4 + 3 edges, 3 + 3 + 2 = 8
    // multiplications; reverse: z-2, 2-3, 2-5, 2-8, 3-6, 5-6, 8-9, 6-9 = 8 edges, less the
    // 2 into the output: 6.
    const PathWork wz = path_work(g.value(), 1);
    CHECK(wz.paths == 3);
    CHECK(wz.path_multiplications == 8);
    CHECK(wz.reverse_multiplications == 6);
    CHECK(wz.saved() == 2);
}

TEST_CASE("graph paths: doubling chains have exponentially many paths, reverse mode linear work") {
    // v1 = x + x, v2 = v1 + v1, ... v_k: 2^k paths of k edges: 2^k (k - 1) multiplications
    // when enumerated; reverse mode: 2k edges, 2 of them into the output: 2k - 2.
    for (int k : {1, 3, 10, 40}) {
        Graph g;
        Value v = variable(g, "x", 1);
        for (int i = 0; i < k; ++i) v = v + v;
        g.set_output(v.id());
        const PathWork w = path_work(g, 0);
        CAPTURE(k);
        CHECK(w.paths == std::ldexp(1.0, k));
        CHECK(w.path_multiplications == std::ldexp(1.0, k) * (k - 1));
        CHECK(w.reverse_multiplications == 2 * k - 2);
    }
    Graph one;
    one.variable("x", 3);
    const PathWork w = path_work(one, 0);  // the output itself: one empty path, no work
    CHECK(w.paths == 1);
    CHECK(w.path_multiplications == 0);
    CHECK(w.reverse_multiplications == 0);
}
