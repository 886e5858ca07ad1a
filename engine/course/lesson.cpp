// Lessons: reading and checking a lesson file, the builtin (embedded) lessons in teaching
// order, and the metrics a lesson's checks measure on a Trainer. Metric formulas that the
// Trainer or the probe already define are read from there, not written again.
#include "lesson.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <limits>

#include "findings.h"
#include "landscape.h"
#include "sha256.h"
#include "lesson_task.h"
#include "lesson_views.h"
#include "settings.h"
#include "text_util.h"
#include "messages.h"

namespace bp {

namespace {

// ---- reading a lesson: each helper returns "" or the problem, naming the field ----

std::string unknown_keys(const Json& object, std::initializer_list<const char*> allowed) {
    for (const auto& member : object.members()) {
        const std::string& key = member.first;  // not a structured binding: clang 14 cannot capture those
        if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; }))
            return "unknown field '" + key + "' (the fields are " + join(allowed, ", ") + ")";
    }
    return "";
}

std::string read_text(const Json& object, const char* key, std::string& out) {
    const Json* v = object.find(key);
    if (!v) return std::string(key) + ": missing";
    if (!v->is_string() || v->as_string().empty()) return std::string(key) + ": expected a non-empty string";
    out = v->as_string();
    return "";
}

std::string read_text(const Json& object, const char* key, LocalText& out) {
    const Json* v = object.find(key);
    if (!v) return std::string(key) + ": missing";
    const std::string p = read_local_text(*v, out);
    return p.empty() ? "" : std::string(key) + ": " + p;
}

// apply_json reads a null or an object as "" (which `layers` would take as no layers).
bool plain_value(const Json& v) {
    auto scalar = [](const Json& j) { return j.is_number() || j.is_string() || j.is_bool(); };
    return scalar(v) || (v.is_array() && std::all_of(v.items().begin(), v.items().end(), scalar));
}

std::string apply_config(Config& config, const Json* json) {
    if (!json) return "config: missing";
    if (!json->is_object()) return "config: expected an object of settings";
    for (const auto& [key, value] : json->members())
        if (!plain_value(value)) return "config: " + key + ": expected a number, a string or a list of them";
    const auto warnings = apply_json(config, *json);
    return warnings.empty() ? "" : "config: " + join(warnings, "; ");
}

bool valid_id(const std::string& id) {
    return std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

constexpr const char* kOwnSetup = "lesson";  // a check's "versus" for the lesson's own config

std::string read_variants(const Json& root, const Config& base, Lesson& l) {
    const Json* list = root.find("variants");
    if (!list) return "";
    if (!list->is_array()) return "variants: expected an array of {label, config}";
    for (std::size_t i = 0; i < list->items().size(); ++i) {
        const Json& v = list->items()[i];
        const std::string where = "variants[" + std::to_string(i) + "]: ";
        if (!v.is_object()) return where + "expected an object with label and config";
        LessonVariant variant;
        std::string p = unknown_keys(v, {"label", "config"});
        if (p.empty()) p = read_text(v, "label", variant.label);
        for (const auto& other : l.variants)
            if (p.empty() && other.label.en() == variant.label.en()) p = "label: '" + variant.label.en() + "' is used twice";
        if (p.empty() && variant.label.en() == kOwnSetup) p = "label: 'lesson' names the lesson's own set-up in a check's \"versus\"";
        Config config = base;
        if (p.empty()) p = apply_config(config, v.find("config"));
        if (!p.empty()) return where + p;
        variant.config = *v.find("config");
        l.variants.push_back(std::move(variant));
    }
    return "";
}

std::string read_bound(const Json& check, const char* key, std::optional<double>& out) {
    const Json* v = check.find(key);
    if (!v) return "";
    if (!v->is_number()) return std::string(key) + ": expected a number";
    out = v->as_number();
    return "";
}

std::string unknown_metric(std::string_view name, View view = View::Playground) {
    const auto& names = view == View::Playground ? lesson_metric_names() : view_metric_names(view);
    return "unknown metric '" + std::string(name) + "'; the metrics are " + join(names, ", ");
}

// A view metric is a name of view_metric_names(view); one ending in ':' takes an argument.
bool metric_allowed(View view, const std::string& metric) {
    const auto& names = view == View::Playground ? lesson_metric_names() : view_metric_names(view);
    const std::size_t colon = metric.find(':');
    const std::string head = colon == std::string::npos ? metric : metric.substr(0, colon + 1);
    if (colon != std::string::npos && colon + 1 == metric.size()) return false;  // "grad:" names nothing
    if (view == View::Playground && colon != std::string::npos)  // "update_ratio:N": a weight layer 1..9
        if (metric.size() != colon + 2 || metric[colon + 1] < '1' || metric[colon + 1] > '9') return false;
    return std::find(names.begin(), names.end(), head) != names.end();
}

constexpr const char* kValue = "{value}";
constexpr const char* kValuePercent = "{value%}";

// "" or the first '{' that does not start {value} or {value%}.
std::string bad_placeholder(const std::string& sentence) {
    for (std::size_t at = sentence.find('{'); at != std::string::npos; at = sentence.find('{', at + 1)) {
        const std::string_view rest = std::string_view(sentence).substr(at);
        if (rest.rfind(kValue, 0) == 0 || rest.rfind(kValuePercent, 0) == 0) continue;
        return "unknown placeholder '" + std::string(rest.substr(0, rest.find('}') + 1)) + "' at " + std::to_string(at) +
               " (use {value} or {value%})";
    }
    return "";
}

// The index of the variant whose English label is `v` (-1 for kOwnSetup when `own` allows it), or nullopt.
std::optional<int> variant_index(const Json& v, const Lesson& l, bool own) {
    if (!v.is_string()) return std::nullopt;
    if (own && v.as_string() == kOwnSetup) return -1;
    for (std::size_t i = 0; i < l.variants.size(); ++i)
        if (l.variants[i].label.en() == v.as_string()) return int(i);
    return std::nullopt;
}

// A relative check's "versus" (a variant's label, or "lesson" for the lesson's own config) and "compare".
std::string read_versus(const Json& e, const Lesson& l, LessonCheck& c) {
    const Json* v = e.find("versus");
    const Json* how = e.find("compare");
    if (!v) return how ? "compare: only a check with \"versus\" compares" : "";
    if (l.view != View::Playground) return "versus: a lesson of view '" + std::string(name_of(l.view)) + "' has no variants";
    c.versus = variant_index(*v, l, true);
    if (!c.versus) return "versus: " + v->dump() + " is not \"lesson\" or the label of one of the variants";
    if (*c.versus == c.variant) return "versus: " + v->dump() + " is the check's own run";
    if (!how || !how->is_string() || (how->as_string() != "ratio" && how->as_string() != "difference"))
        return "compare: expected \"ratio\" or \"difference\"";
    c.compare = how->as_string() == "ratio" ? Compare::Ratio : Compare::Difference;
    return "";
}

std::string read_check(const Json& e, const Lesson& l, LessonCheck& c) {
    if (!e.is_object()) return "expected an object with metric and min and/or max";
    if (auto p = unknown_keys(e, {"variant", "metric", "versus", "compare", "min", "max", "sentence"}); !p.empty()) return p;
    if (const Json* v = e.find("variant")) {
        const auto index = variant_index(*v, l, false);
        if (!index) return "variant: " + v->dump() + " is not the label of one of the variants";
        c.variant = *index;
    }
    if (auto p = read_text(e, "metric", c.metric); !p.empty()) return p;
    if (!metric_allowed(l.view, c.metric)) return unknown_metric(c.metric, l.view);
    if (auto p = read_versus(e, l, c); !p.empty()) return p;
    if (auto p = read_bound(e, "min", c.min); !p.empty()) return p;
    if (auto p = read_bound(e, "max", c.max); !p.empty()) return p;
    if (!c.min && !c.max) return "expected min or max (or both)";
    if (c.min && c.max && *c.min > *c.max) return "min " + format_number(*c.min) + " is above max " + format_number(*c.max);
    if (e.find("sentence")) {
        if (auto p = read_text(e, "sentence", c.sentence); !p.empty()) return p;
        for (const std::string& text : c.sentence.by_lang)
            if (auto p = bad_placeholder(text); !p.empty()) return "sentence: " + p;
    }
    return "";
}

std::string read_mute(const Json& root, Lesson& l) {
    const Json* list = root.find("mute");
    if (!list) return "";
    if (!list->is_array()) return "mute: expected an array of rule ids";
    for (std::size_t i = 0; i < list->items().size(); ++i) {
        const Json& v = list->items()[i];
        if (!v.is_string() || !is_finding_rule(v.as_string()))
            return "mute[" + std::to_string(i) + "]: unknown rule " + v.dump() + "; the rules are " + join(finding_rules(), ", ");
        l.mute.push_back(v.as_string());
    }
    return "";
}

std::string read_checks(const Json& root, Lesson& l) {
    const Json* list = root.find("expect");
    if (!list) return "expect: missing";
    if (!list->is_array() || list->items().empty()) return "expect: expected a non-empty array of checks";
    for (std::size_t i = 0; i < list->items().size(); ++i) {
        LessonCheck check;
        if (auto p = read_check(list->items()[i], l, check); !p.empty())
            return "expect[" + std::to_string(i) + "]: " + p;
        l.expect.push_back(std::move(check));
    }
    return "";
}

// The fields a lesson of each view has, besides id, order, title, text, question, expect.
std::string view_fields(const Json& root, View view) {
    const bool graph = view == View::Graph, layers = view == View::Layers;
    const std::pair<const char*, bool> fields[] = {
        {"formula", graph}, {"values", graph}, {"algorithm", graph}, {"point", layers}, {"mode", layers},
        {"config", !graph}, {"epochs", !graph}, {"variants", !graph && !layers}, {"mute", !graph && !layers}};
    for (const auto& [key, allowed] : fields)
        if (!allowed && root.find(key)) return std::string(key) + ": a lesson of view '" + name_of(view) + "' has none";
    return "";
}

std::string read_graph_lesson(const Json& root, Lesson& l) {
    if (auto p = read_text(root, "formula", l.formula); !p.empty()) return p;
    if (const Json* v = root.find("values")) {
        if (!v->is_object()) return "values: expected an object of {name: number}";
        for (const auto& [name, value] : v->members()) {
            if (!value.is_number()) return "values: " + name + ": expected a number";
            l.values[name] = value.as_number();
        }
    }
    if (const Json* a = root.find("algorithm")) {
        if (!a->is_string() || (a->as_string() != "iterative" && a->as_string() != "recursive"))
            return "algorithm: expected \"iterative\" or \"recursive\"";
        l.algorithm = a->as_string() == "recursive" ? Algorithm::Recursive : Algorithm::Iterative;
    }
    GraphSession s;  // the formula must parse, and the values name its variables
    if (auto e = open_graph_lesson(l, s)) return e->message;
    return "";
}

std::string read_layer_lesson(const Json& root, Lesson& l) {
    if (auto p = read_int(root, "point", 0, 1000000, l.point); !p.empty()) return p;
    if (root.find("epochs"))
        if (auto p = read_int(root, "epochs", 0, 100000, l.epochs); !p.empty()) return p;
    if (const Json* m = root.find("mode")) {
        if (!m->is_string() || (m->as_string() != "static" && m->as_string() != "dynamic"))
            return "mode: expected \"static\" or \"dynamic\"";
        l.mode = m->as_string() == "dynamic" ? TapeMode::Dynamic : TapeMode::Static;
    }
    return "";
}

std::string read_lesson(std::string_view text, Lesson& l) {
    const auto json = parse_json(text);
    if (!json) return json.error().message;
    const Json& root = json.value();
    if (!root.is_object()) return "expected a JSON object";
    std::string id;
    if (auto p = read_text(root, "id", id); !p.empty()) return p;
    if (!valid_id(id)) return "id: '" + id + "' may only have lowercase letters, digits and '-'";
    l.id = id;  // from here on, errors name the lesson
    std::string p = unknown_keys(root, {"id", "order", "title", "text", "question", "view", "formula", "values", "algorithm",
                                        "point", "mode", "config", "epochs", "variants", "expect", "mute", "task"});
    if (p.empty()) p = read_int(root, "order", 0, 1000000, l.order);
    for (const auto& [key, out] : {std::pair{"title", &l.title}, {"text", &l.text}, {"question", &l.question}})
        if (p.empty()) p = read_text(root, key, *out);
    if (const Json* v = root.find("view"); p.empty() && v) {
        const auto view = v->is_string() ? from_name<View>(v->as_string()) : std::nullopt;
        if (!view || *view == View::Class || *view == View::Landscape) p = "view: expected \"playground\", \"graph\" or \"layers\"";
        else l.view = *view;
    }
    if (p.empty()) p = view_fields(root, l.view);
    if (p.empty() && l.view == View::Graph) p = read_graph_lesson(root, l);
    if (p.empty() && l.view == View::Layers) p = read_layer_lesson(root, l);
    if (p.empty() && l.view == View::Playground) p = read_int(root, "epochs", 1, 100000, l.epochs);
    Config base;
    if (p.empty() && l.view != View::Graph) p = apply_config(base, root.find("config"));
    if (!p.empty()) return p;
    if (l.view != View::Graph) l.config = *root.find("config");
    if (auto q = read_variants(root, base, l); !q.empty()) return q;
    if (auto q = read_mute(root, l); !q.empty()) return q;
    if (auto q = read_checks(root, l); !q.empty()) return q;
    const Json* task = root.find("task");
    return task ? read_lesson_task(*task, l) : "";
}

}  // namespace

Result<Lesson> parse_lesson(std::string_view json_text) {
    Lesson lesson;
    const std::string problem = read_lesson(json_text, lesson);
    if (problem.empty()) return lesson;
    return Error{(lesson.id.empty() ? std::string("lesson: ") : "lesson '" + lesson.id + "': ") + problem};
}

Config lesson_config(const Lesson& lesson, int variant, std::optional<std::uint32_t> seed) {
    assert(variant >= -1 && variant < int(lesson.variants.size()));
    Config config;
    apply_json(config, lesson.config);
    if (variant >= 0) apply_json(config, lesson.variants[std::size_t(variant)].config);
    if (seed) config.seed = *seed;
    return config;
}

std::string read_int(const Json& object, const char* key, int lo, int hi, int& out) {
    const Json* v = object.find(key);
    if (!v) return std::string(key) + ": missing";
    const double d = v->is_number() ? v->as_number() : std::nan("");
    if (!(d >= lo && d <= hi) || d != std::floor(d))
        return std::string(key) + ": expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi);
    out = int(d);
    return "";
}

// ---- the builtin lessons ----

namespace {

struct Builtins {
    std::vector<Lesson> lessons;
    std::vector<std::string> errors;
};

const Builtins& builtins() {
    static const Builtins b = [] {
        Builtins out;
        out.lessons = load_lessons(builtin_lesson_files(), out.errors);
        return out;
    }();
    return b;
}

}  // namespace

std::vector<Lesson> load_lessons(const std::vector<LessonFile>& files, std::vector<std::string>& errors) {
    std::vector<Lesson> lessons;
    for (const LessonFile& f : files) {
        auto lesson = parse_lesson(f.text);
        const std::string stem = f.name.substr(0, f.name.rfind(".json"));
        if (!lesson) errors.push_back(f.name + ": " + lesson.error().message);
        else if (lesson->id != stem)
            errors.push_back(f.name + ": lesson '" + lesson->id + "': id: must equal the file name ('" + stem + "')");
        else lessons.push_back(std::move(lesson.value()));
    }
    std::sort(lessons.begin(), lessons.end(), [](const Lesson& a, const Lesson& b) {
        return a.order != b.order ? a.order < b.order : a.id < b.id;
    });
    return lessons;
}

const std::vector<Lesson>& builtin_lessons() { return builtins().lessons; }
const std::vector<std::string>& builtin_lesson_errors() { return builtins().errors; }

namespace {
std::vector<std::unique_ptr<Lesson>>& loaded() {  // each at a fixed address: the app keeps pointers
    static std::vector<std::unique_ptr<Lesson>> lessons;
    return lessons;
}
}  // namespace

const Lesson* find_lesson(std::string_view id) {
    for (const Lesson& l : builtin_lessons())
        if (l.id == id) return &l;
    for (const auto& l : loaded())
        if (l->id == id) return l.get();
    return nullptr;
}

Result<const Lesson*> add_loaded_lesson(std::string_view json_text) {
    auto lesson = parse_lesson(json_text);
    if (!lesson) return lesson.error();
    for (const Lesson& l : builtin_lessons())
        if (l.id == lesson->id) return Error{"lesson '" + l.id + "': id: a shipped lesson has it; choose another"};
    lesson->file_sha256 = sha256_hex(json_text);
    for (auto& l : loaded())
        if (l->id == lesson->id) {
            *l = std::move(lesson.value());
            return static_cast<const Lesson*>(l.get());
        }
    loaded().push_back(std::make_unique<Lesson>(std::move(lesson.value())));
    return static_cast<const Lesson*>(loaded().back().get());
}

std::vector<const Lesson*> loaded_lessons() {
    std::vector<const Lesson*> out;
    for (const auto& l : loaded()) out.push_back(l.get());
    return out;
}

// ---- metrics and checks ----

namespace {

constexpr std::size_t kGradRatioSteps = 20;  // grad_ratio: mean norms over the last 20 stored steps

std::optional<double> max_over_hidden(const Trainer& t, double LayerStats::*field) {
    const auto& s = t.layer_stats();
    if (s.size() < 2) return std::nullopt;
    double m = 0;
    for (std::size_t l = 0; l + 1 < s.size(); ++l) m = std::max(m, s[l].*field);
    return m;
}

std::optional<double> accuracy(const Trainer& t, double EpochRecord::*field) {
    if (!t.has_accuracy()) return std::nullopt;
    return t.history().back().*field;
}

// The mean of all stored values of a layer's series: a quantity over the whole run.
std::optional<double> run_mean(const std::vector<Series>& series, std::size_t layer) {
    if (layer >= series.size() || series[layer].values().empty()) return std::nullopt;
    const auto& v = series[layer].values();
    double sum = 0;
    for (float x : v) sum += x;
    return sum / double(v.size());
}

std::optional<double> saturated_start(const Trainer& t) {
    const auto& s = t.diagnostics().saturated_series();
    if (s.size() < 2 || s[0].values().empty()) return std::nullopt;
    double m = 0;
    for (std::size_t l = 0; l + 1 < s.size(); ++l) m = std::max(m, double(s[l].values().front()));
    return m;
}

double loss_rises(const Trainer& t) {
    const auto& h = t.history();
    int n = 0;
    for (std::size_t i = 1; i < h.size(); ++i) n += h[i].train_loss > h[i - 1].train_loss;
    return n;
}

std::optional<double> train_loss_peak(const Trainer& t) {  // the records from epoch 1 on
    std::optional<double> peak;
    for (const EpochRecord& r : t.history())
        if (r.epoch >= 1) peak = std::max(peak.value_or(r.train_loss), r.train_loss);
    return peak;
}

// The learning-rate line's mark (landscape.h, the Landscape tab) at the run's start weights:
// the training loss after one full-batch step at the run's rate over the loss before it. Above 1
// the step overshoots the valley and the loss rises. On the config's own data.
std::optional<double> lr_step_ratio(const Trainer& t) {
    Trainer start(t.config());
    start.set_weights(t.weights().initial());
    const LrLine line = lr_line(start);
    if (!(line.loss0 > 0) || !std::isfinite(line.loss_at_lr)) return std::nullopt;
    return line.loss_at_lr / line.loss0;
}

// The learning-rate line at the run's start weights: the largest rate whose one full-batch step
// still lowers the training loss (the line's green mark); 0 when none of them does.
std::optional<double> lr_best(const Trainer& t) {
    Trainer start(t.config());
    start.set_weights(t.weights().initial());
    const LrLine line = lr_line(start);
    if (!std::isfinite(line.loss0)) return std::nullopt;
    return line.best_eta;
}

// The Landscape tab's default slice (filter-normalized random directions from the run's seed,
// range 1, 41 x 41) around the run's final weights: the mean over its points of the training loss
// there minus at the centre. Small on a flat minimum, large on a sharp one.
std::optional<double> slice_rise(const Trainer& t) {
    if (!std::isfinite(t.history().back().train_loss)) return std::nullopt;
    LandscapeSlice slice;
    slice.begin(t, LandscapeSettings{}, PathRecorder());
    slice.advance(std::numeric_limits<long>::max());
    double sum = 0;
    for (double l : slice.loss()) sum += l - slice.centre_loss();
    const double mean = sum / double(slice.loss().size());
    return std::isfinite(mean) ? std::optional<double>(mean) : std::nullopt;
}

double test_loss_rise(const Trainer& t) {
    double lowest = t.history().front().test_loss;
    for (const EpochRecord& r : t.history()) lowest = std::min(lowest, r.test_loss);
    return t.history().back().test_loss - lowest;
}

struct Metric {
    const char* name;
    const char* needs;  // what the metric needs when get() has no value
    std::optional<double> (*get)(const Trainer&);
    const char* label;  // message key of what the student reads: "Test accuracy"
    bool fraction;      // shown as a percent
};

const Metric kMetrics[] = {
    {"train_loss", "", [](const Trainer& t) -> std::optional<double> { return t.history().back().train_loss; },
     "lesson.metric_train_loss", false},
    {"test_loss", "", [](const Trainer& t) -> std::optional<double> { return t.history().back().test_loss; },
     "lesson.metric_test_loss", false},
    {"train_acc", "a classification dataset", [](const Trainer& t) { return accuracy(t, &EpochRecord::train_acc); },
     "lesson.metric_train_acc", true},
    {"test_acc", "a classification dataset", [](const Trainer& t) { return accuracy(t, &EpochRecord::test_acc); },
     "lesson.metric_test_acc", true},
    {"loss_gap", "", [](const Trainer& t) -> std::optional<double> {
         return t.history().back().test_loss - t.history().back().train_loss;
     }, "lesson.metric_loss_gap", false},
    {"saturated", "a hidden layer", [](const Trainer& t) { return max_over_hidden(t, &LayerStats::saturated_frac); },
     "lesson.metric_saturated", true},
    {"dead", "a hidden layer", [](const Trainer& t) { return max_over_hidden(t, &LayerStats::dead_frac); },
     "lesson.metric_dead", true},
    {"grad_ratio", "two hidden layers and a training step with a non-zero gradient in the last one",
     [](const Trainer& t) { return first_last_grad_ratio(t.diagnostics(), kGradRatioSteps); },
     "lesson.metric_grad_ratio", false},
    {"diverged", "", [](const Trainer& t) -> std::optional<double> { return t.diverged() ? 1.0 : 0.0; },
     "lesson.metric_diverged", false},
    {"saturated_start", "a hidden layer and a training step", saturated_start, "lesson.metric_saturated_start", true},
    {"train_loss_peak", "a trained epoch", train_loss_peak, "lesson.metric_train_loss_peak", false},
    {"loss_rises", "", [](const Trainer& t) -> std::optional<double> { return loss_rises(t); }, "lesson.metric_loss_rises", false},
    {"test_loss_rise", "", [](const Trainer& t) -> std::optional<double> { return test_loss_rise(t); },
     "lesson.metric_test_loss_rise", false},
    {"lr_step_ratio", "a finite loss after one full-batch step at the run's rate", lr_step_ratio, "lesson.metric_lr_step_ratio", false},
    {"lr_best", "finite start weights", lr_best, "lesson.metric_lr_best", false},
    {"slice_rise", "a finite loss at every point of the slice", slice_rise, "lesson.metric_slice_rise", false},
};

// The metrics that take a weight layer: "grad_norm:N", "update_ratio:N" (N from 1, hidden layers then output).
// A series' mean over the run, or (series null) the latest value of a LayerStats field.
struct LayerMetric {
    const char* name;  // with its colon
    const std::vector<Series>& (Diagnostics::*series)() const;
    double LayerStats::*latest;
    const char* label;  // message key, {layer} in it
};
const LayerMetric kLayerMetrics[] = {
    {"grad_norm:", &Diagnostics::grad_norm_series, nullptr, "lesson.metric_grad_norm"},
    {"update_ratio:", &Diagnostics::update_ratio_series, nullptr, "lesson.metric_update_ratio"},
    {"weight_norm:", nullptr, &LayerStats::weight_norm, "lesson.metric_weight_norm"},
};

const LayerMetric* layer_metric_of(std::string_view name) {
    for (const LayerMetric& m : kLayerMetrics)
        if (name.size() > std::string_view(m.name).size() && name.rfind(m.name, 0) == 0) return &m;
    return nullptr;
}

std::optional<double> layer_series_mean(const Trainer& t, const LayerMetric& m, std::string_view name) {
    const int layer = std::atoi(std::string(name.substr(std::string_view(m.name).size())).c_str());
    if (layer < 1) return std::nullopt;
    if (m.series) return run_mean((t.diagnostics().*m.series)(), std::size_t(layer - 1));
    const auto& stats = t.layer_stats();
    return std::size_t(layer) <= stats.size() ? std::optional<double>(stats[std::size_t(layer - 1)].*m.latest) : std::nullopt;
}

// A playground metric's row; a view metric ("grad:b") has none: its label is its name.
const Metric& metric(std::string_view name) {
    static const Metric view{"", "", nullptr, "", false};
    for (const Metric& m : kMetrics)
        if (name == m.name) return m;
    return view;
}

std::string bound_text(const LessonCheck& c) {
    std::string s = "expected ";
    if (c.min) s += ">= " + format_number(*c.min);
    if (c.min && c.max) s += " and ";
    if (c.max) s += "<= " + format_number(*c.max);
    return s;
}

// ---- the sentences a student reads ----

// How a check's value is named and shown: "Test accuracy" as a percent; a relative check's
// "Test accuracy of 'Xavier' minus that of the lesson's set-up".
struct Described {
    std::string code;   // for `bp lesson`: "test_acc", "test_loss(Xavier) / test_loss(lesson)"
    std::string label;  // for the student
    bool fraction = false;
};

std::string run_label(const Lesson& l, int variant) {
    return variant < 0 ? msg_now("lesson.own_setup") : "'" + l.variants[std::size_t(variant)].label.get() + "'";
}
std::string run_code(const Lesson& l, int variant) { return variant < 0 ? kOwnSetup : l.variants[std::size_t(variant)].label.en(); }

Described describe(const Lesson& l, const LessonCheck& c) {
    Described d{c.metric, c.metric, false};
    if (const LayerMetric* lm = layer_metric_of(c.metric)) d.label = msg_now(lm->label, {{"layer", c.metric.substr(c.metric.find(':') + 1)}});
    else if (const Metric& m = metric(c.metric); m.name[0]) d = {c.metric, tr(m.label), m.fraction};
    if (!c.versus) return d;
    const bool ratio = c.compare == Compare::Ratio;
    d.code = c.metric + "(" + run_code(l, c.variant) + ")" + (ratio ? " / " : " - ") + c.metric + "(" + run_code(l, *c.versus) + ")";
    d.label = msg_now(ratio ? "lesson.relative_ratio" : "lesson.relative_difference",
                      {{"metric", d.label}, {"run", run_label(l, c.variant)}, {"versus", run_label(l, *c.versus)}});
    d.fraction = d.fraction && !ratio;  // a difference of two fractions is one too
    return d;
}

std::string shown(const Described& d, double v) { return d.fraction ? percent(v) : readable(v, 3); }

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
    return s;
}

std::string passed_sentence(const LessonCheck& c, const Described& d, double v) {
    if (c.sentence.empty())
        return c.metric == "diverged" && !c.versus ? msg_now(v > 0 ? "lesson.diverged" : "lesson.stayed_finite")
                                                   : msg_now("lesson.as_expected", {{"metric", d.label}, {"value", shown(d, v)}});
    return replace_all(replace_all(c.sentence.get(), kValuePercent, percent(v)), kValue, readable(v, 3));
}

std::string failed_sentence(const LessonCheck& c, const Described& d, double v) {
    if (c.metric == "diverged" && !c.versus)
        return msg_now(v > 0 ? "lesson.diverged_expected_finite" : "lesson.finite_expected_diverged");
    const std::string expected = c.min && c.max ? msg_now("lesson.from_to", {{"lo", shown(d, *c.min)}, {"hi", shown(d, *c.max)}})
                                 : c.min        ? msg_now("lesson.at_least", {{"lo", shown(d, *c.min)}})
                                                : msg_now("lesson.at_most", {{"hi", shown(d, *c.max)}});
    return msg_now("lesson.unexpected", {{"metric", d.label}, {"value", shown(d, v)}, {"expected", expected}});
}

}  // namespace

const std::vector<std::string>& lesson_metric_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v;
        for (const Metric& m : kMetrics) v.push_back(m.name);
        for (const LayerMetric& m : kLayerMetrics) v.push_back(m.name);
        return v;
    }();
    return names;
}

Result<double> lesson_metric(const Trainer& trainer, std::string_view name) {
    if (const LayerMetric* m = layer_metric_of(name)) {
        if (const auto v = layer_series_mean(trainer, *m, name)) return *v;
        return Error{"metric '" + std::string(name) + "' needs a weight layer " + std::string(name.substr(name.find(':') + 1)) +
                     " (the net has " + std::to_string(trainer.layer_stats().size()) + ") and a training step"};
    }
    for (const Metric& m : kMetrics) {
        if (name != m.name) continue;
        if (const auto v = m.get(trainer)) return *v;
        return Error{"metric '" + std::string(name) + "' needs " + m.needs};
    }
    return Error{unknown_metric(name)};
}

namespace {

CheckOutcome outcome(const Lesson& l, const LessonCheck& c, const Result<double>& v) {
    CheckOutcome o{c, std::numeric_limits<double>::quiet_NaN(), false, false, "", ""};
    if (!v) {
        o.text = v.error().message + " (" + bound_text(c) + ")";
        o.sentence = o.text;
        return o;
    }
    const Described d = describe(l, c);
    o.value = v.value();
    o.passed = (!c.min || o.value >= *c.min) && (!c.max || o.value <= *c.max);
    char value[32];
    std::snprintf(value, sizeof value, "%.4g", o.value);
    o.text = d.code + " = " + value + " (" + bound_text(c) + ")";
    o.sentence = o.passed ? passed_sentence(c, d, o.value) : failed_sentence(c, d, o.value);
    return o;
}

// A check's value on `trainer`; a relative check's against the same metric of its other run.
Result<double> check_value(const Lesson& l, const LessonCheck& c, const Trainer& trainer, LessonRuns* others) {
    const auto mine = lesson_metric(trainer, c.metric);
    if (!mine || !c.versus) return mine;
    if (!others) return Error{"a relative check needs the run of " + run_code(l, *c.versus)};
    const auto theirs = lesson_metric(others->run(*c.versus), c.metric);
    if (!theirs) return Error{theirs.error().message + " (in " + run_code(l, *c.versus) + ")"};
    if (c.compare == Compare::Difference) return mine.value() - theirs.value();
    if (theirs.value() == 0) return Error{"metric '" + c.metric + "' is 0 in " + run_code(l, *c.versus) + ": no ratio to it"};
    return mine.value() / theirs.value();
}

}  // namespace

const Trainer& LessonRuns::run(int variant) {
    auto& slot = runs_[variant];
    if (!slot) {
        slot = std::make_unique<Trainer>(lesson_config(*lesson_, variant, seed_));
        slot->run_epochs(lesson_->epochs);
    }
    return *slot;
}

std::vector<CheckOutcome> evaluate_checks(const Lesson& lesson, int variant, const Trainer& trainer, LessonRuns* others) {
    std::vector<CheckOutcome> out;
    for (const LessonCheck& c : lesson.expect)
        if (c.variant == variant) out.push_back(outcome(lesson, c, check_value(lesson, c, trainer, others)));
    return out;
}

namespace {

// A check whose passes have not run in the view: no value, no verdict, what to do instead.
CheckOutcome pending_outcome(const LessonCheck& c, const std::string& why) {
    return CheckOutcome{c, std::numeric_limits<double>::quiet_NaN(), false, true, why + " (" + bound_text(c) + ")", why};
}

}  // namespace

std::vector<CheckOutcome> evaluate_view_checks(const Lesson& lesson, const GraphSession* graph, const LayerGraph* layers,
                                               const Trainer* trainer) {
    std::vector<CheckOutcome> out;
    for (const LessonCheck& c : lesson.expect) {
        const auto why = lesson.view == View::Graph ? (graph ? graph_pending(*graph, c.metric) : std::nullopt)
                                                    : (layers ? layer_pending(*layers, c.metric) : std::nullopt);
        if (why) {
            out.push_back(pending_outcome(c, *why));
            continue;
        }
        if (lesson.view == View::Graph)
            out.push_back(outcome(lesson, c, graph ? graph_metric(*graph, c.metric) : Result<double>(Error{"the graph lab is not open"})));
        else
            out.push_back(outcome(lesson, c, layers && trainer ? layer_metric(lesson, *layers, *trainer, c.metric)
                                                       : Result<double>(Error{"the layer view is not open"})));
    }
    return out;
}

std::vector<CheckOutcome> run_lesson_checks(const Lesson& lesson, int variant, std::optional<std::uint32_t> seed) {
    if (lesson.view == View::Graph) {
        GraphSession s;
        if (auto e = open_graph_lesson(lesson, s)) return {outcome(lesson, lesson.expect.front(), Result<double>(*e))};
        s.run_all();
        return evaluate_view_checks(lesson, &s, nullptr, nullptr);
    }
    if (lesson.view == View::Layers) {
        Trainer trainer(lesson_config(lesson, variant, seed));
        LayerGraph layers;
        if (auto e = open_layer_lesson(lesson, trainer, layers)) return {outcome(lesson, lesson.expect.front(), Result<double>(*e))};
        layers.run_all();
        std::vector<CheckOutcome> out = evaluate_view_checks(lesson, nullptr, &layers, &trainer);
        Lesson after = lesson;  // the update's checks, after Update (which records the next step)
        after.expect.clear();
        for (const CheckOutcome& o : out)
            if (o.pending) after.expect.push_back(o.check);
        if (after.expect.empty()) return out;
        layers.sgd_step();
        const std::vector<CheckOutcome> updated = evaluate_view_checks(after, nullptr, &layers, &trainer);
        for (std::size_t i = 0, k = 0; i < out.size(); ++i)
            if (out[i].pending) out[i] = updated[k++];
        return out;
    }
    LessonRuns runs(lesson, seed);
    return evaluate_checks(lesson, variant, runs.run(variant), &runs);
}

}  // namespace bp
