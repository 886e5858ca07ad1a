// The layer view's state as JSON for window.bp.layers.state() (wasm/layers_api.cpp): the
// tape's mode and counters, the batch, every node (shape, inputs, value and gradient once
// the step reached them, row-major in the notes' convention, rule) and the last update.
#pragma once
#include "json.h"
#include "layer_graph.h"

namespace bp {

Json layer_state_json(const LayerGraph& graph, const Trainer& trainer);

}  // namespace bp
