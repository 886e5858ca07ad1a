// Plain-language findings about a training run, for the playground's callouts: divergence,
// update sizes, vanishing gradients, saturated units, dead ReLUs, the limit of a model
// without a hidden layer and overfitting. Each rule names a cause only when the run's state makes it the
// likely explanation (rules and thresholds in docs/reference.md "Diagnostics"); a pure function of
// the Trainer's history and probe, so every rule is testable on real runs.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "trainer.h"

namespace bp {

struct Finding {
    enum class Level { Info, Warning, Problem } level;
    std::string rule;  // stable id, one of finding_rules(): what bp.callouts() and a lesson's "mute" use
    std::string text;
};

// The rule ids, in the order findings() reports them:
// diverged, lr-high, lr-low, vanishing, saturated, dead, linear-limit, overfitting.
const std::vector<std::string>& finding_rules();
bool is_finding_rule(std::string_view id);
const char* level_name(Finding::Level level);  // "info", "warning", "problem"

// What the loss has done lately, from the Trainer's epoch history.
struct LossTrend {
    bool known = false;      // enough epochs to judge (kTrendEpochs)
    double now = 0;          // train loss of the latest epoch record
    double drop = 0;         // relative fall over the recent window: (then - now) / then
    double rise = 0;         // largest rise between two records of the window, relative to `then`
    bool poor = true;        // accuracy under kGoodAccuracy (regression: loss above kPoorLossShare of epoch 0's)
};
constexpr int kTrendEpochs = 5;         // the window is the last max(5, epoch / 5) epochs
constexpr double kGoodAccuracy = 0.9;
constexpr double kPoorLossShare = 0.25;
LossTrend loss_trend(const Trainer& trainer);
// Overfitting's window: the last max(kOverfitEpochs, epoch / 5) epochs; the test loss must be
// kOverfitRise (relative) and kOverfitRiseAbs (absolute) above the lowest it reached, and a
// classifier's test accuracy kOverfitAccGap below its training accuracy.
constexpr int kOverfitEpochs = 15;
constexpr double kOverfitRise = 0.1, kOverfitRiseAbs = 0.05, kOverfitAccGap = 0.1;

std::vector<Finding> findings(const Trainer& trainer);
// The same without the rules in `muted` (a lesson's "mute" list).
std::vector<Finding> findings(const Trainer& trainer, const std::vector<std::string>& muted);

}  // namespace bp
