// The playground's colours: class colours (orange = class 0 / negative, blue = class 1 /
// positive, as TensorFlow Playground uses them, then four more for k classes) and the
// maps from a network output to a heatmap pixel.
#pragma once
#include <cstddef>
#include <cstdint>

#include "imgui.h"

namespace bp {

ImU32 class_color(int cls, float alpha = 1.0f);
// t in [-1, 1]: orange (-1) through near-white (0) to blue (+1).
std::uint32_t diverging_rgba(float t);
// Heatmap pixel for the output at one grid point: binary probability p (0..1) maps to
// [-1, 1]; k classes blend the winning class's colour by its probability; regression
// values are already roughly in [-1, 1]. `discrete` snaps to the decided class.
std::uint32_t output_rgba(float value, int cls, int classes, bool regression, bool discrete);
// t in [0, 1]: a loss from low (dark blue) through teal and green to high (light yellow), in
// lightness order so it reads in grey too (viridis' end points and middle); NaN: dark grey.
std::uint32_t sequential_rgba(float t);
// Black or white, whichever stands out more on the opaque colour `bg` (WCAG contrast ratio:
// the better of the two is always at least 4.58:1).
ImU32 text_on(std::uint32_t bg);
// The i-th of up to 9 lines in one plot (the gradient views' layers): any two stay apart for
// protan, deutan and tritan vision (CIE76 distance at least 15 after simulation), and each
// has 4.5:1 contrast on the dark plot, so a layer's name can be written in its colour.
ImU32 line_color(std::size_t i);

constexpr ImU32 kPanelText = IM_COL32(210, 214, 222, 255);
constexpr ImU32 kGrid = IM_COL32(255, 255, 255, 30);
constexpr ImU32 kAxisText = IM_COL32(160, 165, 175, 255);  // tick labels and axis lines of plots
constexpr ImU32 kTrainLine = IM_COL32(230, 230, 230, 255);
constexpr ImU32 kTestLine = IM_COL32(245, 147, 34, 255);
constexpr ImU32 kWarning = IM_COL32(255, 190, 60, 255);
constexpr ImU32 kDanger = IM_COL32(255, 90, 90, 255);

}  // namespace bp
