// LineImage against closed forms: the coverage rule at pixel centres, a line's area (its
// length times its width plus the two rounded ends' pi / 6), "over" blending, and joints.
#include <doctest/doctest.h>

#include <cmath>

#include "line_raster.h"

using bp::LineImage;

namespace {
constexpr std::uint32_t rgba(unsigned r, unsigned g, unsigned b, unsigned a) { return r | g << 8 | b << 16 | a << 24; }
unsigned alpha(const LineImage& im, int x, int y) { return im.pixels()[std::size_t(y * im.width() + x)] >> 24; }
unsigned channel(const LineImage& im, int x, int y, int k) { return (im.pixels()[std::size_t(y * im.width() + x)] >> (8 * k)) & 255u; }
}  // namespace

TEST_CASE("a line covers the pixels whose centres lie within half its width, fading over one pixel") {
    LineImage im;
    im.clear(24, 12);
    im.polyline({2.5f, 5.5f, 17.5f, 5.5f}, rgba(255, 255, 255, 255), 1.0f);
    for (int x = 2; x <= 17; ++x) CHECK(alpha(im, x, 5) == 255);  // on the line: distance 0
    for (int x = 0; x < 24; ++x) CHECK(alpha(im, x, 4) == 0);     // a pixel away: 1 - 1 = 0
    CHECK(alpha(im, 1, 5) == 0);
    LineImage half;  // the line between two rows: each centre 0.5 away, coverage 1 - 0.5
    half.clear(24, 12);
    half.polyline({2.5f, 6.0f, 17.5f, 6.0f}, rgba(255, 255, 255, 255), 1.0f);
    CHECK(alpha(half, 10, 5) == 128);
    CHECK(alpha(half, 10, 6) == 128);
    CHECK(alpha(half, 10, 7) == 0);
}

TEST_CASE("a line's coverage adds up to its length times its width plus its rounded ends") {
    for (const float thickness : {1.0f, 2.0f}) {
        CAPTURE(thickness);
        LineImage im;
        im.clear(100, 70);
        const float ax = 10.3f, ay = 7.1f, bx = 80.6f, by = 52.9f;
        im.polyline({ax, ay, bx, by}, rgba(255, 255, 255, 255), thickness);
        double sum = 0;
        for (int y = 0; y < 70; ++y)
            for (int x = 0; x < 100; ++x) sum += alpha(im, x, y) / 255.0;
        // Across the band, coverage min(1, r - d) with r = t / 2 + 0.5 integrates to t. Each end is
        // a half disc: pi x the integral of coverage(rho) rho over rho in [0, r].
        const double r = thickness / 2 + 0.5, length = std::hypot(bx - ax, by - ay);
        const double end = M_PI * ((r - 1) * (r - 1) / 2 + r * (r * r - (r - 1) * (r - 1)) / 2 - (r * r * r - std::pow(r - 1, 3)) / 3);
        CHECK(sum == doctest::Approx(length * thickness + 2 * end).epsilon(0.005));  // sampled at pixel centres, alpha in 1/255 steps
    }
}

TEST_CASE("lines blend over what is drawn, and a joint is covered once") {
    LineImage im;
    im.clear(30, 30);
    im.polyline({0.5f, 10.5f, 29.5f, 10.5f}, rgba(0, 0, 255, 255), 1.0f);
    im.polyline({10.5f, 0.5f, 10.5f, 29.5f}, rgba(255, 0, 0, 128), 1.0f);
    const double a = 128 / 255.0;  // red at a over opaque blue: red 255 a, blue 255 (1 - a)
    CHECK(alpha(im, 10, 10) == 255);
    CHECK(channel(im, 10, 10, 0) == unsigned(std::lround(255 * a)));
    CHECK(channel(im, 10, 10, 2) == unsigned(std::lround(255 * (1 - a))));
    CHECK(channel(im, 10, 5, 0) == 255);  // the red line alone keeps its colour and alpha
    CHECK(alpha(im, 10, 5) == 128);

    LineImage corner;  // two segments meet at (20.5, 5.5): their coverages are not added
    corner.clear(30, 30);
    corner.polyline({5.5f, 5.5f, 20.5f, 5.5f, 20.5f, 20.5f}, rgba(255, 255, 255, 128), 1.0f);
    CHECK(alpha(corner, 20, 5) == 128);
    CHECK(alpha(corner, 12, 5) == 128);
    CHECK(alpha(corner, 20, 12) == 128);
}

TEST_CASE("a line leaves out non-finite points and what lies outside the image") {
    LineImage im;
    im.clear(20, 10);
    im.polyline({-50.0f, 5.5f, 70.0f, 5.5f, NAN, 2.0f, 3.5f, 2.5f}, rgba(255, 255, 255, 255), 1.0f);
    for (int x = 0; x < 20; ++x) CHECK(alpha(im, x, 5) == 255);
    CHECK(alpha(im, 3, 2) == 0);
    LineImage none;
    none.clear(0, 0);
    none.polyline({0.0f, 0.0f, 5.0f, 5.0f}, rgba(255, 255, 255, 255), 1.0f);
    CHECK(none.pixels().empty());
}
