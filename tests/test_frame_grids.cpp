// FrameGrids (the heatmaps a frame recomputes) and the probe's stats taken when read: the
// pictures are the Trainer's own grids bit for bit, of the weights they were started from,
// recomputed only when those changed; the stats are the same whenever they are read.
#include <doctest/doctest.h>

#include <cstring>
#include <vector>

#include "frame_grids.h"
#include "settings.h"
#include "trainer.h"

using namespace bp;

namespace {
Config config_from(const char* hash) {
    Config c;
    REQUIRE(apply_hash(c, hash).empty());
    return c;
}
template <class V>
bool same_bits(const V& a, const V& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), sizeof(a[0]) * a.size()) == 0;
}
std::vector<Eigen::MatrixXf> weights(const Trainer& t) {
    std::vector<Eigen::MatrixXf> w;
    for (const auto& layer : t.model().layers()) w.push_back(layer.W), w.push_back(layer.b);
    return w;
}
const char* kNetB = "dataset=circle&points=500&train_ratio=0.5&layers=8,8,8,8,8,8&activation=tanh&batch=10";
}  // namespace

TEST_CASE("frame grids: net B's output picture every frame while training, none while paused, the Trainer's bits") {
    Trainer t(config_from(kNetB));
    FrameGrids grids(100, 32);
    std::vector<float> out;
    std::vector<int> classes;
    for (int frame = 0; frame < 4; ++frame) {
        t.step(10);
        REQUIRE(grids.update(t).output);  // the whole 100 x 100 grid fits in one frame
        output_grid(t, 100, out, &classes);
        CHECK(same_bits(grids.output().output(), out));
        CHECK(same_bits(grids.output().classes(), classes));
    }
    CHECK(!grids.update(t).output);  // paused (the thumbnails may catch up in this frame)
    for (int frame = 0; frame < 3; ++frame) {  // then nothing changed, nothing computed
        const FrameGrids::Fresh f = grids.update(t);
        CHECK(!f.output);
        CHECK(!f.units);
    }
    Config c = t.config();  // other features, same widths: the same weights mean another picture
    c.features = {Feature::X1Sq, Feature::X2Sq};
    t.set_config(c);
    REQUIRE(grids.update(t).output);
    output_grid(t, 100, out);
    CHECK(same_bits(grids.output().output(), out));
}

TEST_CASE("frame grids: unit thumbnails at most every other frame, each the Trainer's hidden grids") {
    Trainer t(config_from(kNetB));
    FrameGrids grids(100, 32);
    std::vector<Eigen::MatrixXf> units;
    int fresh_frames = 0, last_fresh = -2;
    for (int frame = 0; frame < 8; ++frame) {
        t.step(10);
        const std::vector<Eigen::MatrixXf> before = weights(t);
        if (!grids.update(t).units) continue;
        CHECK(frame - last_fresh >= 2);
        last_fresh = frame;
        ++fresh_frames;
        hidden_grids(t, 32, units);  // computed in this frame: the weights of this frame
        REQUIRE(grids.units().units().size() == units.size());
        for (std::size_t l = 0; l < units.size(); ++l) CHECK(grids.units().units()[l] == units[l]);
        CHECK(weights(t) == before);
    }
    CHECK(fresh_frames == 4);
    t.step(10);
    CHECK(grids.update(t).units);
    t.step(10);
    CHECK(!grids.update(t).units);  // thumbnails one frame old: the next (paused) frame catches up
    CHECK(grids.update(t).units);
    hidden_grids(t, 32, units);
    for (std::size_t l = 0; l < units.size(); ++l) CHECK(grids.units().units()[l] == units[l]);
    CHECK(!grids.update(t).units);
}

TEST_CASE("frame grids: the 8x64 net's picture takes several frames while training, from the weights it started from") {
    const Config c = config_from("layers=64,64,64,64,64,64,64,64");
    Trainer t(c), start(c);
    FrameGrids grids(100, 32);
    std::vector<float> out;
    CHECK(grids.update(t, true, false).output);  // the network's first picture: whole, at once
    // One point through 2-64x8-1: 2*64 + 7*64*64 + 64 = 28,864 multiply-adds; a row of 100 points
    // 2,886,400, more than half of kOutputMacsPerFrame: a slice is one row.
    const long row = 2'886'400;
    REQUIRE(macs_per_point(t.model()) * 100 == row);
    t.step(1);
    const std::vector<Eigen::MatrixXf> first = weights(t);
    int frames = 1;
    for (;;) {
        const FrameGrids::Fresh f = grids.update(t, true, false, true, 3 * row);
        CHECK(f.macs == (frames <= 33 ? 3 * row : row));  // 33 frames of 3 rows, then the last one
        if (f.output) break;
        t.step(1);  // training goes on while the picture is computed
        ++frames;
        REQUIRE(frames <= 200);
    }
    CHECK(frames == 34);
    CHECK(weights(t) != first);
    start.set_weights(first);
    output_grid(start, 100, out);
    CHECK(same_bits(grids.output().output(), out));

    t.step(1);
    CHECK(grids.update(t, true, false, true, 1).macs == row);  // a budget under one slice: still a slice
    t.step(1);
    CHECK(grids.update(t, true, false, false).output);  // paused: completed in this frame, of the current weights
    output_grid(t, 100, out);
    CHECK(same_bits(grids.output().output(), out));

    t.step(1);  // a budget of the whole picture: a new picture every frame, of its own weights
    CHECK(grids.update(t, true, false, true, 100 * row).output);
    output_grid(t, 100, out);
    CHECK(same_bits(grids.output().output(), out));
}

TEST_CASE("frame grids: the budget is a picture every 10 frames where the device affords it, less where it does not") {
    FrameGrids grids(100, 32);
    const Trainer big(config_from("layers=64,64,64,64,64,64,64,64")), b(config_from(kNetB));
    const long big_picture = 100L * 100 * 28'864, b_picture = 100L * 100 * (2 * 8 + 5 * 64 + 8);  // 288.6 M, 3.44 M
    REQUIRE(b_picture == 3'440'000);
    // A fast device (10^8 multiply-adds per ms, 8 ms left): the wanted amount, no more.
    CHECK(grids.budget(big, 1e8, 8) == big_picture / 10);
    CHECK(grids.budget(b, 1e8, 8) == FrameGrids::kOutputMacsPerFrame);  // B's whole picture in one slice
    // A slow one (10^6 per ms): what 2 ms afford; none left: what kMinGridMs affords.
    CHECK(grids.budget(big, 1e6, 2) == 2'000'000);
    CHECK(grids.budget(big, 1e6, -3) == 1'000'000);
    CHECK(grids.budget(b, 1e6, 0.5) == 1'000'000);  // under one slice: update still computes the whole picture

    // Net B's picture on that slow device, 1 M a frame: slices of 16 rows (29 fit; the power of
    // two below), 550,400 multiply-adds each, one a frame: 7 frames, the Trainer's bits.
    Trainer t(config_from(kNetB));
    FrameGrids slow(100, 32);
    CHECK(slow.update(t, true, false).output);  // a network's first picture is whole
    t.step(1);
    std::vector<long> spent;
    for (bool done = false; !done && spent.size() < 20;) {
        const FrameGrids::Fresh f = slow.update(t, true, false, true, 1'000'000);
        spent.push_back(f.macs);
        done = f.output;
    }
    CHECK(spent == std::vector<long>{550'400, 550'400, 550'400, 550'400, 550'400, 550'400, 137'600});
    std::vector<float> out;
    output_grid(t, 100, out);
    CHECK(same_bits(slow.output().output(), out));

    WorkPace pace;  // learns the rate a fifth at a time; ignores frames too short to time
    pace.add(8'000'000, 2);
    CHECK(pace.per_ms == doctest::Approx(2e6 + 0.2 * (4e6 - 2e6)));
    pace.add(0, 3);
    pace.add(1'000'000, 0.01);
    CHECK(pace.per_ms == doctest::Approx(2.4e6));
}

TEST_CASE("the probe's stats are the same whether read after every step or once at the end") {
    for (int probe_every : {1, 3}) {
        CAPTURE(probe_every);
        const Config c = config_from(
            "dataset=spiral&layers=8,8,8&activation=sigmoid&init=normal&init_scale=4&batch=7");
        Trainer often(c), once(c);
        often.diagnostics().probe_every = once.diagnostics().probe_every = probe_every;
        for (int i = 0; i < 40; ++i) {  // crosses epoch ends (dead units) and a partial last batch
            often.step(1);
            (void)often.layer_stats();
            once.step(1);
        }
        const auto& a = often.layer_stats();
        const auto& b = once.layer_stats();
        REQUIRE(a.size() == b.size());
        for (std::size_t l = 0; l < a.size(); ++l) {
            CAPTURE(l);
            for (double LayerStats::*f : {&LayerStats::grad_norm, &LayerStats::grad_mean_abs, &LayerStats::bias_grad_norm,
                                          &LayerStats::act_grad_norm, &LayerStats::weight_norm, &LayerStats::update_ratio,
                                          &LayerStats::act_mean, &LayerStats::act_std, &LayerStats::saturated_frac})
                CHECK(a[l].*f == b[l].*f);
            CHECK(a[l].pre_activation.counts == b[l].pre_activation.counts);
            CHECK(a[l].activation.lo == b[l].activation.lo);
            CHECK(a[l].gradient.counts == b[l].gradient.counts);
            CHECK(a[l].unit_saturated == b[l].unit_saturated);
        }
        CHECK(a[0].grad_norm > 0);
        CHECK(a[0].pre_activation.hi > 0);
    }
}
