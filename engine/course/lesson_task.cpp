// Tasks (lesson.h LessonTask): reading "task" from a lesson file, and task_refusal, the one
// check of its limits that the app (a refused edit) and `bp verify --task` both use.
#include "lesson_task.h"

#include <algorithm>
#include <numeric>

#include "messages.h"
#include "text_util.h"

namespace bp {

namespace {

// An optional limit: "" when absent, else read_int's answer.
std::string read_limit(const Json& task, const char* key, int hi, int& out) {
    return task.find(key) ? read_int(task, key, 1, hi, out) : "";
}

std::string read_allow(const Json& task, LessonTask& t) {
    const Json* list = task.find("allow");
    if (!list) return "allow: missing (a list of the settings the student may change)";
    if (!list->is_array()) return "allow: expected a list of setting keys";
    for (std::size_t i = 0; i < list->items().size(); ++i) {
        const Json& v = list->items()[i];
        if (!v.is_string() || !find_field(config_fields(), v.as_string())) {
            std::string keys;
            for (const auto& f : config_fields()) keys += std::string(keys.empty() ? "" : ", ") + f.key;
            return "allow[" + std::to_string(i) + "]: unknown setting " + v.dump() + "; the settings are " + keys;
        }
        t.allow.push_back(v.as_string());
    }
    return "";
}

std::string read_fields(const Json& task, LessonTask& t) {
    for (const auto& member : task.members()) {
        const std::string& key = member.first;
        if (key != "allow" && key != "max_units" && key != "max_layers" && key != "max_epochs")
            return "unknown field '" + key + "' (the fields are allow, max_units, max_layers, max_epochs)";
    }
    if (auto p = read_allow(task, t); !p.empty()) return p;
    if (auto p = read_limit(task, "max_units", kMaxUnits * kMaxLayers, t.max_units); !p.empty()) return p;
    if (auto p = read_limit(task, "max_layers", kMaxLayers, t.max_layers); !p.empty()) return p;
    return read_limit(task, "max_epochs", 100000, t.max_epochs);
}

std::string exceeds(const char* setting, const std::string& value, const char* limit, int max) {
    return msg("task.exceeds", {{"setting", setting}, {"value", value}, {"limit", limit}, {"max", std::to_string(max)}});
}

std::optional<std::string> limit_refusal(const LessonTask& t, const Config& config, int epochs) {
    const std::string layers = find_field(config_fields(), "layers")->get(config);
    if (t.max_layers && int(config.layers.size()) > t.max_layers) return exceeds("layers", layers, "max_layers", t.max_layers);
    if (t.max_units && std::accumulate(config.layers.begin(), config.layers.end(), 0) > t.max_units)
        return exceeds("layers", layers, "max_units", t.max_units);
    if (t.max_epochs && config.stop_epoch == 0)
        return msg("task.no_stop", {{"max", std::to_string(t.max_epochs)}});
    if (t.max_epochs && config.stop_epoch > t.max_epochs)
        return exceeds("stop_epoch", std::to_string(config.stop_epoch), "max_epochs", t.max_epochs);
    if (t.max_epochs && epochs > t.max_epochs) return exceeds("epochs", std::to_string(epochs), "max_epochs", t.max_epochs);
    return std::nullopt;
}

bool allowed(const LessonTask& t, const std::string& key) { return std::find(t.allow.begin(), t.allow.end(), key) != t.allow.end(); }

// With layers free and activation fixed, a new layer takes the activation every hidden layer had.
bool same_activations(const LessonTask& t, const Config& start, const Config& config) {
    if (!allowed(t, "layers") || start.activations.empty()) return false;
    return std::all_of(config.activations.begin(), config.activations.end(), [&](Activation a) {
        return std::all_of(start.activations.begin(), start.activations.end(), [a](Activation b) { return a == b; });
    });
}

}  // namespace

std::string read_lesson_task(const Json& task, Lesson& l) {
    if (l.view != View::Playground) return "task: a lesson of view '" + std::string(name_of(l.view)) + "' has none";
    if (!task.is_object()) return "task: expected an object with allow and limits";
    LessonTask t;
    if (auto p = read_fields(task, t); !p.empty()) return "task: " + p;
    if (t.max_epochs && l.epochs > t.max_epochs)
        return "task: max_epochs: the lesson's epochs " + std::to_string(l.epochs) + " exceed it";
    l.task = t;
    if (auto p = task_refusal(l, lesson_config(l)); p) {
        l.task.reset();
        return "task: the lesson's own set-up breaks it: " + *p;
    }
    return "";
}

std::optional<std::string> task_refusal(const Lesson& lesson, const Config& config, int epochs) {
    if (!lesson.task) return std::nullopt;
    const LessonTask& t = *lesson.task;
    if (auto p = limit_refusal(t, config, epochs)) return p;
    const Config start = lesson_config(lesson);
    for (const auto& f : config_fields()) {
        const std::string key = f.key;
        const bool free = key == "speed" || (key == "stop_epoch" && t.max_epochs) || allowed(t, key);
        if (free || f.get(config) == f.get(start) || (key == "activation" && same_activations(t, start, config))) continue;
        return msg("task.fixed", {{"setting", key}, {"value", f.get(config)}, {"kept", f.get(start)},
                                  {"allowed", t.allow.empty() ? "-" : join(t.allow, ", ")}});
    }
    return std::nullopt;
}

std::optional<std::string> task_data_refusal(const Lesson& lesson) {
    if (!lesson.task) return std::nullopt;
    const auto& allow = lesson.task->allow;
    return msg("task.fixed_data", {{"allowed", allow.empty() ? "-" : join(allow, ", ")}});
}

}  // namespace bp
