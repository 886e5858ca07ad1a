// The graph lab tab: a formula becomes its computational graph, drawn layer by layer;
// the forward and the backward pass step one node at a time (iterative or recursive),
// with the chain rule's contributions on every edge, the paths to the output, a gradient
// check and SVG export. All numbers come from the engine's GraphSession.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "canvas_view.h"
#include "host.h"
#include "graph_paths.h"
#include "graph_session.h"
#include "imgui.h"
#include "playground.h"

namespace bp {

// An edge's label: the local derivative, then on a second line "+= amount" once sent; ""
// before the forward pass reaches its user (graph_canvas.cpp).
std::string edge_label(const GraphSession& s, const LayoutEdge& e);

class GraphLab {
public:
    // The playground is the linked view's source: its live network and training points.
    GraphLab(Host& host, Playground& playground);
    void draw();
    GraphSession& session() { return session_; }  // the playground model's: one owner of the formula
    std::string export_svg();  // offers graph.svg through the Host; returns what happened

    // The canvas as last drawn, in screen pixels (CSS pixels in the browser): for window.bp.
    struct CanvasReport {
        ImVec2 min, size;  // the canvas
        float zoom = 1, text_px = 0;  // 1: text at the window's font size; text_px: its height now
        ImVec2 pan;        // the canvas corner to the picture's corner
        bool fit = true;   // the view follows the graph's size (until zoomed or panned)
        bool values_shown = true;  // false when text would be under 9 px: boxes show the op at most
        bool labels_on = true;     // edge labels on (drawn when values are shown)
        std::vector<std::pair<int, ImVec4>> boxes;  // node id, box (x, y, w, h)
        std::vector<ImVec4> labels;                 // the edge labels drawn (x, y, w, h)
    };
    const CanvasReport& canvas_report() const { return report_; }
    void fit_view() { view_.zp.fit = true; }
    void show_labels(bool on);  // edge labels on or off (the picture's width changes), then fit
    // Zooms by `factor` keeping the picture's point under `at` (screen pixels; the canvas
    // centre when `at` lies outside it) where it is.
    void zoom_view(float factor, ImVec2 at);

private:
    void sync();  // caches and the formula box follow the session (the JS API changes it too)
    void draw_formula();
    void draw_variables();
    void draw_controls(bool embed);
    void draw_steps_row(bool embed);
    void draw_canvas(ImVec2 size);
    void draw_view_bar();
    void draw_orders();
    void draw_side(ImVec2 size);
    void draw_side_panel();  // the panel side_panel_ names: steps, paths, check, nodes, live
    int side_panel_ = 0;
    void draw_steps();
    void draw_paths();
    void draw_grad_check();
    void draw_nodes();
    void draw_linked();  // graph_linked.cpp
    void open_linked();
    void apply_linked_update();

    Host& host_;
    Playground& playground_;
    GraphSession& session_;
    char text_[16384] = {};  // the linked view's formulas are long
    std::string file_message_;
    int generation_ = -1;          // of the session when the caches were made
    int edits_ = -1;               // of the session when the formula box was filled
    std::size_t steps_seen_ = 0;   // to scroll the step log to a new step
    int path_var_ = -1;            // node id of the variable the paths panel shows
    std::vector<GradCheck> checks_;
    std::vector<double> reference_grads_;  // backward() of the current graph, per node
    std::vector<std::string> final_grad_text_;  // per node, once the backward pass is done: box widths
    std::vector<std::string> final_edge_text_;  // per layout edge, then: label sizes
    struct View {
        ZoomPan zp;
        bool labels = true;          // edge labels (and the wider gaps they need)
        bool labels_chosen = false;  // by the student; else fit chooses
    };
    View view_;
    std::string fitted_formula_;  // a new formula opens fitted
    CanvasReport report_;
    std::vector<Rect> label_rects_;  // per layout edge, at zoom 1
    int labels_generation_ = -1;
    float labels_font_ = 0;
    PathList paths_;
    PathWork work_;
    int paths_generation_ = -1, paths_of_ = -1;
    std::vector<int> hovered_path_;  // nodes of the path under the mouse in the paths panel
    int linked_point_ = 0;           // index into the playground's training points
    std::string linked_formula_;     // the formula opened from the playground ("" = none)
    std::string linked_message_;
};

}  // namespace bp
