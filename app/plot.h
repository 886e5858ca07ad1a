// Plots drawn with ImGui's draw lists (no ImPlot here): line plots with axes (ticks with
// real values, linear or log10), an optional legend and a hover readout; histograms with
// their range, 0 and an optional shaded band; a step x layer strip. Every series is thinned
// to about one point per pixel column (engine/plot_math.h), so drawing costs the same
// after 300 steps as after 30,000.
#pragma once
#include <cmath>
#include <string>
#include <vector>

#include "imgui.h"
#include "probe.h"

namespace bp {

struct PlotLine {
    const std::vector<float>* values;
    ImU32 color;
    const char* label;
    float x_step = 1;  // x distance between two values (e.g. a Series' stride)
    float x0 = 0;      // x of the first value
    const std::vector<float>* xs = nullptr;  // else: the x of every value (non-decreasing)
};

struct PlotOptions {
    bool log_y = false;        // plot log10 of positive values; ticks at powers of ten
    const char* x_label = "x";  // the x unit, under the axis and in the readout ("epoch")
    bool legend = false;       // a row of the lines' labels in their colours, above the data
};

// Lines over a shared x axis, with y ticks on the left, x ticks and x_label below (labels
// outside the data area, so no line covers them). Hovering shows every line's value.
void draw_line_plot(const char* id, const std::vector<PlotLine>& lines, const PlotOptions& options, ImVec2 size);

// Exponential moving average of log10(v) (a geometric mean that follows the trend), for
// noisy per-step series drawn on a log scale; non-positive values are carried over.
std::vector<float> smooth_log(const std::vector<float>& values, float alpha = 0.1f);

// A histogram with its range labelled under it and a tick at 0 when 0 is inside. Values of
// |x| above `shade_beyond` (when finite) are shaded, with `shade_label` in the tooltip.
void draw_histogram(const char* id, const Histogram& h, ImU32 color, ImVec2 size, float shade_beyond = NAN,
                    const char* shade_label = nullptr);

// rows (one per layer) of values in [0, 1] over time: a heat strip, bright = high; each
// pixel column shows the largest value of the steps it covers.
void draw_strip(const char* id, const std::vector<const Series*>& rows, ImU32 color, ImVec2 size);

}  // namespace bp
