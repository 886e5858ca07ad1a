// The graph lab tab: a formula becomes its computational graph, drawn layer by layer;
// the forward and the backward pass step one node at a time (iterative or recursive),
// with the chain rule's contributions on every edge, the paths to the output, a gradient
// check and SVG export. All numbers come from the engine's GraphSession.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "host.h"
#include "graph_paths.h"
#include "graph_session.h"
#include "imgui.h"
#include "playground.h"

namespace bp {

class GraphLab {
public:
    // The playground is the linked view's source: its live network and training points.
    GraphLab(Host& host, Playground& playground);
    void draw();
    // The config's formula and values and the session's follow each other (every frame): a
    // hash or setState sets the session; typing, presets and window.bp.graph set the config.
    void follow_config();
    GraphSession& session() { return session_; }
    std::string export_svg();  // offers graph.svg through the Host; returns what happened

private:
    void sync();  // caches and the formula box follow the session (the JS API changes it too)
    void draw_formula();
    void draw_variables();
    void draw_controls();
    void draw_canvas(ImVec2 size);
    void draw_orders();
    void draw_side(ImVec2 size);
    void draw_steps();
    void draw_paths();
    void draw_grad_check();
    void draw_nodes();
    void draw_linked();  // graph_linked.cpp
    bool draw_point_picker(const std::vector<Point>& points, int classes);
    void open_linked();
    void apply_linked_update();

    Host& host_;
    Playground& playground_;
    GraphSession session_;
    char text_[16384] = {};  // the linked view's formulas are long
    std::string file_message_;
    int generation_ = -1;          // of the session when the caches were made
    int edits_ = -1;               // of the session when the formula box was filled
    std::size_t steps_seen_ = 0;   // to scroll the step log to a new step
    int path_var_ = -1;            // node id of the variable the paths panel shows
    std::vector<GradCheck> checks_;
    std::vector<double> reference_grads_;  // backward() of the current graph, per node
    std::vector<std::string> final_grad_text_;  // per node, once the backward pass is done: box widths
    PathList paths_;
    PathWork work_;
    int paths_generation_ = -1, paths_of_ = -1;
    std::vector<int> hovered_path_;  // nodes of the path under the mouse in the paths panel
    int linked_point_ = 0;           // index into the playground's training points
    std::string linked_formula_;     // the formula opened from the playground ("" = none)
    std::string linked_message_;
    std::string page_formula_;                   // the config's formula and values as last
    std::map<std::string, double> page_values_;  // followed (either way)
    int followed_version_ = -1, followed_generation_ = -1;  // of the config and the session then
};

}  // namespace bp
