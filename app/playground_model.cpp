// PlaygroundModel (playground_model.h): settings, play state, lessons, files and metrics.
#include "playground_model.h"
#include "messages.h"

#include <cstdio>

namespace bp {

namespace {
constexpr const char* kFirstVisitPref = "first-visit-done";
}  // namespace

std::string PlaygroundModel::import_csv(const std::string& text) {
    auto data = from_csv(text);
    if (!data) return data.error().message;  // the current data stays as it was
    trainer_.set_data(std::move(data.value()));
    return "";
}

std::string PlaygroundModel::import_weights(const std::string& text) {
    const auto error = load_weights(trainer_, text);
    return error ? error->message : "";
}

std::vector<std::string> PlaygroundModel::load(const std::string& text, const char* source) {
    messages_ = set_state(text);
    messages_source_ = source;
    return messages_;
}

// A widget can be typed past its range (ctrl+click on a slider: points = 10^8 would fill
// the tab's memory), so every value passes the URL hash's checks; a refused one keeps the
// current value and the data panel says why.
void PlaygroundModel::apply(const Config& config) {
    Config checked = config_;
    const auto warnings = apply_hash(checked, to_hash(config, true));
    if (!warnings.empty()) file_message_ = warnings.front();
    config_ = checked;
    set_language(config_.page.lang);  // the page's text follows its lang setting at once
    ++config_version_;
    trainer_.set_config(config_);
}

std::vector<std::string> PlaygroundModel::set_state(const std::string& text) {
    Config next = config_;
    const auto first = text.find_first_not_of(" \t\r\n");
    const bool json = first != std::string::npos && text[first] == '{';
    auto warnings = json ? apply_json_text(next, text) : apply_hash(next, text);
    const bool new_lesson = next.page.lesson != config_.page.lesson;
    apply(next);
    if (new_lesson) restart_lesson(-1);  // a lesson named in a hash: its own set-up
    return warnings;
}

Json stopped_json(Stopped s) {
    return s == Stopped::Diverged ? Json("diverged") : s == Stopped::StopEpoch ? Json("stop-epoch") : Json();
}

Stopped PlaygroundModel::stopped() const {
    if (trainer_.diverged()) return Stopped::Diverged;
    if (trainer_.at_stop_epoch()) return Stopped::StopEpoch;
    return Stopped::No;
}

const char* PlaygroundModel::play_label() const {
    if (playing()) return tr("play.pause");
    switch (stopped()) {
        case Stopped::Diverged: return tr("play.restart");
        case Stopped::StopEpoch: return tr("play.continue");
        case Stopped::No: break;
    }
    return tr("play.play");
}

void PlaygroundModel::press_play() {
    if (playing()) return pause();
    if (stopped() == Stopped::Diverged) reset();  // from the initial weights: the same run would diverge again
    if (stopped() == Stopped::StopEpoch) {        // past the stop epoch: it no longer stops
        Config c = config_;
        c.stop_epoch = 0;
        apply(c);
    }
    play();
}

void PlaygroundModel::new_seed() {
    Config next = config_;
    next.seed = next.seed * 1664525u + 1013904223u;  // a new, still reproducible, seed
    apply(next);
}

Json PlaygroundModel::metrics() const {
    const Trainer& t = trainer_;
    const EpochRecord& r = t.history().back();
    Json m = Json::object();
    m.set("epoch", t.epoch());
    m.set("steps", t.steps());
    m.set("trainLoss", r.train_loss);
    m.set("testLoss", r.test_loss);
    m.set("trainAcc", t.has_accuracy() ? Json(r.train_acc) : Json());
    m.set("testAcc", t.has_accuracy() ? Json(r.test_acc) : Json());
    m.set("diverged", t.diverged());
    m.set("divergence", t.divergence());
    m.set("playing", playing());
    m.set("stopped", stopped_json(stopped()));
    m.set("playLabel", play_label());
    m.set("points", long(t.data().train.size() + t.data().test.size()));
    m.set("layers", layer_stats_json(t, KeyStyle::Camel));
    return m;
}

void PlaygroundModel::open_lesson(const Lesson& lesson, int variant) {
    Config c = lesson_config(lesson, variant);
    c.page = config_.page;
    c.page.lesson = lesson.id;
    apply(c);
    restart_lesson(variant);
    play();
    remember_first_visit();  // the visitor found the lessons
}

// A lesson starts from its seed's initial weights, even when only the lr changed, and
// remembers the set-up it starts from (for "settings changed since").
void PlaygroundModel::restart_lesson(int variant) {
    reset();
    lesson_variant_ = variant;
    lesson_hash_ = settings_hash(config_);
}

LessonStatus PlaygroundModel::lesson_status() const {
    LessonStatus st;
    st.lesson = find_lesson(config_.page.lesson);
    if (!st.lesson) return st;
    st.variant = lesson_variant_;
    st.epoch = trainer_.epoch();
    st.budget = st.lesson->epochs;
    st.stopped = stopped();
    const bool early = st.epoch < st.budget;
    st.checked = !early || st.stopped != Stopped::No;
    const MessageArgs args = {{"epoch", std::to_string(st.epoch)}, {"budget", std::to_string(st.budget)}};
    if (!st.checked) st.note = msg_now("lesson.note_pending", args);
    else if (early && st.stopped == Stopped::Diverged) st.note = msg_now("lesson.note_diverged", args);
    else if (early) st.note = msg_now("lesson.note_stopped", args);
    else st.note = msg_now("lesson.note_reached", args);
    if (st.checked) st.checks = evaluate_checks(*st.lesson, st.variant, trainer_);
    return st;
}

std::vector<Finding> PlaygroundModel::callouts() const {
    const Lesson* lesson = find_lesson(config_.page.lesson);
    return findings(trainer_, lesson ? lesson->mute : std::vector<std::string>{});
}

std::string settings_hash(Config config) {
    config.page.lang = default_language();  // left out of the hash: a language is no set-up
    return to_hash(config);
}

void PlaygroundModel::remember_first_visit() {
    if (first_visit_ == 0) return;
    first_visit_ = 0;
    host_.save_pref(kFirstVisitPref, "1");
}

bool PlaygroundModel::first_visit() {
    if (first_visit_ < 0) first_visit_ = host_.load_pref(kFirstVisitPref).empty() ? 1 : 0;
    return first_visit_ == 1 && !config_.page.embed && config_.page.lesson.empty() && !builtin_lessons().empty();
}

}  // namespace bp
