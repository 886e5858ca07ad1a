// Lessons loaded at run time and tasks (engine/course/lesson.h, lesson_task.cpp): a task's
// fields read as written and refused by field; task_refusal names the limit or the setting
// (the strings `bp verify --task` prints); loaded lessons beside the shipped ones; the model
// refusing an edit outside a task and a broken lesson file, nothing changed; and the example
// task docs/tasks/spiral-24.json reachable within its limits on three seeds, its start not.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "lesson.h"
#include "model_test_util.h"
#include "playground_model.h"

using namespace bp;

namespace {

// A small task on XOR: one hidden layer of 2 tanh units to start, at most 6 units in 2 layers, 20 epochs.
const char* kTask = R"({"id": "t", "order": 1, "title": "T", "text": "X", "question": "Why?",
  "config": {"dataset": "xor", "layers": [2], "activation": "tanh", "seed": 1, "stop_epoch": 20}, "epochs": 20, "task": {"allow": ["layers", "lr"], "max_units": 6, "max_layers": 2, "max_epochs": 20},
  "expect": [{"metric": "test_acc", "min": 0.9}]})";

std::string replaced(std::string s, const std::string& from, const std::string& to) {
    const auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
}

std::string parse_error(const std::string& text) {
    const auto l = parse_lesson(text);
    REQUIRE_FALSE(l);
    return l.error().message;
}

Config with(Config c, const std::string& hash) {
    REQUIRE(apply_hash(c, hash).empty());
    return c;
}

std::string file_text(const std::string& path) {
    std::ifstream in(path);
    REQUIRE(in);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

using NoHost = test::FakeHost;

}  // namespace

TEST_CASE("task: a good task's fields are read as written") {
    const auto l = parse_lesson(kTask);
    REQUIRE(l);
    REQUIRE(l->task);
    CHECK(l->task->allow == std::vector<std::string>{"layers", "lr"});
    CHECK(l->task->max_units == 6);
    CHECK(l->task->max_layers == 2);
    CHECK(l->task->max_epochs == 20);
    CHECK_FALSE(parse_lesson(replaced(kTask, ", \"max_units\": 6, \"max_layers\": 2, \"max_epochs\": 20", ""))->task->max_units);
    CHECK_FALSE(task_refusal(l.value(), lesson_config(l.value())));  // its own set-up keeps it
}

TEST_CASE("task: a bad task is refused naming the field") {
    CHECK(parse_error(replaced(kTask, "\"max_units\": 6", "\"max_units\": 6, \"max_seed\": 1")) ==
          "lesson 't': task: unknown field 'max_seed' (the fields are allow, max_units, max_layers, max_epochs)");
    CHECK(parse_error(replaced(kTask, "\"allow\": [\"layers\", \"lr\"], ", "")) ==
          "lesson 't': task: allow: missing (a list of the settings the student may change)");
    CHECK(parse_error(replaced(kTask, "[\"layers\", \"lr\"]", "\"layers\"")) == "lesson 't': task: allow: expected a list of setting keys");
    CHECK(parse_error(replaced(kTask, "\"lr\"]", "\"learning_rate\"]")).rfind(
              "lesson 't': task: allow[1]: unknown setting \"learning_rate\"; the settings are dataset, points,", 0) == 0);
    CHECK(parse_error(replaced(kTask, "\"max_units\": 6", "\"max_units\": 0")) ==
          "lesson 't': task: max_units: expected a whole number from 1 to 512");
    CHECK(parse_error(replaced(kTask, "\"max_layers\": 2", "\"max_layers\": 1.5")) ==
          "lesson 't': task: max_layers: expected a whole number from 1 to 8");
    CHECK(parse_error(replaced(kTask, "\"max_epochs\": 20", "\"max_epochs\": \"20\"")) ==
          "lesson 't': task: max_epochs: expected a whole number from 1 to 100000");
    CHECK(parse_error(replaced(kTask, "\"max_epochs\": 20", "\"max_epochs\": 10")) ==
          "lesson 't': task: max_epochs: the lesson's epochs 20 exceed it");
    CHECK(parse_error(replaced(kTask, "\"layers\": [2]", "\"layers\": [4, 4]")) ==
          "lesson 't': task: the lesson's own set-up breaks it: layers 4,4 exceeds max_units 6");
    CHECK(parse_error(replaced(kTask, "\"task\": {", "\"task\": 3, \"x\": {")) == "lesson 't': unknown field 'x' (the fields are id, order, "
          "title, text, question, view, formula, values, algorithm, point, mode, config, epochs, variants, expect, mute, task)");
    const std::string no_task = replaced(kTask, ", \"task\": {\"allow\": [\"layers\", \"lr\"], \"max_units\": 6, \"max_layers\": 2, \"max_epochs\": 20}", "");
    CHECK(parse_error(replaced(no_task, "\"epochs\": 20", "\"epochs\": 20, \"task\": 3")) == "lesson 't': task: expected an object with allow and limits");
}

TEST_CASE("task_refusal names the limit a config breaks, or the fixed setting it changes") {
    const Lesson l = parse_lesson(kTask).value();
    const Config start = lesson_config(l);
    CHECK(task_refusal(l, with(start, "layers=4,3")).value() == "layers 4,3 exceeds max_units 6");
    CHECK(task_refusal(l, with(start, "layers=2,2,2")).value() == "layers 2,2,2 exceeds max_layers 2");
    CHECK(task_refusal(l, with(start, "stop_epoch=40")).value() == "stop_epoch 40 exceeds max_epochs 20");
    CHECK(task_refusal(l, with(start, "stop_epoch=0")).value() == "stop_epoch 0 exceeds max_epochs 20: the task trains at most 20 epochs");
    CHECK(task_refusal(l, start, 21).value() == "epochs 21 exceeds max_epochs 20");
    CHECK(task_refusal(l, with(start, "seed=7")).value() == "seed 7: the task keeps it at 1 (it lets you change layers, lr)");
    CHECK(task_refusal(l, with(start, "dataset=circle")).value() == "dataset circle: the task keeps it at xor (it lets you change layers, lr)");
    CHECK(task_refusal(l, with(start, "layers=3,3&activation=tanh,relu")).value() ==
          "activation tanh,relu: the task keeps it at tanh (it lets you change layers, lr)");
    // Silent within the limits: an allowed setting, a new layer with the start's activation, the pace, 20 epochs.
    CHECK_FALSE(task_refusal(l, with(start, "layers=3,3&lr=0.3")));
    CHECK_FALSE(task_refusal(l, with(start, "layers=6")));
    CHECK_FALSE(task_refusal(l, with(start, "speed=5&stop_epoch=10"), 20));
    // A lesson without a task refuses nothing.
    const Lesson plain = parse_lesson(replaced(kTask, ", \"task\": {\"allow\": [\"layers\", \"lr\"], \"max_units\": 6, \"max_layers\": 2, \"max_epochs\": 20}", "")).value();
    CHECK_FALSE(task_refusal(plain, with(start, "layers=64,64&seed=9&stop_epoch=0"), 1000));
}

TEST_CASE("a task's refusal is said in the page's language") {
    const Lesson l = parse_lesson(kTask).value();
    set_language(Language::Es);
    const std::string es = task_refusal(l, with(lesson_config(l), "layers=4,3")).value();
    set_language(Language::En);
    CHECK(es == "layers 4,3 supera max_units 6");
    CHECK(relang(es) == "layers 4,3 exceeds max_units 6");
}

TEST_CASE("loaded lessons: found beside the shipped ones, a shipped id or a broken file refused, the same id replaced in place") {
    const auto before = loaded_lessons().size();
    CHECK(add_loaded_lesson(replaced(kTask, "\"id\": \"t\"", "\"id\": \"xor-hidden\"")).error().message ==
          "lesson 'xor-hidden': id: a shipped lesson has it; choose another");
    CHECK(add_loaded_lesson("{\"id\": \"loaded-x\", ").error().message.rfind("lesson: ", 0) == 0);
    CHECK(loaded_lessons().size() == before);
    const auto first = add_loaded_lesson(replaced(kTask, "\"id\": \"t\"", "\"id\": \"loaded-x\""));
    REQUIRE(first);
    CHECK(find_lesson("loaded-x") == first.value());
    const auto again = add_loaded_lesson(replaced(replaced(kTask, "\"id\": \"t\"", "\"id\": \"loaded-x\""), "\"T\"", "\"T2\""));
    REQUIRE(again);
    CHECK(again.value() == first.value());  // the same address, the new text
    CHECK(find_lesson("loaded-x")->title.en() == "T2");
    CHECK(loaded_lessons().size() == before + 1);
}

TEST_CASE("a loaded lesson's text missing in the page's language is shown in English") {
    const auto l = add_loaded_lesson(replaced(replaced(kTask, "\"id\": \"t\"", "\"id\": \"loaded-lang\""), "\"title\": \"T\"",
                                              "\"title\": {\"en\": \"Tea\", \"es\": \"Té\"}"));
    REQUIRE(l);
    set_language(Language::Ru);
    const std::string ru = l.value()->title.get();
    set_language(Language::Es);
    const std::string es = l.value()->title.get();
    set_language(Language::En);
    CHECK(ru == "Tea");
    CHECK(es == "Té");
}

TEST_CASE("model: a task refuses an edit outside its limits and keeps the setting, and a broken lesson file changes nothing") {
    NoHost host;
    PlaygroundModel m(host);
    m.set_state("autoplay=0");
    REQUIRE(m.load_lesson(replaced(kTask, "\"id\": \"t\"", "\"id\": \"model-task\""), "tasks/t.json") == "");
    CHECK_FALSE(m.playing());  // a link's lesson_src with autoplay=0 waits for Play
    CHECK(m.page().lesson_src == "tasks/t.json");
    REQUIRE(m.load_lesson(replaced(kTask, "\"id\": \"t\"", "\"id\": \"model-task\"")) == "");
    CHECK(m.playing());  // bp.lessons.load opens it playing, as lessons.open does
    CHECK(m.page().lesson_src.empty());
    CHECK(m.page().lesson == "model-task");
    CHECK(m.config().layers == std::vector<int>{2});
    Config wide = m.config();
    wide.layers = {4, 3};
    wide.activations = {Activation::Tanh, Activation::Tanh};
    CHECK(m.apply(wide).value() == "layers 4,3 exceeds max_units 6");
    CHECK(m.config().layers == std::vector<int>{2});  // kept as it was
    CHECK(m.task_message() == "layers 4,3 exceeds max_units 6");
    CHECK(m.set_state("seed=8") == std::vector<std::string>{"seed 8: the task keeps it at 1 (it lets you change layers, lr)"});
    CHECK(m.config().seed == 1);
    Config ok = m.config();
    ok.layers = {3, 3};
    ok.activations = {Activation::Tanh, Activation::Tanh};
    CHECK_FALSE(m.apply(ok));
    CHECK(m.config().layers == std::vector<int>{3, 3});
    CHECK(m.task_message().empty());
    CHECK(m.import_csv("x1,x2,label\n0,0,0\n1,1,1\n") == "the data: the task keeps its own dataset and seed (it lets you change layers, lr)");
    for (int i = 0; i < 20; ++i) m.step_epoch();
    CHECK(m.trainer().epoch() == 20);
    m.step_epoch();  // past max_epochs: refused
    CHECK(m.trainer().epoch() == 20);
    CHECK(m.task_message() == "epochs 21 exceeds max_epochs 20");
    m.press_play();  // Continue at the task's last epoch: refused, said
    CHECK_FALSE(m.playing());
    CHECK(m.task_message() == "stop_epoch 0 exceeds max_epochs 20: the task trains at most 20 epochs");
    // The lesson panel: the goal evaluated on the run now, at any epoch.
    const LessonStatus st = m.lesson_status();
    CHECK(st.checked);
    REQUIRE(st.checks.size() == 1);
    CHECK(st.goal_met == st.checks[0].passed);
    CHECK(st.checks[0].value == lesson_metric(m.trainer(), "test_acc").value());

    const Settings before = m.settings();
    const std::string error = m.load_lesson(replaced(kTask, "\"min\": 0.9", "\"min\": 0.9, \"metric2\": 1"));
    CHECK(error == "lesson 't': expect[0]: unknown field 'metric2' (the fields are variant, metric, versus, compare, min, max, sentence)");
    CHECK(m.messages() == std::vector<std::string>{error});
    CHECK(m.messages_source() == "lesson file");
    CHECK(to_hash(m.settings()) == to_hash(before));
    CHECK(m.trainer().epoch() == 20);
}

TEST_CASE("lesson_src is kept in a link, and a lesson= beside it waits for the file") {
    Settings s;
    CHECK(apply_hash(s, "lesson_src=tasks/spiral-24.json&lesson=not-loaded-yet&lr=0.1").empty());
    CHECK(s.page.lesson_src == "tasks/spiral-24.json");
    CHECK(s.page.lesson.empty());
    CHECK(s.run.lr == 0.1);
    CHECK(to_hash(s).find("lesson_src=tasks/spiral-24.json") != std::string::npos);
    Settings t;
    CHECK(apply_hash(t, "lesson=not-loaded-yet").size() == 1);  // without lesson_src: unknown, refused
    Settings u;
    CHECK(apply_hash(u, "lesson_src=https://example.org/a%3Fb.json").empty());
    CHECK(u.page.lesson_src == "https://example.org/a?b.json");
    CHECK(to_hash(u).find("lesson_src=https://example.org/a%3Fb.json") != std::string::npos);
}

// The example task: its start stays below the goal (about 60% on seeds 1 to 4); one answer within
// the limits, two hidden layers of 12 ReLU units with Adam at 0.01, reaches it on the task's seed
// and on two others (98.4% to 99.0% on seeds 1 to 4 with `bp train`).
TEST_CASE("docs/tasks/spiral-24.json: the start misses the goal, an answer within the limits meets it on three seeds") {
    const auto task = parse_lesson(file_text(std::string(BP_SOURCE_DIR) + "/docs/tasks/spiral-24.json"));
    REQUIRE(task);
    REQUIRE(task->task);
    CHECK(task->task->max_units == 24);
    CHECK(task->task->max_epochs == 300);
    CHECK(run_lesson_checks(task.value(), -1)[0].passed == false);
    const Config answer = with(lesson_config(task.value()), "layers=12,12&activation=relu&optimizer=adam&lr=0.01");
    CHECK_FALSE(task_refusal(task.value(), answer, task->task->max_epochs));
    for (std::uint32_t seed : {1u, 2u, 3u}) {
        Config c = answer;
        c.seed = seed;
        Trainer t(c);
        t.run_epochs(task->task->max_epochs);
        CAPTURE(seed);
        CHECK(lesson_metric(t, "test_acc").value() >= 0.95);
    }
}
