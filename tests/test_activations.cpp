// Activations: names, hand values, every derivative against central differences (double),
// no NaN for huge inputs, and the matrix versions equal to the scalar formulas bit for bit
// (float and double), so the tape, the benchmark and the diagnostics agree.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "activations.h"
#include "gradcheck.h"

using namespace bp;

namespace {

const std::vector<Activation> kAll = {Activation::Linear, Activation::Sigmoid, Activation::Tanh,
                                      Activation::Relu,   Activation::LeakyRelu, Activation::Elu,
                                      Activation::Softplus, Activation::Gelu,  Activation::Swish};

}  // namespace

TEST_CASE("activation names round-trip, and unknown names are rejected") {
    CHECK(kAll.size() == std::size_t(int(Activation::Swish) + 1));
    for (Activation a : kAll) {
        const auto back = from_name<Activation>(name_of(a));
        REQUIRE(back.has_value());
        CHECK(*back == a);
    }
    CHECK(std::string(name_of(Activation::LeakyRelu)) == "leaky_relu");
    CHECK_FALSE(from_name<Activation>("Tanh").has_value());
    CHECK_FALSE(from_name<Activation>("sinh").has_value());
    CHECK_FALSE(from_name<Activation>("").has_value());
}

TEST_CASE("activation values by hand") {
    CHECK(activate(Activation::Linear, -2.5) == -2.5);
    CHECK(activate(Activation::Sigmoid, 0.0) == 0.5);
    CHECK(activate(Activation::Sigmoid, 1.0) == doctest::Approx(0.7310585786300049).epsilon(1e-15));  // 1/(1+e^-1)
    CHECK(activate(Activation::Tanh, 0.0) == 0.0);
    CHECK(activate(Activation::Tanh, 0.5) == doctest::Approx(0.46211715726000974).epsilon(1e-15));
    CHECK(activate(Activation::Relu, -3.0) == 0.0);
    CHECK(activate(Activation::Relu, 3.0) == 3.0);
    CHECK(activate(Activation::LeakyRelu, -2.0) == doctest::Approx(-0.02).epsilon(1e-15));  // 0.01 x
    CHECK(activate(Activation::Elu, -1.0) == doctest::Approx(-0.6321205588285577).epsilon(1e-15));  // e^-1 - 1
    CHECK(activate(Activation::Elu, 2.0) == 2.0);
    CHECK(activate(Activation::Softplus, 0.0) == doctest::Approx(0.6931471805599453).epsilon(1e-15));  // log 2
    CHECK(activate(Activation::Gelu, 1.0) == doctest::Approx(0.8413447460685429).epsilon(1e-15));  // 1 * Phi(1)
    CHECK(activate(Activation::Swish, 1.0) == doctest::Approx(0.7310585786300049).epsilon(1e-15));  // 1 * sigma(1)
    // Slopes at the textbook points: sigma'(0) = 1/4, tanh'(0) = 1, relu'(x) = 1(x > 0).
    CHECK(activation_derivative(Activation::Sigmoid, 0.0, 0.5) == 0.25);
    CHECK(activation_derivative(Activation::Tanh, 0.0, 0.0) == 1.0);
    CHECK(activation_derivative(Activation::Relu, 0.0, 0.0) == 0.0);
    CHECK(activation_derivative(Activation::Relu, 1e-9, 1e-9) == 1.0);
    CHECK(activation_derivative(Activation::Gelu, 0.0, 0.0) == 0.5);  // Phi(0) + 0
}

TEST_CASE("every activation derivative matches central differences (double)") {
    // Points away from the kinks at 0 (relu, leaky relu, elu).
    const std::vector<double> xs = {-4.1, -2.2, -1.3, -0.7, -0.15, 0.2, 0.6, 1.1, 1.9, 3.7};
    for (Activation a : kAll) {
        for (double x : xs) {
            const double y = activate(a, x);
            const double analytic = activation_derivative(a, x, y);
            const double numeric = central_difference([a](double v) { return activate(a, v); }, x);
            INFO(name_of(a), " at x = ", x, ": analytic ", analytic, ", numeric ", numeric);
            CHECK(relative_error(analytic, numeric) < 1e-6);
        }
    }
}

TEST_CASE("saturation: sigmoid and tanh slopes vanish for large |x|, relu's for x < 0") {
    CHECK(activation_derivative(Activation::Sigmoid, 10.0, activate(Activation::Sigmoid, 10.0)) < 1e-4);
    CHECK(activation_derivative(Activation::Tanh, -10.0, activate(Activation::Tanh, -10.0)) < 1e-8);
    CHECK(activation_derivative(Activation::Relu, -0.5, 0.0) == 0.0);
    CHECK(activation_derivative(Activation::LeakyRelu, -0.5, -0.005) == doctest::Approx(0.01));
}

TEST_CASE("huge inputs give finite values and slopes, no NaN") {
    for (double x : {-1000.0, 1000.0, -1e30, 1e30}) {
        for (Activation a : kAll) {
            const double y = activate(a, x);
            const double d = activation_derivative(a, x, y);
            const float yf = activate(a, float(x));
            const float df = activation_derivative(a, float(x), yf);
            INFO(name_of(a), " at ", x);
            CHECK(std::isfinite(y));
            CHECK(std::isfinite(d));
            CHECK(std::isfinite(yf));
            CHECK(std::isfinite(df));
        }
    }
    CHECK(activate(Activation::Sigmoid, -1000.0) == 0.0);
    CHECK(activate(Activation::Sigmoid, 1000.0) == 1.0);
    CHECK(activate(Activation::Sigmoid, -1000.0f) == 0.0f);
    CHECK(activate(Activation::Softplus, 1000.0) == 1000.0);
    CHECK(activate(Activation::Softplus, -1000.0) == 0.0);
    CHECK(activate(Activation::Elu, -1000.0) == -1.0);
    CHECK(activate(Activation::Tanh, 1000.0f) == 1.0f);
    CHECK(activate(Activation::Swish, -1000.0) == 0.0);
}

TEST_CASE_TEMPLATE("matrix activate/backward equal the scalar formulas bit for bit", T, float, double) {
    using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
    // 7 x 13: not a multiple of any SIMD width, so packet and scalar tails are both used.
    Mat X(7, 13), dY(7, 13), dX0(7, 13);
    for (Eigen::Index k = 0; k < X.size(); ++k) {
        X.data()[k] = T(-11.0 + 0.2371 * double(k));  // -11 .. 10.3, across tanh's clamp at 7.9
        dY.data()[k] = T(std::sin(0.37 * double(k)));
        dX0.data()[k] = T(std::cos(0.11 * double(k)));
    }
    X(0, 0) = T(1e-5);  // tanh's small-argument branch
    X(1, 0) = T(0);
    for (Activation a : kAll) {
        INFO(name_of(a));
        Mat Y, dX, dX_acc = dX0, dY_alias = dY;
        activate(a, X, Y);
        activation_backward(a, X, Y, dY, dX);
        activation_backward(a, X, Y, dY, dX_acc, /*accumulate=*/true);
        activation_backward(a, X, Y, dY_alias, dY_alias);  // dX may be dY (in place)
        int mismatches = 0;
        for (Eigen::Index k = 0; k < X.size(); ++k) {
            const T x = X.data()[k];
            const T y = activate(a, x);
            const T d = dY.data()[k] * activation_derivative(a, x, y);
            mismatches += Y.data()[k] != y;
            mismatches += dX.data()[k] != d;
            mismatches += dX_acc.data()[k] != dX0.data()[k] + d;
            mismatches += dY_alias.data()[k] != d;
        }
        CHECK(mismatches == 0);
    }
}
