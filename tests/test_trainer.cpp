// Trainer: learns the classic problems, shows the pathologies the playground teaches
// (saturation, dead ReLUs, divergence), keeps training deterministic and reset exact.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "alloc_test_util.h"
#include "settings.h"
#include "trainer.h"

using namespace bp;

namespace {
Config config_from(const char* hash) {
    Config c;
    const auto warnings = apply_hash(c, hash);
    REQUIRE(warnings.empty());
    return c;
}
}  // namespace

TEST_CASE("learns XOR, circle and a 3-arm spiral") {
    struct Case { const char* hash; int epochs; double min_acc; };
    const Case cases[] = {
        {"dataset=xor&layers=8&activation=tanh&optimizer=adam&lr=0.03&points=400&noise=0", 100, 0.95},
        {"dataset=circle&layers=8&activation=tanh&optimizer=adam&lr=0.03&points=400&noise=0", 100, 0.97},
        {"dataset=spiral-k&classes=3&layers=32,32&activation=relu&optimizer=adam&lr=0.01&points=600"
         "&noise=0&batch=16",
         300, 0.9},
    };
    for (const Case& c : cases) {
        CAPTURE(c.hash);
        Trainer t(config_from(c.hash));
        const double start_loss = t.history().front().train_loss;
        t.run_epochs(c.epochs);
        REQUIRE_FALSE(t.diverged());
        CHECK(t.history().back().train_loss < start_loss / 4);
        CHECK(t.history().back().train_acc >= c.min_acc);
        CHECK(t.history().back().test_acc >= c.min_acc - 0.05);
    }
}

TEST_CASE("regression on the plane reaches a small error") {
    Trainer t(config_from("dataset=plane&layers=&optimizer=adam&lr=0.01&noise=0"));
    t.run_epochs(100);
    CHECK(t.history().back().train_loss < 1e-3);
    CHECK_FALSE(t.has_accuracy());
}

TEST_CASE("a deep sigmoid net with large initial weights saturates") {
    Trainer t(config_from("dataset=circle&layers=8,8,8,8,8,8&activation=sigmoid&init=normal&init_scale=4"));
    t.step(5);
    double saturated = 0;
    for (int l = 0; l < 6; ++l) saturated += t.layer_stats()[l].saturated_frac / 6;
    CHECK(saturated >= 0.5);
    Trainer calm(config_from("dataset=circle&layers=8,8,8,8,8,8&activation=sigmoid&init=xavier"));
    calm.step(5);
    for (int l = 0; l < 6; ++l) CHECK(calm.layer_stats()[l].saturated_frac < 0.25);
}

TEST_CASE("gradients vanish through a deep sigmoid net, not through the same net with ReLU") {
    // Each sigmoid layer multiplies the backward signal by sigma' <= 1/4 (times W^T).
    Trainer sig(config_from("dataset=circle&layers=8,8,8,8,8,8&activation=sigmoid&init=xavier"));
    sig.step(5);
    const auto& s = sig.layer_stats();
    CHECK(s[0].grad_norm < s[5].grad_norm / 100);
    Trainer relu(config_from("dataset=circle&layers=8,8,8,8,8,8&activation=relu&init=he"));
    relu.step(5);
    const auto& r = relu.layer_stats();
    CHECK(r[0].grad_norm > r[5].grad_norm / 10);
}

TEST_CASE("ReLU with a too-large learning rate ends up with dead units") {
    Trainer t(config_from("dataset=circle&layers=16,16&activation=relu&init=he&lr=3&optimizer=sgd&clip=10"));
    t.run_epochs(5);
    const auto& s = t.layer_stats();
    CHECK(s[0].dead_frac + s[1].dead_frac >= 0.25);
    Trainer ok(config_from("dataset=circle&layers=16,16&activation=relu&init=he&lr=0.01&optimizer=sgd"));
    ok.run_epochs(5);
    CHECK(ok.layer_stats()[0].dead_frac + ok.layer_stats()[1].dead_frac < s[0].dead_frac + s[1].dead_frac);
}

TEST_CASE("a huge learning rate is reported as diverged, and no NaN gets out") {
    Trainer t(config_from("dataset=plane&layers=8,8&activation=relu&lr=10&optimizer=sgd"));
    t.run_epochs(50);
    REQUIRE(t.diverged());
    CHECK(t.divergence().rfind("diverged at step " + std::to_string(t.diverged_at()), 0) == 0);
    CHECK(t.divergence().find("learning rate 10 is likely too high") != std::string::npos);
    for (const auto& r : t.history()) CHECK(std::isfinite(r.train_loss));
    for (auto& layer : t.model().layers()) CHECK(layer.W.allFinite());
    std::vector<float> grid;
    output_grid(t, 16, grid);
    for (float v : grid) CHECK(std::isfinite(v));
    const long at = t.steps();
    t.step(10);
    CHECK(t.steps() == at);  // paused
}

TEST_CASE("after a divergence the layer stats hold what was last computed, never the zeros of stats never taken") {
    // lr 10 diverges within the first epoch, before anything read the stats (a fast frame).
    Trainer t(config_from("dataset=plane&layers=8,8&activation=relu&lr=10&optimizer=sgd"));
    t.run_epochs(50);
    REQUIRE(t.diverged());
    const auto& s = t.layer_stats();
    for (std::size_t l = 0; l < s.size(); ++l) {
        CAPTURE(l);
        // The weights are the last finite ones (restored): their Frobenius norm summed here by hand.
        const auto& W = t.model().layers()[l].W;
        double sum = 0;
        for (Eigen::Index k = 0; k < W.size(); ++k) sum += double(W.data()[k]) * double(W.data()[k]);
        CHECK(s[l].weight_norm == doctest::Approx(std::sqrt(sum)).epsilon(1e-5));
        CHECK(s[l].weight_norm > 0);
        if (l + 1 < s.size()) CHECK(s[l].activation.hi > s[l].activation.lo);  // from the last finite weights: a range to show
    }
}

TEST_CASE("one seed, one loss history, and reset replays it exactly") {
    const Config c = config_from("dataset=spiral&layers=6,6&activation=tanh&seed=42&batch=7");
    Trainer a(c), b(c);
    a.run_epochs(5);
    b.run_epochs(5);
    REQUIRE(a.history().size() == b.history().size());
    for (std::size_t i = 0; i < a.history().size(); ++i) CHECK(a.history()[i].train_loss == b.history()[i].train_loss);
    const auto first = a.history();
    a.reset();
    a.run_epochs(5);
    for (std::size_t i = 0; i < first.size(); ++i) CHECK(a.history()[i].train_loss == first[i].train_loss);
    Config other = c;
    other.seed = 43;
    Trainer d(other);
    d.run_epochs(1);
    CHECK(d.history()[1].train_loss != first[1].train_loss);
}

TEST_CASE("learning rate and optimizer change in place without resetting the weights") {
    Trainer t(config_from("dataset=circle&layers=4&lr=0.03"));
    t.run_epochs(2);
    const Eigen::MatrixXf W = t.model().layers()[0].W;
    Config c = t.config();
    c.lr = 0.1;
    c.opt.kind = OptimizerKind::Adam;
    t.set_config(c);
    CHECK(t.epoch() == 2);
    CHECK(t.model().layers()[0].W == W);
    c.layers = {5};
    c.activations = {Activation::Tanh};
    t.set_config(c);
    CHECK(t.epoch() == 0);  // a new architecture starts over
    CHECK(t.model().layers()[0].W.rows() == 5);
}

TEST_CASE("grids: output probabilities in [0, 1], one activation row per hidden unit") {
    Trainer t(config_from("dataset=xor&layers=3,2&activation=tanh"));
    std::vector<float> out;
    output_grid(t, 10, out);
    REQUIRE(out.size() == 100);
    for (float v : out) CHECK((v >= 0 && v <= 1));
    std::vector<Eigen::MatrixXf> acts, derivs;
    hidden_grids(t, 8, acts, &derivs);
    REQUIRE(acts.size() == 2);
    CHECK(acts[0].rows() == 3);
    CHECK(acts[1].cols() == 64);
    // tanh' = 1 - a^2 at every grid point.
    CHECK(derivs[0](1, 5) == doctest::Approx(1 - acts[0](1, 5) * acts[0](1, 5)));
}

TEST_CASE("editing the data one point at a time") {
    Trainer t(config_from("dataset=gauss&points=20"));
    t.add_point({1, 1, 1});
    CHECK(t.data().train.size() == 11);
    CHECK(t.erase_near(1, 1, 0.01));
    CHECK(t.data().train.size() == 10);
    t.step(3);
    CHECK(t.steps() == 3);
}

TEST_CASE("after a warm-up epoch a training step allocates nothing (with or without the probe)" *
          doctest::test_suite(BP_MALLOC_COUNT_SUITE)) {
    BP_SKIP_WITHOUT_MALLOC_COUNT();
    // Net B of `bp bench` (250 training points, batch 10: 25 steps an epoch), and variants that
    // exercise the other optimizer, penalty, clipping and loss code paths. The 20 steps stay
    // inside one epoch: an epoch's end appends to the history, which may grow its vector.
    const char* hashes[] = {
        "dataset=circle&points=500&train_ratio=0.5&layers=8,8,8,8,8,8&activation=tanh&batch=10",
        "dataset=circle&points=500&train_ratio=0.5&layers=8,8&activation=relu&batch=10&optimizer=adam&reg=l2"
        "&reg_rate=0.001&clip=1",
        "dataset=spiral-k&classes=3&points=500&train_ratio=0.5&layers=8,8&activation=sigmoid&batch=10"
        "&optimizer=momentum&reg=l1&reg_rate=0.001",
    };
    for (const char* hash : hashes)
        for (int probe_every : {0, 1}) {
            CAPTURE(hash);
            CAPTURE(probe_every);
            Trainer t(config_from(hash));
            t.diagnostics().probe_every = probe_every;
            t.run_epochs(1);
            const long steps = t.steps();
            CHECK(malloc_calls_during([&] { t.step(20); }) == 0);
            CHECK(t.steps() == steps + 20);
            CHECK(t.epoch() == 1);
        }
}

TEST_CASE("stepping stops at stop_epoch, whole epochs do not") {
    Trainer t(config_from("dataset=circle&points=100&batch=10&stop_epoch=3"));
    t.step(1000);  // 5 steps an epoch (50 training points)
    CHECK(t.epoch() == 3);
    CHECK(t.steps() == 15);
    t.run_epochs(2);
    CHECK(t.epoch() == 5);
}

TEST_CASE("a 10000-epoch run keeps at most LossHistory::kCap records, each the real one for its epoch, the last current") {
    // 5 training points and batch 10: one step an epoch. `full` records every epoch from a
    // twin trainer, the independent truth each kept record is compared with.
    const Config c = config_from("dataset=circle&points=10&layers=3&batch=10&seed=5");
    Trainer t(c), twin(c);
    std::vector<EpochRecord> full = {twin.history().back()};
    for (int e = 0; e < 10000; ++e) {
        twin.run_epochs(1);
        full.push_back(twin.history().back());
        CHECK(twin.history().back().epoch == e + 1);
    }
    t.run_epochs(10000);
    const auto& h = t.history();
    CHECK(h.size() <= LossHistory::kCap + 1);
    CHECK(h.size() > LossHistory::kCap / 2);
    CHECK(t.history().stride() == 4);  // thinned at 4096 records (stride 2), again at ~8192 epochs
    CHECK(h.front().epoch == 0);
    CHECK(h.back().epoch == 10000);
    for (std::size_t i = 0; i < h.size(); ++i) {
        CAPTURE(h[i].epoch);
        if (i + 1 < h.size()) CHECK(h[i].epoch % t.history().stride() == 0);
        if (i > 0) CHECK(h[i].epoch > h[i - 1].epoch);
        CHECK(h[i].train_loss == full[std::size_t(h[i].epoch)].train_loss);
        CHECK(h[i].test_acc == full[std::size_t(h[i].epoch)].test_acc);
    }
    t.reset();
    CHECK(t.history().size() == 1);
    CHECK(t.history().stride() == 1);
}

TEST_CASE("clicking 200 points in, one at a time, keeps a bounded number of recorded graphs") {
    // Each click changes the training set's size, so evaluating it (and its last partial
    // batch) needs a graph of a new size: the old ones must not pile up (each holds the
    // tape's buffers for the whole training set).
    Trainer t(config_from("dataset=circle&points=100&layers=8,8&batch=7"));
    std::vector<float> grid;
    std::vector<Trainer::Mat> units;
    for (int i = 0; i < 200; ++i) {
        t.add_point({0.01 * i, -0.02 * i, double(i % 2)});
        t.run_epochs(1);
        output_grid(t, 20, grid);
        hidden_grids(t, 8, units);
    }
    CHECK(t.data().train.size() == 250);
    // full and partial training batch, the training and the test set, the two grids
    CHECK(t.tapes().size() <= 6);
    CHECK(t.history().back().epoch == 200);
}

TEST_CASE("histograms of equal large values, and of Inf and NaN, have a real range and count no NaN (fuzz_csv found UB)") {
    // One value of 582 (a regression output on a batch of one): 582 + 1e-6 rounds back to
    // 582 in float, so the range was empty and every bin index was 0 * inf = NaN cast to int.
    Histogram h;
    const float equal[] = {582, 582, 582};
    h.fill(equal, 3, false);
    CHECK(h.lo == 582);
    CHECK(h.hi > h.lo);
    CHECK(h.counts[0] == 3);
    const float inf = std::numeric_limits<float>::infinity();
    const float odd[] = {1, inf, -inf, std::nanf(""), 2};
    h.fill(odd, 5, false);
    CHECK(h.lo == 1);  // the range of the finite values
    CHECK(h.hi == 2);
    CHECK(h.counts[0] == 2);                      // 1 and -inf
    CHECK(h.counts[Histogram::kBins - 1] == 2);  // 2 and +inf; NaN has no bin
    h.fill(odd + 1, 3, true);  // nothing finite
    CHECK(h.lo == 0);
    CHECK(h.hi == 0);
}

TEST_CASE("regression on one CSV point with label 582: the probe's histograms have a real range (the fuzz_csv case)") {
    const auto data = from_csv("3,4,582\n");
    REQUIRE(data.ok());
    Trainer t;
    t.set_data(data.value());
    t.step(3);
    for (const LayerStats& s : t.layer_stats()) {
        CHECK(s.pre_activation.lo < s.pre_activation.hi);
        CHECK(s.activation.lo < s.activation.hi);
        CHECK(s.gradient.lo < s.gradient.hi);
    }
}

// The steps left in an epoch end it exactly (the playground times the step that ends one apart).
TEST_CASE("steps_left_in_epoch: that many steps end the epoch, one fewer does not") {
    Config c;
    REQUIRE(apply_hash(c, "dataset=circle&points=130&batch=10&seed=2").empty());  // 65 training points: 7 steps an epoch
    Trainer t(c);
    CHECK(t.steps_left_in_epoch() == 7);
    t.step(3);
    CHECK(t.steps_left_in_epoch() == 4);
    t.step(3);
    CHECK(t.epoch() == 0);
    CHECK(t.steps_left_in_epoch() == 1);
    t.step(1);
    CHECK(t.epoch() == 1);
    CHECK(t.steps_left_in_epoch() == 7);
}
