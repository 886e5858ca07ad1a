// Findings: every rule fires on a real run that shows its cause, and stays silent on runs
// that show its symptom for another reason (tiny weights, a model that cannot represent the
// data, a network that is doing well, a symptom that has not lasted). The silent cases of
// issue 12 are among them: xor-hidden without a hidden layer, circle-features with x1, x2
// only, spiral-depth at its budget. Each silent case first checks that the symptom is there.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "findings.h"
#include "settings.h"
#include "lesson.h"
#include "text_util.h"

using namespace bp;

namespace {

std::unique_ptr<Trainer> trained(const char* hash, int epochs) {
    Config c;
    REQUIRE(apply_hash(c, hash).empty());
    auto t = std::make_unique<Trainer>(c);
    t->run_epochs(epochs);
    return t;
}

// A lesson's set-up (label "" ) or variant, trained for `epochs` (0: its budget).
std::unique_ptr<Trainer> lesson_run(const char* id, const std::string& label, int epochs = 0) {
    const Lesson* l = find_lesson(id);
    REQUIRE(l);
    int variant = -1;
    for (std::size_t i = 0; i < l->variants.size(); ++i)
        if (l->variants[i].label.en() == label) variant = int(i);
    REQUIRE((label.empty() || variant >= 0));
    auto t = std::make_unique<Trainer>(lesson_config(*l, variant));
    t->run_epochs(epochs ? epochs : l->epochs);
    return t;
}

const Finding* rule(const std::vector<Finding>& found, const char* id) {
    for (const auto& f : found)
        if (f.rule == id) return &f;
    return nullptr;
}
bool fires(const Trainer& t, const char* id) { return rule(findings(t), id) != nullptr; }

std::string all_text(const Trainer& t) {
    std::string s;
    for (const auto& f : findings(t)) s += "[" + f.rule + "] " + f.text + "\n";
    return s;
}

// The symptoms, measured here from the Trainer's series and weights, not by findings.cpp.
double median_of_last(const Series& s, std::size_t n) {
    std::vector<float> v(s.values().end() - long(std::min(n, s.values().size())), s.values().end());
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}
double rms_weight(const Trainer& t, std::size_t layer) {
    const auto& W = t.model().layers()[layer].W;
    return double(W.norm()) / std::sqrt(double(W.size()));
}
double max_hidden(const Trainer& t, double LayerStats::*field) {
    double m = 0;
    for (std::size_t l = 0; l + 1 < t.layer_stats().size(); ++l) m = std::max(m, t.layer_stats()[l].*field);
    return m;
}

}  // namespace

TEST_CASE("finding rules: the ids are stable and known") {
    CHECK(finding_rules() ==
          std::vector<std::string>{"diverged", "lr-high", "lr-low", "vanishing", "saturated", "dead", "linear-limit", "overfitting"});
    CHECK(is_finding_rule("lr-high"));
    CHECK_FALSE(is_finding_rule("lr"));
    CHECK(std::string(level_name(Finding::Level::Problem)) == "problem");
}

TEST_CASE("diverged: fires once training stopped on a non-finite value, and alone") {
    const auto t = lesson_run("diverging-lr", "");
    REQUIRE(t->diverged());
    const auto f = findings(*t);
    REQUIRE(f.size() == 1);
    CHECK(f[0].rule == "diverged");
    CHECK(f[0].level == Finding::Level::Problem);
    CHECK(f[0].text.rfind("diverged at step", 0) == 0);
}

TEST_CASE("diverged: silent while the loss stays finite") {
    const auto t = lesson_run("diverging-lr", "lr = 0.03");
    CHECK(findings(*t).empty());
}

TEST_CASE("lr-high: fires when the loss jumps between epochs while steps are large") {
    const auto t = trained("dataset=circle&layers=8,8&activation=tanh&lr=3", 25);
    CAPTURE(all_text(*t));
    const auto found = findings(*t);
    const Finding* f = rule(found, "lr-high");
    REQUIRE(f);
    CHECK(f->level == Finding::Level::Warning);
    CHECK(f->text.find("Try a smaller learning rate (now 3)") != std::string::npos);
    CHECK(loss_trend(*t).rise > 0.1);
}

TEST_CASE("lr-high: silent over tiny weights on a flat loss (xor-hidden without a hidden layer)") {
    const auto t = lesson_run("xor-hidden", "Without a hidden layer");
    REQUIRE(median_of_last(t->diagnostics().update_ratio_series()[0], 20) > 0.1);  // the symptom the old rule reported
    REQUIRE(rms_weight(*t, 0) < 0.05);
    CAPTURE(all_text(*t));
    CHECK_FALSE(fires(*t, "lr-high"));
    CHECK_FALSE(fires(*t, "lr-low"));
}

TEST_CASE("lr-high: silent when a line cannot do better (circle-features with x1, x2 only)") {
    const auto t = lesson_run("circle-features", "Only x1 and x2");
    REQUIRE(t->layer_stats()[0].update_ratio > 0.01);
    CAPTURE(all_text(*t));
    CHECK_FALSE(fires(*t, "lr-high"));
}

TEST_CASE("lr-high: silent on a healthy run, and on noisy steps while the loss falls steadily") {
    const auto healthy = trained("dataset=circle", 100);
    CHECK(findings(*healthy).empty());
    const auto momentum = lesson_run("momentum-adam", "Momentum");
    CHECK(findings(*momentum).empty());
}

TEST_CASE("lr-low: fires when steps are tiny though the gradients are not and the loss stalls") {
    const auto t = trained("dataset=circle&layers=4,2&lr=0.00001", 25);
    CAPTURE(all_text(*t));
    const auto found = findings(*t);
    const Finding* f = rule(found, "lr-low");
    REQUIRE(f);
    CHECK(f->text.find("(now 1e-5)") != std::string::npos);
}

TEST_CASE("lr-low: silent before the loss trend is known, and when training is merely slow") {
    const auto early = trained("dataset=circle&layers=4,2&lr=0.00001", 3);
    CHECK(findings(*early).empty());
    const auto sgd = lesson_run("momentum-adam", "");  // plain SGD at lr 0.01: slow, but its steps are not tiny
    REQUIRE(loss_trend(*sgd).poor);
    CHECK(findings(*sgd).empty());
}

TEST_CASE("vanishing: fires in six sigmoid layers whose loss stays at ln 2") {
    const auto t = lesson_run("vanishing-gradients", "");
    CAPTURE(all_text(*t));
    const auto found = findings(*t);
    const Finding* f = rule(found, "vanishing");
    REQUIRE(f);
    CHECK(f->text.find("than layer 6") != std::string::npos);
    const double factor = 1 / first_last_grad_ratio(t->diagnostics(), 20).value();  // e.g. 2345 is said as "2300 times"
    const double unit = std::pow(10.0, std::floor(std::log10(factor)) - 1);
    CHECK(f->text.find(" " + std::to_string(long(std::round(factor / unit) * unit)) + " times smaller") != std::string::npos);
    CHECK(f->text.find("<= 0.25") != std::string::npos);
    CHECK(f->text.find("Xavier") == std::string::npos);  // the lesson already uses Xavier: not the advice
}

TEST_CASE("vanishing: silent with ReLU, in a deep tanh net that learns, and before it has lasted") {
    CHECK(findings(*lesson_run("vanishing-gradients", "ReLU")).empty());
    CHECK_FALSE(fires(*lesson_run("spiral-depth", ""), "vanishing"));
    const auto early = lesson_run("vanishing-gradients", "", 2);
    const auto r = first_last_grad_ratio(early->diagnostics(), 20);
    REQUIRE((r && *r < 1e-2));  // the gradients are already that small
    CHECK_FALSE(fires(*early, "vanishing"));
}

TEST_CASE("saturated: fires when large initial weights saturate sigmoid units and the loss stalls") {
    const auto t = lesson_run("sigmoid-saturation", "");
    CAPTURE(all_text(*t));
    const auto found = findings(*t);
    const Finding* f = rule(found, "saturated");
    REQUIRE(f);
    CHECK(f->text.find("sigmoid units are saturated") != std::string::npos);
    CHECK(f->text.find("Try smaller initial weights") != std::string::npos);
}

TEST_CASE("saturated: after weights grew under a large learning rate, the advice is about the rate") {
    const auto t = trained("dataset=circle&layers=8,8&activation=tanh&lr=3", 25);
    const auto found = findings(*t);
    const Finding* f = rule(found, "saturated");
    REQUIRE(f);
    CHECK(f->text.find("The weights have grown large") != std::string::npos);
}

TEST_CASE("saturated: silent in spiral-depth at its budget, where the net is doing well") {
    const auto t = lesson_run("spiral-depth", "");
    REQUIRE(max_hidden(*t, &LayerStats::saturated_frac) > 0.5);  // the symptom the old rule reported
    REQUIRE(t->history().back().test_acc > 0.9);
    CAPTURE(all_text(*t));
    CHECK(findings(*t).empty());
}

TEST_CASE("saturated: silent while the loss falls to near 0, however long the units stay saturated") {
    const auto t = trained("dataset=circle&layers=8,8&activation=tanh&lr=1", 100);
    const auto& v = t->diagnostics().saturated_series()[0].values();
    REQUIRE(v.size() >= 20);
    REQUIRE(*std::min_element(v.end() - 20, v.end()) > 0.5f);  // saturated on each of the last 20 steps
    REQUIRE(t->history().back().train_acc > 0.99);
    CAPTURE(all_text(*t));
    CHECK(findings(*t).empty());
}

TEST_CASE("saturated: silent with Xavier initialisation, and before it has lasted") {
    CHECK_FALSE(fires(*lesson_run("sigmoid-saturation", "Xavier initialisation"), "saturated"));
    const auto early = lesson_run("sigmoid-saturation", "", 2);
    REQUIRE(max_hidden(*early, &LayerStats::saturated_frac) > 0.5);
    CHECK(findings(*early).empty());
}

TEST_CASE("dead: fires when a large learning rate has killed the ReLUs and the loss stays at ln 2") {
    const auto t = lesson_run("dying-relu", "");
    CAPTURE(all_text(*t));
    const auto found = findings(*t);
    const Finding* f = rule(found, "dead");
    REQUIRE(f);
    CHECK(f->text.find("ReLUs are dead") != std::string::npos);
}

TEST_CASE("dead: silent with a small learning rate, and when the living units fit the data") {
    CHECK(findings(*lesson_run("dying-relu", "lr = 0.03")).empty());
    const auto t = trained("dataset=circle&layers=16,16&activation=relu&init=he&lr=1.5&seed=3", 20);
    REQUIRE(max_hidden(*t, &LayerStats::dead_frac) > 0.5);
    REQUIRE(t->history().back().train_acc > 0.95);
    CAPTURE(all_text(*t));
    CHECK_FALSE(fires(*t, "dead"));
}

TEST_CASE("linear-limit: fires when a model without a hidden layer has settled at a poor accuracy") {
    for (const char* id : {"xor-hidden", "circle-features"}) {
        const auto t = lesson_run(id, id == std::string("xor-hidden") ? "Without a hidden layer" : "Only x1 and x2");
        CAPTURE(all_text(*t));
        const auto f = findings(*t);
        REQUIRE(f.size() == 1);
        CHECK(f[0].rule == "linear-limit");
        CHECK(f[0].level == Finding::Level::Info);
        CHECK(f[0].text.find("features (x1, x2)") != std::string::npos);
        CHECK(f[0].text.find(percent(t->history().back().train_acc) + " training accuracy") != std::string::npos);
    }
}

TEST_CASE("linear-limit: silent when the features suffice, when steps are too small to settle, and early") {
    CHECK(findings(*lesson_run("circle-features", "")).empty());
    const auto stuck = trained("dataset=xor&layers=&lr=0.00001&seed=3", 30);  // flat because it barely moves
    REQUIRE(loss_trend(*stuck).known);
    CHECK_FALSE(fires(*stuck, "linear-limit"));
    CHECK(findings(*lesson_run("xor-hidden", "Without a hidden layer", 10)).empty());
    const auto mse = trained("dataset=xor&layers=&head=tanh-mse&seed=3", 60);  // tanh + MSE is not convex
    REQUIRE(mse->history().back().train_acc < 0.8);
    CHECK_FALSE(fires(*mse, "linear-limit"));
}

// Overfitting's symptom, measured here from the epoch history: over the last `window` epochs the
// test loss ends above where it started and 10% above its lowest, while the training loss ends below.
bool test_rises_train_falls(const Trainer& t, int window) {
    const auto& h = t.history();
    const EpochRecord& now = h.back();
    const EpochRecord* then = &h.front();
    for (const auto& r : h)
        if (r.epoch <= now.epoch - window) then = &r;
    double lowest = now.test_loss;
    for (const auto& r : h) lowest = std::min(lowest, r.test_loss);
    return now.test_loss > then->test_loss && now.test_loss > 1.1 * lowest && now.train_loss < then->train_loss;
}

const char* const kSpiral4 = "dataset=spiral-k&classes=4&points=200&noise=0.3&train_ratio=0.3&layers=32,32&activation=relu&init=he"
                             "&optimizer=adam&lr=0.01&seed=5";

TEST_CASE("overfitting: fires on a 4-class spiral of 60 training points whose test loss climbs while the training loss falls") {
    for (const int epochs : {60, 300}) {
        const auto t = trained(kSpiral4, epochs);
        REQUIRE(test_rises_train_falls(*t, std::max(kOverfitEpochs, epochs / 5)));
        REQUIRE(t->history().back().test_loss > 2 * t->history().back().train_loss);
        REQUIRE(t->history().back().train_acc - t->history().back().test_acc > 0.3);
        CAPTURE(all_text(*t));
        const auto found = findings(*t);
        const Finding* f = rule(found, "overfitting");
        REQUIRE(f);
        CHECK(f->level == Finding::Level::Warning);
        CHECK(f->text.find("Overfitting: the test loss has risen from its lowest") == 0);
        CHECK(f->text.find("L2 regularisation") != std::string::npos);
    }
}

TEST_CASE("overfitting: silent while both losses fall, before the window, and once the test loss falls again") {
    const auto healthy = trained("", 300);  // the default page, long after its loss has settled
    CAPTURE(all_text(*healthy));
    CHECK_FALSE(fires(*healthy, "overfitting"));
    const auto early = trained(kSpiral4, kOverfitEpochs - 1);
    CHECK_FALSE(fires(*early, "overfitting"));
    // l2-overfitting on its shipped seed at its budget: the test loss is far above its lowest
    // but has been falling again for the last 40 epochs, so "still rising" would be false.
    const auto settling = lesson_run("l2-overfitting", "");
    const auto& h = settling->history();
    REQUIRE(h.back().test_loss > 1.5 * std::min_element(h.begin(), h.end(), [](auto& a, auto& b) { return a.test_loss < b.test_loss; })->test_loss);
    REQUIRE(h.back().test_loss < h[h.size() - 41].test_loss);
    CAPTURE(all_text(*settling));
    CHECK_FALSE(fires(*settling, "overfitting"));
    // spiral-depth on seed 2: the test loss doubles while the training loss goes to 0, but the
    // test accuracy stays at 94% (100% on training): more confident on a few points, not noise.
    const auto confident = trained("dataset=spiral&points=400&noise=0&layers=16,16,16&activation=tanh&optimizer=adam&lr=0.01&seed=2", 200);
    REQUIRE(test_rises_train_falls(*confident, 40));
    REQUIRE(confident->history().back().train_acc - confident->history().back().test_acc < 0.1);
    CAPTURE(all_text(*confident));
    CHECK_FALSE(fires(*confident, "overfitting"));
}

// Every shipped playground lesson and variant at its budget, on the seeds its claims are tested
// on: the overfitting callout speaks only where the story is overfitting (l2-overfitting and
// sharp-flat-minimum without L2, where it is true whenever it fires).
TEST_CASE("overfitting: silent on every shipped lesson where the story is not overfitting") {
    for (const Lesson& l : builtin_lessons()) {
        if (l.view != View::Playground) continue;
        const std::uint32_t own = lesson_config(l).seed;
        for (const std::uint32_t seed : {own, own + 1, own + 2})
            for (int v = -1; v < int(l.variants.size()); ++v) {
                if ((l.id == "l2-overfitting" || l.id == "sharp-flat-minimum") && v == -1) continue;
                LessonRuns runs(l, seed);
                CAPTURE(l.id);
                CAPTURE(v);
                CAPTURE(seed);
                CHECK_MESSAGE(!fires(runs.run(v), "overfitting"), all_text(runs.run(v)));
            }
    }
}

TEST_CASE("findings with a mute list leave those rules out") {
    const auto t = lesson_run("dying-relu", "");
    REQUIRE(fires(*t, "dead"));
    for (const auto& f : findings(*t, {"dead"})) CHECK(f.rule != "dead");
    CHECK(findings(*t, {"lr-high"}).size() == findings(*t).size());
}

TEST_CASE("loss_trend: unknown for the first epochs, then the fall over the recent window") {
    const auto t = trained("dataset=circle", 4);
    CHECK_FALSE(loss_trend(*t).known);
    t->run_epochs(21);  // epoch 25: the window is 5 epochs, from epoch 20
    const LossTrend tr = loss_trend(*t);
    REQUIRE(tr.known);
    const auto& h = t->history();
    CHECK(tr.now == h.back().train_loss);
    CHECK(tr.drop == doctest::Approx((h[20].train_loss - h[25].train_loss) / h[20].train_loss));
    CHECK(tr.poor == (h.back().train_acc < 0.9));
}
