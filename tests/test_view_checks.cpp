// A graph or layer lesson's checks are ticked only on what its view has computed: each reads
// "not yet" (pending, never passed) until the passes it measures have run there, on the
// algorithm shown; then it is measured on the view's own numbers.
#include <doctest/doctest.h>

#include <string>

#include "lesson.h"
#include "lesson_views.h"

using namespace bp;

namespace {

const Lesson& lesson(const char* id) {
    const Lesson* l = find_lesson(id);
    REQUIRE_MESSAGE(l, id);
    return *l;
}

int passed(const std::vector<CheckOutcome>& out) {
    int n = 0;
    for (const CheckOutcome& o : out) n += o.passed;
    return n;
}

const CheckOutcome& outcome(const std::vector<CheckOutcome>& out, const std::string& metric) {
    for (const CheckOutcome& o : out)
        if (o.check.metric == metric) return o;
    FAIL("no check " << metric);
    return out[0];
}

}  // namespace

TEST_CASE("view checks: chain-two-paths ticks nothing before its backward pass reaches b") {
    const Lesson& l = lesson("chain-two-paths");
    GraphSession s;
    REQUIRE_FALSE(open_graph_lesson(l, s));
    auto out = evaluate_view_checks(l, &s, nullptr, nullptr);
    CHECK(passed(out) == 0);
    for (const CheckOutcome& o : out) CHECK_MESSAGE(o.pending, o.check.metric);
    CHECK(outcome(out, "grad:b").sentence == "Not yet: step the backward pass until b's gradient is final");
    s.run_forward();
    CHECK(passed(evaluate_view_checks(l, &s, nullptr, nullptr)) == 0);
    // backward until b's gradient is final: its checks measured, on the lab's own sum
    int b = -1;
    for (int id = 0; id < s.graph().size(); ++id)
        if (s.graph().node(id).op == Op::Var && s.graph().node(id).name == "b") b = id;
    REQUIRE(b >= 0);
    while (!s.grad_final(b)) REQUIRE(s.backward_step());
    out = evaluate_view_checks(l, &s, nullptr, nullptr);
    CHECK(outcome(out, "grad:b").passed);
    CHECK(outcome(out, "grad:b").value == 5);  // (b + 1) + (a + b) at a = 2, b = 1, by hand
    CHECK(outcome(out, "contributions:b").value == 2);
    s.run_all();
    out = evaluate_view_checks(l, &s, nullptr, nullptr);
    CHECK(passed(out) == int(out.size()));
    s.reset();
    CHECK(passed(evaluate_view_checks(l, &s, nullptr, nullptr)) == 0);
}

TEST_CASE("view checks: recursive-iterative's memo hits are measured on the recursive algorithm only") {
    const Lesson& l = lesson("recursive-iterative");
    GraphSession s;
    REQUIRE_FALSE(open_graph_lesson(l, s));
    CHECK(s.algorithm() == Algorithm::Recursive);
    CHECK(passed(evaluate_view_checks(l, &s, nullptr, nullptr)) == 0);
    s.run_all();
    auto out = evaluate_view_checks(l, &s, nullptr, nullptr);
    CHECK(passed(out) == int(out.size()));
    CHECK(outcome(out, "grad:x").value == doctest::Approx(1208.38).epsilon(1e-5));
    s.set_algorithm(Algorithm::Iterative);
    s.run_all();
    out = evaluate_view_checks(l, &s, nullptr, nullptr);
    CHECK(outcome(out, "memo_hits").pending);
    CHECK_FALSE(outcome(out, "memo_hits").passed);
    CHECK(outcome(out, "grad:x").passed);  // the same number on both algorithms
    CHECK(outcome(out, "contributions:x").passed);
}

TEST_CASE("view checks: matrix-layer ticks a rule only after its backward step, an update check after Update") {
    const Lesson& l = lesson("matrix-layer");
    Trainer t(lesson_config(l));
    LayerGraph lg;
    REQUIRE_FALSE(open_layer_lesson(l, t, lg));
    auto out = evaluate_view_checks(l, nullptr, &lg, &t);
    CHECK(passed(out) == 0);
    for (const CheckOutcome& o : out) CHECK_MESSAGE(o.pending, o.check.metric);
    CHECK(outcome(out, "batch").sentence == "Not yet: run the forward pass");
    CHECK(outcome(out, "rule_error:W1").sentence == "Not yet: step the backward pass until W1's gradient is final");
    CHECK(outcome(out, "loss_drop").sentence == "Not yet: press Update (SGD step)");
    lg.forward_step();  // x shown: the batch is measured
    CHECK(outcome(evaluate_view_checks(l, nullptr, &lg, &t), "batch").passed);
    while (!lg.grad_known(lg.param_node(2, false))) lg.backward_step();  // W2's gradient, not yet W1's
    out = evaluate_view_checks(l, nullptr, &lg, &t);
    CHECK(outcome(out, "rule_error:W1").pending);
    CHECK(outcome(out, "scalar_error").pending);
    lg.run_all();
    out = evaluate_view_checks(l, nullptr, &lg, &t);
    CHECK(outcome(out, "rule_error:W1").passed);
    CHECK(outcome(out, "check:W1").passed);
    CHECK(outcome(out, "scalar_error").passed);
    CHECK(outcome(out, "update_error:W1").pending);
    REQUIRE_FALSE(lg.sgd_step());
    out = evaluate_view_checks(l, nullptr, &lg, &t);
    CHECK(outcome(out, "update_error:W1").passed);
    CHECK(outcome(out, "loss_drop").passed);
    CHECK(outcome(out, "rule_error:W1").pending);  // the new step's backward pass has not run
    lg.run_all();
    out = evaluate_view_checks(l, nullptr, &lg, &t);
    CHECK(passed(out) == int(out.size()));
}
