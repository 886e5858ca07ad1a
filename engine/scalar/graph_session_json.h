// The graph lab as JSON for window.bp.graph (wasm/graph_api.cpp): set a formula and its
// values from JS, and the state the page reads (nodes with value, grad, and which passes
// have reached them). Plain engine code, so it is tested natively.
#pragma once
#include <string>

#include "graph_session.h"
#include "json.h"

namespace bp {

// Sets the formula, then the values in `vars_json` (an object {name: number}, or "" for
// none). Returns the problems as an array of messages, empty when all went well. A
// value for a name the formula does not use is reported; the rest is still applied.
Json graph_set(GraphSession& s, const std::string& formula, const std::string& vars_json);

// {formula, variables, values, output, algorithm, forwardDone, backwardDone (counts),
//  forwardComplete, backwardComplete, current, error, order: {forward, backward},
//  nodes: [{id, op, label, inputs, value, grad, forwardDone, backwardDone, contributions}],
//  gradients: {name: grad}}. value and grad are null until the passes reach them.
Json graph_state(const GraphSession& s);

}  // namespace bp
