// The graph lab's preset formulas: the worked examples of the lecture notes at their
// lecture values, a logistic neuron and a 2-2-1 network written out as scalars. Shared
// by the UI, the JS API and the tests (every preset's paths must sum to its gradients).
#pragma once
#include <map>
#include <string>
#include <vector>

namespace bp {

struct GraphPreset {
    std::string label;    // button text
    std::string formula;  // parse_formula syntax
    std::map<std::string, double> values;
};

const std::vector<GraphPreset>& graph_presets();

}  // namespace bp
