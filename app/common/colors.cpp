// Colour maps of colors.h. Pixels are packed as ImGui does: 0xAABBGGRR.
#include "colors.h"

#include <algorithm>
#include <cmath>

namespace bp {

namespace {
struct Rgb { float r, g, b; };
constexpr Rgb kOrange{245, 147, 34}, kBlue{8, 119, 189}, kMid{232, 234, 237};
// Classes 2-5 from Okabe and Ito's palette: any two classes stay apart (CIE76 distance at
// least 15) for protan, deutan and tritan vision too (web/tests/palette.test.js).
// Chosen by a search over a 17-step RGB grid for the largest smallest distance between any two
// lines under the simulations palette.test.js uses, among colours of 4.5:1 contrast on the plot.
constexpr Rgb kLines[9] = {{0, 204, 255}, {230, 159, 0}, {240, 240, 240}, {0, 153, 119}, {153, 119, 170},
                           {136, 204, 153}, {119, 153, 85}, {102, 119, 255}, {170, 119, 0}};
constexpr Rgb kClasses[6] = {{245, 147, 34}, {8, 119, 189}, {0, 158, 115}, {204, 121, 167}, {240, 228, 66}, {86, 180, 233}};

std::uint32_t pack(Rgb c, float alpha = 1) {
    auto byte = [](float v) { return std::uint32_t(std::clamp(v, 0.0f, 255.0f) + 0.5f); };
    return byte(c.r) | byte(c.g) << 8 | byte(c.b) << 16 | byte(alpha * 255) << 24;
}
Rgb mix(Rgb a, Rgb b, float t) { return {a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t}; }
}  // namespace

ImU32 class_color(int cls, float alpha) { return pack(kClasses[std::clamp(cls, 0, 5)], alpha); }

ImU32 line_color(std::size_t i) { return pack(kLines[i % 9]); }

std::uint32_t diverging_rgba(float t) {
    if (!std::isfinite(t)) return pack({90, 90, 90});
    t = std::clamp(t, -1.0f, 1.0f);
    return pack(t < 0 ? mix(kMid, kOrange, -t) : mix(kMid, kBlue, t));
}

std::uint32_t sequential_rgba(float t) {
    static constexpr Rgb kStops[5] = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
    if (!std::isfinite(t)) return pack({40, 42, 48});
    const float x = std::clamp(t, 0.0f, 1.0f) * 4;
    const int i = std::min(3, int(x));
    return pack(mix(kStops[i], kStops[i + 1], x - float(i)));
}

std::uint32_t output_rgba(float value, int cls, int classes, bool regression, bool discrete) {
    if (regression) return diverging_rgba(discrete ? (value < 0 ? -1.0f : 1.0f) : value);
    if (classes <= 2) {
        const float t = 2 * value - 1;  // P(class 1) -> [-1, 1]
        return diverging_rgba(discrete ? (t < 0 ? -0.75f : 0.75f) : t * 0.85f);
    }
    // k classes: the winner's colour, stronger the surer the network is (1/k .. 1).
    const float sure = discrete ? 0.75f : std::clamp((value - 1.0f / classes) / (1 - 1.0f / classes), 0.0f, 1.0f);
    return pack(mix(kMid, kClasses[std::clamp(cls, 0, 5)], 0.15f + 0.7f * sure));
}

ImU32 text_on(std::uint32_t bg) {
    auto linear = [](std::uint32_t byte) {  // sRGB to linear light (WCAG 2 relative luminance)
        const double c = double(byte & 255) / 255;
        return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    const double l = 0.2126 * linear(bg) + 0.7152 * linear(bg >> 8) + 0.0722 * linear(bg >> 16);
    const double on_black = (l + 0.05) / 0.05, on_white = 1.05 / (l + 0.05);
    return on_black >= on_white ? IM_COL32(0, 0, 0, 255) : IM_COL32(255, 255, 255, 255);
}

}  // namespace bp
