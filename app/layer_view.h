// The Layers tab: the live network's training step at the matrix level, as the engine's
// tape records it (LayerGraph): every node a small heatmap of its value and gradient, every
// edge its rule in the notes' notation; stepping forward and backward node by node; one
// SGD step in order with W before and after; the tape's static and dynamic modes with their
// counters; a central-difference check. All numbers come from the engine.
#pragma once
#include <string>
#include <vector>

#include "canvas_view.h"
#include "host.h"
#include "imgui.h"
#include "layer_graph.h"
#include "playground.h"

namespace bp {

class LayerView {
public:
    explicit LayerView(Playground& playground) : playground_(playground), graph_(playground.layers()) {}
    void draw();
    // Opens the step on one training point (>= 0) or on the next mini-batch
    // (LayerGraph::kNextBatch), pausing training; "" or the problem (nothing changes then).
    std::string open(int point);
    std::string sgd_step();   // the step's update (finishing its passes first); "" or the problem
    std::string set_mode(const std::string& name);  // "static" or "dynamic"; "" or the problem
    LayerGraph& graph() { return graph_; }
    Trainer& trainer() { return playground_.trainer(); }
    void fit_view() { zp_.fit = true; }
    const ZoomPan& zoom_pan() const { return zp_; }

private:
    struct Geometry;
    void draw_controls();
    void draw_order();
    void draw_canvas(ImVec2 size);
    void draw_summary();
    void draw_side();
    void draw_selected();
    void draw_update();
    void draw_scalar_check();
    void draw_modes();
    Geometry measure() const;

    Playground& playground_;
    LayerGraph& graph_;  // the playground model's: one owner of the step
    ZoomPan zp_;
    int point_ = 0;       // the training point the picker shows
    int selected_ = -1;   // the node clicked on (its details and check in the side panel)
    int fitted_ = -1;     // the step (LayerGraph::generation) last fitted: a new step opens fitted
    std::string message_;
    std::vector<LayerCheck> checks_;  // the check results shown, per node checked
    std::string agreement_;           // the scalar graph comparison's outcome
};

}  // namespace bp
