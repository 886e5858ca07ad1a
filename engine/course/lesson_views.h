// The metrics of graph-lab and layer-view lessons (lesson.h, docs/adding-a-lesson.md): what
// the student sees in the graph lab (a gradient, the contributions summed into a node, the
// paths to the output, what reverse mode saves, the memo's answers) or in the layer view
// (the loss, a gradient's norm, how exactly a rule holds, the update, the tape's counters).
#pragma once
#include <optional>
#include <string>

#include "lesson.h"

namespace bp {

Result<double> graph_metric(const GraphSession& session, const std::string& metric);
Result<double> layer_metric(const Lesson& lesson, const LayerGraph& layers, const Trainer& trainer, const std::string& metric);
bool needs_update(const std::string& metric);  // a layer metric measured after the step's update
// Why a metric is not measured yet on what the view shows, for the student ("Not yet: run the
// forward pass"): the passes it measures have not run there (grad:b before b's gradient is
// final, rule_error:W1 before W1's backward step, memo_hits on the iterative algorithm, an
// update metric before Update); nullopt when it is measured now.
std::optional<std::string> graph_pending(const GraphSession& session, const std::string& metric);
std::optional<std::string> layer_pending(const LayerGraph& layers, const std::string& metric);

}  // namespace bp
