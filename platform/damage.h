// Damage: which parts of the window a frame changes. Each frame's triangles are compared with
// the frame on screen as a multiset (content, texture and its version, clip rect, window);
// the boxes of those that appeared or went away are the damage, merged into a few rectangles.
// A canvas that keeps its pixels between frames (a software-rendered browser) then redraws
// only those rectangles (partial_draw_data); nothing changed: nothing to draw at all.
// With deferral on, a frame redraws its small changes (a counter, a hovered button) and large
// ones up to a share of the window, oldest first; a large change left on screen as it was is
// redrawn within kMaxAge frames. A software rasterizer's frame then costs about the same
// whatever the page changes, and the panels that change every step refresh in turns.
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include "imgui.h"

namespace bp {

struct PixelRect {  // framebuffer pixels, y down: [x0, x1) x [y0, y1)
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    long area() const { return long(x1 - x0) * long(y1 - y0); }
};

// How a texture's pixels are told apart between frames: a number that changes whenever an
// upload changed them (the font atlas: 0; it changes only with a full redraw).
using TextureVersion = std::function<std::uint32_t(ImTextureID)>;

class Damage {
public:
    static constexpr int kMaxRects = 12;          // more are merged into their neighbours
    static constexpr double kWholeShare = 0.6;    // damage beyond this share of the window: redraw it all
    // Deferral: a change smaller than kSmallShare of the window is always drawn; larger ones up
    // to kFrameShare a frame (at least one), and any left waiting kMaxAge frames.
    static constexpr double kSmallShare = 0.01, kFrameShare = 0.12;
    static constexpr int kMaxAge = 3;

    struct Frame {
        bool whole = false;             // redraw everything (first frame, new size, too much changed)
        std::vector<PixelRect> rects;   // else these (empty: the picture is the one shown)
        long triangles = 0;             // in the frame
        double share = 0;               // of the window's pixels to redraw
    };
    // Compares the draw data with the frame given last. `force_whole`: something besides the
    // draw data changed (fonts rebuilt, the canvas resized) and everything is redrawn.
    Frame update(const ImDrawData& d, const TextureVersion& version, bool force_whole);
    void set_deferral(bool on) { defer_ = on; }

private:
    struct Tri {
        std::uint64_t key;
        PixelRect box;  // the pixels it can touch, within its clip rect
    };
    struct Waiting {  // a rectangle left as it was, since frame `since`
        PixelRect rect;
        long since;
    };
    // Which of `rects` (the changes) to draw now; the others wait (deferral).
    std::vector<bool> choose(const std::vector<PixelRect>& rects, long window_area);
    long waiting_since(const PixelRect& r) const;
    void keep_waiting(const std::vector<Tri>& gone, const std::vector<Tri>& came, const std::vector<PixelRect>& later);
    std::vector<Tri> shown_, next_;
    std::vector<Waiting> waiting_;
    int width_ = 0, height_ = 0;
    long frame_ = 0;
    bool defer_ = false;
};

// Merges rectangles that overlap or lie within `near` pixels of each other, then the
// cheapest pairs (least area added) until at most `max` remain.
std::vector<PixelRect> merge_rects(std::vector<PixelRect> rects, int near, int max);

// `d` restricted to `rects`: each command's clip rect cut to each rect it meets (in whole
// framebuffer pixels, so the backend's scissor covers exactly the full frame's pixels there),
// keeping only the triangles that can reach it and only their vertices (VtxOffset 0). The lists
// live in `lists` until the next call.
ImDrawData partial_draw_data(const ImDrawData& d, const std::vector<PixelRect>& rects,
                             std::vector<ImDrawList>& lists, std::vector<ImDrawList*>& pointers);

}  // namespace bp
