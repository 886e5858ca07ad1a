// Plots drawn with ImGui's draw lists (no ImPlot here): line plots with an optional
// log scale and a hover readout, histograms, and a step x layer strip.
#pragma once
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
};

// Lines over a shared x axis; log_y plots log10 of positive values. Hovering shows every
// line's value at that x. `x_label` names the x unit in the readout ("epoch").
void draw_line_plot(const char* id, const std::vector<PlotLine>& lines, bool log_y, ImVec2 size,
                    const char* x_label = "x");

// Exponential moving average of log10(v) (a geometric mean that follows the trend), for
// noisy per-step series drawn on a log scale; non-positive values are carried over.
std::vector<float> smooth_log(const std::vector<float>& values, float alpha = 0.1f);

void draw_histogram(const char* id, const Histogram& h, ImU32 color, ImVec2 size);

// rows (one per layer) of values in [0, 1] over time: a heat strip, bright = high.
void draw_strip(const char* id, const std::vector<const Series*>& rows, ImU32 color, ImVec2 size);

}  // namespace bp
