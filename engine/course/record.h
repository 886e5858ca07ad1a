// Run records: what a student hands in. One readable JSON file ("format": "bp-record-1")
// holding the app's build id, the lesson or task (its id and the SHA-256 of its file), the
// run's start (full settings and seed, the data when edited or imported, loaded weights), the
// edits made while it trained (run_log.h), the step and epoch counts, the loss and accuracy
// history, the final metrics, the check results and the SHA-256 of the exported weights.
// The reader refuses a file by field; verify_record() replays the run and compares it bit for
// bit. `bp verify` (cli/cmd_verify.cpp) and bp.records.verify() use these.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json.h"
#include "lesson.h"
#include "result.h"
#include "run_log.h"
#include "trainer.h"

namespace bp {

// The lesson or task a run was made in: its id, the variant shown, the SHA-256 of its file.
struct RecordLesson {
    std::string id;
    int variant = -1;
    std::string sha256;
};

// What the page adds to the trainer's state: the open lesson and its checks on the run now.
struct RecordContext {
    std::optional<RecordLesson> lesson;
    std::vector<CheckOutcome> checks;
};

// The SHA-256 of a built-in lesson's file (assets/lessons/<id>.json), "" for another id.
std::string builtin_lesson_sha256(std::string_view id);
// The SHA-256 of the file a lesson was read from: a loaded one's text, else its built-in file.
std::string lesson_sha256(const Lesson& lesson);
// The SHA-256 of the weights as bp.exportWeights() writes them (run_io.h).
std::string weights_sha256(const Trainer& trainer);

// The record of the trainer's run as it is now. Reads the trainer only: training goes on.
Json make_record(const Trainer& trainer, const RecordContext& context);

struct RecordCheck {
    std::string metric;
    Json value;  // a number, or null when it could not be measured
    bool passed = false;
};

struct Record {
    std::string app;  // the build id it was made with
    std::optional<RecordLesson> lesson;
    Config start;
    std::optional<Dataset> data;
    std::optional<Json> start_weights;  // a bp-weights-1 object
    std::vector<RunEdit> edits;
    long layer_view_steps = 0;
    long steps = 0;
    int epoch = 0;
    Json history;  // [{epoch, train_loss, test_loss, train_acc, test_acc}], numbers or null
    bool diverged = false;
    std::vector<RecordCheck> checks;
    std::string weights_sha256;
};

// Reads a record; the error names the field ("record: edits[2].step: expected a whole number
// from 0 to ...") and nothing else is read.
Result<Record> parse_record(std::string_view text);

struct Verdict {
    enum class Code { Verified = 0, Differs = 1, Unreadable = 2 };
    Code code = Code::Verified;
    std::string reason;              // the first difference, or why it was refused; "" when verified
    std::vector<std::string> notes;  // what could not be compared (a lesson that is not built in)
    Json metrics;                    // the replayed run's final {epoch, steps, train_loss, ...}; null if not replayed
};

// A record's run replayed on a new trainer, in slices a page can spread over frames: its
// start, each edit at its step, up to its step count; then compared with what it says: the
// build id, every value of the history bit for bit, the step and epoch counts, the final
// state, the weights' SHA-256 and the checks (evaluated again with `lesson`, or the built-in
// lesson of the record's id when its file's SHA-256 matches; else a note).
class RecordReplay {
public:
    explicit RecordReplay(Record record, const Lesson* lesson = nullptr);
    bool done() const { return done_; }
    void advance(long max_steps);  // trains at most max_steps more steps (edits applied on the way)
    double progress() const;       // 0 to 1: the share of the record's steps replayed
    Verdict verdict() const;       // once done()
    const Record& record() const { return record_; }
    bool failed() const { return failed_.has_value(); }  // refused before or while replaying
    std::unique_ptr<Trainer> take_trainer() { return std::move(trainer_); }  // once done(), for tests

private:
    void fail(Verdict::Code code, std::string reason);
    Record record_;
    const Lesson* lesson_;
    std::unique_ptr<Trainer> trainer_;
    std::size_t next_edit_ = 0;
    bool done_ = false;
    std::optional<Verdict> failed_;  // refused before or while replaying
};

// The whole replay at once: the trainer at the record's end, or why it could not be replayed.
Result<std::unique_ptr<Trainer>> replay_record(const Record& record);
Verdict verify_record(const Record& record, const Lesson* lesson = nullptr);
// The same from the record's text: a file that does not read is Unreadable with the reader's message.
Verdict verify_record_text(std::string_view text, const Lesson* lesson = nullptr);

}  // namespace bp
