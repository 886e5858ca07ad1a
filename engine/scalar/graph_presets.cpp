// The preset list itself (values as in the lecture notes; the network's weights are
// small made-up numbers, away from saturation so every gradient is visible). A worded label
// is a message key (messages.h); a formula-like one is shown as it is.
#include "graph_presets.h"

namespace bp {

const std::vector<GraphPreset>& graph_presets() {
    static const std::vector<GraphPreset> presets = {
        {"(x+y)z", "(x + y) * z", {{"x", -2}, {"y", 5}, {"z", -4}}},
        {"(a+b)(b+1)", "(a + b) * (b + 1)", {{"a", 2}, {"b", 1}}},
        {"exp/log/sin", "exp(x*z) + x*z/log(x) + sin(log(x))/(x*z)", {{"x", 2}, {"z", 3}}},
        {"preset.sigmoid_ratio", "(x + sigmoid(y)) / (sigmoid(x) + (x+y)^2)", {{"x", 3}, {"y", -4}}},
        {"L = (y - 1/(b+log(xa)))^2", "(y - 1/(b + log(x*a)))^2", {{"y", 1}, {"b", 1}, {"x", 2}, {"a", 3}}},
        {"preset.logistic_neuron", "sigmoid(w0*x0 + w1*x1 + w2)",
         {{"w0", 2}, {"x0", -1}, {"w1", -3}, {"x1", -2}, {"w2", -3}}},
        {"preset.network_221",
         "(sigmoid(v1*tanh(w11*x1 + w12*x2 + b1) + v2*tanh(w21*x1 + w22*x2 + b2) + c) - t)^2",
         {{"x1", 0.5}, {"x2", -1}, {"w11", 0.8}, {"w12", -0.4}, {"b1", 0.1}, {"w21", 0.3}, {"w22", 0.9},
          {"b2", -0.2}, {"v1", 1.2}, {"v2", -0.7}, {"c", 0.05}, {"t", 1}}},
    };
    return presets;
}

}  // namespace bp
