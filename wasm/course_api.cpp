// The C functions behind the course-page parts of window.bp (web/bp.js): the message bar,
// the callouts, the panels and toolbar items drawn, lessons and their checks and status, and the run's files (config, loss
// history, weights, picture). The work is in the app and the engine; this passes text.
#include <emscripten.h>

#include <algorithm>
#include <string>

#include "app.h"
#include "build_id.h"
#include "record.h"
#include "clip_report.h"
#include "item_report.h"
#include "messages.h"
#include "notation_card.h"

bp::App& wasm_app();                 // wasm/main.cpp
const char* wasm_out(std::string s);  // wasm/main.cpp: the string handed to JS

namespace {
bp::Playground& pg() { return wasm_app().playground(); }
bp::PlaygroundModel& model() { return wasm_app().model(); }

bp::Json string_list(const std::vector<std::string>& items) {
    bp::Json list = bp::Json::array();
    for (const std::string& s : items) list.push(s);
    return list;
}

bp::Json rect_json(const ImVec4& r) { return bp::Json::array({r.x, r.y, r.z, r.w}); }  // [x, y, width, height]

bp::Json check_list(const std::vector<bp::CheckOutcome>& outcomes) {
    bp::Json checks = bp::Json::array();
    for (const bp::CheckOutcome& o : outcomes) {
        bp::Json c = bp::Json::object();
        c.set("metric", o.check.metric);
        c.set("value", o.value);
        c.set("passed", o.passed);
        c.set("pending", o.pending);
        c.set("text", o.text);
        c.set("sentence", o.sentence);
        checks.push(c);
    }
    return checks;
}
// A task's limits as the lesson panel shows them: {allow, maxUnits, maxLayers, maxEpochs} (0: no limit).
bp::Json task_json(const bp::Lesson& l) {
    if (!l.task) return bp::Json();
    return bp::Json::object({{"allow", string_list(l.task->allow)}, {"maxUnits", l.task->max_units},
                             {"maxLayers", l.task->max_layers}, {"maxEpochs", l.task->max_epochs}});
}
}  // namespace

extern "C" {
EMSCRIPTEN_KEEPALIVE const char* bp_messages() {  // in the page's language now
    std::vector<std::string> shown;
    for (const std::string& m : model().messages()) shown.push_back(bp::relang(m));
    return wasm_out(string_list(shown).dump());
}
// The notation card's text in the page's language, {title, lines, open}; open != 0 opens
// the card (as its button does) from the next frame.
EMSCRIPTEN_KEEPALIVE const char* bp_notation(int open) {
    if (open) bp::request_notation_card();
    return wasm_out(bp::Json::object({{"title", bp::tr("notation.title")}, {"lines", string_list(bp::notation_lines())},
                                      {"open", bp::notation_card_open()}})
                        .dump());
}
// What the callouts panel shows now: [{rule, level, text}].
EMSCRIPTEN_KEEPALIVE const char* bp_callouts() {
    bp::Json list = bp::Json::array();
    for (const bp::Finding& f : model().callouts()) {
        bp::Json item = bp::Json::object();
        item.set("rule", f.rule);
        item.set("level", bp::level_name(f.level));
        item.set("text", f.text);
        list.push(item);
    }
    return wasm_out(list.dump());
}
EMSCRIPTEN_KEEPALIVE const char* bp_drawn_panels() {
    bp::Json list = bp::Json::array();
    for (const auto& p : pg().drawn_panels()) {
        bp::Json item = bp::Json::object();
        item.set("panel", bp::name_of(p.panel));
        item.set("rect", rect_json(p.rect));
        item.set("visible", rect_json(p.visible));
        list.push(item);
    }
    return wasm_out(list.dump());
}
EMSCRIPTEN_KEEPALIVE const char* bp_toolbar_items() {
    bp::Json list = bp::Json::array();
    for (const auto& [name, r] : pg().toolbar_items()) {
        bp::Json item = bp::Json::object();
        item.set("item", name);
        item.set("rect", rect_json(r));
        list.push(item);
    }
    return wasm_out(list.dump());
}
// What the last frame cut off or overlapped (app/common/clip_report.h): [{kind, where, rect, clip}].
EMSCRIPTEN_KEEPALIVE const char* bp_clipped() {
    bp::Json list = bp::Json::array();
    for (const bp::ClipEntry& e : bp::clip_report().entries()) {
        bp::Json item = bp::Json::object();
        item.set("kind", e.kind);
        item.set("where", e.where);
        item.set("rect", rect_json(e.rect));
        item.set("clip", rect_json(e.clip));
        list.push(item);
    }
    return wasm_out(list.dump());
}
// Every control the last frame drew (app/common/item_report.h): [{label, rect, visible}].
EMSCRIPTEN_KEEPALIVE const char* bp_targets() {
    bp::Json list = bp::Json::array();
    for (const bp::ItemEntry& e : bp::item_report().entries()) {
        bp::Json item = bp::Json::object();
        item.set("label", e.label);
        item.set("rect", rect_json(e.rect));
        item.set("visible", e.visible);
        list.push(item);
    }
    return wasm_out(list.dump());
}
// One text of the message tables in the page's language now, its {name} slots filled from
// the JSON object `args_json` (strings; other values as JSON writes them): the accessible
// mirror says what the canvas says, from the same tables.
EMSCRIPTEN_KEEPALIVE const char* bp_text(const char* key, const char* args_json) {
    bp::MessageArgs args;
    const auto parsed = bp::parse_json(args_json);
    if (parsed && parsed->is_object())
        for (const auto& [name, value] : parsed->members()) args.emplace_back(name, value.is_string() ? value.as_string() : value.dump());
    return wasm_out(bp::msg_now(key, args));
}
EMSCRIPTEN_KEEPALIVE const char* bp_lessons() {
    std::vector<const bp::Lesson*> all;
    for (const bp::Lesson& l : bp::builtin_lessons()) all.push_back(&l);
    for (const bp::Lesson* l : bp::loaded_lessons()) all.push_back(l);
    bp::Json list = bp::Json::array();
    for (std::size_t i = 0; i < all.size(); ++i) {
        const bp::Lesson& l = *all[i];
        bp::Json item = bp::Json::object();
        item.set("id", l.id);
        item.set("title", l.title.get());
        item.set("view", bp::name_of(l.view));
        item.set("epochs", l.epochs);
        item.set("text", l.text.get());
        item.set("question", l.question.get());
        bp::Json variants = bp::Json::array();
        for (const bp::LessonVariant& v : l.variants) variants.push(v.label.get());
        item.set("variants", variants);
        item.set("loaded", i >= bp::builtin_lessons().size());  // from a file while the page runs
        item.set("task", task_json(l));
        list.push(item);
    }
    return wasm_out(list.dump());
}
// Reads a lesson file's text as `bp lesson --file` does, keeps it and opens it; "" or the
// reader's message (also in the message bar; nothing changes). `src`: the lesson_src it came from.
EMSCRIPTEN_KEEPALIVE const char* bp_lesson_load(const char* text, const char* src) { return wasm_out(model().load_lesson(text, src)); }
// lesson_src could not be fetched: the message bar names the address and why.
EMSCRIPTEN_KEEPALIVE void bp_lesson_src_failed(const char* url, const char* problem) {
    model().lesson_file_refused(bp::msg("lessons.src_failed", {{"url", url}, {"problem", problem}}));
}
// Opens lesson `id` (variant -1: its own set-up); returns "" or what is wrong.
EMSCRIPTEN_KEEPALIVE const char* bp_lesson_open(const char* id, int variant) {
    const bp::Lesson* l = bp::find_lesson(id);
    if (!l) return wasm_out(std::string("unknown lesson '") + id + "'");
    if (variant < -1 || variant >= int(l->variants.size()))
        return wasm_out("lesson '" + l->id + "' has variants 0 to " + std::to_string(int(l->variants.size()) - 1) +
                        " (or -1 for its own set-up)");
    model().open_lesson(*l, variant);
    return wasm_out("");
}
// The current lesson's checks for the variant shown, on the training as it is now.
EMSCRIPTEN_KEEPALIVE const char* bp_lesson_checks() {
    const bp::Lesson* l = bp::find_lesson(model().page().lesson);
    bp::Json out = bp::Json::object();
    if (!l) return wasm_out(out.dump());
    out.set("lesson", l->id);
    out.set("variant", model().lesson_variant());
    out.set("epochs", l->epochs);
    out.set("checks", check_list(l->view == bp::View::Playground
                                     ? model().playground_checks(*l)
                                     : bp::evaluate_view_checks(*l, &model().graph(), &model().layers(), &model().trainer())));
    return wasm_out(out.dump());
}
// What the lesson panel shows: whether the checks are evaluated yet (budget reached, or
// training stopped before it), the line above them, and the checks.
EMSCRIPTEN_KEEPALIVE const char* bp_lesson_status() {
    const bp::LessonStatus st = model().lesson_status();
    bp::Json out = bp::Json::object();
    if (!st.lesson) return wasm_out(out.dump());
    out.set("lesson", st.lesson->id);
    out.set("variant", st.variant);
    out.set("epoch", st.epoch);
    out.set("budget", st.budget);
    out.set("checked", st.checked);
    out.set("stopped", bp::stopped_json(st.stopped));
    out.set("note", st.note);
    out.set("checks", check_list(st.checks));
    out.set("task", task_json(*st.lesson));
    out.set("goalMet", st.goal_met);
    out.set("refused", bp::relang(model().task_message()));
    return wasm_out(out.dump());
}
EMSCRIPTEN_KEEPALIVE const char* bp_export_config() { return wasm_out(model().export_config()); }
EMSCRIPTEN_KEEPALIVE const char* bp_import_config(const char* text) {
    return wasm_out(string_list(model().load(text, "config file")).dump());
}
EMSCRIPTEN_KEEPALIVE const char* bp_export_history() { return wasm_out(model().export_history_csv()); }
EMSCRIPTEN_KEEPALIVE const char* bp_export_weights() { return wasm_out(model().export_weights()); }
EMSCRIPTEN_KEEPALIVE const char* bp_import_weights(const char* text) { return wasm_out(model().import_weights(text)); }
// The run record as the Files menu's Hand in saves it (record.h); training goes on.
EMSCRIPTEN_KEEPALIVE const char* bp_records_export() { return wasm_out(model().export_record()); }
EMSCRIPTEN_KEEPALIVE void bp_records_hand_in() { pg().hand_in(); }  // as Files > Hand in: a download
// A record replayed and compared here in the page: {ok, code, reason, notes, metrics}.
EMSCRIPTEN_KEEPALIVE const char* bp_records_verify(const char* text) {
    const bp::Verdict v = bp::verify_record_text(text);
    bp::Json out = bp::Json::object();
    out.set("ok", v.code == bp::Verdict::Code::Verified);
    out.set("code", int(v.code));
    out.set("reason", v.reason);
    out.set("notes", string_list(v.notes));
    out.set("metrics", v.metrics);
    return wasm_out(out.dump());
}
// Kept runs (engine/course/kept_runs.h), kept in this browser: keep the run now (its id, 0
// when too large), reopen or remove one, choose the ones the loss plot overlays, and the state
// the loss panel shows: {runs: [{id, epoch, trainLoss, config, differsFromNow}], compared,
// labels, differences, curves: [{id, label, epochs, trainLoss, testLoss, edited}], message}.
EMSCRIPTEN_KEEPALIVE int bp_kept_keep() { return model().keep_run(); }
EMSCRIPTEN_KEEPALIVE const char* bp_kept_open(int id) { return wasm_out(model().open_kept(id)); }
EMSCRIPTEN_KEEPALIVE int bp_kept_remove(int id) { return model().remove_kept(id); }
EMSCRIPTEN_KEEPALIVE const char* bp_kept_compare(const char* ids_json) {
    std::vector<int> ids;
    const auto j = bp::parse_json(ids_json);
    if (!j || !j->is_array()) return wasm_out(bp::msg("kept.want_ids"));
    for (const bp::Json& id : j->items()) ids.push_back(id.is_number() ? int(id.as_number()) : 0);
    return wasm_out(model().compare_kept(ids));
}
EMSCRIPTEN_KEEPALIVE const char* bp_kept_state() {
    const bp::PlaygroundModel& m = model();
    bp::Json runs = bp::Json::array(), curves = bp::Json::array(), compared = bp::Json::array();
    for (const bp::KeptRun& r : m.kept().runs())
        runs.push(bp::Json::object({{"id", r.id}, {"epoch", r.epoch}, {"config", bp::to_hash(r.config)},
                                    {"trainLoss", r.curve.empty() ? bp::Json() : bp::Json(r.curve.back().train_loss)},
                                    {"differsFromNow", string_list(bp::config_differences({&m.config(), &r.config}))}}));
    const bp::KeptComparison c = bp::compare_kept_runs(m.kept(), m.compared());
    for (std::size_t i = 0; i < c.runs.size(); ++i) {
        bp::Json epochs = bp::Json::array(), train = bp::Json::array(), test = bp::Json::array();
        for (const bp::EpochRecord& e : c.runs[i]->curve) epochs.push(e.epoch), train.push(e.train_loss), test.push(e.test_loss);
        curves.push(bp::Json::object({{"id", c.runs[i]->id}, {"label", c.labels[i]}, {"epochs", epochs}, {"trainLoss", train}, {"testLoss", test}, {"edited", c.runs[i]->edited}}));
        compared.push(c.runs[i]->id);
    }
    return wasm_out(bp::Json::object({{"runs", runs}, {"compared", compared}, {"differences", string_list(c.differences)},
                                      {"curves", curves}, {"message", bp::relang(m.kept_message())}}).dump());
}
EMSCRIPTEN_KEEPALIVE const char* bp_build_id() { return bp::build_id(); }
// The class view (app/class/class_view.h): a record added as a row (replayed over the next
// frames), the rows as the table shows them, and the share of the replays done.
EMSCRIPTEN_KEEPALIVE void bp_class_add(const char* file, const char* text) { wasm_app().class_view().add(file, text); }
EMSCRIPTEN_KEEPALIVE const char* bp_class_table() { return wasm_out(wasm_app().class_view().room().table().dump()); }
EMSCRIPTEN_KEEPALIVE double bp_class_progress() { return wasm_app().class_view().room().progress(); }
EMSCRIPTEN_KEEPALIVE const char* bp_class_set_task(const char* text) { return wasm_out(wasm_app().class_view().set_task(text)); }
EMSCRIPTEN_KEEPALIVE int bp_class_sort(const char* key, int descending) { return wasm_app().class_view().room().sort_by(key, descending != 0); }
EMSCRIPTEN_KEEPALIVE void bp_class_select(int row, int on) { wasm_app().class_view().room().select(std::size_t(std::max(0, row)), on != 0); }
EMSCRIPTEN_KEEPALIVE const char* bp_class_csv() { return wasm_out(wasm_app().class_view().room().csv()); }
}
