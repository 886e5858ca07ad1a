// ClassRoom (class_room.h): records replayed in time slices, and their table.
#include "class_room.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "text_util.h"

namespace bp {

namespace {

std::vector<EpochRecord> curve_of(const Json& history) {
    std::vector<EpochRecord> out;
    const auto num = [](const Json& e, const char* key) {
        const Json* v = e.find(key);
        return v && v->is_number() ? v->as_number() : std::nan("");
    };
    for (const Json& e : history.items())
        out.push_back(EpochRecord{int(num(e, "epoch")), num(e, "train_loss"), num(e, "test_loss"), num(e, "train_acc"), num(e, "test_acc")});
    return out;
}

}  // namespace

void ClassRoom::open_row(ClassRow& row) {
    row.opened = true;
    auto record = parse_record(row.text);
    if (!record) {
        Verdict v;
        v.code = Verdict::Code::Unreadable;
        v.reason = record.error().message;
        row.verdict = v;
        return;
    }
    if (record->lesson) row.lesson = record->lesson->id;
    const Lesson* lesson = record->lesson ? find_lesson(record->lesson->id) : nullptr;
    const Config base = lesson && lesson->view == View::Playground ? lesson_config(*lesson, record->lesson->variant) : Config();
    row.differences = config_differences({&base, &record->start});
    row.curve = curve_of(record->history);
    row.replay = std::make_unique<RecordReplay>(std::move(record.value()));
}

void ClassRoom::add(std::string file, std::string_view text) {
    ClassRow row;
    row.file = std::move(file);
    row.text = std::string(text);
    rows_.push_back(std::move(row));
}

std::string ClassRoom::set_task(std::string_view text) {
    const auto lesson = add_loaded_lesson(text);
    if (!lesson) return lesson.error().message;
    for (ClassRow& row : rows_) {  // read again in turn: the differences and checks now against the task
        ClassRow again;
        again.file = std::move(row.file);
        again.text = std::move(row.text);
        again.selected = row.selected;
        row = std::move(again);
    }
    return "";
}

bool ClassRoom::sort_by(std::string_view key, bool descending) {
    const Json t = table();
    if (t.items().empty()) return true;
    if (!t.items()[0].find(key) || key == "differences" || key == "selected") return false;
    std::vector<std::size_t> order(rows_.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    // null (not replayed, no value) last in either direction; then by the value, stable.
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const Json &x = *t.items()[a].find(key), &y = *t.items()[b].find(key);
        if (x.is_null() || y.is_null()) return !x.is_null() && y.is_null();
        const bool less = x.is_number() ? x.as_number() < y.as_number() : x.is_bool() ? x.as_bool() < y.as_bool() : x.as_string() < y.as_string();
        const bool more = x.is_number() ? y.as_number() < x.as_number() : x.is_bool() ? y.as_bool() < x.as_bool() : y.as_string() < x.as_string();
        return descending ? more : less;
    });
    std::vector<ClassRow> sorted;
    for (std::size_t i : order) sorted.push_back(std::move(rows_[i]));
    rows_ = std::move(sorted);
    return true;
}

void ClassRoom::select(std::size_t row, bool on) {
    if (row < rows_.size()) rows_[row].selected = on;
}

std::string ClassRoom::csv() const {
    const auto field = [](const Json& v) -> std::string {
        std::string s = v.is_null() ? "" : v.is_string() ? v.as_string() : v.dump();
        if (s.find_first_of(",\"\n") == std::string::npos) return s;
        std::string q = "\"";
        for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
        return q + "\"";
    };
    std::string out = "file,verified,reason,lesson,epoch,train_loss,test_loss,train_acc,test_acc,differences\n";
    const Json rows = table();
    for (const Json& r : rows.items()) {
        for (const char* key : {"file", "verified", "reason", "lesson", "epoch", "train_loss", "test_loss", "train_acc", "test_acc"})
            out += field(*r.find(key)) + ",";
        std::vector<std::string> diffs;
        for (const Json& d : r.find("differences")->items()) diffs.push_back(d.as_string());
        out += field(Json(join(diffs, "; "))) + "\n";
    }
    return out;
}

bool ClassRoom::work(double budget_ms) {
    using Clock = std::chrono::steady_clock;
    const auto end = Clock::now() + std::chrono::duration<double, std::milli>(budget_ms);
    for (ClassRow& row : rows_) {
        if (!row.opened) open_row(row);
        if (!row.replay) {
            if (Clock::now() >= end) return busy();
            continue;
        }
        while (!row.replay->done()) {
            row.replay->advance(16);
            if (Clock::now() >= end) break;
        }
        if (!row.replay->done()) return true;
        row.verdict = row.replay->verdict();
        row.replay.reset();
        if (Clock::now() >= end) return busy();
    }
    return false;
}

bool ClassRoom::busy() const {
    for (const ClassRow& row : rows_)
        if (!row.opened || row.replay) return true;
    return false;
}

double ClassRoom::progress() const {
    if (rows_.empty()) return 1;
    double done = 0;
    for (const ClassRow& row : rows_) done += !row.opened ? 0 : row.replay ? row.replay->progress() : 1;
    return done / double(rows_.size());
}

Json ClassRoom::table() const {
    Json out = Json::array();
    for (const ClassRow& row : rows_) {
        Json r = Json::object();
        r.set("file", row.file);
        r.set("verified", row.verdict ? Json(row.verdict->code == Verdict::Code::Verified) : Json());
        r.set("reason", row.verdict ? row.verdict->reason : "");
        r.set("lesson", row.lesson);
        const Json* m = row.verdict && row.verdict->metrics.is_object() ? &row.verdict->metrics : nullptr;
        for (const char* key : {"epoch", "train_loss", "test_loss", "train_acc", "test_acc"})
            r.set(key, m && m->find(key) ? *m->find(key) : Json());
        Json diffs = Json::array();
        for (const std::string& d : row.differences) diffs.push(d);
        r.set("differences", diffs);
        r.set("selected", row.selected);
        out.push(r);
    }
    return out;
}

}  // namespace bp
