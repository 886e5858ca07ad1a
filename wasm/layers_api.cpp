// The C functions behind window.bp.layers (web/bp.js): open a training step on a point or
// the next mini-batch, step it, make its update, switch the tape's mode, check a parameter
// and read the state as JSON; read or move the canvas's view. The work is in the engine (LayerGraph, layer_state_json) and
// the view (LayerView, which pauses training and keeps the message); this only passes text.
#include <emscripten.h>

#include <cmath>
#include <string>

#include "app.h"
#include "layer_graph_json.h"

bp::App& wasm_app();                  // wasm/main.cpp
const char* wasm_out(std::string s);  // wasm/main.cpp: the string handed to JS

namespace {
const char* out(std::string s) { return wasm_out(std::move(s)); }
bp::LayerView& view() { return wasm_app().layer_view(); }
bp::Json rect(ImVec4 r) { return bp::Json::array({r.x, r.y, r.z, r.w}); }

bp::Json view_json(const bp::LayerView::CanvasReport& r) {
    bp::Json nodes = bp::Json::array(), cells = bp::Json::array();
    for (const auto& [id, box] : r.nodes) nodes.push(bp::Json::object({{"id", id}, {"rect", rect(box)}}));
    for (const ImVec4& c : r.cells) cells.push(rect(c));
    return bp::Json::object({{"zoom", r.zoom}, {"panX", r.pan.x}, {"panY", r.pan.y}, {"textPx", r.text_px}, {"fit", r.fit},
                             {"rows", r.rows}, {"canvas", rect({r.min.x, r.min.y, r.size.x, r.size.y})},
                             {"nodes", nodes}, {"cells", cells}});
}
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
EMSCRIPTEN_KEEPALIVE const char* bp_layers_view() { return out(view_json(view().canvas_report()).dump()); }
EMSCRIPTEN_KEEPALIVE void bp_layers_fit() { view().fit_view(); }
EMSCRIPTEN_KEEPALIVE void bp_layers_zoom(double factor, double x, double y) {
    if (factor > 0 && std::isfinite(factor)) view().zoom_view(float(factor), {float(x), float(y)});
}
EMSCRIPTEN_KEEPALIVE const char* bp_layers_check(int node) {
    const auto c = view().graph().check(node);
    if (!c) return out(bp::Json::object({{"error", c.error().message}}).dump());
    return out(bp::Json::object({{"node", c->node}, {"relativeError", c->relative_error}}).dump());
}
}
