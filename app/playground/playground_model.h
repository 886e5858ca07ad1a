// The playground's state and logic without any drawing: the Trainer (owner of the run's
// Config), the page settings, the graph lab's GraphSession (owner of its formula), the layer
// view's LayerGraph, applying settings (every value through its field table's checks), the
// message bar's list, play/pause and what stops training, lesson progress, the run's files in
// and out, metrics and callouts for the JS API, the first visit. No ImGui: the doctest suite
// tests it directly (tests/test_playground_model.cpp). Its data is private: Playground
// (playground.h) holds one and changes it only through the operations below.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "graph_session.h"
#include "findings.h"
#include "host.h"
#include "json.h"
#include "kept_runs.h"
#include "layer_graph.h"
#include "lesson.h"
#include "record.h"
#include "run_io.h"
#include "settings.h"
#include "trainer.h"

namespace bp {

// Why training does not go on by itself, whatever Play was pressed: the run diverged, or
// it reached the stop epoch. The Play button offers what makes sense in each case.
enum class Stopped { No, Diverged, StopEpoch };
Json stopped_json(Stopped s);  // "diverged", "stop-epoch" or null, for the JS API

// What the lesson panel shows about the lesson's checks: they are evaluated once its epoch
// budget is reached, or earlier when training stopped (a diverged run never reaches it).
struct LessonStatus {
    const Lesson* lesson = nullptr;  // nullptr: no lesson open
    int variant = -1;
    bool goal_met = false;  // a task: every check of its goal holds on the run now
    int epoch = 0, budget = 0;
    bool checked = false;
    Stopped stopped = Stopped::No;
    std::string note;                  // the line above the checks (or instead of them)
    std::vector<CheckOutcome> checks;  // evaluated when `checked`
};

// The steps a playing frame owes at `epochs_per_s` (Config::speed): the frame's length times
// the pace, the fraction of a step carried over to the next frame (a slow pace trains one step
// every few frames). A frame counts at most kMaxFrameS, so a stalled tab does not catch up in
// one burst, and steps the frame's time budget cut are dropped, not owed.
struct StepPace {
    static constexpr double kMaxFrameS = 0.25;
    double owed = 0;  // steps, below 1 between frames
    long due(double epochs_per_s, long steps_per_epoch, double frame_s);
    void trained(long steps);
};

class PlaygroundModel {
public:
    explicit PlaygroundModel(Host& host);

    const Config& config() const { return trainer_.config(); }
    const PageSettings& page() const { return page_; }
    GraphSession& graph() { return graph_; }
    const GraphSession& graph() const { return graph_; }
    LayerGraph& layers() { return layers_; }  // the layer view's training step
    const LayerGraph& layers() const { return layers_; }
    // What a link holds: the run, the page, and the graph lab's formula ("" when it is the first preset).
    Settings settings() const { return {config(), page_, graph_settings(), landscape_}; }
    // The Landscape tab's slice settings (the tab follows them; links and the API set them).
    const LandscapeSettings& landscape() const { return landscape_; }
    void set_landscape(const LandscapeSettings& s) {
        if (s.kind != landscape_.kind || s.range != landscape_.range || s.resolution != landscape_.resolution) landscape_ = s, ++version_;
    }
    GraphSettings graph_settings() const;
    // Changes with every edit of any setting (the graph lab's too): followers skip idle frames.
    int settings_version() const { return version_ + graph_.generation(); }
    // An edit: each value passes the field checks, the Trainer takes it over. In a task, a
    // config outside its limits is refused whole (nothing changes): the refusal comes back.
    std::optional<std::string> apply(const Config& config);
    void set_page(const PageSettings& page);  // the same for the page
    void set_graph(const GraphSettings& graph);  // "" opens the first preset; a bad formula keeps the graph
    std::vector<std::string> set_state(const std::string& hash_or_json);
    // As set_state, and what was rejected is shown in the message bar, naming `source`
    // ("link", "config file"). An empty list clears the bar.
    std::vector<std::string> load(const std::string& hash_or_json, const char* source);
    const std::vector<std::string>& messages() const { return messages_; }
    const std::string& messages_source() const { return messages_source_; }
    void dismiss_messages() { messages_.clear(); }
    const std::string& edit_message() const { return file_message_; }  // the last refused edit or file outcome
    // The data panel's files: the dataset saved through the host, or a CSV the student opened
    // (loaded, or refused with the current data kept); the outcome in edit_message().
    void save_dataset();
    void open_dataset(const std::string& csv_text);

    // A lesson's set-up (variant -1) or one of its variants', from the start, playing; a graph
    // or layer lesson opens its view with its formula, or its network's step (paused).
    void open_lesson(const Lesson& lesson, int variant);
    void close_lesson();  // no lesson open (the run goes on as it is)
    int lesson_variant() const { return lesson_variant_; }
    // A lesson file from outside (lesson_src, the Files menu, a drop, bp.lessons.load): read as
    // a shipped one, kept and opened; `src` is the lesson_src it came from ("" for the others).
    // Refused: "" is not returned but the reader's message, shown in the message bar; nothing changes.
    std::string load_lesson(const std::string& text, const std::string& src = "");
    void lesson_file_refused(const std::string& why);  // the message bar says why a lesson file did not open
    // In a task: the student changing the data (a CSV, a tapped point) is refused; "" when allowed.
    std::string data_refusal() const;
    // A tap or erase on the plane in a task: refused (true), the refusal kept as task_message().
    bool refuse_data_edit();
    const std::string& task_message() const { return task_message_; }  // the last refused edit in a task
    LessonStatus lesson_status() const;
    // A playground lesson's checks of the variant shown, on the run now; a relative check
    // compares with the other set-up trained for the budget on the run's seed (kept in lesson_runs_).
    std::vector<CheckOutcome> playground_checks(const Lesson& lesson) const;
    bool lesson_changed() const;  // the run's settings differ from the lesson (variant)'s set-up

    // Play is a latch that training stopping releases: a run that diverged or reached its stop
    // epoch stays paused after Reset or an edit until Play is pressed again.
    void play() { playing_ = stopped() == Stopped::No; }
    void pause() { playing_ = false; }
    // Training runs frame by frame: Play was pressed and nothing stopped it.
    bool playing() const { return playing_ && stopped() == Stopped::No; }
    Stopped stopped() const;
    // The Play button: "Pause" while playing; "Restart" after a divergence (reset, then
    // play); "Continue" at the stop epoch (no stop epoch any more, then play); else "Play".
    const char* play_label() const;
    void press_play();
    void step(int batches) { trainer_.step(batches), release_play_if_stopped(); }
    void step_epoch();  // one whole epoch; none past a task's max_epochs
    void reset() { trainer_.reset(); }
    void new_seed();
    // The diverged banner's fix: the suggested learning rate, from the initial weights, playing.
    void restart_with_lr(double lr);

    std::string export_csv() const { return to_csv(trainer_.data()); }
    std::string import_csv(const std::string& text);  // "" when loaded, else the error
    std::string export_config() const { return to_json(settings()).dump(); }
    std::string export_history_csv() const { return history_to_csv(trainer_.history().records(), trainer_.has_accuracy()); }
    std::string export_weights() const { return weights_to_json(trainer_).dump(); }
    std::string import_weights(const std::string& text);  // "" when loaded, else the error
    // The run record a student hands in (record.h): the run as it is now, the open lesson (its
    // file's SHA-256) and its checks on this run. Reads only: training goes on as it was.
    std::string export_record() const;
    std::string record_file_name() const;  // "record-<lesson or dataset>-seed<seed>-epoch<epoch>.json"

    // Kept runs (kept_runs.h), stored through the host (the browser's localStorage): Keep this
    // run (its id; 0 when too large), remove one, reopen one ("" or the problem; a task's limits
    // hold), and the one to four kept runs whose curves the loss plot overlays (compare: "" or the
    // problem, nothing changed). What happened, and the runs dropped to make room: kept_message().
    int keep_run();
    bool remove_kept(int id);
    std::string open_kept(int id);
    std::string compare_kept(const std::vector<int>& ids);
    void toggle_compared(int id);
    const KeptRuns& kept() const { return kept_; }
    const std::vector<int>& compared() const { return compared_; }
    const std::string& kept_message() const { return kept_message_; }

    Json metrics() const;
    // What the callouts panel shows: the findings on the run now, less the open lesson's muted rules.
    std::vector<Finding> callouts() const;
    Trainer& trainer() { return trainer_; }
    const Trainer& trainer() const { return trainer_; }

    // A first visit: nothing remembered by the host, no lesson open, not an embed.
    bool first_visit();
    void remember_first_visit();

private:
    void restart_lesson(int variant);
    void release_play_if_stopped() {
        if (stopped() != Stopped::No) playing_ = false;
    }

    Host& host_;
    std::string file_message_;  // the last refused edit or save/open outcome, shown in the data panel
    std::vector<std::string> messages_;  // rejected settings of the last load, until dismissed
    std::string messages_source_;
    std::string task_message_;  // the last edit a task refused, until one passes
    int first_visit_ = -1;     // the "start here" strip: -1 not asked yet, 0 hidden, 1 shown
    int lesson_variant_ = -1;  // -1 = the lesson's own set-up, else the variant shown
    KeptRuns kept_;
    std::vector<int> compared_;  // kept runs' ids, in the order ticked
    std::string kept_message_;
    Config lesson_start_;      // the run as the lesson (variant) set it up
    int version_ = 0;          // counts apply() and set_page()
    Trainer trainer_;
    PageSettings page_;
    LandscapeSettings landscape_;
    GraphSession graph_;
    LayerGraph layers_;
    bool playing_ = true;
    mutable std::string view_status_key_;          // a graph or layer lesson's checks, evaluated
    mutable std::vector<CheckOutcome> view_checks_;  // when what the view shows changed
    mutable std::unique_ptr<LessonRuns> lesson_runs_;  // a relative check's other runs: one lesson, one seed
};

}  // namespace bp
