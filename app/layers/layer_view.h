// The Layers tab: the live network's training step at the matrix level, as the engine's
// tape records it (LayerGraph): every node a small heatmap of its value and gradient, every
// edge its rule in the notes' notation; stepping forward and backward node by node; one
// SGD step in order with W before and after; the tape's static and dynamic modes with their
// counters; a central-difference check. All numbers come from the engine.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "canvas_view.h"
#include "host.h"
#include "imgui.h"
#include "layer_graph.h"
#include "playground.h"

namespace bp {

class Flow;  // widgets.h

class LayerView {
public:
    explicit LayerView(Playground& playground) : playground_(playground), graph_(playground.model().layers()) {}
    void draw();
    // Opens the step on one training point (>= 0) or on the next mini-batch
    // (LayerGraph::kNextBatch), pausing training; "" or the problem (nothing changes then).
    std::string open(int point);
    std::string sgd_step();   // the step's update (finishing its passes first); "" or the problem
    std::string set_mode(const std::string& name);  // "static" or "dynamic"; "" or the problem
    LayerGraph& graph() { return graph_; }
    Trainer& trainer() { return playground_.model().trainer(); }
    void fit_view() { zp_.fit = true; }
    void zoom_view(float factor, ImVec2 at) { zp_.zoom_about(factor, at); }
    const ZoomPan& zoom_pan() const { return zp_; }
    // The canvas as last drawn, in screen pixels (CSS pixels in the browser): for window.bp.
    struct CanvasReport {
        ImVec2 min, size;             // the canvas
        float zoom = 1, text_px = 0;  // 1: text at the window's font size; text_px: its height now
        ImVec2 pan;
        bool fit = true;
        int rows = 1;                                // the rows the chain wraps into
        std::vector<std::pair<int, ImVec4>> nodes;   // node id, box (x, y, w, h)
        std::vector<ImVec4> cells;                   // heatmap cells with a number printed in them
    };
    const CanvasReport& canvas_report() const { return report_; }

private:
    struct Geometry;
    void draw_controls(bool embed);
    void draw_steps(bool embed);
    void draw_order(Flow& flow);
    void draw_canvas(ImVec2 size);
    void draw_summary();
    void draw_side();
    void draw_selected();
    void draw_update();
    void draw_scalar_check();
    void draw_modes();
    Geometry measure(int rows) const;
    int fitting_rows() const;

    Playground& playground_;
    LayerGraph& graph_;  // the playground model's: one owner of the step
    ZoomPan zp_;
    int point_ = 0;       // the training point the picker shows
    int selected_ = -1;   // the node clicked on (its details and check in the side panel)
    int fitted_ = -1;     // the step (LayerGraph::generation) last fitted: a new step opens fitted
    int rows_ = 1;        // the rows the chain wraps into (chosen when fitting)
    CanvasReport report_;
    std::string message_;
    std::vector<LayerCheck> checks_;  // the check results shown, per node checked
    std::string agreement_;           // the scalar graph comparison's outcome
};

}  // namespace bp
