// The C functions behind window.bp.landscape (web/bp.js): open the Landscape tab, change its
// settings, read the slice (grid, axes, centre loss, the projected path, the directions in the
// weights file's shape), the learning-rate line. The work is in the engine (landscape.h) and
// the view (LandscapeView); this only passes text.
#include <emscripten.h>

#include <cmath>
#include <map>
#include <string>

#include "app.h"
#include "run_io.h"

bp::App& wasm_app();                  // wasm/main.cpp
const char* wasm_out(std::string s);  // wasm/main.cpp: the string handed to JS

namespace {
const char* out(std::string s) { return wasm_out(std::move(s)); }
bp::LandscapeView& view() { return wasm_app().landscape_view(); }
bp::Json number(double v) { return std::isfinite(v) ? bp::Json(v) : bp::Json(); }  // null: not computed (or not finite)

template <class V>
bp::Json numbers(const V& values) {
    bp::Json a = bp::Json::array();
    for (double v : values) a.push(number(v));
    return a;
}
}  // namespace

extern "C" {
EMSCRIPTEN_KEEPALIVE void bp_landscape_open() {
    bp::PageSettings p = wasm_app().model().page();
    p.view = bp::View::Landscape;
    wasm_app().model().set_page(p);
}
// A JSON object {direction, range, resolution} (any of them): the warnings, joined by newlines ('' when none).
EMSCRIPTEN_KEEPALIVE const char* bp_landscape_set(const char* json_text) {
    const auto json = bp::parse_json(json_text);
    if (!json.ok() || !json->is_object()) return out(bp::msg("config.not_object"));
    std::map<std::string, std::string> values;
    for (const auto& [key, v] : json->members()) values[key] = v.is_string() ? v.as_string() : v.dump();
    std::string text;
    for (const std::string& w : view().set(values)) text += (text.empty() ? "" : "\n") + w;
    return out(text);
}
EMSCRIPTEN_KEEPALIVE const char* bp_landscape_state() {
    const bp::LandscapeSlice& s = view().slice();
    bp::Json path = bp::Json::array();
    for (const bp::PathPoint2D& q : view().projected_path()) path.push(bp::Json::array({q.a, q.b, number(q.loss)}));
    bp::Json dirs = bp::Json::object();
    const bp::Trainer& t = wasm_app().model().trainer();
    if (s.started()) {
        dirs.set("d1", bp::weights_to_json(t, s.directions().d1));
        dirs.set("d2", bp::weights_to_json(t, s.directions().d2));
    }
    return out(bp::Json::object({{"grid", numbers(s.loss())}, {"axes", bp::Json::object({{"a", numbers(s.a())}, {"b", numbers(s.b())}})},
        {"centreLoss", number(s.started() ? s.centre_loss() : NAN)}, {"path", path}, {"directions", dirs},
        {"kind", bp::name_of(s.directions().kind)}, {"fallback", bp::relang(s.directions().fallback)},
        {"range", view().settings().range}, {"resolution", view().settings().resolution},
        {"complete", s.complete()}, {"progress", s.progress()}}).dump());
}
EMSCRIPTEN_KEEPALIVE const char* bp_landscape_lr_line() {
    if (!view().lr_line_ready()) return out("[]");
    const bp::LrLine& l = view().lr_line();
    bp::Json points = bp::Json::array();
    for (std::size_t k = 0; k < l.etas.size(); ++k) points.push(bp::Json::object({{"eta", l.etas[k]}, {"loss", number(l.losses[k])}}));
    return out(points.dump());
}
EMSCRIPTEN_KEEPALIVE const char* bp_landscape_lr_marks() {
    const bp::LrLine& l = view().lr_line();
    return out(bp::Json::object({{"ready", view().lr_line_ready()}, {"lr", l.lr}, {"lossAtLr", number(l.loss_at_lr)},
                                 {"loss0", number(l.loss0)}, {"bestEta", l.best_eta}}).dump());
}
}
