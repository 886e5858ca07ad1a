// Plot arithmetic of plot_math.h: min/max decimation per pixel column and axis ticks.
#include "plot_math.h"

#include <algorithm>
#include <cmath>

namespace bp {

namespace {
constexpr float kBreak = NAN;

// Emits one column's finite min and max in the order they occur (one point when equal).
void emit_column(const std::vector<float>& xs, const std::vector<float>& ys, std::size_t lo_at, std::size_t hi_at,
                 std::vector<PlotPoint>& out) {
    const std::size_t a = std::min(lo_at, hi_at), b = std::max(lo_at, hi_at);
    out.push_back({xs[a], ys[a]});
    if (b != a) out.push_back({xs[b], ys[b]});
}
}  // namespace

std::vector<PlotPoint> decimate(const std::vector<float>& xs, const std::vector<float>& ys, float x_lo, float x_hi,
                                int columns) {
    const std::size_t n = std::min(xs.size(), ys.size());
    std::vector<PlotPoint> out;
    if (n <= 2 * std::size_t(std::max(columns, 0)) || !(x_hi > x_lo)) {
        for (std::size_t i = 0; i < n; ++i) out.push_back({xs[i], std::isfinite(ys[i]) ? ys[i] : kBreak});
        return out;
    }
    out.reserve(2 * std::size_t(columns) + 2);
    const float scale = float(columns) / (x_hi - x_lo);
    std::size_t i = 0;
    while (i < n) {
        const int col = std::clamp(int((xs[i] - x_lo) * scale), 0, columns - 1);
        const float next = col + 1 < columns ? x_lo + float(col + 1) / scale : INFINITY;  // where the next column starts
        std::size_t lo_at = n, hi_at = n;
        do {  // at least one value, so a rounding disagreement at an edge cannot stall the loop
            if (std::isfinite(ys[i])) {
                if (lo_at == n || ys[i] < ys[lo_at]) lo_at = i;
                if (hi_at == n || ys[i] > ys[hi_at]) hi_at = i;
            }
            ++i;
        } while (i < n && xs[i] < next);
        if (lo_at == n) out.push_back({xs[i - 1], kBreak});
        else emit_column(xs, ys, lo_at, hi_at, out);
    }
    return out;
}

std::vector<float> column_max(const std::vector<float>& values, int columns) {
    std::vector<float> out(std::size_t(std::max(columns, 0)), NAN);
    const std::size_t n = values.size();
    for (std::size_t c = 0; c < out.size(); ++c) {
        const std::size_t begin = n * c / out.size(), end = std::max(begin + 1, n * (c + 1) / out.size());
        for (std::size_t i = begin; i < std::min(end, n); ++i)
            if (std::isfinite(values[i]) && !(out[c] >= values[i])) out[c] = values[i];
    }
    return out;
}

std::vector<double> linear_ticks(double lo, double hi, int max_ticks) {
    std::vector<double> ticks;
    if (!(hi > lo) || !std::isfinite(hi - lo) || max_ticks < 1) return ticks;
    const double raw = (hi - lo) / max_ticks, base = std::pow(10.0, std::floor(std::log10(raw)));
    double step = base;
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * base * max_ticks >= hi - lo) { step = m * base; break; }
    for (double k = std::ceil(lo / step); k * step <= hi * (1 + 1e-12) + 1e-300; ++k)
        ticks.push_back(std::abs(k) < 1e-9 ? 0.0 : k * step);
    while (int(ticks.size()) > max_ticks) ticks.pop_back();  // rounding at the top end
    return ticks;
}

std::vector<int> decade_ticks(double log_lo, double log_hi, int max_ticks) {
    std::vector<int> ticks;
    if (!(log_hi >= log_lo) || !std::isfinite(log_hi - log_lo) || max_ticks < 1) return ticks;
    const int first = int(std::ceil(log_lo - 1e-9)), last = int(std::floor(log_hi + 1e-9));
    const int every = std::max(1, (last - first) / max_ticks + 1);
    for (int k = first; k <= last; ++k)
        if ((k - first) % every == 0) ticks.push_back(k);
    return ticks;
}

}  // namespace bp
