// ClassRoom (class_room.h): records replayed in time slices, and their table.
#include "class_room.h"

#include <chrono>

namespace bp {

void ClassRoom::add(std::string file, std::string_view text) {
    ClassRow row;
    row.file = std::move(file);
    auto record = parse_record(text);
    if (!record) {
        Verdict v;
        v.code = Verdict::Code::Unreadable;
        v.reason = record.error().message;
        row.verdict = v;
    } else {
        if (record->lesson) row.lesson = record->lesson->id;
        const Lesson* lesson = record->lesson ? find_lesson(record->lesson->id) : nullptr;
        const Config base = lesson && lesson->view == View::Playground ? lesson_config(*lesson, record->lesson->variant) : Config();
        row.differences = config_differences({&base, &record->start});
        row.replay = std::make_unique<RecordReplay>(std::move(record.value()));
    }
    rows_.push_back(std::move(row));
}

bool ClassRoom::work(double budget_ms) {
    using Clock = std::chrono::steady_clock;
    const auto end = Clock::now() + std::chrono::duration<double, std::milli>(budget_ms);
    for (ClassRow& row : rows_) {
        if (!row.replay) continue;
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
        if (row.replay) return true;
    return false;
}

double ClassRoom::progress() const {
    if (rows_.empty()) return 1;
    double done = 0;
    for (const ClassRow& row : rows_) done += row.replay ? row.replay->progress() : 1;
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
        out.push(r);
    }
    return out;
}

}  // namespace bp
