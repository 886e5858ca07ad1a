// The C functions behind window.bp.graph (web/bp.js): set a formula and its values, step
// the forward and backward passes, read the state as JSON, and export the SVG. The work
// is in the engine (GraphSession, graph_session_json, graph_svg); this only passes text.
#include <emscripten.h>

#include <string>

#include "app.h"
#include "graph_session_json.h"
#include "graph_svg.h"

bp::App& wasm_app();  // wasm/main.cpp

namespace {
std::string g_text;  // the last string handed to JS (valid until the next call)

const char* out(std::string s) {
    g_text = std::move(s);
    return g_text.c_str();
}

bp::GraphSession& lab() { return wasm_app().graph_lab().session(); }
}  // namespace

extern "C" {
EMSCRIPTEN_KEEPALIVE const char* bp_graph_set(const char* formula, const char* vars_json) {
    return out(bp::graph_set(lab(), formula, vars_json).dump());
}
EMSCRIPTEN_KEEPALIVE int bp_graph_forward_step() { return lab().forward_step(); }
EMSCRIPTEN_KEEPALIVE int bp_graph_backward_step() { return lab().backward_step(); }
EMSCRIPTEN_KEEPALIVE void bp_graph_run_all() { lab().run_all(); }
EMSCRIPTEN_KEEPALIVE void bp_graph_reset() { lab().reset(); }
EMSCRIPTEN_KEEPALIVE void bp_graph_set_algorithm(int recursive) {
    lab().set_algorithm(recursive ? bp::Algorithm::Recursive : bp::Algorithm::Iterative);
}
EMSCRIPTEN_KEEPALIVE const char* bp_graph_state() { return out(bp::graph_state(lab()).dump()); }
EMSCRIPTEN_KEEPALIVE const char* bp_graph_svg() { return out(bp::graph_svg(lab())); }
EMSCRIPTEN_KEEPALIVE const char* bp_graph_download_svg() { return out(wasm_app().graph_lab().export_svg()); }
}
