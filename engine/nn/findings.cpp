// The rules behind the callouts. A symptom alone (a large update ratio, saturated or dead
// units, small early gradients) is not a cause: each rule also asks what the loss is doing
// (loss_trend), how long the symptom has lasted, and whether the weights are large enough
// for the measure to mean anything. Conditions are listed in docs/reference.md "Diagnostics".
#include "findings.h"
#include "messages.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "text_util.h"

namespace bp {

namespace {

constexpr std::size_t kRecent = 20;      // probed steps a symptom must last (stored series values)
constexpr double kHighRatio = 1e-2;      // update / weight per step: healthy runs sit near 1e-3
constexpr double kLowRatio = 1e-5;
constexpr double kTinyWeight = 0.05;     // RMS weight below which a ratio says nothing
constexpr double kUnstableRise = 0.1;    // a rise of 10% between two epoch records
constexpr double kStalledDrop = 0.02;    // less than 2% lower than at the window's start
constexpr double kSlowDrop = 0.1;
constexpr double kVanishing = 1e-2;      // first / last hidden layer gradient norm
constexpr double kSaturated = 0.5, kDead = 1.0 / 3;

std::vector<float> recent(const Series& s) {
    const auto& v = s.values();
    return {v.end() - long(std::min(kRecent, v.size())), v.end()};
}
double recent_median(const Series& s) {
    auto r = recent(s);
    if (r.empty()) return 0;
    std::nth_element(r.begin(), r.begin() + long(r.size() / 2), r.end());
    return r[r.size() / 2];
}
double recent_min(const Series& s) {  // 0 until kRecent values are stored: the symptom has not lasted
    const auto r = recent(s);
    return r.size() < kRecent ? 0 : *std::min_element(r.begin(), r.end());
}
double rms(const Eigen::MatrixXf& W) { return W.size() ? double(W.norm()) / std::sqrt(double(W.size())) : 0; }
// What the loss does, for rules that fire only when it is not falling well.
std::string slow_text(const LossTrend& tr) {
    const std::string now = readable(tr.now, 3);
    if (tr.drop < -kStalledDrop) return msg_now("finding.loss_rising", {{"now", now}});
    if (tr.drop < kStalledDrop) return msg_now("finding.loss_stalled", {{"now", now}});
    return msg_now("finding.loss_slow", {{"now", now}});
}

void lr_high(const Trainer& t, const LossTrend& tr, std::vector<Finding>& out) {
    if (!tr.known || (tr.rise < kUnstableRise && tr.drop > -kStalledDrop)) return;  // the loss falls steadily
    const auto& layers = t.model().layers();
    double worst = 0;
    for (std::size_t l = 0; l < layers.size(); ++l)
        if (rms(layers[l].W) >= kTinyWeight) worst = std::max(worst, recent_median(t.diagnostics().update_ratio_series()[l]));
    if (worst <= kHighRatio) return;
    out.push_back({Finding::Level::Warning, "lr-high",
                   msg_now(tr.rise >= kUnstableRise ? "finding.lr_high_jumps" : "finding.lr_high_rising",
                       {{"ratio", percent(worst)}, {"lr", readable(t.current_lr(), 3)}})});
}

void lr_low(const Trainer& t, const LossTrend& tr, std::vector<Finding>& out) {
    if (!tr.known || !tr.poor || tr.drop > kSlowDrop) return;
    const auto& layers = t.model().layers();
    const auto& s = t.layer_stats();
    double largest = 0, pull = 0;  // update / weight, and gradient / weight, of the layers
    for (std::size_t l = 0; l < layers.size(); ++l) {
        const double w = double(layers[l].W.norm());
        if (!(w > 0)) return;
        largest = std::max(largest, recent_median(t.diagnostics().update_ratio_series()[l]));
        pull = std::max(pull, s[l].grad_norm / w);
    }
    if (largest >= kLowRatio || pull < 1e-3) return;  // a gradient near 0 is not the rate's fault
    out.push_back({Finding::Level::Info, "lr-low",
                   msg_now("finding.lr_low", {{"loss", slow_text(tr)}, {"lr", readable(t.current_lr(), 3)}})});
}

double two_digits(double v) {  // 2345 -> 2300: a factor read at a glance
    const double unit = std::pow(10.0, std::floor(std::log10(v)) - 1);
    return std::round(v / unit) * unit;
}

bool scaled_init(InitKind k) { return k == InitKind::Xavier || k == InitKind::He || k == InitKind::Lecun; }

void vanishing(const Trainer& t, const LossTrend& tr, std::vector<Finding>& out) {
    const auto r = first_last_grad_ratio(t.diagnostics(), kRecent);
    if (!r || *r <= 0 || *r >= kVanishing || !tr.known || !tr.poor || tr.drop > kSlowDrop) return;
    const int last = int(t.layer_stats().size()) - 1;  // the last hidden layer, 1-based
    const Activation act = t.model().layers()[0].act;
    out.push_back({Finding::Level::Warning, "vanishing",
                   msg_now(scaled_init(t.config().init) ? "finding.vanishing" : "finding.vanishing_init",
                       {{"factor", readable(two_digits(1 / *r), 6)}, {"last", std::to_string(last)}, {"loss", slow_text(tr)},
                        {"act", name_of(act)}, {"bound", act == Activation::Sigmoid ? "<= 0.25" : "< 1"}})});
}

void saturated(const Trainer& t, const LossTrend& tr, std::vector<Finding>& out) {
    if (!tr.known || !tr.poor || tr.drop > kSlowDrop) return;
    const auto& layers = t.model().layers();
    for (std::size_t l = 0; l + 1 < layers.size(); ++l) {
        if (!saturates(layers[l].act) || recent_min(t.diagnostics().saturated_series()[l]) <= kSaturated) continue;
        const bool grew = rms(layers[l].W) > 2 * rms(t.weights().initial()[2 * l]);
        out.push_back({Finding::Level::Warning, "saturated",
                       msg_now(grew ? "finding.saturated_grown" : "finding.saturated",
                           {{"share", percent(t.layer_stats()[l].saturated_frac)}, {"layer", std::to_string(l + 1)},
                            {"act", name_of(layers[l].act)}, {"loss", slow_text(tr)}})});
        return;  // one layer is enough to make the point
    }
}

void dead(const Trainer& t, const LossTrend& tr, std::vector<Finding>& out) {
    if (!tr.known || !tr.poor) return;
    const auto& layers = t.model().layers();
    for (std::size_t l = 0; l + 1 < layers.size(); ++l) {
        if (layers[l].act != Activation::Relu || recent_min(t.diagnostics().dead_series()[l]) < kDead) continue;
        out.push_back({Finding::Level::Warning, "dead",
                       msg_now("finding.dead", {{"share", percent(t.layer_stats()[l].dead_frac)}, {"layer", std::to_string(l + 1)}})});
        return;
    }
}

std::string feature_list(const Config& c) {
    return join(c.features, ", ", feature_label);
}

// Without a hidden layer the model is linear in the features and its cross-entropy convex: a loss
// that has stopped falling while the steps still move the weights sits at the best
// straight cut, so a poor accuracy there is the model's limit, not the training's.
void linear_limit(const Trainer& t, const LossTrend& tr, std::vector<Finding>& out) {
    if (t.model().layers().size() != 1 || !t.has_accuracy() || !tr.known || t.epoch() < 4 * kTrendEpochs) return;
    if (t.data().task == Task::Binary && t.config().head == BinaryHead::TanhMse) return;  // not convex: say nothing
    const double acc = t.history().back().train_acc;
    if (acc >= 0.8 || std::fabs(tr.drop) > kStalledDrop || recent_median(t.diagnostics().update_ratio_series()[0]) < 1e-3) return;
    out.push_back({Finding::Level::Info, "linear-limit",
                   msg_now("finding.linear_limit", {{"features", feature_list(t.config())}, {"acc", percent(acc)}})});
}

// The mean train and test loss of the records with epoch in [from, to].
std::pair<double, double> mean_losses(const LossHistory& h, int from, int to) {
    double train = 0, test = 0;
    int n = 0;
    for (const EpochRecord& r : h)
        if (r.epoch >= from && r.epoch <= to) train += r.train_loss, test += r.test_loss, ++n;
    return n ? std::pair{train / n, test / n} : std::pair{double(NAN), double(NAN)};
}

// Overfitting: over the window the test loss rises (its mean over the window's last third above
// that over its first third) while the training loss falls, and the test loss now is well above
// the lowest it reached (kOverfitRise relative and kOverfitRiseAbs absolute); a classifier's test
// accuracy is also kOverfitAccGap or more below its training accuracy.
void overfitting(const Trainer& t, std::vector<Finding>& out) {
    const int now = t.epoch(), window = std::max(kOverfitEpochs, now / 5);
    if (now < window) return;
    const int third = std::max(1, window / 3);
    const auto [train_then, test_then] = mean_losses(t.history(), now - window, now - window + third);
    const auto [train_now, test_now] = mean_losses(t.history(), now - third, now);
    double lowest = test_now;
    for (const EpochRecord& r : t.history()) lowest = std::min(lowest, r.test_loss);
    const bool rising = test_now > test_then && test_now > (1 + kOverfitRise) * lowest && test_now > lowest + kOverfitRiseAbs;
    if (!rising || !(train_now < train_then) || !(test_now > train_now)) return;
    // A classifier still within kOverfitAccGap of its training accuracy on the test points is
    // growing more confident on a few points (spiral-depth at 94%), not fitting noise.
    const EpochRecord& last = t.history().back();
    if (t.has_accuracy() && last.train_acc - last.test_acc < kOverfitAccGap) return;
    out.push_back({Finding::Level::Warning, "overfitting",
                   msg_now("finding.overfitting", {{"lowest", readable(lowest, 3)}, {"now", readable(test_now, 3)},
                                                   {"train", readable(train_now, 3)}, {"epochs", std::to_string(window)}})});
}

}  // namespace

const std::vector<std::string>& finding_rules() {
    static const std::vector<std::string> ids = {"diverged", "lr-high",  "lr-low",      "vanishing",
                                                 "saturated", "dead", "linear-limit", "overfitting"};
    return ids;
}

bool is_finding_rule(std::string_view id) {
    const auto& ids = finding_rules();
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

const char* level_name(Finding::Level level) {
    switch (level) {
        case Finding::Level::Info: return "info";
        case Finding::Level::Warning: return "warning";
        case Finding::Level::Problem: return "problem";
    }
    return "info";
}

LossTrend loss_trend(const Trainer& t) {
    LossTrend tr;
    const auto& h = t.history();
    tr.now = h.back().train_loss;
    const double first = h.front().train_loss;
    tr.poor = t.has_accuracy() ? h.back().train_acc < kGoodAccuracy : tr.now > kPoorLossShare * first;
    const int window = std::max(kTrendEpochs, t.epoch() / 5);
    if (t.epoch() < kTrendEpochs || !std::isfinite(tr.now)) return tr;
    std::size_t start = h.size() - 1;  // the latest record at least `window` epochs back
    while (start > 0 && h[start].epoch > t.epoch() - window) --start;
    const double then = h[start].train_loss;
    if (!(then > 0)) return tr;
    tr.known = true;
    tr.drop = (then - tr.now) / then;
    const double floor = 0.1 * first;  // rises of a loss near 0 are measured against 10% of the first loss
    for (std::size_t i = start; i + 1 < h.size(); ++i)
        tr.rise = std::max(tr.rise, (h[i + 1].train_loss - h[i].train_loss) / std::max(h[i].train_loss, floor));
    return tr;
}

std::vector<Finding> findings(const Trainer& t) {
    std::vector<Finding> out;
    if (t.diverged()) out.push_back({Finding::Level::Problem, "diverged", relang(t.divergence())});
    if (t.diverged() || t.steps() == 0) return out;
    const LossTrend tr = loss_trend(t);
    lr_high(t, tr, out);
    lr_low(t, tr, out);
    vanishing(t, tr, out);
    saturated(t, tr, out);
    dead(t, tr, out);
    linear_limit(t, tr, out);
    overfitting(t, out);
    return out;
}

std::vector<Finding> findings(const Trainer& t, const std::vector<std::string>& muted) {
    auto out = findings(t);
    out.erase(std::remove_if(out.begin(), out.end(),
                             [&](const Finding& f) { return std::find(muted.begin(), muted.end(), f.rule) != muted.end(); }),
              out.end());
    return out;
}

}  // namespace bp
