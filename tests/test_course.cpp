// Course-page settings and a run's files: the page fields of the URL hash (written only when
// not the default, checked like every other field), a lesson named in a hash, the loss
// history CSV and the weights file (exact round trip, and errors that change nothing).
#include <doctest/doctest.h>

#include <cmath>

#include "settings.h"
#include "lesson.h"
#include "run_io.h"
#include "trainer.h"

using namespace bp;

TEST_CASE("page settings: defaults stay out of the hash, the rest round-trips") {
    Settings c;
    CHECK(to_hash(c).find("embed") == std::string::npos);
    CHECK(to_hash(c).find("panels") == std::string::npos);
    CHECK(apply_hash(c, "embed=1&panels=loss,boundary,network&controls=none&autoplay=0&view=graph").empty());
    CHECK(c.page.embed);
    CHECK(c.page.panels == std::vector<Panel>{Panel::Loss, Panel::Boundary, Panel::Network});
    CHECK(c.page.controls.empty());
    CHECK_FALSE(c.page.autoplay);
    CHECK(c.page.view == View::Graph);
    const std::string hash = to_hash(c);
    CHECK(hash.find("&view=graph&embed=1&panels=loss,boundary,network&controls=none&autoplay=0") != std::string::npos);
    Settings back;
    CHECK(apply_hash(back, hash).empty());
    CHECK(to_hash(back) == hash);
}

TEST_CASE("page settings: bad values are named and keep the default") {
    Settings c;
    const auto w = apply_hash(c, "embed=2&panels=boundary,chart&controls=play,play&view=table&autoplay=yes&panels=");
    REQUIRE(w.size() == 5);
    CHECK(w[0] == "view: 'table' is not allowed; expected one of playground, graph, layers, class, landscape (kept playground)");
    CHECK(w[1] == "embed: '2' is not allowed; expected a whole number from 0 to 1 (kept 0)");
    CHECK(w[2] == "panels: '' is not allowed; expected 1 to 10 distinct names from boundary, loss, network, "
                  "gradients, data, features, training, callouts, lesson, fit (kept boundary,loss)");
    CHECK(w[3] == "controls: 'play,play' is not allowed; expected 0 to 13 distinct names from play, step, reset, "
                  "seed, lr, batch, optimizer, activation, layers, dataset, noise, reg, speed, or none "
                  "(kept play,step,reset)");
    CHECK(w[4] == "autoplay: 'yes' is not allowed; expected a whole number from 0 to 1 (kept 1)");
    CHECK(to_hash(c) == to_hash(Settings()));
}

TEST_CASE("a hash holds only characters a URL keeps as they are") {
    Settings c;
    apply_hash(c, "features=x1,x2sq&head=tanh-mse&lr=1e-05&embed=1");
    const std::string hash = to_hash(c);
    CHECK(hash.find("features=x1,x2sq") != std::string::npos);
    CHECK(hash.find("lr=1e-05") != std::string::npos);
    const std::string allowed = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,.-_~:()*+/^%=&";
    CHECK(hash.find_first_not_of(allowed) == std::string::npos);
}

TEST_CASE("the graph lab's formula and values in a hash: a lecture example, readable, and checked") {
    Settings c;
    CHECK(apply_hash(c, "view=graph&formula=(x+y)*z&values=x:-2,y:5,z:-4").empty());  // typed by a person
    CHECK(c.graph.formula == "(x+y)*z");
    CHECK(c.graph.values == std::map<std::string, double>{{"x", -2}, {"y", 5}, {"z", -4}});
    const std::string hash = to_hash(c);
    CHECK(hash.find("&formula=(x+y)*z&values=x:-2,y:5,z:-4") != std::string::npos);
    Settings back;
    CHECK(apply_hash(back, hash).empty());
    CHECK(back.graph.formula == c.graph.formula);
    CHECK(back.graph.values == c.graph.values);
    CHECK(apply_hash(back, "formula=exp(x*z) %2B x*z/log(x)").empty());  // an encoded plus and spaces
    CHECK(back.graph.formula == "exp(x*z) + x*z/log(x)");
    const auto w = apply_hash(back, "formula=sinh(x)&values=x:1,2y:3");
    REQUIRE(w.size() == 2);
    CHECK(w[0] == "formula: 'sinh(x)' is not allowed; expected a formula the graph lab can read (unknown function "
                  "'sinh' at 0) (kept exp(x*z) + x*z/log(x))");
    CHECK(w[1] == "values: 'x:1,2y:3' is not allowed; expected name:number pairs, e.g. x:2,z:3 (kept x:-2,y:5,z:-4)");
}

TEST_CASE("lesson= in a hash sets up the lesson, and the other keys change it") {
    REQUIRE_FALSE(builtin_lessons().empty());
    const Lesson& lesson = builtin_lessons().front();
    Settings c;
    c.page.embed = true;
    CHECK(apply_hash(c, "lesson=" + lesson.id + "&lr=0.5").empty());
    Settings expected{lesson_config(lesson), {}, {}, {}};
    expected.run.lr = 0.5;
    expected.page.embed = true;  // page settings are kept
    expected.page.lesson = lesson.id;
    CHECK(to_hash(c) == to_hash(expected));
    CHECK(to_hash(c).rfind("lesson=" + lesson.id + "&", 0) == 0);  // first, so the keys after it win
    Settings back;
    CHECK(apply_hash(back, to_hash(c)).empty());
    CHECK(to_hash(back) == to_hash(c));
    const auto w = apply_hash(back, "lesson=no-such-lesson");
    REQUIRE(w.size() == 1);
    CHECK(w[0].rfind("lesson: 'no-such-lesson' is not allowed; expected one of " + lesson.id + ", ", 0) == 0);
    CHECK(back.page.lesson == lesson.id);
    CHECK(apply_hash(back, "lesson=none").empty());
    CHECK(back.page.lesson.empty());
}

TEST_CASE("an edit that changes nothing keeps the training as it is, divergence included") {
    Config c;
    apply_hash(c, "dataset=xor&lr=10&layers=8&activation=relu&seed=2");
    Trainer t(c);
    t.run_epochs(20);
    REQUIRE(t.diverged());
    const long steps = t.steps();
    t.set_config(c);  // the page's settings are not the run's: switching a tab sends nothing here
    CHECK(t.diverged());
    CHECK(t.steps() == steps);
    Config lr = c;
    lr.lr = 0.01;
    t.set_config(lr);  // a training change clears the divergence: the weights are the last finite ones
    CHECK_FALSE(t.diverged());
}

TEST_CASE("loss history CSV: a header and one line per epoch, exact numbers") {
    std::vector<EpochRecord> h = {{0, 0.75, 0.5, 0.25, 0.125}, {1, 0.1, 0.2, 1, 0.9}};
    CHECK(history_to_csv(h) == "epoch,train_loss,test_loss,train_acc,test_acc\n0,0.75,0.5,0.25,0.125\n1,0.1,0.2,1,0.9\n");
    CHECK(history_to_csv(h, false) == "epoch,train_loss,test_loss,train_acc,test_acc\n0,0.75,0.5,,\n1,0.1,0.2,,\n");
}

TEST_CASE("weights file: saved and loaded back, the network computes the same bits") {
    Config c;
    apply_hash(c, "dataset=spiral&layers=6,5&activation=tanh,relu&seed=4");
    Trainer a(c);
    a.run_epochs(5);
    const std::string file = weights_to_json(a).dump();
    std::vector<float> grid_a, grid_b;
    output_grid(a, 20, grid_a);
    Trainer b(c);  // the same shapes, the initial weights
    output_grid(b, 20, grid_b);
    CHECK(grid_a != grid_b);
    REQUIRE_FALSE(load_weights(b, file).has_value());
    output_grid(b, 20, grid_b);
    CHECK(grid_a == grid_b);
    CHECK(b.history().back().train_loss == doctest::Approx(a.history().back().train_loss).epsilon(1e-6));
    for (std::size_t l = 0; l < a.model().layers().size(); ++l) CHECK(a.model().layers()[l].W == b.model().layers()[l].W);
    // The loaded weights are the run's new start: training goes on from epoch 0, and Reset
    // comes back to them, not to the seed's initial weights.
    CHECK(b.epoch() == 0);
    b.run_epochs(3);
    REQUIRE(b.model().layers()[0].W != a.model().layers()[0].W);
    b.reset();
    for (std::size_t l = 0; l < a.model().layers().size(); ++l) {
        CHECK(a.model().layers()[l].W == b.model().layers()[l].W);
        CHECK(a.model().layers()[l].b == b.model().layers()[l].b);
    }
}

TEST_CASE("weights file: what does not fit is named, and nothing changes") {
    Config c;
    apply_hash(c, "layers=3&seed=5");
    Trainer t(c);
    const auto before = t.model().layers()[0].W;
    auto error_of = [&](const std::string& text) {
        const auto e = load_weights(t, text);
        CHECK(t.model().layers()[0].W == before);
        return e ? e->message : std::string("loaded");
    };
    Config other;
    apply_hash(other, "layers=4&seed=5");
    CHECK(error_of(weights_to_json(Trainer(other)).dump()) ==
          "weights file: layer 1: W must have 3 rows of 2 numbers (this network's 3x2) (nothing changed)");
    CHECK(error_of("{\"format\": \"bp-weights-1\", \"layers\": []}") ==
          "weights file: the network has 2 weight layers; the file must list as many under \"layers\" (nothing changed)");
    CHECK(error_of("[1, 2]") == "weights file: not a weights file (expected \"format\": \"bp-weights-1\") (nothing changed)");
    CHECK(error_of("{\"format\": ") == "weights file: JSON: unexpected end at 11 (nothing changed)");
    auto with_biases = [&](const std::string& biases) {  // layer 1's biases replaced
        std::string text = weights_to_json(t).dump();
        const auto at = text.find('[', text.find("\"b\"")) + 1;
        return text.replace(at, text.find(']', at) - at, biases);
    };
    CHECK(error_of(with_biases("1e39,0,0")) == "weights file: layer 1: b[0] is not a finite number (nothing changed)");
    CHECK(error_of(with_biases("0,0")) == "weights file: layer 1: b must be a list of 3 numbers (nothing changed)");
    CHECK(error_of(with_biases("1e999,0,0")) == "weights file: layer 1: b[0] is not a finite number (nothing changed)");
}
