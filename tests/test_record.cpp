// Run records (engine/course/record.h): a record made from a run and replayed from its text
// alone gives back every loss and accuracy value of the history, bit for bit, and the same
// weights; the truth is the original Trainer's own history and weights, compared here directly
// (memcmp of the doubles, the weights' JSON text), not through verify_record's comparisons.
// Then: one value changed in its last printed digit fails naming its epoch; a record of another
// build is refused naming both; the reader refuses bad fields by name; exporting changes nothing.
#include <doctest/doctest.h>

#include <cstring>
#include <map>

#include "build_id.h"
#include "class_room.h"
#include "model_test_util.h"
#include "playground_model.h"
#include "record.h"
#include "run_io.h"
#include "sha256.h"

using namespace bp;

namespace {

using test::config_of;

// Trains in uneven slices, as frames do (the replay trains in its own slices).
void train_slices(Trainer& t, long steps) {
    for (long done = 0, k = 0; done < steps; ++k) {
        const long n = std::min(steps - done, 3 + (k * 7) % 11);
        t.step(int(n));
        done += n;
    }
}

bool same_history(const LossHistory& a, const LossHistory& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const double x[] = {a[i].train_loss, a[i].test_loss, a[i].train_acc, a[i].test_acc};
        const double y[] = {b[i].train_loss, b[i].test_loss, b[i].train_acc, b[i].test_acc};
        if (a[i].epoch != b[i].epoch || std::memcmp(x, y, sizeof x) != 0) return false;
    }
    return true;
}

// The record of `t` replays from its text to t's history and weights, and verifies.
void check_replays(const Trainer& t, const RecordContext& context = {}) {
    const std::string text = make_record(t, context).dump(1);
    auto record = parse_record(text);
    REQUIRE_MESSAGE(record.ok(), (record.ok() ? "" : record.error().message));
    auto replayed = replay_record(record.value());
    REQUIRE(replayed.ok());
    CHECK(replayed.value()->steps() == t.steps());
    CHECK(same_history(replayed.value()->history(), t.history()));
    CHECK(weights_to_json(*replayed.value()).dump() == weights_to_json(t).dump());
    const Verdict v = verify_record_text(text);
    CHECK_MESSAGE(v.code == Verdict::Code::Verified, v.reason);
    CHECK(v.notes.empty());
}

const char* kThreeClassCsv =
    "x1,x2,label,split\n-2,-2,0,train\n-2.5,-1,0,train\n-1,-2.5,0,test\n2,2,1,train\n2.5,1,1,train\n1,2.5,1,test\n"
    "-2,2,2,train\n-2.5,1.5,2,train\n-1,2.5,2,test\n0.1,0.2,0,train\n";

}  // namespace

TEST_CASE("record: each optimizer's run replays to the same bits") {
    for (const char* opt : {"sgd", "momentum", "nesterov", "rmsprop", "adagrad", "adam", "adamw"}) {
        CAPTURE(opt);
        Trainer t(config_of(std::string("dataset=spiral&layers=6,4&lr=0.01&seed=5&optimizer=") + opt));
        train_slices(t, 157);  // ends inside an epoch
        check_replays(t);
    }
}

TEST_CASE("record: an imported CSV, user-added and erased points and edits while training replay") {
    Trainer t(config_of("dataset=xor&layers=5&seed=9&lr=0.1"));
    auto csv = from_csv(kThreeClassCsv);
    REQUIRE(csv.ok());
    t.set_data(csv.value());  // a new head (3 classes): the run starts again on it
    train_slices(t, 40);
    t.add_point({1.5, -1.5, 2});
    train_slices(t, 33);
    CHECK(t.erase_near(2, 2, 0.4));
    Config c = t.config();
    c.lr = 0.03, c.opt.kind = OptimizerKind::Adam, c.batch = 3;
    t.set_config(c);
    train_slices(t, 25);
    REQUIRE(t.run_log().edits.size() == 3);
    REQUIRE(t.run_log().data);
    check_replays(t);
}

TEST_CASE("record: points added to a generated set, loaded weights, a regression and a divergence replay") {
    Trainer added(config_of("dataset=circle&seed=3"));
    added.add_point({0.5, 0.5, 1});  // before the first step: the run restarts on the edited data
    train_slices(added, 60);
    added.add_point({-4, 4, 0});
    train_slices(added, 60);
    check_replays(added);

    Trainer loaded(config_of("dataset=gauss&layers=3&seed=4"));
    train_slices(loaded, 50);
    const std::string weights = weights_to_json(loaded).dump();
    Trainer from_file(config_of("dataset=gauss&layers=3&seed=4"));
    REQUIRE(!load_weights(from_file, weights));
    train_slices(from_file, 70);
    check_replays(from_file);

    Trainer sine(config_of("dataset=sine&layers=8&seed=2"));
    train_slices(sine, 90);
    check_replays(sine);

    Trainer diverged(config_of("dataset=plane&layers=&lr=1&seed=1"));
    train_slices(diverged, 400);
    REQUIRE(diverged.diverged());
    check_replays(diverged);
}

TEST_CASE("record: a lesson variant's record carries its file's SHA-256 and its checks replay") {
    const Lesson* lesson = find_lesson("momentum-adam");
    REQUIRE(lesson);
    Trainer t(lesson_config(*lesson, 1));
    t.run_epochs(lesson->epochs);
    LessonRuns others(*lesson, t.config().seed);
    RecordContext context;
    context.lesson = RecordLesson{lesson->id, 1, builtin_lesson_sha256(lesson->id)};
    context.checks = evaluate_checks(*lesson, 1, t, &others);
    REQUIRE(!context.checks.empty());
    std::string file;  // the lesson's file as shipped
    for (const LessonFile& f : builtin_lesson_files())
        if (f.name == "momentum-adam.json") file = std::string(f.text);
    CHECK(context.lesson->sha256 == sha256_hex(file));
    check_replays(t, context);

    // A check's outcome edited by hand fails naming the check.
    Json j = make_record(t, context);
    Json checks = *j.find("checks");
    Json first = checks.items()[0];
    first.set("passed", !first.find("passed")->as_bool());
    Json edited = Json::array();
    edited.push(first);
    for (std::size_t i = 1; i < checks.items().size(); ++i) edited.push(checks.items()[i]);
    j.set("checks", edited);
    const Verdict v = verify_record_text(j.dump());
    CHECK(v.code == Verdict::Code::Differs);
    CHECK(v.reason.rfind("check " + context.checks[0].check.metric + ":", 0) == 0);
}

TEST_CASE("record: one loss value changed in its last digit fails naming the epoch and both values") {
    Trainer t(config_of("dataset=circle&layers=4,2&seed=1"));
    t.run_epochs(60);
    Json j = make_record(t, {});
    Json history = *j.find("history");
    Json entry = history.items()[37];
    const double v = entry.find("train_loss")->as_number();
    // the last printed digit moved by as little as makes another double (17 digits may need 2)
    std::string text = format_number(v);
    double changed = v;
    for (int delta = 1; delta < 10 && changed == v; ++delta) {
        text = format_number(v);
        text.back() = char('0' + (text.back() - '0' + delta) % 10);
        changed = std::strtod(text.c_str(), nullptr);
    }
    REQUIRE(changed != v);
    entry.set("train_loss", changed);
    Json edited = Json::array();
    for (std::size_t i = 0; i < history.items().size(); ++i) edited.push(i == 37 ? entry : history.items()[i]);
    j.set("history", edited);
    const Verdict verdict = verify_record_text(j.dump(1));
    CHECK(verdict.code == Verdict::Code::Differs);
    CHECK(verdict.reason == "epoch 37: train_loss " + format_number(changed) + " recorded, " + format_number(v) + " replayed");
}

TEST_CASE("record: weights, steps and build id that differ are named") {
    Trainer t(config_of("dataset=xor&seed=2"));
    train_slices(t, 45);
    Json j = make_record(t, {});
    j.set("weights_sha256", sha256_hex("other weights"));
    CHECK(verify_record_text(j.dump()).reason.rfind("weights SHA-256 " + sha256_hex("other weights") + " recorded", 0) == 0);

    j = make_record(t, {});
    j.set("app", "0123456789ab");
    const Verdict other = verify_record_text(j.dump());
    CHECK(other.code == Verdict::Code::Unreadable);
    CHECK(other.reason == "made with build 0123456789ab; this is build " + std::string(build_id()) +
                              ": verify it with that build of the playground");
}

TEST_CASE("record: the reader refuses a bad field by name and reads nothing else") {
    Trainer t(config_of("dataset=xor&seed=2"));
    train_slices(t, 30);
    t.add_point({1, 1, 1});
    train_slices(t, 5);
    const Json good = make_record(t, {});
    auto refused = [&](const char* key, Json value) {
        Json j = good;
        j.set(key, value);
        auto r = parse_record(j.dump());
        REQUIRE(!r.ok());
        return r.error().message;
    };
    CHECK(refused("steps", -3) == "record: steps: expected a whole number from 0 to 2147483647");
    CHECK(refused("weights_sha256", "abc") == "record: weights_sha256: expected a SHA-256 digest (64 hexadecimal digits)");
    CHECK(refused("settings", Json::object({{"lr", "fast"}})).rfind("record: settings: lr:", 0) == 0);
    Json edit = Json::object({{"step", 30}, {"settings", Json::object({{"layers", Json::array({7})}})}});
    CHECK(refused("edits", Json::array({edit})) ==
          "record: edits[0].settings: changes the data or the network, which starts a new run: an edit changes "
          "training settings only");
    Json point = Json::object({{"step", 30}, {"add_point", Json::array({1, "x", 0})}});
    CHECK(refused("edits", Json::array({point})).rfind("record: edits[0].add_point: expected [x1, x2, label]", 0) == 0);
    CHECK(refused("history", Json::array()) == "record: history: expected a list");
    CHECK(parse_record("{").error().message.rfind("record: not a JSON file", 0) == 0);
    CHECK(parse_record("{\"format\": \"bp-weights-1\"}").error().message ==
          "record: not a run record (expected \"format\": \"bp-record-1\")");
    Json extra = good;
    extra.set("grade", 10);
    CHECK(parse_record(extra.dump()).error().message == "record: unknown field 'grade'");
    // A label that is not a class of the data at that step: refused when replayed, no crash.
    Json j = good;
    Json bad = Json::object({{"step", 31}, {"add_point", Json::array({0, 0, 4})}});
    j.set("edits", Json::array({bad}));
    const Verdict v = verify_record_text(j.dump());
    CHECK(v.code == Verdict::Code::Differs);
    CHECK(v.reason.rfind("record: edits[0].add_point:", 0) == 0);
}

namespace {
using QuietHost = test::FakeHost;
}  // namespace

TEST_CASE("record: exporting from the playground neither pauses nor changes training") {
    const Lesson* lesson = find_lesson("xor-hidden");
    REQUIRE(lesson);
    QuietHost host_a, host_b;
    PlaygroundModel a(host_a), b(host_b);
    a.open_lesson(*lesson, -1);
    b.open_lesson(*lesson, -1);
    a.step(23);
    b.step(23);
    const std::string record = a.export_record();  // the lesson's checks are evaluated for it
    CHECK(a.playing());
    a.step(41);
    b.step(41);
    CHECK(same_history(a.trainer().history(), b.trainer().history()));
    CHECK(weights_to_json(a.trainer()).dump() == weights_to_json(b.trainer()).dump());
    CHECK(a.trainer().steps() == 64);
    // and what it exported verifies, with the lesson's checks evaluated again
    const Verdict v = verify_record_text(record);
    CHECK_MESSAGE(v.code == Verdict::Code::Verified, v.reason);
    CHECK(v.notes.empty());
    CHECK(parse_record(record).value().lesson->id == "xor-hidden");
}

TEST_CASE("class room: three records, one edited by hand, replayed in slices: two verified, one refused") {
    Trainer a(config_of("dataset=circle&seed=1")), b(config_of("dataset=circle&seed=2&lr=0.1"));
    a.run_epochs(300);
    b.run_epochs(40);
    Json edited = make_record(b, {});
    edited.set("weights_sha256", sha256_hex("edited"));
    ClassRoom room;
    room.add("anna.json", make_record(a, {}).dump(1));
    room.add("boris.json", make_record(b, {}).dump(1));
    room.add("carl.json", edited.dump(1));
    room.add("dora.json", "{\"format\": \"bp-record-1\"}");
    CHECK(room.table().items()[0].find("verified")->is_null());  // not replayed yet
    CHECK(room.table().items()[3].find("verified")->is_null());  // read in its turn, in work()
    CHECK(room.table().items()[0].find("file")->as_string() == "anna.json");  // named at once
    room.work(0);  // a zero budget still moves on, one slice of 16 steps
    CHECK(room.progress() > 0);
    CHECK(room.progress() < 1);
    CHECK(room.busy());
    int calls = 1;
    while (room.work(0.5)) ++calls;
    CHECK(calls > 1);  // 4500 steps of a 300-epoch run do not fit one half-millisecond slice
    const Json table = room.table();
    REQUIRE(table.items().size() == 4);
    CHECK(table.items()[0].find("verified")->as_bool());
    CHECK(table.items()[1].find("verified")->as_bool());
    CHECK(!table.items()[2].find("verified")->as_bool());
    CHECK(table.items()[2].find("reason")->as_string().rfind("weights SHA-256 " + sha256_hex("edited"), 0) == 0);
    CHECK(table.items()[3].find("reason")->as_string() == "record: app: missing");
    CHECK(table.items()[0].find("epoch")->as_number() == 300);
    CHECK(table.items()[0].find("test_loss")->as_number() == a.history().back().test_loss);
    CHECK(table.items()[0].find("differences")->items().empty());
    REQUIRE(table.items()[1].find("differences")->items().size() == 2);
    CHECK(table.items()[1].find("differences")->items()[0].as_string() == "seed: 1 -> 2");
    CHECK(table.items()[1].find("differences")->items()[1].as_string() == "lr: 0.03 -> 0.1");
}

TEST_CASE("record with a task: a run within its limits verifies, and a fixed setting changed while training, too many epochs or a tapped point are named") {
    const std::string file = R"({"id": "rt", "order": 1, "title": "T", "text": "X", "question": "Why?",
      "config": {"dataset": "xor", "layers": [2], "activation": "tanh", "seed": 1, "stop_epoch": 20}, "epochs": 20,
      "task": {"allow": ["layers", "lr"], "max_units": 6, "max_layers": 2, "max_epochs": 20},
      "expect": [{"metric": "test_acc", "min": 0.0}]})";
    const auto task = parse_lesson(file);
    REQUIRE(task);
    RecordContext context;
    context.lesson = RecordLesson{"rt", -1, sha256_hex(file)};
    const auto record_of = [&](const Trainer& t) {
        LessonRuns others(task.value(), t.config().seed);
        context.checks = evaluate_checks(task.value(), -1, t, &others);
        return make_record(t, context).dump(1);
    };
    const auto verdict = [&](const Trainer& t) { return verify_record_text(record_of(t), &task.value()); };

    Config start = lesson_config(task.value());
    REQUIRE(apply_hash(start, "layers=3,3&lr=0.05").empty());  // both allowed
    Trainer within(start);
    within.run_epochs(20);
    const Verdict ok = verdict(within);
    CHECK_MESSAGE(ok.code == Verdict::Code::Verified, ok.reason);

    Trainer edited(start);
    edited.run_epochs(5);
    Config c = edited.config();
    c.reg_rate = 0.01;  // not allowed: a training setting, so the run goes on with it as an edit
    edited.set_config(c);
    edited.run_epochs(5);
    REQUIRE(edited.run_log().edits.size() == 1);
    const Verdict fixed = verdict(edited);
    CHECK(fixed.code == Verdict::Code::Differs);
    CHECK(fixed.reason == *task_refusal(task.value(), c));
    CHECK(fixed.reason.find("reg_rate") != std::string::npos);

    Config longer = start;
    longer.stop_epoch = 0;
    Trainer too_long(longer);
    too_long.run_epochs(21);
    const Verdict epochs = verdict(too_long);
    CHECK(epochs.code == Verdict::Code::Differs);
    CHECK(epochs.reason.find("max_epochs 20") != std::string::npos);

    Trainer tapped(start);
    tapped.run_epochs(2);
    tapped.add_point({0.5, 0.5, 1});
    tapped.run_epochs(2);
    const Verdict data = verdict(tapped);
    CHECK(data.code == Verdict::Code::Differs);
    CHECK(data.reason == *task_data_refusal(task.value()));

    // Without the task file the same run replays: the limits are the task's, not the record's.
    CHECK(verify_record_text(record_of(edited), &task.value()).code == Verdict::Code::Differs);
    const Verdict without = verify_record_text(record_of(edited));
    CHECK_MESSAGE(without.code == Verdict::Code::Verified, without.reason);
}

TEST_CASE("record: a task loaded at run time is named by its file's SHA-256, so bp verify --task takes that file and the page finds it") {
    const std::string file = R"({"id": "loaded-task", "order": 1, "title": "T", "text": "X", "question": "Why?",
      "config": {"dataset": "xor", "layers": [2], "activation": "tanh", "seed": 1, "stop_epoch": 10}, "epochs": 10,
      "task": {"allow": ["layers"], "max_units": 6, "max_epochs": 10}, "expect": [{"metric": "test_acc", "min": 0.0}]})";
    QuietHost host;
    PlaygroundModel m(host);
    REQUIRE(m.load_lesson(file).empty());
    m.step_epoch();
    const std::string record = m.export_record();
    CHECK(parse_record(record).value().lesson->sha256 == sha256_hex(file));
    const auto task = parse_lesson(file);
    REQUIRE(task);
    const Verdict given = verify_record_text(record, &task.value());  // bp verify --task
    CHECK_MESSAGE(given.code == Verdict::Code::Verified, given.reason);
    const Verdict found = verify_record_text(record);  // the class view: the task is loaded in the page
    CHECK_MESSAGE(found.code == Verdict::Code::Verified, found.reason);
    CHECK(found.notes.empty());
}

TEST_CASE("class room: sorted by a column (not replayed rows last), saved as CSV with quoting, selected rows kept") {
    Trainer a(config_of("dataset=xor&seed=1&layers=4")), b(config_of("dataset=xor&seed=2&layers=4"));
    a.run_epochs(30);
    b.run_epochs(60);
    ClassRoom room;
    room.add("a.json", make_record(a, {}).dump(1));
    room.add("b.json", make_record(b, {}).dump(1));
    room.add("broken, \"quoted\".json", "{");
    while (room.work(50)) {}
    room.select(1, true);
    REQUIRE(room.sort_by("epoch", true));
    const Json t = room.table();
    CHECK(t.items()[0].find("file")->as_string() == "b.json");  // 60 epochs before 30
    CHECK(t.items()[0].find("selected")->as_bool());            // the selection moves with its row
    CHECK(t.items()[1].find("file")->as_string() == "a.json");
    CHECK(t.items()[2].find("epoch")->is_null());               // unreadable: last
    REQUIRE(room.sort_by("epoch", false));
    CHECK(room.table().items()[0].find("file")->as_string() == "a.json");
    CHECK(room.table().items()[2].find("epoch")->is_null());    // last in both directions
    CHECK_FALSE(room.sort_by("nonsense", false));

    const std::string csv = room.csv();
    std::vector<std::string> lines;
    for (std::size_t at = 0, nl; (nl = csv.find('\n', at)) != std::string::npos; at = nl + 1) lines.push_back(csv.substr(at, nl - at));
    REQUIRE(lines.size() == 4);
    CHECK(lines[0] == "file,verified,reason,lesson,epoch,train_loss,test_loss,train_acc,test_acc,differences");
    CHECK(lines[1].rfind("a.json,true,,,30,", 0) == 0);
    CHECK(lines[3].rfind("\"broken, \"\"quoted\"\".json\",false,", 0) == 0);
    // The exact loss is in the CSV as the table has it (shortest exact text).
    CHECK(lines[1].find("," + Json(a.history().back().test_loss).dump() + ",") != std::string::npos);
}

TEST_CASE("class room: a record of a task the room was not given verifies with a note, and given the task its broken limit is named") {
    const std::string file = R"({"id": "room-task", "order": 1, "title": "T", "text": "X", "question": "Why?",
      "config": {"dataset": "xor", "layers": [2], "activation": "tanh", "seed": 1}, "epochs": 10,
      "task": {"allow": ["layers"], "max_units": 4}, "expect": [{"metric": "test_acc", "min": 0.0}]})";
    Config big = config_of("dataset=xor&layers=6&activation=tanh&seed=1");  // 6 units: over max_units 4
    Trainer t(big);
    t.run_epochs(5);
    RecordContext context;
    context.lesson = RecordLesson{"room-task", -1, sha256_hex(file)};
    ClassRoom room;
    room.add("over.json", make_record(t, context).dump(1));
    while (room.work(50)) {}
    CHECK(room.table().items()[0].find("verified")->as_bool());  // no task known: nothing to hold it to
    CHECK_FALSE(room.set_task("{").empty());
    CHECK(room.set_task(file).empty());
    CHECK(room.table().items()[0].find("verified")->is_null());  // replaying again
    while (room.work(50)) {}
    CHECK_FALSE(room.table().items()[0].find("verified")->as_bool());
    CHECK(room.table().items()[0].find("reason")->as_string() == "layers 6 exceeds max_units 4");
}
