// The loss landscape and the race (issue 29): a slice's losses are the Trainer's own training
// loss bit for bit (centre and other points), its directions are what they claim (filter norms,
// orthonormal principal directions), the lr line is a real SGD step, race runs train the bits
// their configs train alone, bad input is refused by name, and nothing here changes the run.
#include <doctest/doctest.h>

#include <Eigen/SVD>
#include <cmath>
#include <cstring>
#include <limits>

#include "landscape.h"
#include "lesson.h"
#include "race.h"
#include "settings.h"
#include "trainer.h"

using namespace bp;

namespace {
Config config_from(const std::string& hash) {
    Config c;
    REQUIRE(apply_hash(c, hash).empty());
    return c;
}
bool same(const Params& a, const Params& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].rows() != b[i].rows() || a[i].cols() != b[i].cols() ||
            std::memcmp(a[i].data(), b[i].data(), sizeof(float) * std::size_t(a[i].size())) != 0)
            return false;
    return true;
}
bool same_history(const Trainer& a, const Trainer& b) {
    if (a.history().size() != b.history().size()) return false;
    for (std::size_t i = 0; i < a.history().size(); ++i)
        if (std::memcmp(&a.history()[i].train_loss, &b.history()[i].train_loss, sizeof(double)) != 0 ||
            std::memcmp(&a.history()[i].test_loss, &b.history()[i].test_loss, sizeof(double)) != 0)
            return false;
    return true;
}
// theta + a d1 + b d2 element by element, written out apart from combine().
Params by_hand(const Params& theta, const Params& d1, const Params& d2, float a, float b) {
    Params out = theta;
    for (std::size_t k = 0; k < theta.size(); ++k)
        for (Eigen::Index i = 0; i < theta[k].size(); ++i) {
            float w = theta[k].data()[i] + a * d1[k].data()[i];
            out[k].data()[i] = w + b * d2[k].data()[i];
        }
    return out;
}
constexpr long kAll = std::numeric_limits<long>::max();
const char* kSpiral = "dataset=spiral&layers=8,8,8,8,8,8&activation=tanh";
const char* kPlane = "dataset=plane&layers=4&optimizer=adam&lr=0.01";
}  // namespace

TEST_CASE("landscape: the slice's centre is the Trainer's training loss bit for bit") {
    for (const std::string& hash : {std::string(""), std::string(kSpiral), std::string(kPlane)}) {
        CAPTURE(hash);
        Trainer t(config_from(hash));
        t.run_epochs(4);
        LandscapeSettings s;
        s.resolution = 5;
        LandscapeSlice slice;
        slice.begin(t, s, PathRecorder());
        slice.advance(kAll);
        REQUIRE(slice.complete());
        const double truth = t.evaluate().train_loss, centre = slice.centre_loss();
        CHECK(std::memcmp(&truth, &centre, sizeof(double)) == 0);
        CHECK(slice.a()[2] == 0.0f);
        CHECK(slice.loss_at(2, 2) == truth);  // the grid's middle point too
        CHECK(slice.min_loss() <= truth);
        CHECK(slice.max_loss() >= truth);
    }
}

TEST_CASE("landscape: a grid point is the training loss of a Trainer given theta + a d1 + b d2") {
    for (const std::string& hash : {std::string(""), std::string(kSpiral)}) {
        CAPTURE(hash);
        Trainer t(config_from(hash));
        t.run_epochs(3);
        LandscapeSettings s;
        s.resolution = 7;
        s.range = 0.8;
        LandscapeSlice slice;
        slice.begin(t, s, PathRecorder());
        slice.advance(kAll);
        const Params theta = params_of(t.model());
        const Directions& d = slice.directions();
        for (const std::pair<int, int>& ij : {std::pair{0, 0}, std::pair{4, 1}, std::pair{6, 5}}) {
            const int i = ij.first, j = ij.second;  // not a structured binding: clang-14 cannot capture one
            CAPTURE(i);
            CAPTURE(j);
            const float a = slice.a()[std::size_t(i)], b = slice.b()[std::size_t(j)];
            CHECK(a == float(0.8 * (2 * i - 6) / 6));
            const Params w = combine(theta, d.d1, d.d2, a, b);
            CHECK(same(w, by_hand(theta, d.d1, d.d2, a, b)));
            Trainer other(t.config());
            other.set_weights(w);
            const double truth = other.evaluate().train_loss;
            CHECK(std::memcmp(&truth, &slice.loss()[std::size_t(j * 7 + i)], sizeof(double)) == 0);
            CHECK(truth != slice.centre_loss());  // a point elsewhere, not the centre again
        }
    }
}

TEST_CASE("landscape: filter-normalized directions have theta's norm in every unit, a zero unit stays zero") {
    Trainer t(config_from(kSpiral));
    t.run_epochs(2);
    Params theta = params_of(t.model());
    theta[2].row(3).setZero();  // layer 1, unit 3: weights and bias 0
    theta[3](3, 0) = 0;
    const Directions d = filter_random_directions(theta, 7);
    CHECK(d.kind == DirectionKind::FilterRandom);
    CHECK(d.fallback.empty());
    CHECK_FALSE(same(d.d1, d.d2));
    CHECK(same(d.d1, filter_random_directions(theta, 7).d1));  // from the seed alone
    CHECK_FALSE(same(d.d1, filter_random_directions(theta, 7, 1).d1));  // another draw
    for (const Params* dir : {&d.d1, &d.d2})
        for (std::size_t l = 0; l < theta.size(); l += 2)
            for (Eigen::Index i = 0; i < theta[l].rows(); ++i) {
                const auto unit_norm = [&](const Params& p) {
                    return std::sqrt(p[l].row(i).cast<double>().squaredNorm() + double(p[l + 1](i, 0)) * p[l + 1](i, 0));
                };
                const double want = unit_norm(theta), got = unit_norm(*dir);
                CAPTURE(l);
                CAPTURE(i);
                if (want == 0) CHECK(got == 0);
                else CHECK(std::fabs(got - want) <= 1e-5 * want);
            }
}

TEST_CASE("landscape: the path's principal directions are orthonormal, the path ends at the centre") {
    Trainer t(config_from(""));
    PathRecorder path;
    path.observe(t);
    for (int e = 0; e < 60; ++e) {
        t.run_epochs(1);
        path.observe(t);
    }
    REQUIRE(path.points().size() == 61);  // one an epoch, the start first
    CHECK(same(path.points().front().weights, t.weights().initial()));
    const Params theta = params_of(t.model());
    const Directions d = path_directions(path.snapshots(), theta, 1);
    REQUIRE(d.kind == DirectionKind::PathPca);
    CHECK(d.orthonormal);
    const Eigen::VectorXd d1 = flatten(d.d1), d2 = flatten(d.d2);
    CHECK(std::fabs(d1.norm() - 1) < 1e-6);
    CHECK(std::fabs(d2.norm() - 1) < 1e-6);
    CHECK(std::fabs(d1.dot(d2)) < 1e-6);
    // Truth apart from the Gram matrix: the top right singular vectors of the snapshots - theta.
    Eigen::MatrixXd X(Eigen::Index(path.points().size()), d1.size());
    for (std::size_t k = 0; k < path.points().size(); ++k)
        X.row(Eigen::Index(k)) = (flatten(path.points()[k].weights) - flatten(theta)).transpose();
    const Eigen::JacobiSVD<Eigen::MatrixXd> svd(X, Eigen::ComputeThinV);
    CHECK(std::fabs(std::fabs(svd.matrixV().col(0).dot(d1)) - 1) < 1e-4);
    CHECK(std::fabs(std::fabs(svd.matrixV().col(1).dot(d2)) - 1) < 1e-4);

    LandscapeSettings s;
    s.kind = DirectionKind::PathPca;
    s.resolution = 3;
    LandscapeSlice slice;
    slice.begin(t, s, path);
    slice.advance(kAll);
    REQUIRE(slice.directions().kind == DirectionKind::PathPca);
    const auto projected = slice.project(path);
    REQUIRE(projected.size() == 61);  // the last snapshot is the current point
    CHECK(projected.back().a == 0);
    CHECK(projected.back().b == 0);
    CHECK(projected.back().loss == slice.centre_loss());
    const double start_distance = (flatten(path.points().front().weights) - flatten(theta)).norm();
    CHECK(std::hypot(projected.front().a, projected.front().b) > 0.5 * start_distance);
    CHECK(projected.front().a < 0);  // signed: the path runs towards +a
    CHECK(projected.front().loss > projected.back().loss);
}

TEST_CASE("landscape: a path too short falls back to random directions with a message") {
    Trainer t(config_from(""));
    PathRecorder path;
    path.observe(t);
    t.run_epochs(1);
    path.observe(t);
    const Directions d = path_directions(path.snapshots(), params_of(t.model()), 1);
    CHECK(d.kind == DirectionKind::FilterRandom);
    CHECK_FALSE(d.fallback.empty());
    CHECK(same(d.d1, filter_random_directions(params_of(t.model()), 1).d1));
}

TEST_CASE("landscape: the path is bounded, thinned, and starts again with a restarted run") {
    Trainer t(config_from("dataset=spiral&points=20&layers=4"));  // 10 training points: one step an epoch
    PathRecorder path;
    for (int e = 0; e < 500; ++e) {
        t.run_epochs(1);
        path.observe(t);
    }
    CHECK(path.points().size() <= PathRecorder::kCap);
    CHECK(path.points().size() >= PathRecorder::kCap / 2);
    CHECK(path.interval() == 4);
    CHECK(path.points().front().step == 0);
    t.reset();
    t.run_epochs(3);
    path.observe(t);
    CHECK(path.points().size() == 2);  // the start, then now
    CHECK(path.points().back().step == 3);
}

TEST_CASE("landscape: the lr line at the run's rate is the loss after one full-batch SGD step, exactly") {
    // At a large rate a gradient summed in another order (1 ulp apart) moves the weights apart.
    const std::string spiral = std::string(kSpiral) + "&";
    for (const std::string& extra : {std::string("lr=0.3"), std::string("lr=0.3&reg=l2&reg_rate=0.01"),
                                     std::string("lr=0.3&clip=0.05"), std::string("lr=8&reg=l1"), spiral + "lr=0.3",
                                     spiral + "lr=10"}) {
        CAPTURE(extra);
        const std::string hash = "optimizer=sgd&batch=150&" + extra;
        Trainer trained(config_from(hash));
        trained.run_epochs(5);
        Trainer t(config_from(hash)), twin(config_from(hash));
        REQUIRE(t.data().train.size() == 150);
        t.set_weights(params_of(trained.model()));
        twin.set_weights(params_of(trained.model()));
        const LrLine line = lr_line(t);
        CHECK(line.etas.size() == (t.config().lr == 10 ? 41u : 42u));  // 41 rates, and the run's unless among them
        CHECK(line.etas.front() == doctest::Approx(1e-4));
        CHECK(line.etas.back() == doctest::Approx(10));
        CHECK(line.lr == t.config().lr);
        CHECK(line.loss0 == t.history().back().train_loss);
        t.step(1);  // one epoch: the whole set as one batch
        REQUIRE(t.epoch() == 1);
        const double truth = t.history().back().train_loss;
        CHECK(std::memcmp(&truth, &line.loss_at_lr, sizeof(double)) == 0);
        if (t.config().lr < 1) CHECK(line.best_eta >= t.config().lr);  // the run's step lowers the loss
        twin.step(1);  // the line changed nothing of t
        CHECK(same(params_of(t.model()), params_of(twin.model())));
    }
}

TEST_CASE("landscape: computing a slice, a path and an lr line changes nothing of the run") {
    Trainer t(config_from(kSpiral)), twin(config_from(kSpiral));
    t.run_epochs(2);
    twin.run_epochs(2);
    t.step(3);  // mid-epoch
    twin.step(3);
    PathRecorder path;
    path.observe(t);
    LandscapeSettings s;
    s.resolution = 9;
    s.range = 0.2;  // stale once the weights moved 1% of their norm (filter-normalized: ||d1|| = ||theta||)
    LandscapeSlice slice;
    slice.begin(t, s, path);
    slice.advance(kAll);
    lr_line(t);
    CHECK_FALSE(slice.stale(t));
    for (int i = 0; i < 4; ++i) {
        t.run_epochs(1);
        twin.run_epochs(1);
    }
    CHECK(same(params_of(t.model()), params_of(twin.model())));
    CHECK(same_history(t, twin));
    CHECK(slice.stale(t));  // four epochs moved the weights
}

TEST_CASE("landscape: advancing in small budgets gives the same grid bits as one big advance") {
    Trainer t(config_from(""));
    t.run_epochs(3);
    LandscapeSettings s;
    s.resolution = 11;
    LandscapeSlice whole, pieces;
    whole.begin(t, s, PathRecorder());
    pieces.begin(t, s, PathRecorder());
    CHECK(whole.advance(kAll) == 122 * whole.macs_per_point());  // the centre, then 121 points
    int calls = 0;
    while (!pieces.complete()) {
        const long spent = pieces.advance(3 * pieces.macs_per_point());
        CHECK(spent <= 3 * pieces.macs_per_point());
        CHECK(spent > 0);
        ++calls;
    }
    CHECK(calls == 41);
    CHECK(std::memcmp(whole.loss().data(), pieces.loss().data(), sizeof(double) * whole.loss().size()) == 0);
    CHECK(pieces.progress() == 1);
    CHECK(pieces.advance(kAll) == 0);
}

TEST_CASE("landscape: bad settings are refused by name and change nothing") {
    struct Bad { const char* key; const char* value; const char* named; };
    const Bad bad[] = {{"range", "0", "range"},        {"range", "-1", "range"},   {"range", "nan", "range"},
                       {"range", "101", "range"},      {"range", "inf", "range"},  {"resolution", "1", "resolution"},
                       {"resolution", "103", "resolution"}, {"resolution", "40", "odd"}, {"resolution", "5.5", "resolution"},
                       {"direction", "pca", "random, path"}};
    for (const Bad& b : bad) {
        CAPTURE(b.key);
        CAPTURE(b.value);
        LandscapeSettings s;
        s.range = 2;
        const auto warnings = apply_landscape_settings(s, {{b.key, b.value}});
        REQUIRE(warnings.size() == 1);
        CHECK(warnings[0].find(b.named) != std::string::npos);
        CHECK(warnings[0].find(b.key) != std::string::npos);
        CHECK(s.range == 2);
        CHECK(s.resolution == 41);
        CHECK(s.kind == DirectionKind::FilterRandom);
    }
    LandscapeSettings s;
    CHECK(apply_landscape_settings(s, {{"range", "0.25"}, {"resolution", "101"}, {"direction", "path"}}).empty());
    CHECK(s.range == 0.25);
    CHECK(s.resolution == 101);
    CHECK(s.kind == DirectionKind::PathPca);
    s.range = std::numeric_limits<double>::quiet_NaN();
    s.resolution = 2;
    CHECK(validate(s).size() == 2);
    CHECK(s.range == 1.0);
    CHECK(s.resolution == 41);
}

TEST_CASE("race: each run trains the bits its config trains alone from the same start") {
    Trainer base(config_from(""));
    base.run_epochs(2);  // the race starts from base's start, not from where it is
    Config adam = base.config(), momentum = base.config(), big = base.config();
    adam.opt.kind = OptimizerKind::Adam;
    adam.lr = 0.01;
    momentum.opt.kind = OptimizerKind::Momentum;
    momentum.batch = 5;
    big.batch = 150;
    big.lr = 0.3;
    Race race;
    REQUIRE(race.start(base, {adam, momentum, big}) == "");
    REQUIRE(race.size() == 3);
    for (int k = 0; k < 40; ++k) race.step(97);
    for (int i = 0; i < race.size(); ++i) {
        CAPTURE(i);
        const Trainer& r = race.trainer(i);
        CHECK(r.examples_seen() >= 40 * 97 / 3 - 150);  // in lockstep
        Trainer alone(race.config(i));
        alone.set_weights(base.weights().initial());
        alone.step(int(r.steps()));
        CHECK(same(params_of(alone.model()), params_of(r.model())));
        CHECK(same_history(alone, r));
        CHECK(race.history(i).size() == r.history().size());
        CHECK(same(race.path(i).points().front().weights, base.weights().initial()));
        CHECK(race.path(i).points().size() >= 5);
    }
    const Directions d = race.directions();
    REQUIRE(d.kind == DirectionKind::PathPca);
    const auto paths = race.projected(d);
    REQUIRE(paths.size() == 3);
    for (const auto& p : paths) {
        CHECK(std::hypot(p.front().a, p.front().b) < 1e-6);  // all from the common start
        CHECK(std::hypot(p.back().a, p.back().b) > 0.1);
    }
}

TEST_CASE("race: 1 or 5 runs, a bad setting or another network are refused by name, nothing changed") {
    Trainer base(config_from(""));
    Config ok = base.config(), bad_lr = base.config(), wider = base.config(), other_seed = base.config();
    bad_lr.lr = -1;
    wider.layers = {8, 2};
    other_seed.seed = 9;
    Race race;
    REQUIRE(race.start(base, {ok, ok}) == "");
    race.step(50);
    const long seen = race.trainer(0).examples_seen();
    const std::string one = race.start(base, {ok});
    CHECK(one.find("1") != std::string::npos);
    CHECK(one.find("2") != std::string::npos);
    CHECK(one.find("4") != std::string::npos);
    CHECK(race.start(base, {ok, ok, ok, ok, ok}).find("5") != std::string::npos);
    const std::string lr = race.start(base, {ok, bad_lr});
    CHECK(lr.find("lr") != std::string::npos);
    CHECK(lr.find("2") != std::string::npos);  // the run named
    CHECK(race.start(base, {wider, ok}).find("layers") != std::string::npos);
    CHECK(race.start(base, {ok, other_seed}).find("seed") != std::string::npos);
    CHECK(race.size() == 2);
    CHECK(race.trainer(0).examples_seen() == seen);
}

// The lesson metrics that read the Landscape tab (lesson.cpp), recomputed here from separate
// Trainers: slice_rise is the mean over the default 41 x 41 slice of (loss there - loss at the
// weights), each loss a Trainer's own evaluation; lr_best is the largest rate of the line whose
// one full-batch SGD step, taken by a Trainer, lowers the loss.
TEST_CASE("lesson metrics slice_rise and lr_best: the slice's mean rise and the line's largest falling rate, by other Trainers") {
    const Config c = config_from("dataset=xor&points=60&layers=3&seed=4");
    Trainer t(c);
    t.run_epochs(5);
    const Params theta = params_of(t.model());
    const Directions d = filter_random_directions(theta, c.seed);
    const LandscapeSettings s;
    const double centre = t.evaluate().train_loss;
    double sum = 0;
    Trainer other(c);
    for (int j = 0; j < s.resolution; ++j)
        for (int i = 0; i < s.resolution; ++i) {
            const auto at = [&](int k) { return float(s.range * (2 * k - (s.resolution - 1)) / (s.resolution - 1)); };
            other.set_weights(combine(theta, d.d1, d.d2, at(i), at(j)));
            sum += other.evaluate().train_loss - centre;
        }
    const auto rise = lesson_metric(t, "slice_rise");
    REQUIRE(rise.ok());
    CHECK(rise.value() == doctest::Approx(sum / (s.resolution * s.resolution)).epsilon(1e-12));
    CHECK(rise.value() > 0);

    Trainer start(c);  // the line is read at the run's start weights
    const double loss0 = start.evaluate().train_loss;
    double best = 0;
    for (double eta : lr_line_etas()) {
        Config one = c;  // plain SGD already
        one.lr = eta;
        one.batch = 2000;  // the whole training set, one step
        Trainer step(one);
        step.set_weights(t.weights().initial());
        step.step(1);
        if (step.evaluate().train_loss < loss0) best = eta;
    }
    const auto lr_best = lesson_metric(t, "lr_best");
    REQUIRE(lr_best.ok());
    CHECK(lr_best.value() == best);
    CHECK(best > 0);
}

// A slice begun around given weights (a race's surface: the paths' plane, centred between them):
// its centre is those weights' loss and a grid point is a separate Trainer's loss at
// centre + a d1 + b d2, bit for bit; t's own weights play no part.
TEST_CASE("a slice around given weights: centre and grid points are other Trainers' losses there") {
    const Config c = config_from("dataset=circle&points=80&layers=4&seed=6");
    Trainer t(c);
    t.run_epochs(2);
    Trainer elsewhere(c);
    elsewhere.run_epochs(9);
    const Params centre = params_of(elsewhere.model());
    REQUIRE_FALSE(same(centre, params_of(t.model())));
    const Directions d = filter_random_directions(centre, 3);
    LandscapeSettings s;
    s.resolution = 5;
    s.range = 0.5;
    LandscapeSlice slice;
    slice.begin(t, centre, s, d);
    slice.advance(std::numeric_limits<long>::max());
    CHECK(same(slice.centre(), centre));
    const double truth_centre = elsewhere.evaluate().train_loss;
    CHECK(std::memcmp(&truth_centre, &slice.loss()[12], sizeof(double)) == 0);  // (2, 2): a = b = 0
    Trainer other(c);
    for (int k : {0, 7, 19, 24}) {
        CAPTURE(k);
        other.set_weights(combine(centre, d.d1, d.d2, slice.a()[std::size_t(k % 5)], slice.b()[std::size_t(k / 5)]));
        const double truth = other.evaluate().train_loss;
        CHECK(std::memcmp(&truth, &slice.loss()[std::size_t(k)], sizeof(double)) == 0);
    }
}

// What the tab says of the line's largest falling rate is true of the line it describes.
TEST_CASE("lr_best_key: a rise past the mark, no rise within the line's reach, or no rate that lowers the loss") {
    LrLine line;
    line.etas = {0.01, 0.1, 1, 10};
    line.best_eta = 0.1;
    CHECK(std::string(lr_best_key(line)) == "landscape.lr_best_some");
    line.best_eta = 10;
    CHECK(std::string(lr_best_key(line)) == "landscape.lr_best_last");
    line.best_eta = 0;
    CHECK(std::string(lr_best_key(line)) == "landscape.lr_best_none");
    // A real line: from the plane's start weights a step of rate 10 overshoots its bowl.
    Config c;
    REQUIRE(apply_hash(c, "dataset=plane&layers=&lr=0.03&seed=1").empty());
    Trainer t(c);
    const LrLine start = lr_line(t);
    CHECK(std::string(lr_best_key(start)) == "landscape.lr_best_some");
    CHECK(start.best_eta < start.etas.back());
}
