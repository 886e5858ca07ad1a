// The class view's model: the run records a teacher opened, each replayed and verified
// (record.h) in slices that fit a frame's time budget, so the page never freezes. Each row
// says the file, verified or not and why, the goal metrics of the replayed run and the
// settings that differ from the start of the record's lesson (or from the defaults). The
// teacher may give the task the records were made in (checked against its limits and goal),
// sort the rows, select some to overlay their loss curves, and save the table as CSV.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json.h"
#include "kept_runs.h"
#include "record.h"

namespace bp {

struct ClassRow {
    std::string file;
    std::unique_ptr<RecordReplay> replay;  // while it replays; nullptr once done (or refused on reading)
    std::optional<Verdict> verdict;        // once replayed, or refused on reading
    std::string lesson;                    // the record's lesson id, "" = none
    std::vector<std::string> differences;  // "lr: 0.03 -> 0.1", against its lesson's start (or the defaults)
    std::string text;                      // the record as handed in (replayed again when a task is given)
    std::vector<EpochRecord> curve;        // its loss history as recorded
    bool selected = false;                 // its curve overlaid under the table
    bool opened = false;                   // read and set up for replaying (in work(), in its turn)
};

class ClassRoom {
public:
    // Keeps the record's text as a row: reading it and setting up its replay happen in work(),
    // within the frames' budget (thirty files dropped at once cost no frame more than the others).
    void add(std::string file, std::string_view text);
    // Replays for about `budget_ms` (checking the clock every few steps); true while work is left.
    bool work(double budget_ms);
    const std::vector<ClassRow>& rows() const { return rows_; }
    double progress() const;  // 0 to 1 over every row, 1 when all are done
    bool busy() const;
    void clear() { rows_.clear(); }
    // The task (or lesson) file the records were made in: read as a loaded lesson (so a record
    // naming it by its SHA-256 is checked against its limits and goal), then every row replays
    // again. "" or the reader's message (nothing changed).
    std::string set_task(std::string_view text);
    // Rows in the order of a column of table() ("file", "verified", "epoch", "test_loss", ...);
    // a row not yet replayed sorts last. False for an unknown key.
    bool sort_by(std::string_view key, bool descending);
    void select(std::size_t row, bool on);
    // The table as CSV: file,verified,reason,lesson,epoch,train_loss,test_loss,train_acc,
    // test_acc,differences (differences joined by "; "; fields with a comma or quote quoted).
    std::string csv() const;
    // The rows as the table shows them: [{file, verified (true, false, or null while it
    // replays), reason, lesson, epoch, train_loss, test_loss, train_acc, test_acc, differences,
    // selected}].
    Json table() const;

private:
    static void open_row(ClassRow& row);  // reads the record: its replay set up, or refused
    std::vector<ClassRow> rows_;
};

}  // namespace bp
