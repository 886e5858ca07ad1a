// The playground's colours: class colours (orange = class 0 / negative, blue = class 1 /
// positive, as TensorFlow Playground uses them, then four more for k classes) and the
// maps from a network output to a heatmap pixel.
#pragma once
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

constexpr ImU32 kPanelText = IM_COL32(210, 214, 222, 255);
constexpr ImU32 kGrid = IM_COL32(255, 255, 255, 30);
constexpr ImU32 kAxisText = IM_COL32(160, 165, 175, 255);  // tick labels and axis lines of plots
constexpr ImU32 kTrainLine = IM_COL32(230, 230, 230, 255);
constexpr ImU32 kTestLine = IM_COL32(245, 147, 34, 255);
constexpr ImU32 kWarning = IM_COL32(255, 190, 60, 255);
constexpr ImU32 kDanger = IM_COL32(255, 90, 90, 255);

}  // namespace bp
