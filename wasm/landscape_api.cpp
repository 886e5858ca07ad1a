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
#include "settings.h"

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
// brief: only the numbers a caption says (no grid, path or directions: a large network's
// directions are tens of thousands of numbers).
EMSCRIPTEN_KEEPALIVE const char* bp_landscape_state(int brief) {
    const bp::LandscapeSlice& s = view().slice();
    if (brief)
        return out(bp::Json::object({{"centreLoss", number(s.started() ? s.centre_loss() : NAN)}, {"kind", bp::name_of(s.directions().kind)},
            {"fallback", bp::relang(s.directions().fallback)}, {"range", s.settings().range}, {"resolution", s.settings().resolution},
            {"complete", s.complete()}, {"progress", s.progress()}}).dump());
    const std::vector<bp::PathPoint2D>& projected = view().projected_path();
    bp::Json path = bp::Json::array();
    for (const bp::PathPoint2D& q : projected) path.push(bp::Json::array({q.a, q.b, number(q.loss)}));
    bp::Json dirs = bp::Json::object();
    const bp::Trainer& t = wasm_app().model().trainer();
    if (s.started()) {
        dirs.set("d1", bp::weights_to_json(t, s.directions().d1));
        dirs.set("d2", bp::weights_to_json(t, s.directions().d2));
    }
    return out(bp::Json::object({{"grid", numbers(s.loss())}, {"axes", bp::Json::object({{"a", numbers(s.a())}, {"b", numbers(s.b())}})},
        {"centreLoss", number(s.started() ? s.centre_loss() : NAN)}, {"path", path}, {"directions", dirs},
        {"kind", bp::name_of(s.directions().kind)}, {"fallback", bp::relang(s.directions().fallback)},
        {"range", s.settings().range}, {"resolution", s.settings().resolution},  // the slice's (the settings' from its next frame)
        {"complete", s.complete()}, {"progress", s.progress()}}).dump());
}
EMSCRIPTEN_KEEPALIVE const char* bp_landscape_lr_line() {
    const bp::LrLine& l = view().lr_line_now();
    bp::Json points = bp::Json::array();
    for (std::size_t k = 0; k < l.etas.size(); ++k) points.push(bp::Json::object({{"eta", l.etas[k]}, {"loss", number(l.losses[k])}}));
    return out(points.dump());
}
// A JSON array of 2 to 4 changes of the run's config (hash text "optimizer=adam" or objects
// {"lr": 0.1}): '' or the problem, naming the run (nothing changed).
EMSCRIPTEN_KEEPALIVE const char* bp_landscape_race(const char* json_text) {
    const auto json = bp::parse_json(json_text);
    if (!json.ok() || !json->is_array()) return out(bp::msg("config.not_object"));
    std::vector<std::string> changes;
    for (const bp::Json& c : json->items()) changes.push_back(c.is_string() ? c.as_string() : c.dump());
    return out(view().start_race(changes));
}
EMSCRIPTEN_KEEPALIVE const char* bp_landscape_race_state() {
    const bp::Race& race = view().race();
    const std::vector<std::string> labels = view().race_labels();
    bp::Json runs = bp::Json::array();
    for (int i = 0; i < race.size(); ++i) {
        bp::Json losses = bp::Json::array(), path = bp::Json::array();
        for (const bp::EpochRecord& r : race.history(i).records()) losses.push(number(r.train_loss));
        if (i < int(view().race_paths().size()))
            for (const bp::PathPoint2D& q : view().race_paths()[std::size_t(i)]) path.push(bp::Json::array({q.a, q.b, number(q.loss)}));
        runs.push(bp::Json::object({{"label", labels[std::size_t(i)]}, {"config", bp::to_hash(race.config(i))},
                                    {"epoch", race.trainer(i).epoch()}, {"losses", losses}, {"path", path}}));
    }
    // Once the race has ended: the loss on the paths' plane, its axes in the paths' coordinates.
    const bp::LandscapeSlice& surface = view().race_surface();
    bp::Json plane = bp::Json();
    if (surface.started()) {
        std::vector<double> a, b;
        for (float v : surface.a()) a.push_back(view().race_centre_a() + double(v));
        for (float v : surface.b()) b.push_back(view().race_centre_b() + double(v));
        plane = bp::Json::object({{"grid", numbers(surface.loss())}, {"axes", bp::Json::object({{"a", numbers(a)}, {"b", numbers(b)}})},
                                  {"complete", surface.complete()}});
    }
    return out(bp::Json::object({{"running", race.running()}, {"runs", runs}, {"surface", plane}}).dump());
}
// now: the line for the run as it is now (computed on the call when older); else the tab's
// line as it is drawn (a large network's is computed only while paused).
EMSCRIPTEN_KEEPALIVE const char* bp_landscape_lr_marks(int now) {
    const bp::LrLine& l = now ? view().lr_line_now() : view().lr_line();
    return out(bp::Json::object({{"ready", view().lr_line_ready()}, {"lr", l.lr}, {"lossAtLr", number(l.loss_at_lr)},
                                 {"loss0", number(l.loss0)}, {"bestEta", l.best_eta}, {"bestSays", bp::lr_best_key(l)}}).dump());
}
}
