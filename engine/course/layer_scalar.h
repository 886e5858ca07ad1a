// The layer view's gradients against the graph lab's: for one training point, the Live
// network's scalar graph (mlp_scalar, one variable per weight and bias) of the step's network,
// run backward, must give every weight and bias the gradient the tape gave its matrix entry.
#pragma once
#include "layer_graph.h"
#include "result.h"

namespace bp {

struct ScalarAgreement {
    int compared = 0;             // weights and biases compared
    double max_relative = 0;      // largest |tape - scalar|, over the largest |gradient| of all
};

// An error when the step is not one training point (batch 1), or its network has no scalar form.
Result<ScalarAgreement> scalar_graph_agreement(const LayerGraph& layers, const Trainer& trainer);

}  // namespace bp
