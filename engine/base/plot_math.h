// The arithmetic of the UI's plots, kept free of ImGui so it can be tested: thinning a
// series to at most two points per pixel column (its min and max, so spikes stay visible),
// the largest value per column for the heat strips, and tick positions for linear and
// log10 axes.
#pragma once
#include <vector>

namespace bp {

struct PlotPoint {
    float x, y;  // data space; y NaN marks a break in the line
};

// The points (xs[i], ys[i]), xs non-decreasing, as a polyline of at most about two points
// per column of `columns` equal columns over [x_lo, x_hi]: with more values than 2 x columns
// each column keeps its smallest and largest finite y (at their own x, in their order); a
// column whose values are all non-finite becomes a break. Fewer values come back as they
// are (non-finite y as breaks).
std::vector<PlotPoint> decimate(const std::vector<float>& xs, const std::vector<float>& ys, float x_lo, float x_hi,
                                int columns);

// The largest value in each of `columns` equal slices of `values` (NaN for an empty slice
// or one with no finite value): a heat strip shows a short spike even when thinned.
std::vector<float> column_max(const std::vector<float>& values, int columns);

// At most `max_ticks` round values (1, 2 or 5 x 10^k apart) inside [lo, hi].
std::vector<double> linear_ticks(double lo, double hi, int max_ticks);
// Powers of ten 10^k inside [10^log_lo, 10^log_hi], every 1st, 2nd, 3rd, ... decade so
// that at most `max_ticks` remain; returns the exponents k.
std::vector<int> decade_ticks(double log_lo, double log_hi, int max_ticks);

}  // namespace bp
