// bp::det (det_math.h) against independent truth: glibc's long double functions (x87, 64-bit
// mantissa: exact enough to measure double errors in ulps), special values, and float
// results that must be the correctly rounded long double value. That the bits are the same
// in WASM is checked by scripts/determinism.sh (ctest determinism_*).
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "det_math.h"
#include "rng.h"

using namespace bp;

namespace {

// |got - truth| in units in the last place of the double nearest to truth.
double ulp_error(double got, long double truth) {
    const double t = double(truth);
    if (std::isinf(t)) return got == t ? 0 : 1e300;
    int e = 0;
    std::frexp(t, &e);
    const double ulp = std::ldexp(1.0, std::max(e - 53, -1074));
    return double(std::fabs((long double)got - truth)) / ulp;
}

template <class F, class G>
double max_ulp_error(double lo, double hi, F f, G truth, int n = 100000) {
    Rng rng(7);
    double worst = 0;
    for (int i = 0; i < n; ++i) {
        const double x = rng.uniform(lo, hi);
        worst = std::max(worst, ulp_error(f(x), truth((long double)x)));
    }
    return worst;
}

}  // namespace

TEST_CASE("det:: functions are within a few ulp of long double libm") {
    struct Case {
        const char* name;
        double lo, hi, max_ulp;
        double (*f)(double);
        long double (*truth)(long double);
    };
    const Case cases[] = {
        {"exp", -745, 709.7, 1.5, [](double x) { return det::exp(x); }, [](long double x) { return std::exp(x); }},
        {"exp", -1, 1, 1.5, [](double x) { return det::exp(x); }, [](long double x) { return std::exp(x); }},
        {"expm1", -50, 50, 3, [](double x) { return det::expm1(x); }, [](long double x) { return std::expm1(x); }},
        {"expm1", -1e-6, 1e-6, 2, [](double x) { return det::expm1(x); }, [](long double x) { return std::expm1(x); }},
        {"log", 1e-300, 1e300, 1, [](double x) { return det::log(x); }, [](long double x) { return std::log(x); }},
        {"log", 0.5, 2, 1, [](double x) { return det::log(x); }, [](long double x) { return std::log(x); }},
        {"log", 1e-320, 1e-310, 1, [](double x) { return det::log(x); }, [](long double x) { return std::log(x); }},
        {"log1p", -0.999, 1, 1.5, [](double x) { return det::log1p(x); }, [](long double x) { return std::log1p(x); }},
        {"log1p", -1e-6, 1e-6, 1.5, [](double x) { return det::log1p(x); }, [](long double x) { return std::log1p(x); }},
        {"log1p", 1, 1e10, 1, [](double x) { return det::log1p(x); }, [](long double x) { return std::log1p(x); }},
        {"sin", -10, 10, 2, [](double x) { return det::sin(x); }, [](long double x) { return std::sin(x); }},
        {"sin", -1e5, 1e5, 3, [](double x) { return det::sin(x); }, [](long double x) { return std::sin(x); }},
        {"cos", -10, 10, 2, [](double x) { return det::cos(x); }, [](long double x) { return std::cos(x); }},
        {"cos", -1e5, 1e5, 3, [](double x) { return det::cos(x); }, [](long double x) { return std::cos(x); }},
        {"tanh", -25, 25, 3.5, [](double x) { return det::tanh(x); }, [](long double x) { return std::tanh(x); }},
        {"tanh", -0.01, 0.01, 3.5, [](double x) { return det::tanh(x); }, [](long double x) { return std::tanh(x); }},
        {"erf", -7, 7, 2, [](double x) { return det::erf(x); }, [](long double x) { return std::erf(x); }},
        {"erf", -3, 3, 2, [](double x) { return det::erf(x); }, [](long double x) { return std::erf(x); }},
        {"pow(0.9, y)", 0, 10, 3, [](double y) { return det::pow(0.9, y); }, [](long double y) { return std::pow(0.9L, y); }},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        CAPTURE(c.lo);
        CAPTURE(c.hi);
        CHECK(max_ulp_error(c.lo, c.hi, c.f, c.truth) <= c.max_ulp);
    }
}

TEST_CASE("det::powi is exact for small powers and close for large ones") {
    CHECK(det::powi(0.9, 0) == 1);
    CHECK(det::powi(0.9, 1) == 0.9);
    CHECK(det::powi(0.9, 2) == 0.9 * 0.9);
    CHECK(det::powi(2.0, -3) == 0.125);
    CHECK(ulp_error(det::powi(0.999, 10000), std::pow(0.999L, 10000.0L)) < 2 * 10000);
    CHECK(ulp_error(det::powi(0.999, 100), std::pow(0.999L, 100.0L)) < 2 * 100);
}

TEST_CASE("det:: special values follow the C library's") {
    const double inf = std::numeric_limits<double>::infinity(), nan = std::nan("");
    CHECK(det::exp(0.0) == 1);
    CHECK(det::exp(1000.0) == inf);
    CHECK(det::exp(-1000.0) == 0);
    CHECK(det::exp(-inf) == 0);
    CHECK(std::isnan(det::exp(nan)));
    CHECK(det::exp(-740.0) > 0);  // subnormal
    CHECK(det::log(1.0) == 0);
    CHECK(det::log(0.0) == -inf);
    CHECK(std::isnan(det::log(-1.0)));
    CHECK(det::log(inf) == inf);
    CHECK(det::log1p(-1.0) == -inf);
    CHECK(det::log1p(1e-300) == 1e-300);
    CHECK(det::expm1(-1000.0) == -1);
    CHECK(det::expm1(1e-300) == 1e-300);
    CHECK(det::sin(0.0) == 0);
    CHECK(det::cos(0.0) == 1);
    CHECK(std::isnan(det::sin(inf)));
    CHECK(std::abs(det::sin(1e300)) <= 1);  // huge arguments: still a number in [-1, 1]
    CHECK(std::abs(det::cos(-3e15)) <= 1);
    CHECK(det::tanh(30.0) == 1);
    CHECK(det::tanh(-inf) == -1);
    CHECK(det::tanh(0.0) == 0);
    CHECK(det::erf(0.0) == 0);
    CHECK(det::erf(10.0) == 1);
    CHECK(det::erf(-10.0) == -1);
    CHECK(det::pow(0.0, 2.0) == 0);
    CHECK(det::pow(3.0, 0.0) == 1);
}

TEST_CASE("det:: float versions: Eigen's packet code within 2-3 ulp, erf correctly rounded") {
    auto ulp_f = [](float got, long double truth) {
        int e = 0;
        std::frexp(float(truth), &e);
        return double(std::fabs((long double)got - truth)) / std::ldexp(1.0, std::max(e - 24, -149));
    };
    Rng rng(11);
    double exp_err = 0, log_err = 0, log1p_err = 0, expm1_err = 0;
    int erf_wrong = 0;
    for (int i = 0; i < 200000; ++i) {
        const float x = float(rng.uniform(-87, 88)), p = float(rng.uniform(0, 1)), e = float(rng.uniform(-4, 4));
        const float y = float(rng.uniform(1e-3, 1e3)), m = float(rng.uniform(-20, 1));
        exp_err = std::max(exp_err, ulp_f(det::exp(x), std::exp((long double)x)));
        log_err = std::max(log_err, ulp_f(det::log(y), std::log((long double)y)));
        log1p_err = std::max(log1p_err, ulp_f(det::log1p(p), std::log1p((long double)p)));
        expm1_err = std::max(expm1_err, ulp_f(det::expm1(m), std::expm1((long double)m)));
        erf_wrong += det::erf(e) != float(std::erf((long double)e));
    }
    CHECK(exp_err <= 2);
    CHECK(log_err <= 2);
    CHECK(log1p_err <= 2);
    CHECK(expm1_err <= 3);  // 2.5 measured
    // erf: evaluated in double (error < 2^-50) and rounded once, so wrong only when the exact
    // value lies within 2^-50 of a midpoint between two floats, about once in 2^25 draws.
    CHECK(erf_wrong <= 1);
    CHECK(det::exp(-1000.0f) == 0);
    CHECK(det::exp(100.0f) == std::numeric_limits<float>::infinity());
    CHECK(det::log1p(0.0f) == 0);
}

TEST_CASE("det:: float functors give each element the same bits in a SIMD packet and in the scalar tail") {
    Eigen::ArrayXf x(11);  // 11: two packets of 4 and a tail of 3
    for (Eigen::Index i = 0; i < x.size(); ++i) x(i) = -30.0f + 7.3f * float(i);
    const Eigen::ArrayXf e = x.unaryExpr(det::ExpOp<float>{}), l = x.abs().unaryExpr(det::Log1pOp<float>{});
    for (Eigen::Index i = 0; i < x.size(); ++i) {
        CAPTURE(i);
        CHECK(e(i) == det::exp(x(i)));
        CHECK(l(i) == det::log1p(std::abs(x(i))));
    }
}
