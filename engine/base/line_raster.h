// Anti-aliased lines drawn into an RGBA image on the CPU. A software-rendered browser sets up
// every triangle it draws at a cost (about 1.5 us each here, docs/toolchain.md): a plot's noisy
// series as thin triangles cost thousands a frame, the same lines as one image two.
// Kept free of ImGui and GL so it can be tested against closed forms.
#pragma once
#include <cstdint>
#include <vector>

namespace bp {

class LineImage {
public:
    // An empty (transparent) image of w x h pixels.
    void clear(int width, int height);
    // A line through the points (x, y pairs in pixels, the image's top-left corner at 0, 0,
    // pixel (i, j) centred at (i + 0.5, j + 0.5)), `thickness` pixels wide, over what is drawn
    // already. A pixel's coverage is max(0, min(1, thickness / 2 + 0.5 - d)), d its centre's
    // distance to the line: the line's area is its length x thickness, and a joint of two
    // segments is not covered twice. `rgba` as ImGui's IM_COL32 (red in the low byte).
    void polyline(const std::vector<float>& xy, std::uint32_t rgba, float thickness);
    int width() const { return width_; }
    int height() const { return height_; }
    // Straight (not premultiplied) alpha, rows top first, red in the low byte.
    const std::vector<std::uint32_t>& pixels() const { return pixels_; }

private:
    int width_ = 0, height_ = 0;
    std::vector<std::uint32_t> pixels_;
    std::vector<float> cover_;          // the line being drawn, per pixel (0 between lines)
    std::vector<std::size_t> touched_;  // the pixels it covers
};

}  // namespace bp
