// Kept runs (issue 26.5): "Keep this run" stores the run as it is now (its settings, its data
// when it is not what the settings generate, its loss curve and its weights) so a student can
// overlay two to four kept runs' loss curves, the settings that differ named
// ("optimizer: sgd -> adam"), and reopen one. The page keeps them in the browser (Host prefs,
// localStorage) as dump() writes them: at most kMaxRuns runs and kMaxChars characters in all,
// the oldest dropped first (and named) to make room.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json.h"
#include "result.h"
#include "trainer.h"

namespace bp {

struct KeptRun {
    int id = 0;
    Config config;
    std::string data_csv;  // the run's own data (points added, a CSV) as to_csv writes it; "" when generated
    int epoch = 0;
    std::vector<EpochRecord> curve;  // the loss history, thinned evenly to at most kCurvePoints records
    std::string weights;             // bp-weights-1 text (run_io.h)
    bool edited = false;             // settings changed while it trained: its curve is not one set-up's alone
};

class KeptRuns {
public:
    static constexpr std::size_t kMaxRuns = 8;
    static constexpr std::size_t kMaxChars = 2'000'000;  // localStorage holds about 5 M characters per site
    static constexpr std::size_t kCurvePoints = 400;
    static constexpr std::size_t kMaxCompared = 4;

    // Reads what dump() wrote; the error names the field, and nothing is kept then.
    std::optional<Error> load(std::string_view text);
    std::string dump() const;

    // Keeps `t`'s run as it is now, as run #id (the id returned). The ids of runs dropped to stay
    // within kMaxRuns and kMaxChars go to `dropped` (oldest first); a run alone over kMaxChars is
    // not kept (0 returned, its own id not used).
    int keep(const Trainer& t, std::vector<int>& dropped);
    bool remove(int id);
    const KeptRun* find(int id) const;
    const std::vector<KeptRun>& runs() const { return runs_; }

private:
    std::size_t chars() const;
    std::vector<KeptRun> runs_;  // oldest first
    int next_id_ = 1;
};

// The settings in which the runs differ, in the fields' order, each with every run's value in
// the order given: "optimizer: sgd -> adam", "lr: 0.03 -> 0.1 -> 0.3". Empty when they agree.
// speed and stop_epoch are left out: they change nothing a run computes. (The class view's
// "settings that differ from the task's start" too.)
std::vector<std::string> config_differences(const std::vector<const Config*>& configs);
// A run's values of the settings in which `compared` differ ("optimizer=adam lr=0.1"; "" when none).
std::string differing_values(const Config& config, const std::vector<const Config*>& compared);
// A kept run's line in a comparison: "#3" and its values of the differing settings ("#3 optimizer=adam").
std::string kept_label(const KeptRun& run, const std::vector<const Config*>& compared);

// Kept runs side by side: the runs of `ids` that are kept (in that order), each one's label (a
// run whose settings changed while it trained is marked: "#2 optimizer=adam *", the mark
// explained by the message kept.edited) and the settings that differ among them.
struct KeptComparison {
    std::vector<const KeptRun*> runs;
    std::vector<std::string> labels;
    std::vector<std::string> differences;
};
KeptComparison compare_kept_runs(const KeptRuns& kept, const std::vector<int>& ids);

// Reopens a kept run in `t`: its settings, its own data if it had some, and its weights as the
// run's new start (epoch 0, as a loaded weights file); the error names what did not read.
std::optional<Error> reopen_kept(Trainer& t, const KeptRun& run);

}  // namespace bp
