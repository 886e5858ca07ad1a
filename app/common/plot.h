// Plots drawn with ImGui's draw lists (no ImPlot here): line plots with axes (ticks with
// real values, linear or log10), an optional legend and a hover readout; histograms with
// their range, 0 and an optional shaded band; a step x layer strip. Every series is thinned
// to about one point per pixel column (engine/base/plot_math.h), so drawing costs the same
// after 300 steps as after 30,000.
#pragma once
#include <cmath>
#include <string>
#include <vector>

#include "imgui.h"
#include "probe.h"

namespace bp {

class TextureStore;

// Where line plots draw their series. By default as ImGui lines, thin triangles, 2 a point;
// with a store (a software-rendered browser, where every triangle costs), as one image per
// plot drawn on the CPU (LineImage, the same width and colours) in the store's slots from
// kPlotImageSlots on. Draws nothing different on screen, only cheaper there.
void set_plot_line_images(TextureStore* store);
constexpr int kPlotImageSlots = 5000;  // TextureStore slots no view uses

struct PlotLine {
    const std::vector<float>* values;
    ImU32 color;
    const char* label;
    float x_step = 1;  // x distance between two values (e.g. a Series' stride)
    float x0 = 0;      // x of the first value
    const std::vector<float>* xs = nullptr;  // else: the x of every value (non-decreasing)
    bool log10_values = false;  // the values are log10 already (SmoothedLog): a log plot takes them as they are
};

struct PlotOptions {
    bool log_y = false;        // plot log10 of positive values; ticks at powers of ten
    const char* x_label = "x";  // the x unit, a count, under the axis and in the readout ("epoch")
    bool legend = false;       // a row of the lines' labels in their colours, above the data
    const char* title = nullptr;  // first in that row (or alone in it without a legend)
};

// Lines over a shared x axis, with y ticks on the left, x ticks and x_label below (labels
// outside the data area, so no line covers them). Hovering shows every line's value.
void draw_line_plot(const char* id, const std::vector<PlotLine>& lines, const PlotOptions& options, ImVec2 size);

// Exponential moving average of log10 of a Series' values (a geometric mean that follows
// the trend, for noisy per-step series on a log scale), in log10 units (NaN before the first
// positive value), kept between frames: extended by the values pushed since the last call,
// recomputed only when the Series thinned or restarted. So a frame costs the same at any
// run length.
class SmoothedLog {
public:
    const std::vector<float>& update(const Series& series, float alpha = 0.1f);

private:
    std::vector<float> out_;
    int stride_ = 0;
    float avg_ = NAN, first_ = NAN, last_ = NAN;  // the EMA so far; the raw values it started and ended on
};

// A histogram with its range labelled under it and a tick at 0 when 0 is inside. Values of
// |x| above `shade_beyond` (when finite) are shaded, with `shade_label` in the tooltip.
void draw_histogram(const char* id, const Histogram& h, ImU32 color, ImVec2 size, float shade_beyond = NAN,
                    const char* shade_label = nullptr);

// rows (one per layer) of values in [0, 1] over time: a heat strip, bright = high; each
// column (two pixels) shows the largest value of the steps it covers. `label` sits left of it, in
// a column `label_width` wide; `tip` shows on hover.
void draw_strip(const char* label, float label_width, const std::vector<const Series*>& rows, ImU32 color, ImVec2 size,
                const char* tip);

}  // namespace bp
