// The linked view's scalar network: for every head and every activation with a scalar
// form, the written-out graph of one example has the tensor engine's loss and, for every
// weight and bias, the tensor engine's per-example gradient (batch of 1, double); and
// apply_sgd moves each parameter by -lr times its gradient.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "formula.h"
#include "mlp_scalar.h"

using namespace bp;

namespace {

struct NetCase {
    const char* name;
    std::vector<int> hidden;
    std::vector<Activation> acts;
    Head head;
    int n_out;
    Point p;
};

Mlp<double> make_net(const NetCase& c, int n_in, std::uint64_t seed) {
    Mlp<double> mlp;
    mlp.build(n_in, c.hidden, c.acts, c.n_out, c.head);
    Rng rng(seed);
    mlp.init(InitKind::Xavier, 1, rng);
    for (auto& layer : mlp.layers())  // non-zero biases, so the bias paths are checked too
        for (int i = 0; i < int(layer.b.rows()); ++i) layer.b(i, 0) = 0.1 * (i + 1) - 0.15;
    return mlp;
}

// The tensor engine's loss and gradients for the one example (the trainer's targets).
double tensor_grads(Mlp<double>& mlp, const std::vector<Feature>& features, const Point& p) {
    MlpGraph<double> g;
    g.record(mlp, 1);
    for (std::size_t i = 0; i < features.size(); ++i) g.X(Eigen::Index(i), 0) = feature_value(features[i], p.x1, p.x2);
    if (mlp.head() == Head::Softmax) g.Y(Eigen::Index(p.label), 0) = 1;
    else g.Y(0, 0) = mlp.head() == Head::TanhMse ? 2 * p.label - 1 : p.label;
    return g.run(true);
}

double grad_of(const Graph& g, const std::string& name) {
    for (const auto& [n, v] : g.gradients())
        if (n == name) return v;
    FAIL("no variable " << name);
    return 0;
}

}  // namespace

TEST_CASE("mlp scalar graph: loss and every parameter's gradient equal the tensor engine's") {
    const std::vector<Feature> features = {Feature::X1, Feature::X2, Feature::X1X2, Feature::SinX1, Feature::X2Sq};
    const Point point{0.3, -0.7, 1};
    using A = Activation;
    const std::vector<NetCase> cases = {
        {"tanh, sigmoid + bce", {3, 2}, {A::Tanh, A::Tanh}, Head::SigmoidBce, 1, point},
        {"relu, leaky, tanh + mse", {4, 3}, {A::Relu, A::LeakyRelu}, Head::TanhMse, 1, point},
        {"elu, softplus, regression", {3, 3}, {A::Elu, A::Softplus}, Head::Regression, 1, {0.3, -0.7, 0.42}},
        {"swish, sigmoid, softmax", {4, 2}, {A::Swish, A::Sigmoid}, Head::Softmax, 3, {0.3, -0.7, 2}},
        {"linear, no hidden", {2}, {A::Linear}, Head::SigmoidBce, 1, {-1.1, 0.4, 0}},
        {"logistic regression", {}, {}, Head::SigmoidBce, 1, point},
    };
    for (const NetCase& c : cases) {
        CAPTURE(c.name);
        for (std::uint64_t seed : {3, 11}) {
            Mlp<double> mlp = make_net(c, int(features.size()), seed);
            auto net = mlp_scalar(mlp, features, c.p);
            REQUIRE(net);
            auto g = formula_to_graph(net->formula, net->values);
            REQUIRE(g);
            g->backward();
            const double loss = tensor_grads(mlp, features, c.p);
            CHECK(g->node(g->output()).value == doctest::Approx(loss).epsilon(1e-13));
            int checked = 0;
            for (std::size_t l = 0; l < mlp.layers().size(); ++l) {
                const auto& layer = mlp.layers()[l];
                for (int i = 0; i < int(layer.W.rows()); ++i) {
                    for (int j = 0; j < int(layer.W.cols()); ++j, ++checked)
                        CHECK(grad_of(g.value(), weight_name(int(l) + 1, i + 1, j + 1)) ==
                              doctest::Approx(layer.dW(i, j)).epsilon(1e-12).scale(1e-12));
                    CHECK(grad_of(g.value(), bias_name(int(l) + 1, i + 1)) ==
                          doctest::Approx(layer.db(i, 0)).epsilon(1e-12).scale(1e-12));
                    ++checked;
                }
            }
            CHECK(checked > 0);
            CHECK(std::abs(grad_of(g.value(), "x1")) > 0);  // the point's own gradient is there too
        }
    }
}

TEST_CASE("mlp scalar graph: by hand for a one-weight logistic regression") {
    // z = w x1 + b with w = 0.5, b = -0.25 at x1 = 2, label 1: z = 0.75;
    // L = softplus(z) - z = log(1 + e^-0.75) = 0.3873750...; dL/dz = sigma(z) - 1 = -0.3208213...
    // dL/dw = x1 dL/dz = -0.6416426...; dL/db = dL/dz.
    Mlp<double> mlp;
    mlp.build(1, {}, {}, 1, Head::SigmoidBce);
    mlp.layers()[0].W(0, 0) = 0.5;
    mlp.layers()[0].b(0, 0) = -0.25;
    auto net = mlp_scalar(mlp, {Feature::X1}, Point{2, 9, 1});
    REQUIRE(net);
    CHECK(net->formula == "softplus(w1_1_1*x1 + b1_1) - y*(w1_1_1*x1 + b1_1)");
    auto g = formula_to_graph(net->formula, net->values);
    REQUIRE(g);
    g->backward();
    const double dz = 1 / (1 + std::exp(-0.75)) - 1;
    CHECK(g->node(g->output()).value == doctest::Approx(std::log(1 + std::exp(-0.75))).epsilon(1e-15));
    CHECK(grad_of(g.value(), "w1_1_1") == doctest::Approx(2 * dz).epsilon(1e-14));
    CHECK(grad_of(g.value(), "b1_1") == doctest::Approx(dz).epsilon(1e-14));
    // The SGD step: w = 0.5 - 0.1 * 2 dz, b = -0.25 - 0.1 dz; the loss at the point drops.
    CHECK(apply_sgd(mlp, g->gradients(), 0.1) == 2);
    CHECK(mlp.layers()[0].W(0, 0) == doctest::Approx(0.5 - 0.2 * dz).epsilon(1e-15));
    CHECK(mlp.layers()[0].b(0, 0) == doctest::Approx(-0.25 - 0.1 * dz).epsilon(1e-15));
    auto after = formula_to_graph(mlp_scalar(mlp, {Feature::X1}, Point{2, 9, 1})->formula,
                                  mlp_scalar(mlp, {Feature::X1}, Point{2, 9, 1})->values);
    REQUIRE(after);
    CHECK(after->node(after->output()).value < g->node(g->output()).value);
}

TEST_CASE("mlp scalar graph: what cannot be written out is an error, not a crash") {
    Mlp<double> mlp;
    mlp.build(2, {3}, {Activation::Gelu}, 1, Head::SigmoidBce);
    auto net = mlp_scalar(mlp, {Feature::X1, Feature::X2}, Point{});
    REQUIRE_FALSE(net);
    CHECK(net.error().message == "layer 1 uses gelu, which the graph lab cannot write out (no erf op)");
    Mlp<double> big;
    big.build(2, {64, 64, 64}, {Activation::Tanh, Activation::Tanh, Activation::Tanh}, 1, Head::SigmoidBce);
    auto too_big = mlp_scalar(big, {Feature::X1, Feature::X2}, Point{});
    REQUIRE_FALSE(too_big);
    CHECK(too_big.error().message.find("too large") != std::string::npos);
}
