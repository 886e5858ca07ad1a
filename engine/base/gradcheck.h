// Central finite differences: the independent oracle every gradient is checked against
// (tests now, the graph view's "gradient check" column later). Always in double.
#pragma once
#include <algorithm>
#include <cmath>

namespace bp {

// Step for a central difference at x: relative to |x| so large inputs keep precision.
inline double fd_step(double x, double h = 1e-6) { return h * std::max(1.0, std::abs(x)); }

// (f(x + h) - f(x - h)) / 2h, error O(h^2).
template <class F>
double central_difference(F&& f, double x, double h = 1e-6) {
    const double s = fd_step(x, h);
    return (f(x + s) - f(x - s)) / (2 * s);
}

// |a - b| / max(|a|, |b|, floor): relative error that stays meaningful near zero.
inline double relative_error(double a, double b, double floor = 1e-8) {
    return std::abs(a - b) / std::max({std::abs(a), std::abs(b), floor});
}

}  // namespace bp
