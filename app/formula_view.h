// The formula lab: type a formula, set its variables, read every node's value and
// gradient. Parse and domain errors are shown at their character; the last good graph
// stays on screen. (The step-by-step graph view of the graph-lab issue grows from here.)
#pragma once
#include <map>
#include <optional>
#include <string>

#include "formula.h"
#include "result.h"
#include "scalar_graph.h"

namespace bp {

class FormulaView {
public:
    FormulaView();
    void draw();
    // Replaces the formula (and given variable values); returns the error, if any.
    std::optional<Error> set(const std::string& text, const std::map<std::string, double>& values);
    const std::optional<Graph>& graph() const { return graph_; }

private:
    void rebuild();
    void draw_input();
    void draw_variables();
    void draw_results() const;

    char text_[512] = {};
    std::map<std::string, double> values_;
    std::vector<std::string> variables_;  // of the last formula that parsed
    std::optional<Graph> graph_;          // the last good graph, gradients computed
    std::optional<Error> error_;
};

}  // namespace bp
