// The C functions behind window.bp.graph (web/bp.js): set a formula and its values, step
// the forward and backward passes, read the state as JSON, export the SVG, and read or
// move the canvas's view. The work is in the engine (GraphSession, graph_session_json,
// graph_svg) and the lab (its view); this only passes text.
#include <emscripten.h>

#include <cmath>
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

bp::Json rect(ImVec4 r) { return bp::Json::array({r.x, r.y, r.z, r.w}); }

bp::Json view_json(const bp::GraphLab::CanvasReport& r) {
    bp::Json nodes = bp::Json::array(), labels = bp::Json::array();
    for (const auto& [id, box] : r.boxes) nodes.push(bp::Json::object({{"id", id}, {"rect", rect(box)}}));
    for (const ImVec4& l : r.labels) labels.push(rect(l));
    return bp::Json::object({{"zoom", r.zoom}, {"panX", r.pan.x}, {"panY", r.pan.y}, {"textPx", r.text_px},
                             {"fit", r.fit}, {"valuesShown", r.values_shown}, {"labelsOn", r.labels_on},
                             {"canvas", rect({r.min.x, r.min.y, r.size.x, r.size.y})}, {"nodes", nodes},
                             {"labels", labels}});
}
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
EMSCRIPTEN_KEEPALIVE const char* bp_graph_view() { return out(view_json(wasm_app().graph_lab().canvas_report()).dump()); }
EMSCRIPTEN_KEEPALIVE void bp_graph_fit() { wasm_app().graph_lab().fit_view(); }
EMSCRIPTEN_KEEPALIVE void bp_graph_show_labels(int on) { wasm_app().graph_lab().show_labels(on != 0); }
EMSCRIPTEN_KEEPALIVE void bp_graph_zoom(double factor, double x, double y) {
    if (factor > 0 && std::isfinite(factor)) wasm_app().graph_lab().zoom_view(float(factor), {float(x), float(y)});
}
EMSCRIPTEN_KEEPALIVE const char* bp_graph_download_svg() { return out(wasm_app().graph_lab().export_svg()); }
}
