// PlaygroundModel (playground_model.h): settings, play state, lessons, files and metrics.
#include "playground_model.h"
#include "messages.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "graph_presets.h"
#include "text_util.h"

namespace bp {

namespace {
constexpr const char* kFirstVisitPref = "first-visit-done";
constexpr const char* kKeptPref = "kept-runs";
const GraphPreset& first_preset() { return graph_presets()[2]; }  // exp/log/sin: several paths, a waypoint
}  // namespace

PlaygroundModel::PlaygroundModel(Host& host) : host_(host), trainer_(Config{}) {
    graph_.set_formula(first_preset().formula, first_preset().values);
    const std::string stored = host_.load_pref(kKeptPref);
    if (stored.empty()) return;
    if (auto e = kept_.load(stored)) {  // set aside under another name, not overwritten
        host_.save_pref(std::string(kKeptPref) + ".unreadable", stored);
        kept_message_ = msg("kept.store_broken", {{"problem", e->message}});
    }
}

int PlaygroundModel::keep_run() {
    std::vector<int> dropped;
    const int id = kept_.keep(trainer_, dropped);
    if (!id) return kept_message_ = msg("kept.too_big", {{"max", std::to_string(KeptRuns::kMaxChars)}}), 0;
    host_.save_pref(kKeptPref, kept_.dump());
    kept_message_ = msg("kept.kept", {{"id", std::to_string(id)}});
    for (int gone : dropped) {
        kept_message_ += "; " + msg("kept.dropped", {{"id", std::to_string(gone)}, {"max", std::to_string(KeptRuns::kMaxRuns)},
                                                     {"chars", std::to_string(KeptRuns::kMaxChars)}});
        compared_.erase(std::remove(compared_.begin(), compared_.end(), gone), compared_.end());
    }
    return id;
}

bool PlaygroundModel::remove_kept(int id) {
    if (!kept_.remove(id)) return false;
    compared_.erase(std::remove(compared_.begin(), compared_.end(), id), compared_.end());
    host_.save_pref(kKeptPref, kept_.dump());
    return true;
}

std::string PlaygroundModel::open_kept(int id) {
    const KeptRun* run = kept_.find(id);
    if (!run) return kept_message_ = msg("kept.unknown", {{"id", std::to_string(id)}});
    if (const Lesson* lesson = find_lesson(page_.lesson)) {  // a task keeps its limits and its data
        if (auto refused = task_refusal(*lesson, run->config)) return kept_message_ = task_message_ = *refused;
        if (!run->data_csv.empty() && !data_refusal().empty()) return kept_message_ = task_message_ = data_refusal();
    }
    if (auto e = reopen_kept(trainer_, *run)) return kept_message_ = e->message;
    ++version_;
    release_play_if_stopped();
    kept_message_ = msg("kept.opened", {{"id", std::to_string(id)}});
    return "";
}

std::string PlaygroundModel::compare_kept(const std::vector<int>& ids) {
    if (ids.size() > KeptRuns::kMaxCompared) return msg("kept.too_many", {{"max", std::to_string(KeptRuns::kMaxCompared)}});
    for (int id : ids)
        if (!kept_.find(id)) return msg("kept.unknown", {{"id", std::to_string(id)}});
    compared_ = ids;
    return "";
}

void PlaygroundModel::toggle_compared(int id) {
    const auto it = std::find(compared_.begin(), compared_.end(), id);
    if (it != compared_.end()) return void(compared_.erase(it));
    if (compared_.size() < KeptRuns::kMaxCompared && kept_.find(id)) compared_.push_back(id);
}

std::string PlaygroundModel::data_refusal() const {
    const Lesson* lesson = find_lesson(page_.lesson);
    if (!lesson) return "";
    return task_data_refusal(*lesson).value_or("");
}

bool PlaygroundModel::refuse_data_edit() {
    std::string refused = data_refusal();
    if (refused.empty()) return false;
    task_message_ = std::move(refused);
    return true;
}

std::string PlaygroundModel::import_csv(const std::string& text) {
    if (auto refused = data_refusal(); !refused.empty()) return task_message_ = refused;
    auto data = from_csv(text);
    if (!data) return data.error().message;  // the current data stays as it was
    trainer_.set_data(std::move(data.value()));
    return "";
}

void PlaygroundModel::save_dataset() {
    file_message_ = host_.save_text("dataset.csv", export_csv(), "text/csv");
}

void PlaygroundModel::open_dataset(const std::string& csv_text) {
    const std::string error = import_csv(csv_text);
    file_message_ = error.empty() ? msg("data.imported", {{"n", std::to_string(trainer_.data().train.size())}}) : error;
}

std::string PlaygroundModel::import_weights(const std::string& text) {
    const auto error = load_weights(trainer_, text);
    return error ? error->message : "";
}

// The lesson's file by its SHA-256: a loaded lesson's (or task's) text, else the built-in file.
std::string PlaygroundModel::export_record() const {
    RecordContext context;
    if (const Lesson* lesson = find_lesson(page_.lesson)) {
        context.lesson = RecordLesson{lesson->id, lesson_variant_, lesson_sha256(*lesson)};
        if (lesson->view == View::Playground) context.checks = playground_checks(*lesson);
    }
    return make_record(trainer_, context).dump(1) + "\n";
}

std::string PlaygroundModel::record_file_name() const {
    const std::string what = page_.lesson.empty() ? name_of(config().dataset) : page_.lesson;
    return "record-" + what + "-seed" + std::to_string(config().seed) + "-epoch" + std::to_string(trainer_.epoch()) + ".json";
}

std::vector<std::string> PlaygroundModel::load(const std::string& text, const char* source) {
    messages_ = set_state(text);
    messages_source_ = source;
    return messages_;
}

// A widget can be typed past its range (ctrl+click on a slider: points = 10^8 would fill
// the tab's memory), so every value passes its field's check; a refused one keeps the
// current value and the data panel says why.
std::optional<std::string> PlaygroundModel::apply(const Config& config) {
    Config checked = config;
    const auto warnings = validate(checked, this->config());
    if (!warnings.empty()) file_message_ = warnings.front();
    if (const Lesson* lesson = find_lesson(page_.lesson))
        if (auto refused = task_refusal(*lesson, checked)) return file_message_ = task_message_ = *refused;
    task_message_.clear();
    ++version_;
    trainer_.set_config(checked);
    release_play_if_stopped();  // e.g. a stop epoch set below the epoch reached
    return std::nullopt;
}

void PlaygroundModel::step_epoch() {
    const Lesson* lesson = find_lesson(page_.lesson);
    if (lesson && lesson->task) {
        if (auto refused = task_refusal(*lesson, config(), trainer_.epoch() + 1)) return void(file_message_ = task_message_ = *refused);
    }
    trainer_.run_epochs(1);
    release_play_if_stopped();
}

void PlaygroundModel::lesson_file_refused(const std::string& why) {
    messages_ = {why};
    messages_source_ = "lesson file";
}

std::string PlaygroundModel::load_lesson(const std::string& text, const std::string& src) {
    const auto lesson = add_loaded_lesson(text);
    if (!lesson) {
        lesson_file_refused(lesson.error().message);
        return lesson.error().message;
    }
    lesson_runs_.reset();  // a file of the same id may have replaced the lesson at that address
    open_lesson(*lesson.value(), -1);
    if (!src.empty() && !page_.autoplay) pause();  // a link's lesson_src waits for Play when the link says autoplay=0
    PageSettings page = page_;
    page.lesson_src = src;
    set_page(page);
    file_message_ = msg("files.lesson_opened", {{"id", lesson.value()->id}});
    return "";
}

void PlaygroundModel::set_page(const PageSettings& page) {
    PageSettings checked = page;
    const auto warnings = validate(checked, page_);
    if (!warnings.empty()) file_message_ = warnings.front();
    ++version_;
    page_ = checked;
    set_language(page_.lang);  // the page's text follows its lang setting at once
}

GraphSettings PlaygroundModel::graph_settings() const {
    GraphSettings g{graph_.formula(), {}};
    for (const std::string& name : graph_.variables()) g.values[name] = graph_.value_of(name);
    if (g.formula == first_preset().formula && g.values == first_preset().values) return {};
    return g;
}

void PlaygroundModel::set_graph(const GraphSettings& graph) {
    const GraphSettings now = graph_settings();
    if (graph.formula == now.formula && graph.values == now.values) return;
    const bool preset = graph.formula.empty();
    graph_.set_formula(preset ? first_preset().formula : graph.formula, preset ? first_preset().values : graph.values);
}

std::vector<std::string> PlaygroundModel::set_state(const std::string& text) {
    Settings next = settings();
    const auto first = text.find_first_not_of(" \t\r\n");
    const bool json = first != std::string::npos && text[first] == '{';
    auto warnings = json ? apply_json_text(next, text) : apply_hash(next, text);
    const bool new_lesson = next.page.lesson != page_.lesson;
    set_page(next.page);  // first: a new lesson's task (or none) judges the run's settings
    if (auto refused = apply(next.run)) warnings.push_back(*refused);
    set_graph(next.graph);
    set_landscape(next.landscape);
    if (new_lesson) restart_lesson(-1);  // a lesson named in a hash: its own set-up
    return warnings;
}

long StepPace::due(double epochs_per_s, long steps_per_epoch, double frame_s) {
    owed += epochs_per_s * double(steps_per_epoch) * std::clamp(frame_s, 0.0, kMaxFrameS);
    return long(owed);
}

void StepPace::trained(long steps) {
    owed = std::max(0.0, owed - double(steps));
    owed -= std::floor(owed);  // a step cut by the budget is not owed to the next frame
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
    if (stopped() == Stopped::StopEpoch) {  // past the stop epoch: it no longer stops (a task: up to its max_epochs)
        const Lesson* lesson = find_lesson(page_.lesson);
        const int last = lesson && lesson->task ? lesson->task->max_epochs : 0;
        Config c = config();
        c.stop_epoch = last > c.stop_epoch ? last : 0;
        if (apply(c)) return;  // at the task's last epoch: refused, and said
    }
    play();
}

void PlaygroundModel::restart_with_lr(double lr) {
    Config c = config();
    c.lr = lr;
    apply(c);
    reset();
    play();
}

void PlaygroundModel::new_seed() {
    Config next = config();
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
    Json counts = Json::array();  // points per class, train and test together (classification only)
    if (t.has_accuracy()) {
        std::vector<long> n;
        for (const std::vector<Point>* set : {&t.data().train, &t.data().test})
            for (const Point& p : *set) {
                const std::size_t c = std::size_t(std::max(0.0, p.label));
                if (n.size() <= c) n.resize(c + 1, 0);
                ++n[c];
            }
        for (long k : n) counts.push(k);
    }
    m.set("classCounts", counts);
    m.set("layers", layer_stats_json(t, KeyStyle::Camel));
    return m;
}

void PlaygroundModel::open_lesson(const Lesson& lesson, int variant) {
    PageSettings page = page_;
    page.lesson = lesson.id;
    page.view = lesson.view;
    const auto loaded = loaded_lessons();
    if (std::find(loaded.begin(), loaded.end(), &lesson) == loaded.end()) page.lesson_src.clear();  // a shipped lesson
    set_page(page);
    if (lesson.view != View::Graph) apply(lesson_config(lesson, variant));
    restart_lesson(variant);
    if (lesson.view == View::Playground) play();
    remember_first_visit();  // the visitor found the lessons
}

void PlaygroundModel::close_lesson() {
    PageSettings page = page_;
    page.lesson.clear();
    set_page(page);
    lesson_variant_ = -1;
}

// A lesson starts from its seed's initial weights, even when only the lr changed, and
// remembers the set-up it starts from (for "settings changed since"). A graph lesson opens
// its formula in the graph lab; a layer lesson trains its epochs and opens its step.
void PlaygroundModel::restart_lesson(int variant) {
    reset();
    lesson_variant_ = variant;
    lesson_start_ = config();
    const Lesson* lesson = find_lesson(page_.lesson);
    if (!lesson || lesson->view == View::Playground) return;
    pause();
    const auto problem = lesson->view == View::Graph ? open_graph_lesson(*lesson, graph_)
                                                     : open_layer_lesson(*lesson, trainer_, layers_);
    if (problem) file_message_ = problem->message;
}

bool PlaygroundModel::lesson_changed() const {
    return change_between(lesson_start_, config()) != Change::None;
}

LessonStatus PlaygroundModel::lesson_status() const {
    LessonStatus st;
    st.lesson = find_lesson(page_.lesson);
    if (!st.lesson) return st;
    st.variant = lesson_variant_;
    if (st.lesson->task) {  // a task: how the run stands against its goal, at any epoch
        st.epoch = trainer_.epoch();
        st.budget = st.lesson->epochs;
        st.stopped = stopped();
        st.checked = true;
        st.checks = playground_checks(*st.lesson);
        st.goal_met = !st.checks.empty() && std::all_of(st.checks.begin(), st.checks.end(), [](const CheckOutcome& o) { return o.passed; });
        st.note = msg_now(st.goal_met ? "lessons.task_met" : "lessons.task_goal", {{"epoch", std::to_string(st.epoch)}});
        return st;
    }
    if (st.lesson->view != View::Playground) {  // checked on what the view shows now, once per change
        const std::string key = st.lesson->id + ":" + std::to_string(graph_.generation()) + ":" + std::to_string(layers_.generation()) + ":" +
                                std::to_string(layers_.forward_done()) + ":" + std::to_string(layers_.backward_done()) +
                                ":" + layers_.phase() + ":" + std::to_string(trainer_.steps());
        if (key != view_status_key_) {
            view_status_key_ = key;
            view_checks_ = evaluate_view_checks(*st.lesson, &graph_, &layers_, &trainer_);
        }
        st.checked = true;
        st.note = msg_now("lessons.view_checks");
        st.checks = view_checks_;
        return st;
    }
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
    if (st.checked) st.checks = playground_checks(*st.lesson);
    return st;
}

std::vector<CheckOutcome> PlaygroundModel::playground_checks(const Lesson& lesson) const {
    const std::uint32_t seed = trainer_.config().seed;
    if (!lesson_runs_ || &lesson_runs_->lesson() != &lesson || lesson_runs_->seed() != seed)
        lesson_runs_ = std::make_unique<LessonRuns>(lesson, seed);
    return evaluate_checks(lesson, lesson_variant_, trainer_, lesson_runs_.get());
}

std::vector<Finding> PlaygroundModel::callouts() const {
    const Lesson* lesson = find_lesson(page_.lesson);
    return findings(trainer_, lesson ? lesson->mute : std::vector<std::string>{});
}

void PlaygroundModel::remember_first_visit() {
    if (first_visit_ == 0) return;
    first_visit_ = 0;
    host_.save_pref(kFirstVisitPref, "1");
}

bool PlaygroundModel::first_visit() {
    if (first_visit_ < 0) first_visit_ = host_.load_pref(kFirstVisitPref).empty() ? 1 : 0;
    return first_visit_ == 1 && !page_.embed && page_.lesson.empty() && !builtin_lessons().empty();
}

}  // namespace bp
