// Optimizers: the first two steps of each on one weight with gradients 0.5 then -1,
// lr 0.1, against values worked out by hand (and re-computed in plain Python):
//   sgd       w1 = 1 - 0.1*0.5 = 0.95;            w2 = 0.95 + 0.1 = 1.05
//   momentum  m1 = 0.5, w1 = 0.95;  m2 = 0.9*0.5 - 1 = -0.55, w2 = 0.95 + 0.055 = 1.005
//   nesterov  m1 = 0.5, w1 = 1 - 0.1*(0.5 + 0.45) = 0.905;
//             m2 = -0.55, w2 = 0.905 - 0.1*(-1 - 0.495) = 1.0545
//   rmsprop   v1 = 0.025, w1 = 1 - 0.05/sqrt(0.025) = 0.68377225...;  v2 = 0.1225, w2 = 0.96948653...
//   adagrad   v1 = 0.25, w1 = 0.9;  v2 = 1.25, w2 = 0.9 + 0.1/sqrt(1.25) = 0.98944272...
//   adam      w1 = 1 - 0.1*0.5/(0.5 + 1e-8) = 0.900000002;  w2 = 0.93661035424...
//   adamw     as adam after w *= (1 - 0.1*0.01) each step: 0.899000002, 0.93471135423...
#include <doctest/doctest.h>

#include "alloc_test_util.h"
#include "optimizer.h"

using namespace bp;
using Mat = Eigen::MatrixXd;

namespace {
std::pair<double, double> two_steps(OptimizerKind kind) {
    Mat w = Mat::Constant(1, 1, 1.0), g(1, 1);
    Optimizer<double> opt;
    opt.attach({{&w, &g}});
    OptimizerSettings s;
    s.kind = kind;
    g(0, 0) = 0.5;
    opt.step(s, 0.1);
    const double w1 = w(0, 0);
    g(0, 0) = -1;
    opt.step(s, 0.1);
    return {w1, w(0, 0)};
}
}  // namespace

TEST_CASE("each optimizer's first two steps match the hand-worked values") {
    struct Case { OptimizerKind kind; double w1, w2; };
    const Case cases[] = {
        {OptimizerKind::Sgd, 0.95, 1.05},
        {OptimizerKind::Momentum, 0.95, 1.005},
        {OptimizerKind::Nesterov, 0.905, 1.0545},
        {OptimizerKind::RmsProp, 0.6837722539831608, 0.9694865315341814},
        {OptimizerKind::Adagrad, 0.900000002, 0.9894427202999916},
        {OptimizerKind::Adam, 0.900000002, 0.9366103542405654},
        {OptimizerKind::AdamW, 0.899000002, 0.9347113542385653},
    };
    for (const Case& c : cases) {
        CAPTURE(name_of(c.kind));
        const auto [w1, w2] = two_steps(c.kind);
        CHECK(w1 == doctest::Approx(c.w1).epsilon(1e-12));
        CHECK(w2 == doctest::Approx(c.w2).epsilon(1e-12));
        CHECK(from_name<OptimizerKind>(name_of(c.kind)) == c.kind);
    }
}

TEST_CASE("a step allocates nothing" * doctest::test_suite(BP_MALLOC_COUNT_SUITE)) {
    BP_SKIP_WITHOUT_MALLOC_COUNT();
    Mat w = Mat::Ones(8, 8), g = Mat::Constant(8, 8, 0.1);
    Optimizer<double> opt;
    opt.attach({{&w, &g}});
    OptimizerSettings s;
    for (int k = 0; k <= int(OptimizerKind::AdamW); ++k) {
        s.kind = OptimizerKind(k);
        CAPTURE(name_of(s.kind));
        CHECK(malloc_calls_during([&] { opt.step(s, 0.01); }) == 0);  // counts in Release too
    }
    CHECK(w(0, 0) < 1);
}

TEST_CASE("clipping scales the global norm down to the limit, and only above it") {
    Mat a(1, 2), b(1, 1), ga(1, 2), gb(1, 1);
    ga << 3, 0;
    gb << 4;  // global norm 5
    std::vector<ParamRef<double>> params{{&a, &ga}, {&b, &gb}};
    CHECK(clip_grad_norm(params, 10.0) == doctest::Approx(5));
    CHECK(gb(0, 0) == 4);
    CHECK(clip_grad_norm(params, 1.0) == doctest::Approx(5));
    CHECK(ga(0, 0) == doctest::Approx(0.6));
    CHECK(gb(0, 0) == doctest::Approx(0.8));
}

TEST_CASE("L1 and L2 penalties and their gradients") {
    Mat W(1, 3), dW = Mat::Zero(1, 3);
    W << 2, -1, 0;
    // L2 rate 0.1: 0.05 * (4 + 1) = 0.25, grad 0.1 W.  L1 rate 0.1: 0.1 * 3 = 0.3, grad 0.1 sign W.
    CHECK(penalty(Regularization::L2, 0.1, W) == doctest::Approx(0.25));
    CHECK(penalty(Regularization::L1, 0.1, W) == doctest::Approx(0.3));
    add_penalty_grad(Regularization::L2, 0.1, W, dW);
    CHECK(dW(0, 0) == doctest::Approx(0.2));
    dW.setZero();
    add_penalty_grad(Regularization::L1, 0.1, W, dW);
    CHECK(dW(0, 1) == doctest::Approx(-0.1));
    CHECK(dW(0, 2) == 0);
}
