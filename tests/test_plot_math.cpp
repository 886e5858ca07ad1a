// The plots' arithmetic (engine/base/plot_math.h): decimation keeps every column's extremes and
// costs at most two points per pixel column whatever the run length; ticks are round
// values inside the range. Expected values are worked out by hand in each case.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "plot_math.h"
#include "probe.h"

using bp::PlotPoint;

namespace {
std::vector<float> iota_x(std::size_t n) {
    std::vector<float> xs(n);
    for (std::size_t i = 0; i < n; ++i) xs[i] = float(i);
    return xs;
}
}  // namespace

TEST_CASE("decimate: a short series comes back as it is, non-finite values as breaks") {
    const std::vector<float> ys{1, 2, NAN, 4};
    const auto out = bp::decimate(iota_x(4), ys, 0, 3, 100);
    REQUIRE(out.size() == 4);
    CHECK(out[1].x == 1);
    CHECK(out[1].y == 2);
    CHECK(std::isnan(out[2].y));
    CHECK(out[3].y == 4);
}

TEST_CASE("decimate: 30000 values over 100 columns keep each column's min and max, in order") {
    const std::size_t n = 30000;
    std::vector<float> ys(n);
    for (std::size_t i = 0; i < n; ++i) ys[i] = float(i % 7);  // 0..6 in every column of 300 values
    ys[12345] = 1000;                                           // one spike in column 41 (12345 / 300)
    ys[20000] = -50;                                            // one dip in column 66
    const auto out = bp::decimate(iota_x(n), ys, 0, float(n - 1), 100);
    CHECK(out.size() <= 200);
    CHECK(out.size() >= 100);
    bool spike = false, dip = false;
    for (const PlotPoint& p : out) {
        spike |= p.y == 1000 && p.x == 12345;
        dip |= p.y == -50 && p.x == 20000;
    }
    CHECK(spike);
    CHECK(dip);
    for (std::size_t k = 1; k < out.size(); ++k) CHECK(out[k].x >= out[k - 1].x);  // left to right
}

TEST_CASE("decimate: the cost does not grow with the length of the series") {
    for (std::size_t n : {1000u, 30000u, 1000000u}) {
        std::vector<float> ys(n, 1.0f);
        for (std::size_t i = 0; i < n; i += 2) ys[i] = 2.0f;
        CHECK(bp::decimate(iota_x(n), ys, 0, float(n - 1), 400).size() <= 800);
    }
}

TEST_CASE("decimate: a column with only non-finite values is a break, a NaN among finite values is not") {
    std::vector<float> ys(1000, 3.0f);
    for (std::size_t i = 500; i < 510; ++i) ys[i] = NAN;  // column 50 of 100 (values 500..509)
    ys[3] = NAN;                                          // inside column 0, beside finite values
    const auto out = bp::decimate(iota_x(1000), ys, 0, 1000, 100);
    int breaks = 0;
    for (const PlotPoint& p : out) breaks += std::isnan(p.y);
    CHECK(breaks == 1);
}

TEST_CASE("column_max: the largest value of each slice, NaN for a slice with none") {
    const std::vector<float> v{0, 0.5f, 0, 0, 1, 0, NAN, NAN};
    const auto m = bp::column_max(v, 4);
    REQUIRE(m.size() == 4);
    CHECK(m[0] == 0.5f);
    CHECK(m[1] == 0);
    CHECK(m[2] == 1);
    CHECK(std::isnan(m[3]));
    const auto wide = bp::column_max({0.25f, 0.75f}, 4);  // more columns than values: each repeats
    CHECK(wide[0] == 0.25f);
    CHECK(wide[3] == 0.75f);
}

TEST_CASE("linear_ticks: round steps of 1, 2 or 5 x 10^k inside the range") {
    CHECK(bp::linear_ticks(-6, 6, 7) == std::vector<double>{-6, -4, -2, 0, 2, 4, 6});
    CHECK(bp::linear_ticks(0, 30000, 4) == std::vector<double>{0, 10000, 20000, 30000});
    const std::vector<double> small = bp::linear_ticks(0, 0.7, 4);
    REQUIRE(small.size() == 4);
    for (std::size_t k = 0; k < 4; ++k) CHECK(small[k] == doctest::Approx(0.2 * double(k)));
    CHECK(bp::linear_ticks(1, 1, 4).empty());
}

TEST_CASE("decade_ticks: the powers of ten inside the range, thinned to the limit") {
    CHECK(bp::decade_ticks(-3.2, 0.5, 6) == std::vector<int>{-3, -2, -1, 0});
    CHECK(bp::decade_ticks(-9, 0, 5) == std::vector<int>{-9, -7, -5, -3, -1});
    CHECK(bp::decade_ticks(-2.5, -2.1, 4).empty());  // no power of ten between 10^-2.5 and 10^-2.1
}

TEST_CASE("saturation_z: where f'(z) falls below 10% of its peak, against the closed forms") {
    // sigmoid: s (1 - s) = 0.025  =>  s = (1 + sqrt(0.9)) / 2,  z = log(s / (1 - s))
    const double s = (1 + std::sqrt(0.9)) / 2;
    CHECK(bp::saturation_z(bp::Activation::Sigmoid) == doctest::Approx(std::log(s / (1 - s))).epsilon(1e-9));
    // tanh: 1 - t^2 = 0.1  =>  z = atanh(sqrt(0.9))
    CHECK(bp::saturation_z(bp::Activation::Tanh) == doctest::Approx(std::atanh(std::sqrt(0.9))).epsilon(1e-9));
    CHECK(std::isnan(bp::saturation_z(bp::Activation::Relu)));
}
