// The graph lab's session: the backward steps of (a+b)(b+1) and of the exp/log/sin example
// listed by hand (order, locals, += contributions, the sums that fill up), the recursive
// algorithm's calls and finishing order, forward stepping, errors that keep the old graph,
// value changes that keep the progress, and the JSON the JS API reads.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "graph_layout.h"
#include "graph_presets.h"
#include "graph_session.h"
#include "graph_session_json.h"

using namespace bp;

namespace {

GraphSession session_of(const GraphPreset& p) {
    GraphSession s;
    REQUIRE_FALSE(s.set_formula(p.formula, p.values));
    return s;
}

std::vector<int> part_sources(const GraphSession& s, int id) {
    std::vector<int> out;
    for (const Contribution& c : s.contributions(id)) out.push_back(c.from);
    return out;
}

std::vector<double> part_amounts(const GraphSession& s, int id) {
    std::vector<double> out;
    for (const Contribution& c : s.contributions(id)) out.push_back(c.amount);
    return out;
}

// The grad shown is the sum of the contributions in arrival order (1 for the output).
void check_sums(const GraphSession& s) {
    for (int id : s.forward_order()) {
        if (!s.grad_final(id)) continue;
        double sum = id == s.graph().output() ? 1 : 0;
        for (const Contribution& c : s.contributions(id)) sum += c.amount;
        CHECK(sum == s.grad(id));  // to the bit: the same additions in the same order
    }
}

}  // namespace

TEST_CASE("graph session: (a+b)(b+1) backward steps, and b's gradient as 3 + 2 = 5") {
    // Nodes: 0 a, 1 b, 2 c = a+b (3), 3 const 1, 4 d = b+1 (2), 5 e = c d (6).
    // Iterative order 5 4 3 2 1 0. Step 1: e (grad 1) sends d = 2 to c and c = 3 to d.
    // Step 2: d (grad 3) sends 3 * 1 to b and to the constant. Step 3: the constant, a leaf.
    // Step 4: c (grad 2) sends 2 to a and 2 to b: b's gradient fills up to 3 + 2 = 5.
    GraphSession s = session_of(graph_presets()[1]);
    CHECK(s.forward_order() == std::vector<int>{0, 1, 2, 3, 4, 5});
    CHECK_FALSE(s.backward_started());
    REQUIRE(s.backward_step());  // runs the forward pass first
    CHECK(s.forward_complete());
    CHECK(s.current() == 5);
    CHECK(s.grad(2) == 2);
    CHECK(s.grad(4) == 3);
    CHECK(*s.sent(5, 0) == 2);
    CHECK(*s.sent(5, 1) == 3);
    CHECK_FALSE(s.grad_known(1));
    REQUIRE(s.backward_step());
    CHECK(s.current() == 4);
    CHECK(part_amounts(s, 1) == std::vector<double>{3});  // the first path to b
    CHECK(s.grad(1) == 3);
    CHECK_FALSE(s.grad_final(1));
    REQUIRE(s.backward_step());
    CHECK(s.current() == 3);
    REQUIRE(s.backward_step());
    CHECK(s.current() == 2);
    CHECK(part_sources(s, 1) == std::vector<int>{4, 2});
    CHECK(part_amounts(s, 1) == std::vector<double>{3, 2});
    CHECK(s.grad(1) == 5);
    CHECK(s.grad(0) == 2);
    REQUIRE(s.backward_step());
    REQUIRE(s.backward_step());
    CHECK_FALSE(s.backward_step());
    CHECK(s.backward_complete());
    CHECK(s.grad_final(1));
    check_sums(s);
    // The step log: 6 forward steps, then 6 backward ones in reverse topological order.
    REQUIRE(s.steps().size() == 12);
    std::vector<int> backward;
    for (const LabStep& st : s.steps())
        if (!st.forward) backward.push_back(st.node);
    CHECK(backward == std::vector<int>{5, 4, 3, 2, 1, 0});
}

TEST_CASE("graph session: the exp/log/sin backward steps by hand") {
    // 0 x = 2, 1 z = 3, 2 u = xz = 6, 3 exp(u), 4 l = log x = L, 5 u/l, 6 exp + u/l,
    // 7 sin(l), 8 sin(l)/u, 9 output = 6 + 8. Reverse topological order 9 8 ... 0:
    //  9 (+, grad 1):      -> 6 += 1, -> 8 += 1
    //  8 (sin/u, grad 1):  -> 7 += 1/u = 1/6, -> 2 += -sin L/u^2 = -sin(L)/36
    //  7 (sin, grad 1/6):  -> 4 += cos(L)/6
    //  6 (+, grad 1):      -> 3 += 1, -> 5 += 1
    //  5 (u/l, grad 1):    -> 2 += 1/L, -> 4 += -u/L^2 = -6/L^2
    //  4 (log, g4 = cos(L)/6 - 6/L^2): -> 0 += g4 / x = g4/2
    //  3 (exp, grad 1):    -> 2 += e^6
    //  2 (xz, g2 = -sin(L)/36 + 1/L + e^6): -> 0 += z g2 = 3 g2, -> 1 += x g2 = 2 g2
    //  1, 0: leaves.
    // So u's gradient is a sum of three (from 8, 5, 3), l's of two (from 7, 5), x's of two.
    const double L = std::log(2.0), e6 = std::exp(6.0);
    const double g4 = std::cos(L) / 6 - 6 / (L * L), g2 = -std::sin(L) / 36 + 1 / L + e6;
    GraphSession s = session_of(graph_presets()[2]);
    s.run_all();
    std::vector<const LabStep*> back;
    for (const LabStep& st : s.steps())
        if (!st.forward) back.push_back(&st);
    REQUIRE(back.size() == 10);
    const std::vector<int> order = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
    for (std::size_t i = 0; i < order.size(); ++i) CHECK(back[i]->node == order[i]);
    CHECK(back[1]->pushed[0].contribution == doctest::Approx(1.0 / 6).epsilon(1e-15));
    CHECK(back[1]->pushed[1].contribution == doctest::Approx(-std::sin(L) / 36).epsilon(1e-15));
    CHECK(back[2]->pushed[0].local == doctest::Approx(std::cos(L)).epsilon(1e-15));
    CHECK(back[4]->pushed[0].local == doctest::Approx(1 / L).epsilon(1e-15));
    CHECK(back[4]->pushed[1].contribution == doctest::Approx(-6 / (L * L)).epsilon(1e-15));
    CHECK(back[5]->grad == doctest::Approx(g4).epsilon(1e-14));
    CHECK(back[5]->pushed[0].contribution == doctest::Approx(g4 / 2).epsilon(1e-14));
    CHECK(back[6]->pushed[0].contribution == doctest::Approx(e6).epsilon(1e-15));
    CHECK(back[7]->grad == doctest::Approx(g2).epsilon(1e-14));
    CHECK(back[7]->pushed[0].contribution == doctest::Approx(3 * g2).epsilon(1e-14));
    CHECK(back[7]->pushed[1].contribution == doctest::Approx(2 * g2).epsilon(1e-14));
    CHECK(back[8]->pushed.empty());
    CHECK(part_sources(s, 2) == std::vector<int>{8, 5, 3});
    CHECK(part_sources(s, 4) == std::vector<int>{7, 5});
    CHECK(part_sources(s, 0) == std::vector<int>{4, 2});
    CHECK(part_sources(s, 1) == std::vector<int>{2});
    CHECK(s.grad(0) == doctest::Approx(1208.3812151266095).epsilon(1e-13));  // test_scalar_graph's dy/dx
    CHECK(s.grad(1) == doctest::Approx(809.707479218564).epsilon(1e-13));    // and dy/dz
    check_sums(s);
}

TEST_CASE("graph session: recursive calls and finishing order for (a+b)(b+1)") {
    // grad(0) calls grad(2), which calls grad(5) (the output): 5, 2, 0 finish. grad(1) calls
    // its users by decreasing id: grad(4), which finds grad(5) in the memo, then grad(2)
    // from the memo: 4, 1 finish. grad(3) finds grad(4) in the memo: 3 finishes.
    GraphSession s = session_of(graph_presets()[1]);
    using V = Visit;
    const std::vector<std::pair<V::Kind, int>> expected = {
        {V::Call, 0}, {V::Call, 2}, {V::Call, 5}, {V::Finish, 5}, {V::Finish, 2}, {V::Finish, 0},
        {V::Call, 1}, {V::Call, 4}, {V::Memo, 5}, {V::Finish, 4}, {V::Memo, 2}, {V::Finish, 1},
        {V::Call, 3}, {V::Memo, 4}, {V::Finish, 3}};
    REQUIRE(s.visits().size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        CHECK(s.visits()[i].kind == expected[i].first);
        CHECK(s.visits()[i].node == expected[i].second);
    }
    CHECK(s.visits()[2].depth == 2);
    CHECK(s.visits()[8].depth == 2);  // 1 (depth 0) -> 4 (1) -> 5 from the memo (2)
    s.set_algorithm(Algorithm::Recursive);
    CHECK(s.backward_order() == std::vector<int>{5, 2, 0, 4, 1, 3});
    s.run_all();
    // b pulls from its users by decreasing id: d = b+1 (3) first, then c = a+b (2).
    CHECK(part_sources(s, 1) == std::vector<int>{4, 2});
    CHECK(part_amounts(s, 1) == std::vector<double>{3, 2});
    CHECK(s.grad(1) == 5);
    check_sums(s);
}

TEST_CASE("graph session: both algorithms give the same gradients on every preset") {
    for (const GraphPreset& p : graph_presets()) {
        CAPTURE(p.label);
        GraphSession it = session_of(p), rec = session_of(p);
        rec.set_algorithm(Algorithm::Recursive);
        it.run_all();
        rec.run_all();
        CHECK(it.backward_complete());
        CHECK(rec.backward_complete());
        std::vector<int> finished;
        for (const Visit& v : rec.visits())
            if (v.kind == Visit::Finish) finished.push_back(v.node);
        CHECK(finished == rec.backward_order());  // the traced calls finish in the same order
        Graph g = it.graph();
        g.backward();
        for (int id : it.forward_order()) {
            CHECK(it.grad(id) == g.node(id).grad);
            CHECK(rec.grad(id) == g.node(id).grad);
        }
        check_sums(it);
        check_sums(rec);
    }
}

TEST_CASE("graph session: forward steps reveal values and local derivatives in order") {
    GraphSession s = session_of(graph_presets()[0]);  // 0 x, 1 y, 2 q = x+y, 3 z, 4 q z
    CHECK(s.forward_order() == std::vector<int>{0, 1, 2, 3, 4});
    CHECK_FALSE(s.value_known(0));
    CHECK(s.forward_step());
    CHECK(s.forward_step());
    CHECK(s.value_known(1));
    CHECK_FALSE(s.local(2, 0));  // q not computed yet: its local derivatives are not known
    CHECK(s.forward_step());
    CHECK(*s.local(2, 0) == 1);
    CHECK(s.steps().back().value == 3);  // q = -2 + 5
    s.run_forward();
    CHECK(s.steps().back().value == -12);
    CHECK(*s.local(4, 0) == -4);  // d(qz)/dq = z
    CHECK(*s.local(4, 1) == 3);   // d(qz)/dz = q
    CHECK_FALSE(s.forward_step());
    CHECK_FALSE(s.sent(4, 0));
    s.reset();
    CHECK(s.forward_done() == 0);
    CHECK(s.steps().empty());
}

TEST_CASE("graph session: a bad formula or value keeps the graph, a good value keeps the progress") {
    GraphSession s = session_of(graph_presets()[1]);
    s.run_forward();
    s.backward_step();
    s.backward_step();
    auto e = s.set_formula("(a + b) * sinh(b)");
    REQUIRE(e);
    CHECK(e->message == "unknown function 'sinh' at 10");
    CHECK(e->pos == 10);
    CHECK(s.formula() == "(a + b) * (b + 1)");
    CHECK(s.backward_done() == 2);
    REQUIRE_FALSE(s.set_values({{"b", 2}}));  // c = 4, d = 3: e sends 3 to c, 4 to d
    CHECK(s.backward_done() == 2);
    CHECK(s.grad(2) == 3);
    CHECK(s.grad(1) == 4);  // so far only from d: 4 * 1
    REQUIRE_FALSE(s.set_formula("log(a) * b"));
    e = s.set_values({{"a", -1}});
    REQUIRE(e);
    CHECK(e->message == "log of a negative number (-1) at 0");
    CHECK(s.value_of("a") == 2);  // unchanged
    CHECK(s.has_graph());
}

TEST_CASE("graph session: a formula whose drawing needs more than 20000 items is refused with its size, the old graph stays") {
    // x*1 + x*2 + ... + x*n is a chain of n - 1 additions; the edge from each product to its
    // addition skips up to n layers, so the waypoints grow as n^2 / 2 (the layout of 200
    // terms took 3 s before the limit, 1000 terms would have held the tab for minutes).
    auto sum = [](int n) {
        std::string t = "x*1";
        for (int i = 2; i <= n; ++i) t += " + x*" + std::to_string(i);
        return t;
    };
    GraphSession s;
    REQUIRE_FALSE(s.set_formula(sum(150)));  // 11476 items: drawn
    CHECK(s.graph().size() == 450);
    CHECK(layout_items(s.graph()) == 11476);
    CHECK(s.layout().layers == 151);
    const auto e = s.set_formula(sum(200));
    REQUIRE(e);
    CHECK(e->message == "the graph is too large to draw: 600 nodes, 20301 with the waypoints of its long edges "
                        "(at most 20000)");
    CHECK(e->pos == -1);
    CHECK(s.formula() == sum(150));
    REQUIRE(s.set_formula(sum(5000)));  // 12.5 million waypoints: refused from the layers alone
    CHECK(s.graph().size() == 450);
}

TEST_CASE("graph session JSON: set reports problems, state shows what is known") {
    GraphSession s;
    Json errors = graph_set(s, "(x + y) * z", R"({"x": -2, "y": 5, "z": -4, "w": 1})");
    REQUIRE(errors.items().size() == 1);
    CHECK(errors.items()[0].as_string() == "'w' is not a variable of the formula");
    Json st = graph_state(s);
    CHECK(st.find("nodes")->items().size() == 5);
    CHECK(st.find("nodes")->items()[2].find("value")->is_null());
    CHECK(st.find("gradients")->find("x")->is_null());
    s.run_all();
    st = graph_state(s);
    CHECK(st.find("gradients")->find("x")->as_number() == -4);
    CHECK(st.find("gradients")->find("z")->as_number() == 3);
    CHECK(st.find("nodes")->items()[4].find("value")->as_number() == -12);
    CHECK(st.find("backwardComplete")->as_bool());
    errors = graph_set(s, "x +* 2", "");
    REQUIRE(errors.items().size() == 1);
    CHECK(errors.items()[0].as_string().find("at 3") != std::string::npos);
    CHECK(graph_state(s).find("formula")->as_string() == "(x + y) * z");  // kept
    errors = graph_set(s, "x", R"({"x": "two"})");
    REQUIRE(errors.items().size() == 1);
    CHECK(errors.items()[0].as_string() == "variable 'x': \"two\" is not a finite number");
}
