// LineImage: each segment covers the pixels whose centres lie within thickness / 2 + 0.5 of
// it, with a one-pixel linear fall-off; a polyline's coverage is the largest of its
// segments', then blended over the image ("over", straight alpha).
#include "line_raster.h"

#include <algorithm>
#include <cmath>

namespace bp {

void LineImage::clear(int width, int height) {
    width_ = std::max(0, width), height_ = std::max(0, height);
    pixels_.assign(std::size_t(width_) * std::size_t(height_), 0u);
    cover_.assign(pixels_.size(), 0.0f);
}

namespace {
// `src` (coverage `a` of colour `rgba`) over `dst`, straight alpha; channels rounded to nearest.
std::uint32_t over(std::uint32_t dst, std::uint32_t rgba, float a) {
    const float sa = a * float(rgba >> 24) * (1 / 255.0f), da = float(dst >> 24) * (1 / 255.0f);
    const float oa = sa + da * (1 - sa);
    if (oa <= 0) return 0;
    const float ks = sa / oa, kd = da * (1 - sa) / oa;
    std::uint32_t out = std::uint32_t(oa * 255.0f + 0.5f) << 24;
    for (int shift = 0; shift < 24; shift += 8)
        out |= std::uint32_t(float((rgba >> shift) & 255u) * ks + float((dst >> shift) & 255u) * kd + 0.5f) << shift;
    return out;
}
}  // namespace

void LineImage::polyline(const std::vector<float>& xy, std::uint32_t rgba, float thickness) {
    const std::size_t n = xy.size() / 2;
    if (n < 2 || width_ == 0 || height_ == 0) return;
    const float reach = thickness / 2 + 0.5f;  // coverage is 0 from here on
    for (std::size_t s = 0; s + 1 < n; ++s) {
        const float ax = xy[2 * s], ay = xy[2 * s + 1], bx = xy[2 * s + 2], by = xy[2 * s + 3];
        if (!std::isfinite(ax) || !std::isfinite(ay) || !std::isfinite(bx) || !std::isfinite(by)) continue;
        // The pixels whose centres (i + 0.5) lie strictly within `reach` of the segment's box.
        const int x0 = std::max(0, int(std::floor(std::min(ax, bx) - reach + 0.5f))), x1 = std::min(width_ - 1, int(std::ceil(std::max(ax, bx) + reach - 0.5f)) - 1);
        const int y0 = std::max(0, int(std::floor(std::min(ay, by) - reach + 0.5f))), y1 = std::min(height_ - 1, int(std::ceil(std::max(ay, by) + reach - 0.5f)) - 1);
        const float dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy, inv = len2 > 0 ? 1 / len2 : 0.0f;
        for (int y = y0; y <= y1; ++y) {
            float* row = &cover_[std::size_t(y) * std::size_t(width_)];
            const float py = float(y) + 0.5f - ay;
            for (int x = x0; x <= x1; ++x) {  // the distance from the pixel's centre to the segment
                const float px = float(x) + 0.5f - ax;
                const float t = std::clamp((px * dx + py * dy) * inv, 0.0f, 1.0f);
                const float ex = px - t * dx, ey = py - t * dy, d2 = ex * ex + ey * ey;
                if (d2 >= reach * reach) continue;
                if (row[x] == 0) touched_.push_back(std::size_t(y) * std::size_t(width_) + std::size_t(x));
                row[x] = std::max(row[x], std::min(1.0f, reach - std::sqrt(d2)));
            }
        }
    }
    for (const std::size_t i : touched_) pixels_[i] = over(pixels_[i], rgba, cover_[i]), cover_[i] = 0;
    touched_.clear();
}

}  // namespace bp
