// The live network for one example, written out as scalars for the graph lab's linked
// view: a formula for that example's loss whose variables are every weight and bias
// (w<layer>_<unit>_<input>, b<layer>_<unit>, 1-based), the point (x1, x2) and the target
// y, with their values; and the SGD update of the network from the lab's gradients.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "dataset.h"
#include "input_features.h"
#include "mlp.h"
#include "result.h"

namespace bp {

struct ScalarNet {
    std::string formula;                   // parse_formula syntax
    std::map<std::string, double> values;  // every variable of the formula
};

// The data loss of one example as the tensor engine computes it (no L1/L2 penalty):
// regression (z - y)^2; sigmoid + BCE softplus(z) - y z; tanh + MSE (tanh(z) - y)^2 with
// y = -1/+1; softmax + cross-entropy log(sum_k exp(z_k)) - z_label. Features are written
// from x1 and x2 (x1^2, sin(x1), ...). An error for what has no scalar form (gelu: no erf
// op) or a network too large to write out.
template <class T>
Result<ScalarNet> mlp_scalar(const Mlp<T>& mlp, const std::vector<Feature>& features, const Point& p);

std::string weight_name(int layer, int unit, int input);  // "w1_2_1": layer 1 (first), unit 2, input 1
std::string bias_name(int layer, int unit);               // "b1_2"

// One SGD step from gradients by variable name (as GraphSession / Graph::gradients give
// them): W -= lr dL/dW, b -= lr dL/db. Returns how many parameters were updated.
template <class T>
int apply_sgd(Mlp<T>& mlp, const std::vector<std::pair<std::string, double>>& grads, double lr);

}  // namespace bp
