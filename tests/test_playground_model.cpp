// The playground's logic without a window (app/playground/playground_model.h): edits pass the field
// checks, the message bar's list, what stops training and what Play then does, choosing and
// closing a lesson and its progress (checked at the budget or when training stops), the run's
// files in and out with the data panel's outcome line, and the first visit remembered by the host.
// The drawing code changes the model only through these operations. Expected values come from the lesson files, the
// field table's ranges and the Trainer run directly, not from the model.
#include <doctest/doctest.h>

#include <map>

#include "messages.h"
#include "model_test_util.h"
#include "playground_model.h"

using namespace bp;

namespace {
using test::FakeHost;

void steps_until_diverged(PlaygroundModel& m) {
    for (int i = 0; i < 100 && !m.trainer().diverged(); ++i) m.step(10);
    REQUIRE(m.trainer().diverged());
}
}  // namespace

TEST_CASE("model: an edit past a field's range is refused, named, and the old value kept") {
    FakeHost host;
    PlaygroundModel m(host);
    Config c = m.config();
    c.points = 100000000;  // a slider typed past its range (ctrl+click)
    c.lr = 0.1;
    m.apply(c);
    CHECK(m.config().points == 300);  // the default stays
    CHECK(m.config().lr == 0.1);      // the rest is applied
    CHECK(m.edit_message() == "points: '100000000' is not allowed; expected a whole number from 10 to 2000 (kept 300)");
    CHECK(m.trainer().config().lr == 0.1);  // the Trainer took it over
}

TEST_CASE("model: a link's rejected settings fill the message bar until dismissed") {
    FakeHost host;
    PlaygroundModel m(host);
    const auto warnings = m.load("lr=abc&dataset=spiral&foo=1", "link");
    REQUIRE(warnings.size() == 2);
    CHECK(m.messages() == warnings);
    CHECK(m.messages_source() == "link");
    CHECK(m.config().dataset == DatasetKind::Spiral);
    CHECK(m.config().lr == 0.03);
    m.dismiss_messages();
    CHECK(m.messages().empty());
    CHECK(m.load("dataset=xor", "link").empty());
}

TEST_CASE("model: a diverged lesson is checked at once, and Play restarts it") {
    FakeHost host;
    PlaygroundModel m(host);
    const Lesson* lesson = find_lesson("diverging-lr");
    REQUIRE(lesson != nullptr);
    m.open_lesson(*lesson, -1);
    CHECK(m.playing());
    LessonStatus st = m.lesson_status();
    CHECK_FALSE(st.checked);
    CHECK(st.note == "At epoch 20 the effect is checked (now 0).");
    steps_until_diverged(m);
    CHECK(m.stopped() == Stopped::Diverged);
    CHECK_FALSE(m.playing());
    CHECK(std::string(m.play_label()) == "Restart");
    st = m.lesson_status();
    REQUIRE(st.checked);
    CHECK(st.epoch < st.budget);
    CHECK(st.note.rfind("Training diverged at epoch", 0) == 0);
    REQUIRE_FALSE(st.checks.empty());
    for (const CheckOutcome& o : st.checks) CHECK(o.passed);
    m.press_play();  // Restart: the initial weights, training again
    CHECK(m.trainer().steps() == 0);
    CHECK_FALSE(m.trainer().diverged());
    CHECK(m.playing());
    CHECK(std::string(m.play_label()) == "Pause");
}

TEST_CASE("model: a stop releases Play, so Reset or an edit leaves the run paused until Play is pressed") {
    FakeHost host;
    PlaygroundModel m(host);
    m.open_lesson(*find_lesson("diverging-lr"), -1);  // lr 0.3 on the plane: diverges, playing
    REQUIRE(m.playing());
    steps_until_diverged(m);
    m.reset();  // the initial weights: nothing stops training now ...
    CHECK_FALSE(m.trainer().diverged());
    CHECK(m.stopped() == Stopped::No);
    CHECK_FALSE(m.playing());  // ... but Play was released when it diverged
    CHECK(std::string(m.play_label()) == "Play");
    m.press_play();
    CHECK(m.playing());

    m.set_state("lr=0.03&points=40&stop_epoch=0");
    m.play();
    m.step(40);
    REQUIRE(m.trainer().epoch() >= 2);
    Config c = m.config();
    c.stop_epoch = 1;  // below the epoch reached: training stops at once
    m.apply(c);
    CHECK(m.stopped() == Stopped::StopEpoch);
    CHECK_FALSE(m.playing());
    m.play();  // Play while stopped does not hold: the button offers Continue
    c.stop_epoch = 0;
    m.apply(c);
    CHECK(m.stopped() == Stopped::No);
    CHECK_FALSE(m.playing());
}

TEST_CASE("model: the diverged banner's fix restarts from the initial weights at a tenth of the rate, playing") {
    FakeHost host;
    PlaygroundModel m(host);
    m.open_lesson(*find_lesson("diverging-lr"), -1);  // lr 0.3 in the lesson file
    steps_until_diverged(m);
    REQUIRE_FALSE(m.playing());
    m.restart_with_lr(m.trainer().suggested_lr());
    CHECK(m.config().lr == doctest::Approx(0.03));
    CHECK(m.trainer().steps() == 0);
    CHECK_FALSE(m.trainer().diverged());
    CHECK(m.playing());
    CHECK(m.lesson_changed());  // the rate is no longer the lesson's
}

TEST_CASE("model: choosing a lesson's variant and closing the lesson") {
    FakeHost host;
    PlaygroundModel m(host);
    const Lesson* lesson = find_lesson("diverging-lr");
    REQUIRE(lesson != nullptr);
    REQUIRE(lesson->variants.size() == 1);
    m.open_lesson(*lesson, 0);  // "lr = 0.03" in the lesson file
    CHECK(m.page().lesson == "diverging-lr");
    CHECK(m.lesson_variant() == 0);
    CHECK(m.lesson_status().variant == 0);
    CHECK(m.config().lr == doctest::Approx(0.03));
    CHECK(to_hash(m.settings()).find("lesson=diverging-lr") != std::string::npos);
    m.step(5);
    const int version = m.settings_version();
    m.close_lesson();
    CHECK(m.page().lesson.empty());
    CHECK(m.lesson_variant() == -1);
    CHECK(m.lesson_status().lesson == nullptr);
    CHECK(to_hash(m.settings()).find("lesson=") == std::string::npos);
    CHECK(m.settings_version() != version);  // the link follows
    CHECK(m.config().lr == doctest::Approx(0.03));  // the run goes on as it is
    CHECK(m.trainer().steps() == 5);
    CHECK(m.playing());
}

TEST_CASE("model: the data panel's files: saved through the host, a CSV opened or refused, the outcome in one line") {
    FakeHost host;
    PlaygroundModel m(host);
    CHECK(m.edit_message().empty());
    m.save_dataset();
    CHECK(host.saved_name == "dataset.csv");
    CHECK(host.saved_text == m.export_csv());
    CHECK(m.edit_message() == "saved dataset.csv");  // the host's outcome, as it said it
    const std::string csv = m.export_csv();
    m.open_dataset("x1,x2,label\n1,oops,0\n");
    CHECK(m.edit_message() == "CSV line 2: x2 is not a finite number: 'oops'");
    CHECK(m.export_csv() == csv);  // the data stays as it was
    m.open_dataset("x1,x2,label\n0.5,1,0\n-1,2,1\n1,-1,0\n");
    CHECK(relang(m.edit_message()) == "imported 3 training points");
    CHECK(m.trainer().data().train.size() == 3);
}

TEST_CASE("model: at the stop epoch Play reads Continue and takes the stop away") {
    FakeHost host;
    PlaygroundModel m(host);
    m.set_state("stop_epoch=2&points=40");
    m.step(100000);
    CHECK(m.trainer().epoch() == 2);
    CHECK(m.stopped() == Stopped::StopEpoch);
    CHECK(std::string(m.play_label()) == "Continue");
    m.press_play();
    CHECK(m.config().stop_epoch == 0);
    CHECK(m.playing());
    m.step(40);
    CHECK(m.trainer().epoch() > 2);
}

TEST_CASE("model: weights out and in, Reset returns to the loaded weights, a bad CSV changes nothing") {
    FakeHost host;
    PlaygroundModel a(host), b(host);
    a.step(300);
    const std::string weights = a.export_weights();
    CHECK(b.import_weights(weights) == "");
    CHECK(b.metrics().find("trainLoss")->as_number() == a.trainer().evaluate().train_loss);
    b.step(50);
    b.reset();
    CHECK(b.export_weights() == weights);
    CHECK(b.import_weights("{}").rfind("weights file: not a weights file", 0) == 0);
    const std::string csv = b.export_csv();
    CHECK(b.import_csv("x1,x2,label\n1,oops,0\n") == "CSV line 2: x2 is not a finite number: 'oops'");
    CHECK(b.export_csv() == csv);
    CHECK(b.export_history_csv().rfind("epoch,train_loss,test_loss,train_acc,test_acc\n0,", 0) == 0);
}

TEST_CASE("model: the first visit shows until a lesson opens or it is dismissed, and the host remembers") {
    FakeHost host;
    {
        PlaygroundModel m(host);
        CHECK(m.first_visit());
        m.set_state("embed=1");
        CHECK_FALSE(m.first_visit());  // never in an embed
        m.set_state("embed=0");
        m.open_lesson(builtin_lessons().front(), -1);
        CHECK_FALSE(m.first_visit());
    }
    CHECK(host.prefs.count("first-visit-done") == 1);
    PlaygroundModel again(host);
    CHECK_FALSE(again.first_visit());
    FakeHost fresh;
    PlaygroundModel other(fresh);
    other.set_state("lesson=circle-features");
    CHECK_FALSE(other.first_visit());  // a link that names a lesson already gives a direction
    other.set_state("lesson=");
    CHECK(other.first_visit());
    other.remember_first_visit();  // "Not now"
    CHECK_FALSE(other.first_visit());
}

TEST_CASE("model: a link's formula goes to the graph lab's session, its one owner, and back into the link") {
    FakeHost host;
    PlaygroundModel m(host);
    CHECK(m.settings().graph.formula.empty());  // the first preset is not written into links
    const int before = m.settings_version();
    CHECK(m.load("view=graph&formula=(x+y)*z&values=x:-2,y:5,z:-4", "link").empty());
    CHECK(m.graph().formula() == "(x+y)*z");
    CHECK(m.graph().value_of("z") == -4);
    CHECK(m.page().view == View::Graph);
    CHECK(m.settings_version() != before);
    m.graph().run_all();  // the lecture's f = (x+y)z at (-2, 5, -4): f = -12
    CHECK(m.graph().graph().node(m.graph().graph().output()).value == -12);
    CHECK(m.graph().set_values({{"x", 3}}) == std::nullopt);  // an edit in the lab (or by window.bp.graph) ...
    CHECK(to_hash(m.settings()).find("formula=(x+y)*z&values=x:3,y:5,z:-4") != std::string::npos);  // ... is in the link
    const auto w = m.load("formula=sinh(x)", "link");  // refused: the graph stays
    REQUIRE(w.size() == 1);
    CHECK(w[0].rfind("formula: 'sinh(x)' is not allowed", 0) == 0);
    CHECK(m.graph().formula() == "(x+y)*z");
}

TEST_CASE("model: page settings have their own owner and checks, and do not touch the run") {
    FakeHost host;
    PlaygroundModel m(host);
    m.step(30);
    const long steps = m.trainer().steps();
    PageSettings p = m.page();
    p.view = View::Graph;
    p.panels.clear();  // at least one panel is required
    m.set_page(p);
    CHECK(m.page().view == View::Graph);
    CHECK(m.page().panels == PageSettings{}.panels);
    CHECK(m.edit_message().rfind("panels: 'none' is not allowed", 0) == 0);
    CHECK(m.trainer().steps() == steps);  // the run went on untouched
}

TEST_CASE("model: a lesson knows when its set-up was changed, by comparing over the field table") {
    FakeHost host;
    PlaygroundModel m(host);
    const Lesson& lesson = builtin_lessons().front();
    m.open_lesson(lesson, -1);
    CHECK(m.page().lesson == lesson.id);
    CHECK_FALSE(m.lesson_changed());
    PageSettings p = m.page();
    p.view = View::Graph;  // the page is not the lesson's set-up
    m.set_page(p);
    CHECK_FALSE(m.lesson_changed());
    Config c = m.config();
    c.lr *= 2;
    m.apply(c);
    CHECK(m.lesson_changed());
    c.lr /= 2;
    m.apply(c);
    CHECK_FALSE(m.lesson_changed());
}

TEST_CASE("model: the pace owes speed x steps per epoch x the frame's length, carries the fraction, drops a cut") {
    StepPace p;
    // 128 epochs/s of 15 steps (150 training points, batch 10) over a frame of 1/64 s: 30 steps.
    CHECK(p.due(128, 15, 1.0 / 64) == 30);
    p.trained(30);
    CHECK(p.owed < 1e-9);
    // 0.25 epochs/s, 16 steps an epoch: 4 steps a second, one every 16 frames of 1/64 s (exact in binary).
    StepPace slow;
    int steps = 0, first = -1;
    for (int frame = 1; frame <= 128; ++frame) {
        const long due = slow.due(0.25, 16, 1.0 / 64);
        if (due > 0 && first < 0) first = frame;
        steps += int(due);
        slow.trained(due);
    }
    CHECK(first == 16);
    CHECK(steps == 8);
    // A stalled frame counts as kMaxFrameS; steps the budget cut are not owed afterwards.
    StepPace stalled;
    CHECK(stalled.due(100, 15, 5.0) == long(100 * 15 * StepPace::kMaxFrameS));
    stalled.trained(7);
    CHECK(stalled.owed < 1);
    CHECK(stalled.due(128, 15, 1.0 / 64) == 30);
}

TEST_CASE("model: the pace is a run setting a lesson and a link set, and changing it is no change of the lesson") {
    FakeHost host;
    PlaygroundModel m(host);
    m.open_lesson(builtin_lessons().front(), -1);
    Config c = m.config();
    c.speed = 0.5;
    m.apply(c);
    CHECK_FALSE(m.lesson_changed());
    CHECK(to_hash(m.settings()).find("speed=0.5") != std::string::npos);
    PlaygroundModel other(host);
    CHECK(other.set_state(to_hash(m.settings())).empty());
    CHECK(other.config().speed == 0.5);
    CHECK(other.set_state("speed=0").size() == 1);
    CHECK(other.config().speed == 0.5);
}
