// The zoom and pan of a drawing canvas, shared by the graph lab's graph and the layer view's
// network: the mouse wheel zooms about the mouse, a drag pans, + - Fit buttons at the top
// right, a hint line at the bottom left; a picture's point p (its own pixels at zoom 1) is
// drawn at origin() + zoom p.
#pragma once
#include "imgui.h"

namespace bp {

struct ZoomPan {
    float zoom = 1;
    ImVec2 pan{0, 0};  // the canvas corner to the picture's corner
    bool fit = true;   // the view follows the picture's size (until zoomed or panned)
    ImVec2 pan_at_press{0, 0};  // pan when the drag's press went down
    ImVec2 min{0, 0}, size{1, 1};  // the canvas as last drawn, screen pixels
    float min_zoom = 0.05f, max_zoom = 4;
    static constexpr float kWheelStep = 1.2f;  // zoom factor per wheel notch and per + or -

    ImVec2 origin() const { return {min.x + pan.x, min.y + pan.y}; }
    ImVec2 screen(ImVec2 p) const { return {min.x + pan.x + p.x * zoom, min.y + pan.y + p.y * zoom}; }
    // The zoom at which a picture of `picture` pixels fits the canvas, at most `max_fit`.
    float fit_zoom(ImVec2 picture, float max_fit) const;
    // When fitting: that zoom, the picture centred. Call after place(), before interact().
    void fit_to(ImVec2 picture, float max_fit);
    // Zooms by `factor` keeping the picture's point under `at` (screen pixels; the canvas
    // centre when `at` lies outside it) where it is; the view stops fitting.
    void zoom_about(float factor, ImVec2 at);
    // The canvas takes the room `avail` at the cursor (remembered in min, size).
    void place(ImVec2 avail);
    // An invisible button over the canvas: a drag pans, the wheel over it zooms about the
    // mouse. Returns whether the mouse hovers it without dragging (for tooltips and clicks).
    bool interact();
    // "+", "-" and "Fit" at the canvas's top right, leaving `extra` pixels after them for the
    // caller's own items on the same line.
    void buttons(float extra = 0);
    // A line at the canvas's bottom left on a dark strip (in the warning colour if `warn`).
    void hint(const char* text, bool warn) const;
};

}  // namespace bp
