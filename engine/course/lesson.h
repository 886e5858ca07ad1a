// Lessons: guided experiments the playground ships with (assets/lessons/<id>.json, compiled
// in at build time). A lesson is a config, a text to read, a few variants of that config,
// and checks on metrics after training that prove its effect shows (README "Lessons", docs/adding-a-lesson.md).
// Teaching order: the integer field "order" (ascending, then id).
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config.h"
#include "graph_session.h"
#include "json.h"
#include "layer_graph.h"
#include "messages.h"
#include "result.h"
#include "settings.h"
#include "trainer.h"

namespace bp {

struct LessonVariant {
    LocalText label;  // its English text unique within the lesson
    Json config;        // applied over the lesson's config
};

// How a relative check sets a metric of its run against the same metric of another run.
enum class Compare { Ratio, Difference };

struct LessonCheck {
    int variant = -1;  // -1 = the lesson's own config, else index into variants
    std::string metric;
    // A relative check: the value is metric(variant) / metric(versus) (Ratio) or
    // metric(variant) - metric(versus) (Difference), both runs on the same seed and budget.
    std::optional<int> versus;  // -1 = the lesson's own config, else index into variants
    Compare compare = Compare::Ratio;
    std::optional<double> min, max;  // at least one is set
    // What the student reads when the check passes (in each language), "{value}" (readable()) or "{value%}" (a
    // percent) standing for the measured value; "" = a sentence made from the metric's name.
    LocalText sentence;
};

// A task: what the student may change from the lesson's own set-up, within limits; its goal
// is the lesson's own checks (those of `expect` without a variant). Read from "task"
// (docs/adding-a-lesson.md, Tasks); a playground lesson only.
struct LessonTask {
    std::vector<std::string> allow;  // config keys the student may change; every other one stays ("speed" is always free)
    int max_units = 0;   // hidden units of all hidden layers together; 0 = no limit
    int max_layers = 0;  // hidden layers; 0 = no limit
    int max_epochs = 0;  // epochs trained (stop_epoch at most this, never 0); 0 = no limit
};

struct Lesson {
    std::string id;
    LocalText title, text, question;  // in each language (messages.h)
    // Where it opens: the playground (a run to train, its checks after `epochs`), the graph lab
    // (a formula and values, checks on its graph: docs/adding-a-lesson.md) or the layer view (a
    // network from `config`, trained `epochs` epochs, its step at training point `point`).
    View view = View::Playground;
    std::string formula;                   // graph: the formula
    std::map<std::string, double> values;  // graph: its variables' values
    Algorithm algorithm = Algorithm::Iterative;  // graph: the backward pass shown
    int point = 0;                         // layers: the training point whose step opens
    TapeMode mode = TapeMode::Static;      // layers: the live run's tape
    Json config;     // applied over Config() (playground, layers)
    int epochs = 0;  // the budget in which the effect shows (layers: epochs trained before the step)
    std::vector<LessonVariant> variants;
    std::vector<LessonCheck> expect;
    std::vector<std::string> mute;  // finding rules (findings.h) the callouts leave out in this lesson
    int order = 0;   // teaching order of builtin_lessons(): ascending, then id
    std::optional<LessonTask> task;
    std::string file_sha256;  // a lesson loaded at run time: the SHA-256 of the text it was read from
};

// Every error names the field, and the lesson id once known:
// "lesson 'xor-hidden': expect[1]: unknown metric 'acc'; the metrics are ...".
Result<Lesson> parse_lesson(std::string_view json_text);

// Config() + lesson.config (+ variants[variant].config), on `seed` when given; the lesson must have parsed.
Config lesson_config(const Lesson& lesson, int variant = -1, std::optional<std::uint32_t> seed = {});

// The embedded assets/lessons/*.json files, by file name ("xor-hidden.json").
struct LessonFile {
    std::string name;
    std::string_view text;
};
const std::vector<LessonFile>& builtin_lesson_files();
// The files that parse and whose id equals their name, sorted by (order, id); one message
// in `errors` for each other file ("x.json: lesson 'y': id: must equal the file name ('x')").
std::vector<Lesson> load_lessons(const std::vector<LessonFile>& files, std::vector<std::string>& errors);
// load_lessons(builtin_lesson_files()), loaded once; builtin_lesson_errors() are its errors.
const std::vector<Lesson>& builtin_lessons();
const std::vector<std::string>& builtin_lesson_errors();
const Lesson* find_lesson(std::string_view id);  // a shipped or a loaded lesson; nullptr when unknown

// Lessons loaded while the program runs (a teacher's file: README "For teachers"): read by
// parse_lesson like a shipped one and kept beside them; a later file with the same id takes
// its place (at the same address). The error is the reader's, or that the id is a shipped lesson's.
Result<const Lesson*> add_loaded_lesson(std::string_view json_text);
std::vector<const Lesson*> loaded_lessons();  // in the order first loaded

// The one check of a task's limits (also `bp verify --task`): the first way `config`, or a run
// of `epochs` epochs on it, breaks `lesson`'s task, as a message naming the limit or the
// setting, from msg() (English unless a language is set): "layers 32,32 exceeds max_units 24",
// "stop_epoch 400 exceeds max_epochs 300", "epochs 301 exceeds max_epochs 300", "seed 7: the task
// keeps it at 1 (it lets you change layers, activation)". nullopt when it keeps them, or the
// lesson has no task. The fixed settings are compared with lesson_config(lesson).
std::optional<std::string> task_refusal(const Lesson& lesson, const Config& config, int epochs = 0);
// A task keeps its own data: a tapped or erased point, an imported CSV or data not generated by
// its settings break it. The message names what it lets change; nullopt when the lesson has no task.
std::optional<std::string> task_data_refusal(const Lesson& lesson);

// The metric names lesson checks may use, in the order of docs/adding-a-lesson.md (a
// playground lesson's); a graph or layer lesson's metrics are view_metric_names(view)
// ("grad:NAME" takes a variable or parameter after the colon).
const std::vector<std::string>& lesson_metric_names();
const std::vector<std::string>& view_metric_names(View view);
// A metric of the trainer's current state; the error names the metric and, for an unknown
// one, the allowed names. Losses and accuracies are those of the latest epoch record.
// "grad_norm:N" and "update_ratio:N" take a weight layer N (1-based: hidden layers, then output).
Result<double> lesson_metric(const Trainer& trainer, std::string_view name);

// A lesson's set-ups on one seed, each trained for the budget when first asked for: what a
// relative check compares against (the app keeps one per lesson and seed).
class LessonRuns {
public:
    explicit LessonRuns(const Lesson& lesson, std::optional<std::uint32_t> seed = {}) : lesson_(&lesson), seed_(seed) {}
    const Trainer& run(int variant);  // -1 = the lesson's own config
    const Lesson& lesson() const { return *lesson_; }
    std::optional<std::uint32_t> seed() const { return seed_; }

private:
    const Lesson* lesson_;
    std::optional<std::uint32_t> seed_;
    std::map<int, std::unique_ptr<Trainer>> runs_;
};

struct CheckOutcome {
    LessonCheck check;
    double value = 0;  // NaN when the metric could not be measured
    bool passed = false;
    bool pending = false;  // a graph or layer lesson's check whose passes have not run in the view yet
    std::string text;  // "test_acc = 0.98 (expected >= 0.95)", or why it could not be measured
    // For the student: the check's sentence when it passed ("Test accuracy reaches 98%: ..."),
    // else what was measured and what the lesson expects ("Test accuracy is 62%; the lesson
    // expects at least 95%"), or why it could not be measured.
    std::string sentence;
};
// The checks of that variant (-1 = the lesson's own config), on the trainer's current state; a
// relative check's other run comes from `others` (none given: it reads as not measured).
std::vector<CheckOutcome> evaluate_checks(const Lesson& lesson, int variant, const Trainer& trainer,
                                          LessonRuns* others = nullptr);
// A graph or layer lesson's checks on what the view shows now: the graph lab's session, or
// the layer view's step (and the trainer it was taken from; update metrics need its update).
std::vector<CheckOutcome> evaluate_view_checks(const Lesson& lesson, const GraphSession* graph, const LayerGraph* layers,
                                               const Trainer* trainer);
// A layer lesson's set-up: trains lesson_config(lesson) for its epochs in its tape mode,
// then opens the step at its point; the error says why it could not open.
std::optional<Error> open_layer_lesson(const Lesson& lesson, Trainer& trainer, LayerGraph& layers);
// A graph lesson's set-up in `session`: its formula, values and algorithm, nothing computed.
std::optional<Error> open_graph_lesson(const Lesson& lesson, GraphSession& session);
// Trains lesson_config(lesson, variant, seed) for lesson.epochs and evaluates that variant's checks,
// a relative check's other run on the same seed (a graph or layer lesson: opens its set-up, runs
// the passes and evaluates its checks).
std::vector<CheckOutcome> run_lesson_checks(const Lesson& lesson, int variant, std::optional<std::uint32_t> seed = {});

}  // namespace bp
