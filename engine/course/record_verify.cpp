// Replaying a run record and comparing it with what it says (record.h): the build id, every
// value of the history bit for bit, the final state, the weights' SHA-256, the checks.
#include "record.h"

#include <cmath>
#include <cstring>
#include <limits>

#include "build_id.h"
#include "run_io.h"
#include "sha256.h"

namespace bp {

namespace {

constexpr long kAllSteps = std::numeric_limits<long>::max();

std::optional<Error> apply_edit(Trainer& t, const RunEdit& e, std::size_t index) {
    const std::string field = "edits[" + std::to_string(index) + "]";
    switch (e.kind) {
        case RunEdit::Kind::Settings: {
            Config c = e.config;
            c.stop_epoch = 0;  // the replay stops at the record's step count, not at a pause
            t.set_config(c);
            break;
        }
        case RunEdit::Kind::AddPoint: {
            const Dataset& d = t.data();
            const double label = e.point.label;
            if (d.task != Task::Regression && !(label >= 0 && label < d.classes && label == std::floor(label)))
                return Error{msg("record.field", {{"field", field + ".add_point"}, {"problem", msg("record.want_point")}})};
            t.add_point(e.point);
            break;
        }
        case RunEdit::Kind::Erase: t.erase_near(e.x1, e.x2, e.radius); break;
        case RunEdit::Kind::Data: t.set_data(e.data); break;
    }
    return std::nullopt;
}

bool same_bits(const Json& a, const Json& b) {
    if (a.is_null() || b.is_null()) return a.is_null() && b.is_null();
    const double x = a.as_number(), y = b.as_number();
    return std::memcmp(&x, &y, sizeof x) == 0;
}

std::string shown(const Json& v) { return v.is_null() ? "null" : format_number(v.as_number()); }

std::string count_message(const char* what, long recorded, long replayed) {
    return msg("record.count", {{"what", what}, {"recorded", std::to_string(recorded)}, {"replayed", std::to_string(replayed)}});
}

// The first value of the history that is not the same bits, or "".
std::string history_difference(const Json& recorded, const Trainer& t) {
    const auto& mine = t.history();
    if (recorded.items().size() != mine.size())
        return count_message("history", long(recorded.items().size()), long(mine.size()));
    for (std::size_t i = 0; i < mine.size(); ++i) {
        const Json replayed = epoch_json(mine[i], t.has_accuracy());
        const Json& rec = recorded.items()[i];
        if (!same_bits(*rec.find("epoch"), *replayed.find("epoch")))
            return count_message("epoch", long(rec.find("epoch")->as_number()), mine[i].epoch);
        for (const char* key : {"train_loss", "test_loss", "train_acc", "test_acc"})
            if (!same_bits(*rec.find(key), *replayed.find(key)))
                return msg("record.value", {{"epoch", std::to_string(mine[i].epoch)}, {"key", key},
                                            {"recorded", shown(*rec.find(key))}, {"replayed", shown(*replayed.find(key))}});
    }
    return "";
}

// The lesson the record names, built in or loaded here, when its file is the one it was made with.
const Lesson* named_lesson(const Record& r) {
    const Lesson* l = r.lesson ? find_lesson(r.lesson->id) : nullptr;
    return l && lesson_sha256(*l) == r.lesson->sha256 ? l : nullptr;
}

// The lesson whose checks are evaluated again: the one given, else the built-in one of the
// record's id when its file is the same (else nullptr and a note).
const Lesson* checks_lesson(const Record& r, const Lesson* given, Verdict& v) {
    if (!r.lesson) return nullptr;
    if (given) return given;
    if (const Lesson* builtin = named_lesson(r)) return builtin;
    v.notes.push_back(msg("record.no_lesson", {{"id", r.lesson->id}}));
    return nullptr;
}

std::string checks_difference(const Record& r, const Lesson& lesson, const Trainer& t) {
    std::vector<CheckOutcome> now;
    if (lesson.view == View::Playground) {
        LessonRuns others(lesson, t.config().seed);
        now = evaluate_checks(lesson, r.lesson ? r.lesson->variant : -1, t, &others);
    }
    if (now.size() != r.checks.size()) return count_message("checks", long(r.checks.size()), long(now.size()));
    for (std::size_t i = 0; i < now.size(); ++i) {
        const Json value = std::isfinite(now[i].value) ? Json(now[i].value) : Json();
        const RecordCheck& c = r.checks[i];
        if (c.metric != now[i].check.metric || c.passed != now[i].passed || !same_bits(c.value, value))
            return msg("record.check", {{"metric", now[i].check.metric},
                                        {"recorded", shown(c.value) + " " + tr(c.passed ? "record.passed" : "record.failed")},
                                        {"replayed", shown(value) + " " + tr(now[i].passed ? "record.passed" : "record.failed")}});
    }
    return "";
}

// The first way the run left its task's limits (lesson_task.cpp): its start, a settings edit,
// its epoch count, or its data, which a task keeps. nullopt when it kept them, or no task.
std::optional<std::string> task_breach(const Record& r, const Lesson* lesson) {
    if (!lesson || !lesson->task) return std::nullopt;
    if (r.data) return task_data_refusal(*lesson);
    if (auto p = task_refusal(*lesson, r.start, r.epoch)) return p;
    for (const RunEdit& edit : r.edits) {
        if (edit.kind != RunEdit::Kind::Settings) return task_data_refusal(*lesson);
        if (auto p = task_refusal(*lesson, edit.config, r.epoch)) return p;
    }
    return std::nullopt;
}

Json final_metrics(const Trainer& t) {
    Json m = epoch_json(t.history().back(), t.has_accuracy());
    m.set("steps", t.steps());
    m.set("diverged", t.diverged());
    return m;
}

}  // namespace

RecordReplay::RecordReplay(Record record, const Lesson* lesson) : record_(std::move(record)), lesson_(lesson) {
    const Record& r = record_;
    if (r.app != build_id()) {
        fail(Verdict::Code::Unreadable, msg("record.other_build", {{"recorded", r.app}, {"build", build_id()}}));
    } else if (auto breach = task_breach(r, lesson ? lesson : named_lesson(r))) {
        fail(Verdict::Code::Differs, *breach);
    } else if (r.layer_view_steps > 0) {
        fail(Verdict::Code::Differs, msg("record.layer_steps", {{"n", std::to_string(r.layer_view_steps)}}));
    } else {
        Config start = r.start;
        start.stop_epoch = 0;  // the replay stops at the record's step count, not at a pause
        trainer_ = std::make_unique<Trainer>(start);
        if (r.data) trainer_->set_data(*r.data);
        if (!r.start_weights) trainer_->reset();  // epoch 0 evaluated on the start's data
        else if (auto e = load_weights(*trainer_, r.start_weights->dump()))
            fail(Verdict::Code::Differs, msg("record.field", {{"field", "start_weights"}, {"problem", e->message}}));
    }
}

void RecordReplay::fail(Verdict::Code code, std::string reason) {
    Verdict v;
    v.code = code;
    v.reason = std::move(reason);
    failed_ = std::move(v);
    done_ = true;
}

void RecordReplay::advance(long max_steps) {
    if (done_) return;
    Trainer& t = *trainer_;
    const long budget_end = t.steps() + std::min(std::max(0L, max_steps), kAllSteps - t.steps());
    while (!done_) {
        while (next_edit_ < record_.edits.size() && record_.edits[next_edit_].step == t.steps()) {
            if (auto e = apply_edit(t, record_.edits[next_edit_], next_edit_)) return fail(Verdict::Code::Differs, e->message);
            ++next_edit_;
        }
        const long target = next_edit_ < record_.edits.size() ? record_.edits[next_edit_].step : record_.steps;
        const long before = t.steps();
        if (before >= record_.steps && next_edit_ == record_.edits.size()) break;
        if (before >= budget_end) return;
        t.step(int(std::min<long>({target - before, budget_end - before, 1L << 20})));
        if (t.steps() == before) break;  // it cannot go on (diverged, no data): the comparisons say where it stopped
    }
    // A step that diverges is not counted: the record's last step count is the one before it.
    if (record_.diverged && !t.diverged()) t.step(1);
    done_ = true;
}

double RecordReplay::progress() const {
    if (done_ || !trainer_) return 1;
    return record_.steps > 0 ? double(trainer_->steps()) / double(record_.steps) : 1;
}

Verdict RecordReplay::verdict() const {
    if (failed_) return *failed_;
    Verdict v;
    const Record& r = record_;
    const Trainer& t = *trainer_;
    v.metrics = final_metrics(t);
    std::string d = history_difference(r.history, t);
    if (d.empty() && t.steps() != r.steps) d = count_message("steps", r.steps, t.steps());
    if (d.empty() && t.epoch() != r.epoch) d = count_message("epoch", r.epoch, t.epoch());
    if (d.empty() && t.diverged() != r.diverged)
        d = msg("record.diverged", {{"recorded", r.diverged ? "true" : "false"}, {"replayed", t.diverged() ? "true" : "false"}});
    if (d.empty() && weights_sha256(t) != r.weights_sha256)
        d = msg("record.weights", {{"recorded", r.weights_sha256}, {"replayed", weights_sha256(t)}});
    if (d.empty())
        if (const Lesson* l = checks_lesson(r, lesson_, v)) d = checks_difference(r, *l, t);
    if (!d.empty()) v.code = Verdict::Code::Differs, v.reason = d;
    return v;
}

Result<std::unique_ptr<Trainer>> replay_record(const Record& r) {
    RecordReplay replay(r);
    while (!replay.done()) replay.advance(kAllSteps);
    if (replay.failed()) return Error{replay.verdict().reason};
    return replay.take_trainer();
}

Verdict verify_record(const Record& r, const Lesson* lesson) {
    RecordReplay replay(r, lesson);
    while (!replay.done()) replay.advance(kAllSteps);
    return replay.verdict();
}

Verdict verify_record_text(std::string_view text, const Lesson* lesson) {
    auto record = parse_record(text);
    if (!record) {
        Verdict v;
        v.code = Verdict::Code::Unreadable;
        v.reason = record.error().message;
        return v;
    }
    return verify_record(record.value(), lesson);
}

}  // namespace bp
