// Kept runs (engine/course/kept_runs.h): what is kept reads back as the trainer had it (its
// settings, its loss curve value for value, its weights' text), the settings that differ are
// named, the store stays within its bounds dropping the oldest, a reopened run evaluates to the
// kept run's last loss (the same weights on the same data), and a broken store changes nothing.
#include <doctest/doctest.h>

#include <map>

#include "kept_runs.h"
#include "model_test_util.h"
#include "playground_model.h"
#include "run_io.h"
#include "settings.h"

using namespace bp;

namespace {

using test::config_of;

}  // namespace

TEST_CASE("kept runs: two runs read back as trained, the optimizer named as their difference") {
    Trainer sgd(config_of("dataset=xor&layers=4&seed=2&optimizer=sgd"));
    sgd.run_epochs(30);
    Trainer adam(config_of("dataset=xor&layers=4&seed=2&optimizer=adam"));
    adam.run_epochs(40);
    KeptRuns kept;
    std::vector<int> dropped;
    CHECK(kept.keep(sgd, dropped) == 1);
    CHECK(kept.keep(adam, dropped) == 2);
    CHECK(dropped.empty());

    KeptRuns read;
    REQUIRE_FALSE(read.load(kept.dump()));
    REQUIRE(read.runs().size() == 2);
    const KeptRun& a = read.runs()[0];
    CHECK(a.id == 1);
    CHECK(to_hash(a.config) == to_hash(sgd.config()));
    CHECK(a.epoch == 30);
    REQUIRE(a.curve.size() == sgd.history().size());  // 31 records: none thinned
    for (std::size_t i = 0; i < a.curve.size(); ++i) {
        CHECK(a.curve[i].train_loss == sgd.history()[i].train_loss);
        CHECK(a.curve[i].test_acc == sgd.history()[i].test_acc);
    }
    CHECK(a.weights == weights_to_json(sgd).dump());
    CHECK(a.data_csv.empty());

    const std::vector<const Config*> both = {&read.runs()[0].config, &read.runs()[1].config};
    CHECK(config_differences(both) == std::vector<std::string>{"optimizer: sgd -> adam"});
    CHECK(kept_label(read.runs()[1], both) == "#2 optimizer=adam");
    CHECK(config_differences({&a.config, &a.config}).empty());
    // The next run kept after reading takes the next id.
    CHECK(read.keep(sgd, dropped) == 3);
}

TEST_CASE("kept runs: three learning rates named in the order given, and a long run's curve thinned, first and last kept") {
    Trainer t(config_of("dataset=circle&layers=3&seed=1&lr=0.03"));
    t.run_epochs(1000);
    KeptRuns kept;
    std::vector<int> dropped;
    kept.keep(t, dropped);
    const KeptRun& r = kept.runs()[0];
    CHECK(r.curve.size() == KeptRuns::kCurvePoints);
    CHECK(r.curve.front().epoch == 0);
    CHECK(r.curve.back().epoch == 1000);
    CHECK(r.curve.back().train_loss == t.history().back().train_loss);
    const Config b = config_of("dataset=circle&layers=3&seed=1&lr=0.1"), c = config_of("dataset=circle&layers=3&seed=1&lr=0.3");
    CHECK(config_differences({&r.config, &b, &c}) == std::vector<std::string>{"lr: 0.03 -> 0.1 -> 0.3"});
}

TEST_CASE("kept runs: at most kMaxRuns runs and kMaxChars characters, the oldest dropped first") {
    KeptRuns kept;
    std::vector<int> dropped;
    Trainer small(config_of("dataset=xor&layers=2&seed=1"));
    for (int i = 0; i < int(KeptRuns::kMaxRuns) + 2; ++i) kept.keep(small, dropped);
    CHECK(kept.runs().size() == KeptRuns::kMaxRuns);
    CHECK(dropped == std::vector<int>{1, 2});
    CHECK(kept.runs().front().id == 3);

    // The largest network: each run's weights are about 400 k characters.
    Trainer big(config_of("dataset=spiral&layers=64,64,64,64,64,64,64,64&seed=1"));
    KeptRuns bounded;
    dropped.clear();
    int last = 0;
    while (dropped.empty()) last = bounded.keep(big, dropped);
    CHECK(last > 1);
    CHECK(bounded.dump().size() <= KeptRuns::kMaxChars);
    CHECK(dropped.front() == 1);
    CHECK(bounded.runs().back().id == last);
}

TEST_CASE("kept runs: a reopened run has its settings, its own data and its weights, and evaluates to its last loss") {
    Trainer t(config_of("dataset=xor&layers=5&seed=4&lr=0.1"));
    t.add_point({1.5, -1.5, 1});
    t.run_epochs(25);
    KeptRuns kept;
    std::vector<int> dropped;
    kept.keep(t, dropped);
    const KeptRun& r = kept.runs()[0];
    CHECK_FALSE(r.data_csv.empty());

    Trainer other(config_of("dataset=spiral&layers=8,8&seed=9"));
    other.run_epochs(3);
    REQUIRE_FALSE(reopen_kept(other, r));
    CHECK(to_hash(other.config()) == to_hash(t.config()));
    CHECK(to_csv(other.data()) == to_csv(t.data()));
    CHECK(weights_to_json(other).dump() == weights_to_json(t).dump());
    CHECK(other.epoch() == 0);
    CHECK(other.history().back().train_loss == t.history().back().train_loss);

    // A kept run on generated data drops the data the trainer had edited.
    Trainer plain(config_of("dataset=xor&layers=5&seed=4&lr=0.1"));
    plain.run_epochs(2);
    KeptRuns k2;
    k2.keep(plain, dropped);
    REQUIRE_FALSE(reopen_kept(other, k2.runs()[0]));
    CHECK_FALSE(other.data_edited());
    CHECK(to_csv(other.data()) == to_csv(plain.data()));

    // Weights that do not fit the settings: refused, nothing changed.
    KeptRun broken = r;
    broken.weights = weights_to_json(Trainer(config_of("dataset=xor&layers=3&seed=4"))).dump();
    const std::string before = weights_to_json(other).dump();
    const auto e = reopen_kept(other, broken);
    REQUIRE(e);
    CHECK(e->message.rfind("weights: ", 0) == 0);
    CHECK(weights_to_json(other).dump() == before);
    CHECK(to_hash(other.config()) == to_hash(plain.config()));
}

TEST_CASE("kept runs: a broken store is refused naming the field, and what was kept stays") {
    Trainer t(config_of("dataset=xor&layers=2&seed=1"));
    KeptRuns kept;
    std::vector<int> dropped;
    kept.keep(t, dropped);
    const std::string good = kept.dump();
    CHECK(kept.load("{").has_value());
    CHECK(kept.load(R"({"format": "bp-kept-1", "runs": [{"id": 1, "config": "", "epoch": 0, "curve": [[0, 1, 1]], "weights": ""}]})")->message
          == "runs[0].curve: " + msg("kept.want_field"));
    CHECK(kept.load(R"({"format": "bp-kept-1", "runs": [{"id": 1, "config": "lr=fast", "epoch": 0, "curve": [], "weights": ""}]})")->message.rfind("runs[0].config: lr:", 0) == 0);
    CHECK(kept.load(R"({"format": "other", "runs": []})")->message.rfind("format: ", 0) == 0);
    CHECK(kept.dump() == good);
}

using MemoryHost = test::FakeHost;  // prefs in memory, as localStorage keeps them between page loads

TEST_CASE("model: kept runs outlive the page, compare and reopen, and a task refuses a kept run outside its limits") {
    MemoryHost host;
    {
        PlaygroundModel m(host);
        REQUIRE(m.set_state("dataset=xor&layers=4&optimizer=sgd&seed=2").empty());
        m.step(40);
        CHECK(m.keep_run() == 1);
        REQUIRE(m.set_state("dataset=xor&layers=4&optimizer=adam&seed=2").empty());
        m.step(40);
        CHECK(m.keep_run() == 2);
        CHECK(m.kept_message() == msg("kept.kept", {{"id", "2"}}));
    }
    PlaygroundModel next(host);  // a new page load
    REQUIRE(next.kept().runs().size() == 2);
    CHECK(next.compare_kept({1, 2}).empty());
    CHECK(next.compared() == std::vector<int>{1, 2});
    CHECK(next.compare_kept({1, 7}) == msg("kept.unknown", {{"id", "7"}}));
    CHECK(next.compared() == std::vector<int>{1, 2});  // unchanged
    CHECK(next.compare_kept({1, 2, 1, 2, 1}) == msg("kept.too_many", {{"max", "4"}}));
    CHECK(next.open_kept(1).empty());
    CHECK(next.config().opt.kind == OptimizerKind::Sgd);
    CHECK(next.trainer().epoch() == 0);
    CHECK(next.kept_message() == msg("kept.opened", {{"id", "1"}}));
    CHECK(next.remove_kept(1));
    CHECK(next.compared() == std::vector<int>{2});
    CHECK(PlaygroundModel(host).kept().runs().size() == 1);

    // A task that keeps the optimizer refuses run #2 (adam) and names the setting; nothing changes.
    const std::string task = R"({"id": "keep-sgd", "order": 1, "title": "T", "text": "X", "question": "Why?",
      "config": {"dataset": "xor", "layers": [4], "optimizer": "sgd", "seed": 2}, "epochs": 10,
      "task": {"allow": ["layers"]}, "expect": [{"metric": "test_acc", "min": 0.0}]})";
    REQUIRE(next.load_lesson(task).empty());
    const std::string before = to_hash(next.config());
    const std::string refused = next.open_kept(2);
    CHECK(refused.find("optimizer") != std::string::npos);
    CHECK(to_hash(next.config()) == before);

    // A store the page cannot read is set aside, not overwritten, and said.
    MemoryHost broken;
    broken.prefs["kept-runs"] = "{\"format\": \"bp-kept-1\"";
    PlaygroundModel b(broken);
    CHECK(b.kept().runs().empty());
    CHECK(b.kept_message().rfind(msg("kept.store_broken", {{"problem", ""}}).substr(0, 20), 0) == 0);
    CHECK(broken.prefs["kept-runs.unreadable"] == "{\"format\": \"bp-kept-1\"");
}

TEST_CASE("kept runs: a run whose settings changed while it trained says so in its label, read back too") {
    Trainer t(config_of("dataset=xor&layers=3&seed=1&lr=0.03"));
    t.run_epochs(5);
    Config c = t.config();
    c.lr = 0.3;
    t.set_config(c);  // the run goes on with it
    t.run_epochs(5);
    Trainer fresh(config_of("dataset=xor&layers=3&seed=1&lr=0.03"));
    fresh.run_epochs(10);
    KeptRuns kept;
    std::vector<int> dropped;
    kept.keep(t, dropped);
    kept.keep(fresh, dropped);
    KeptRuns read;
    REQUIRE_FALSE(read.load(kept.dump()));
    CHECK(read.runs()[0].edited);
    CHECK_FALSE(read.runs()[1].edited);
    const KeptComparison c2 = compare_kept_runs(read, {1, 2});
    CHECK(c2.labels == std::vector<std::string>{"#1 lr=0.3 *", "#2 lr=0.03"});
    CHECK(c2.differences == std::vector<std::string>{"lr: 0.3 -> 0.03"});
}
