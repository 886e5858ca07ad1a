// The C functions behind window.bp.layers (web/bp.js): open a training step on a point or
// the next mini-batch, step it, make its update, switch the tape's mode, check a parameter
// and read the state as JSON. The work is in the engine (LayerGraph, layer_state_json) and
// the view (LayerView, which pauses training and keeps the message); this only passes text.
#include <emscripten.h>

#include <string>

#include "app.h"
#include "layer_graph_json.h"

bp::App& wasm_app();                  // wasm/main.cpp
const char* wasm_out(std::string s);  // wasm/main.cpp: the string handed to JS

namespace {
const char* out(std::string s) { return wasm_out(std::move(s)); }
bp::LayerView& view() { return wasm_app().layer_view(); }
}  // namespace

extern "C" {
EMSCRIPTEN_KEEPALIVE const char* bp_layers_open(int point) { return out(view().open(point)); }
EMSCRIPTEN_KEEPALIVE const char* bp_layers_state() {
    return out(bp::layer_state_json(view().graph(), view().trainer()).dump());
}
EMSCRIPTEN_KEEPALIVE int bp_layers_forward_step() { return view().graph().forward_step(); }
EMSCRIPTEN_KEEPALIVE int bp_layers_backward_step() { return view().graph().backward_step(); }
EMSCRIPTEN_KEEPALIVE void bp_layers_run_all() { view().graph().run_all(); }
EMSCRIPTEN_KEEPALIVE void bp_layers_reset() { view().graph().reset(); }
EMSCRIPTEN_KEEPALIVE const char* bp_layers_sgd_step() { return out(view().sgd_step()); }
EMSCRIPTEN_KEEPALIVE const char* bp_layers_next_step() {
    const auto e = view().graph().next_step();
    return out(e ? e->message : "");
}
EMSCRIPTEN_KEEPALIVE const char* bp_layers_set_mode(const char* name) { return out(view().set_mode(name)); }
EMSCRIPTEN_KEEPALIVE const char* bp_layers_check(int node) {
    const auto c = view().graph().check(node);
    if (!c) return out(bp::Json::object({{"error", c.error().message}}).dump());
    return out(bp::Json::object({{"node", c->node}, {"relativeError", c->relative_error}}).dump());
}
}
