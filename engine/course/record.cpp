// Run records (record.h): writing one from a trainer, and reading one back, refused by field.
#include "record.h"

#include <algorithm>
#include <cmath>

#include "build_id.h"
#include "run_io.h"
#include "settings.h"
#include "sha256.h"

namespace bp {

namespace {

constexpr const char* kFormat = "bp-record-1";
constexpr std::array<const char*, 3> kTaskNames = {"regression", "binary", "multiclass"};
static_assert(int(Task::Regression) == 0 && int(Task::Binary) == 1 && int(Task::Multiclass) == 2, "kTaskNames' order");
constexpr long kMaxSteps = 2147483647;  // the Trainer counts steps in a long: 32 bits in WASM

Json points_json(const std::vector<Point>& points) {
    Json out = Json::array();
    for (const Point& p : points) out.push(Json::array({p.x1, p.x2, p.label}));
    return out;
}

Json data_json(const Dataset& d) {
    Json out = Json::object();
    out.set("task", kTaskNames[std::size_t(d.task)]);
    out.set("classes", d.classes);
    out.set("train", points_json(d.train));
    out.set("test", points_json(d.test));
    return out;
}

Json edit_json(const Trainer& trainer, const RunEdit& e) {
    Json out = Json::object();
    out.set("step", e.step);
    switch (e.kind) {
        case RunEdit::Kind::Settings: out.set("settings", to_json(e.config)); break;
        case RunEdit::Kind::AddPoint: out.set("add_point", Json::array({e.point.x1, e.point.x2, e.point.label})); break;
        case RunEdit::Kind::Erase: out.set("erase", Json::array({e.x1, e.x2, e.radius})); break;
        case RunEdit::Kind::Data: out.set("data", data_json(e.data)); break;
    }
    (void)trainer;
    return out;
}

Json lesson_json(const std::optional<RecordLesson>& lesson) {
    if (!lesson) return Json();
    Json out = Json::object();
    out.set("id", lesson->id);
    out.set("variant", lesson->variant);
    out.set("sha256", lesson->sha256);
    return out;
}

Json number_or_null(double v) { return std::isfinite(v) ? Json(v) : Json(); }

}  // namespace

std::string builtin_lesson_sha256(std::string_view id) {
    const std::string name = std::string(id) + ".json";
    for (const LessonFile& f : builtin_lesson_files())
        if (f.name == name) return sha256_hex(f.text);
    return "";
}

std::string lesson_sha256(const Lesson& lesson) {
    return lesson.file_sha256.empty() ? builtin_lesson_sha256(lesson.id) : lesson.file_sha256;
}

std::string weights_sha256(const Trainer& trainer) { return sha256_hex(weights_to_json(trainer).dump()); }

Json make_record(const Trainer& t, const RecordContext& context) {
    const RunLog& log = t.run_log();
    Json out = Json::object();
    out.set("format", kFormat);
    out.set("app", build_id());
    out.set("lesson", lesson_json(context.lesson));
    out.set("seed", double(log.start.seed));
    out.set("settings", to_json(log.start));
    out.set("data", log.data ? data_json(*log.data) : Json());
    out.set("start_weights", log.weights ? weights_to_json(t, *log.weights) : Json());
    Json edits = Json::array();
    for (const RunEdit& e : log.edits) edits.push(edit_json(t, e));
    out.set("edits", edits);
    out.set("layer_view_steps", log.layer_view_steps);
    out.set("steps", t.steps());
    out.set("epoch", t.epoch());
    Json history = Json::array();
    for (const EpochRecord& r : t.history()) history.push(epoch_json(r, t.has_accuracy()));
    out.set("history", history);
    Json final_ = epoch_json(t.history().back(), t.has_accuracy());
    final_.set("diverged", t.diverged());
    out.set("final", final_);
    Json checks = Json::array();
    for (const CheckOutcome& c : context.checks) {
        Json j = Json::object();
        j.set("metric", c.check.metric);
        j.set("value", number_or_null(c.value));
        j.set("passed", c.passed);
        j.set("text", c.text);
        checks.push(j);
    }
    out.set("checks", checks);
    out.set("weights_sha256", weights_sha256(t));
    return out;
}

// ---- reading ----

namespace {

// Reads fields of one JSON object, naming each by its path ("edits[2].step") in the error.
class FieldReader {
public:
    FieldReader(const Json& object, std::string path) : obj_(object), path_(std::move(path)) {}
    std::optional<Error> error;

    const Json* get(const char* key) {
        const Json* v = obj_.find(key);
        if (!v && !error) fail(key, msg("record.missing"));
        return v;
    }
    std::string string(const char* key) {
        const Json* v = get(key);
        if (v && !v->is_string()) return fail(key, msg("record.want_string")), "";
        return v ? v->as_string() : "";
    }
    long long whole(const char* key, long long min, long long max) {
        const Json* v = get(key);
        if (!v) return min;
        const double d = v->is_number() ? v->as_number() : NAN;
        if (!(d >= double(min) && d <= double(max) && d == std::floor(d)))
            return fail(key, msg("record.want_whole", {{"min", std::to_string(min)}, {"max", std::to_string(max)}})), min;
        return static_cast<long long>(d);
    }
    bool boolean(const char* key) {
        const Json* v = get(key);
        if (v && !v->is_bool()) return fail(key, msg("record.want_bool")), false;
        return v && v->as_bool();
    }
    const Json* list(const char* key) {
        const Json* v = get(key);
        if (v && !v->is_array()) return fail(key, msg("record.want_list")), nullptr;
        return v;
    }
    std::string sha256(const char* key) {
        std::string s = string(key);
        const bool hex = s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
        if (!error && !hex) fail(key, msg("record.want_sha256"));
        return s;
    }
    std::string where(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }
    void fail(const std::string& key, const std::string& problem) {
        if (!error) error = Error{msg("record.field", {{"field", where(key)}, {"problem", problem}})};
    }

private:
    const Json& obj_;
    std::string path_;
};

Error field_error(const std::string& field, const std::string& problem) {
    return Error{msg("record.field", {{"field", field}, {"problem", problem}})};
}

std::optional<Error> read_point(const Json& j, const std::string& field, const Dataset* data, Point& p) {
    const bool shape = j.is_array() && j.items().size() == 3;
    double v[3] = {0, 0, 0};
    for (int i = 0; shape && i < 3; ++i) v[i] = j.items()[std::size_t(i)].is_number() ? j.items()[std::size_t(i)].as_number() : NAN;
    bool ok = shape && std::isfinite(v[0]) && std::isfinite(v[1]) && std::isfinite(v[2]);
    if (ok && data && data->task != Task::Regression)
        ok = v[2] >= 0 && v[2] < data->classes && v[2] == std::floor(v[2]);
    if (!ok) return field_error(field, msg("record.want_point"));
    p = {v[0], v[1], v[2]};
    return std::nullopt;
}

std::optional<Error> read_points(const Json* list, const std::string& field, const Dataset& data,
                                 std::vector<Point>& out) {
    if (!list || !list->is_array()) return field_error(field, msg("record.want_list"));
    if (list->items().size() > std::size_t(kMaxImportPoints))
        return field_error(field, msg("record.too_many_points", {{"max", std::to_string(kMaxImportPoints)}}));
    for (std::size_t i = 0; i < list->items().size(); ++i) {
        Point p;
        if (auto e = read_point(list->items()[i], field + "[" + std::to_string(i) + "]", &data, p)) return e;
        out.push_back(p);
    }
    return std::nullopt;
}

Result<Dataset> read_data(const Json& j, const std::string& field) {
    if (!j.is_object()) return field_error(field, msg("record.want_object"));
    FieldReader r(j, field);
    Dataset d;
    const std::string task = r.string("task");
    int t = -1;
    for (std::size_t i = 0; i < kTaskNames.size(); ++i)
        if (task == kTaskNames[i]) t = int(i);
    if (!r.error && t < 0) r.fail("task", msg("record.want_one_of", {{"names", "regression, binary, multiclass"}}));
    d.task = Task(std::max(t, 0));
    const long lo = d.task == Task::Regression ? 1 : d.task == Task::Binary ? 2 : 3;
    const long hi = d.task == Task::Multiclass ? 6 : lo;
    d.classes = int(r.whole("classes", lo, hi));
    if (r.error) return *r.error;
    if (auto e = read_points(j.find("train"), field + ".train", d, d.train)) return *e;
    if (auto e = read_points(j.find("test"), field + ".test", d, d.test)) return *e;
    if (d.train.empty()) return field_error(field + ".train", msg("record.no_train_points"));
    return d;
}

std::optional<Error> read_settings(const Json* j, const std::string& field, Config& config) {
    if (!j || !j->is_object()) return field_error(field, msg(j ? "record.want_object" : "record.missing"));
    const auto warnings = apply_json(config, *j);
    if (!warnings.empty()) return field_error(field, warnings.front());
    return std::nullopt;
}

std::optional<Error> read_edit(const Json& j, const std::string& field, const Config& before, Record& rec) {
    if (!j.is_object() || j.members().size() != 2) return field_error(field, msg("record.want_edit"));
    FieldReader r(j, field);
    RunEdit e;
    e.step = r.whole("step", rec.edits.empty() ? 1 : rec.edits.back().step, kMaxSteps);
    if (r.error) return r.error;
    if (const Json* s = j.find("settings")) {
        e.config = before;
        if (auto err = read_settings(s, field + ".settings", e.config)) return err;
        if (change_between(before, e.config) > Change::Training)
            return field_error(field + ".settings", msg("record.edit_rebuilds"));
    } else if (const Json* p = j.find("add_point")) {
        e.kind = RunEdit::Kind::AddPoint;
        if (auto err = read_point(*p, field + ".add_point", nullptr, e.point)) return err;
    } else if (const Json* x = j.find("erase")) {
        e.kind = RunEdit::Kind::Erase;
        Point p;
        if (auto err = read_point(*x, field + ".erase", nullptr, p)) return err;
        e.x1 = p.x1, e.x2 = p.x2, e.radius = p.label;
    } else if (const Json* d = j.find("data")) {
        e.kind = RunEdit::Kind::Data;
        auto data = read_data(*d, field + ".data");
        if (!data) return data.error();
        e.data = std::move(data.value());
    } else {
        return field_error(field, msg("record.want_edit"));
    }
    rec.edits.push_back(std::move(e));
    return std::nullopt;
}

std::optional<Error> read_history(const Json* h, Record& rec) {
    if (!h || !h->is_array() || h->items().empty()) return field_error("history", msg("record.want_list"));
    if (h->items().size() > LossHistory::kCap + 1) return field_error("history", msg("record.want_list"));
    const char* keys[] = {"train_loss", "test_loss", "train_acc", "test_acc"};
    for (std::size_t i = 0; i < h->items().size(); ++i) {
        const Json& e = h->items()[i];
        const std::string field = "history[" + std::to_string(i) + "]";
        if (!e.is_object() || e.members().size() != 5) return field_error(field, msg("record.want_epoch"));
        FieldReader r(e, field);
        r.whole("epoch", 0, 1L << 30);
        for (const char* k : keys) {
            const Json* v = r.get(k);
            if (v && !v->is_number() && !v->is_null()) r.fail(k, msg("record.want_number_or_null"));
        }
        if (r.error) return r.error;
    }
    rec.history = *h;
    return std::nullopt;
}

std::optional<Error> read_checks(const Json* list, Record& rec) {
    if (!list || !list->is_array()) return field_error("checks", msg("record.want_list"));
    for (std::size_t i = 0; i < list->items().size(); ++i) {
        const Json& c = list->items()[i];
        const std::string field = "checks[" + std::to_string(i) + "]";
        if (!c.is_object()) return field_error(field, msg("record.want_object"));
        FieldReader r(c, field);
        RecordCheck check;
        check.metric = r.string("metric");
        check.passed = r.boolean("passed");
        r.string("text");
        const Json* v = r.get("value");
        if (v && !v->is_number() && !v->is_null()) r.fail("value", msg("record.want_number_or_null"));
        if (r.error) return r.error;
        check.value = *v;
        rec.checks.push_back(check);
    }
    return std::nullopt;
}

std::optional<Error> read_lesson(const Json* j, Record& rec) {
    if (!j) return field_error("lesson", msg("record.missing"));
    if (j->is_null()) return std::nullopt;
    if (!j->is_object()) return field_error("lesson", msg("record.want_object"));
    FieldReader r(*j, "lesson");
    RecordLesson l;
    l.id = r.string("id");
    l.variant = int(r.whole("variant", -1, 100));
    l.sha256 = r.sha256("sha256");
    if (r.error) return r.error;
    rec.lesson = l;
    return std::nullopt;
}

const char* const kTopFields[] = {"format", "app", "lesson", "seed", "settings", "data", "start_weights", "edits",
                                  "layer_view_steps", "steps", "epoch", "history", "final", "checks", "weights_sha256"};

}  // namespace

Result<Record> parse_record(std::string_view text) {
    const auto json = parse_json(text);
    if (!json) return Error{msg("record.not_json", {{"problem", json.error().message}})};
    const Json& j = json.value();
    const Json* format = j.is_object() ? j.find("format") : nullptr;
    if (!format || !format->is_string() || format->as_string() != kFormat)
        return Error{msg("record.not_record", {{"format", kFormat}})};
    for (const auto& member : j.members()) {
        const std::string& key = member.first;
        if (std::find_if(std::begin(kTopFields), std::end(kTopFields), [&](const char* k) { return key == k; }) ==
            std::end(kTopFields))
            return Error{msg("record.unknown_field", {{"field", key}})};
    }
    Record rec;
    FieldReader r(j, "");
    rec.app = r.string("app");
    if (r.error) return *r.error;
    if (auto e = read_lesson(j.find("lesson"), rec)) return *e;
    const long long seed = r.whole("seed", 0, 4294967295LL);
    if (r.error) return *r.error;
    if (auto e = read_settings(j.find("settings"), "settings", rec.start)) return *e;
    if (static_cast<long long>(rec.start.seed) != seed) return field_error("seed", msg("record.seed_differs"));
    if (const Json* d = r.get("data"); d && !d->is_null()) {
        auto data = read_data(*d, "data");
        if (!data) return data.error();
        rec.data = std::move(data.value());
    }
    if (const Json* w = r.get("start_weights"); w && !w->is_null()) rec.start_weights = *w;
    const Json* edits = r.list("edits");
    if (r.error) return *r.error;
    Config now = rec.start;
    for (std::size_t i = 0; i < edits->items().size(); ++i) {
        if (auto e = read_edit(edits->items()[i], "edits[" + std::to_string(i) + "]", now, rec)) return *e;
        if (rec.edits.back().kind == RunEdit::Kind::Settings) now = rec.edits.back().config;
    }
    rec.layer_view_steps = r.whole("layer_view_steps", 0, kMaxSteps);
    rec.steps = r.whole("steps", 0, kMaxSteps);
    rec.epoch = int(r.whole("epoch", 0, 1L << 30));
    if (r.error) return *r.error;
    if (!rec.edits.empty() && rec.edits.back().step > rec.steps)
        return field_error("edits[" + std::to_string(rec.edits.size() - 1) + "].step", msg("record.edit_after_end"));
    if (auto e = read_history(j.find("history"), rec)) return *e;
    const Json* final_ = r.get("final");
    if (r.error) return *r.error;
    if (!final_->is_object()) return field_error("final", msg("record.want_object"));
    FieldReader f(*final_, "final");
    rec.diverged = f.boolean("diverged");
    if (f.error) return *f.error;
    if (auto e = read_checks(j.find("checks"), rec)) return *e;
    rec.weights_sha256 = r.sha256("weights_sha256");
    if (r.error) return *r.error;
    return rec;
}

}  // namespace bp
