// Config: hash and JSON round trips, order independence, and a warning that names the
// field and the allowed values for every bad input, while the rest still loads.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "settings.h"

using namespace bp;

TEST_CASE("hash round trip keeps every field") {
    Config c;
    const auto warnings = apply_hash(c, "#dataset=spiral&layers=8,8,8&activation=relu&lr=0.1&seed=7"
                                        "&features=x1,x2,sinx1&optimizer=adam&reg=l2&reg_rate=0.01&batch=32");
    CHECK(warnings.empty());
    CHECK(c.dataset == DatasetKind::Spiral);
    CHECK(c.layers == std::vector<int>{8, 8, 8});
    CHECK(c.activations == std::vector<Activation>(3, Activation::Relu));
    CHECK(c.features.size() == 3);
    CHECK(c.seed == 7);
    Config back;
    CHECK(apply_hash(back, to_hash(c)).empty());
    CHECK(to_hash(back) == to_hash(c));
    CHECK(to_json(back).dump() == to_json(c).dump());
}

TEST_CASE("JSON round trip and typed values") {
    Config c;
    apply_hash(c, "layers=3&activation=sigmoid&noise=0.25&schedule=cosine");
    const Json j = to_json(c);
    CHECK(j.find("layers")->items()[0].as_number() == 3);
    CHECK(j.find("activation")->items()[0].as_string() == "sigmoid");
    CHECK(j.find("noise")->as_number() == 0.25);
    Config back;
    CHECK(apply_json_text(back, j.dump(2)).empty());
    CHECK(to_hash(back) == to_hash(c));
}

TEST_CASE("the order of keys does not matter") {
    Config a, b;
    apply_hash(a, "activation=relu,tanh,sigmoid&layers=5,5,5");
    apply_hash(b, "layers=5,5,5&activation=relu,tanh,sigmoid");
    CHECK(to_hash(a) == to_hash(b));
    CHECK(a.activations[2] == Activation::Sigmoid);
}

TEST_CASE("bad values are named with what is allowed, and the rest still loads") {
    Config c;
    const auto w = apply_hash(c, "lr=abc&layers=8,100&dataset=donut&seed=-1&batch=0&points=5"
                                 "&features=x1,x1&activation=relu,relu,relu&foo=1&noise=nan&justakey&lr2=1"
                                 "&optimizer=adam");
    CHECK(c.opt.kind == OptimizerKind::Adam);  // the good field still applied
    CHECK(c.lr == 0.03);                        // bad ones kept their value
    CHECK(c.layers == std::vector<int>{4, 2});
    REQUIRE(w.size() == 12);
    auto has = [&](const std::string& text) {
        for (const auto& s : w)
            if (s == text) return true;
        return false;
    };
    CHECK(has("lr: 'abc' is not allowed; expected a number from 1e-06 to 10 (kept 0.03)"));
    CHECK(has("layers: '8,100' is not allowed; expected 0 to 8 comma-separated layer widths, each a whole "
              "number from 1 to 64 (kept 4,2)"));
    CHECK(has("dataset: 'donut' is not allowed; expected one of circle, xor, gauss, spiral, moons, "
              "checkerboard, spiral-k, blobs, plane, multi-gauss, sine (kept circle)"));
    CHECK(has("seed: '-1' is not allowed; expected a whole number from 0 to 4294967295 (kept 1)"));
    CHECK(has("batch: '0' is not allowed; expected a whole number from 1 to 2000 (kept 10)"));
    CHECK(has("points: '5' is not allowed; expected a whole number from 10 to 2000 (kept 300)"));
    CHECK(has("activation: 'relu,relu,relu' is not allowed; expected 1 name, or one per hidden layer (2) "
              "(kept tanh,tanh)"));
    CHECK(has("unknown setting 'foo' (ignored)"));
    CHECK(has("unknown setting 'lr2' (ignored)"));
    CHECK(has("'justakey' has no value (expected key=value)"));
    CHECK(has("noise: 'nan' is not allowed; expected a number from 0 to 1 (kept 0.1)"));
}

TEST_CASE("zero hidden layers, percent-encoding, and a broken JSON file") {
    Config c;
    CHECK(apply_hash(c, "layers=&features=x1%2Cx2sq").empty());
    CHECK(c.layers.empty());
    CHECK(c.activations.empty());
    CHECK(c.features == std::vector<Feature>{Feature::X1, Feature::X2Sq});
    const auto w = apply_json_text(c, "{\"lr\": 0.5,");
    REQUIRE(w.size() == 1);
    CHECK(w[0] == "config file: JSON: expected a quoted key at 11 (nothing changed)");
    CHECK(apply_json_text(c, "[1]") == std::vector<std::string>{"config JSON must be an object of settings"});
    CHECK(c.lr == 0.03);
}

TEST_CASE("validate: each field is checked where it is held, a bad one keeps the fallback's value") {
    Config c;
    c.points = 100000000;                              // past kMaxPoints
    c.lr = std::nan("");                               // not finite
    c.layers = {8, 65};                                // a layer past kMaxUnits
    c.activations = {Activation::Relu, Activation::Relu, Activation::Relu};  // three names for two layers
    c.features = {Feature::X1, Feature::X1};           // not distinct
    c.noise = 0.4;                                     // fine
    Config fallback;
    fallback.points = 500;
    const auto w = validate(c, fallback);
    REQUIRE(w.size() == 5);
    CHECK(w[0] == "points: '100000000' is not allowed; expected a whole number from 10 to 2000 (kept 500)");
    CHECK(w[1] == "features: 'x1,x1' is not allowed; expected 1 to " + std::to_string(enum_count<Feature>()) +
                      " distinct names from " + join(EnumNames<Feature>::names, ", ") + " (kept x1,x2)");
    CHECK(w[2].rfind("layers: '8,65' is not allowed; expected 0 to 8 comma-separated layer widths", 0) == 0);
    CHECK(w[3] == "activation: 'relu,relu,relu' is not allowed; expected 1 name, or one per hidden layer (2) (kept tanh,tanh)");
    CHECK(w[4] == "lr: 'nan' is not allowed; expected a number from 1e-06 to 10 (kept 0.03)");
    CHECK(c.points == 500);
    CHECK(c.layers == fallback.layers);
    CHECK(c.activations == fallback.activations);
    CHECK(c.noise == 0.4);
    Config good;
    CHECK(validate(good).empty());
}

TEST_CASE("change_between names what an edit touches, from the field table's groups") {
    // The groups as the Trainer needs them: the data is generated from these ...
    const std::vector<std::string> data = {"dataset", "points", "noise", "train_ratio", "classes", "seed"};
    // ... the model is built from these, the pace changes nothing the run computes, and every
    // other field changes training only.
    const std::vector<std::string> model = {"features", "layers", "activation", "head", "init", "init_scale"};
    const std::vector<std::string> nothing = {"speed"};
    auto in = [](const std::vector<std::string>& keys, const char* k) { return std::find(keys.begin(), keys.end(), k) != keys.end(); };
    const Config base;
    CHECK(change_between(base, base) == Change::None);
    // One other allowed value per field, from its own range or names.
    const std::map<std::string, std::string> other = {
        {"dataset", "spiral"}, {"features", "x1"}, {"layers", "3"}, {"activation", "relu"}, {"head", "tanh-mse"},
        {"init", "he"}, {"optimizer", "adam"}, {"schedule", "cosine"}, {"reg", "l2"}};
    for (const Field<Config>& f : config_fields()) {
        CAPTURE(f.key);
        Config edited = base;
        const auto it = other.find(f.key);
        const std::string v = it != other.end() ? it->second : exact_number(f.range.lo == std::stod(f.get(base)) ? f.range.hi : f.range.lo);
        REQUIRE(apply_hash(edited, std::string(f.key) + "=" + v).empty());
        const Change want = in(data, f.key)      ? Change::Data
                            : in(model, f.key)   ? Change::Model
                            : in(nothing, f.key) ? Change::None
                                                 : Change::Training;
        CHECK(change_between(base, edited) == want);
        CHECK(change_between(edited, base) == want);
    }
}

TEST_CASE("speed: epochs per second, through a link and JSON, a bad value refused by name") {
    Config c;
    CHECK(c.speed == 100);  // the default: above TF Playground's one epoch a frame at 60 Hz
    CHECK(to_hash(c).find("&speed=100") != std::string::npos);
    CHECK(apply_hash(c, "speed=0.5").empty());
    CHECK(c.speed == 0.5);
    CHECK(to_hash(c).find("&speed=0.5") != std::string::npos);
    Config back;
    CHECK(apply_json_text(back, to_json(c).dump()).empty());
    CHECK(back.speed == 0.5);
    for (const char* bad : {"0", "-3", "1001", "fast", "inf"}) {
        Config d = c;
        const auto w = apply_hash(d, std::string("speed=") + bad);
        REQUIRE(w.size() == 1);
        CHECK(w[0] == "speed: '" + std::string(bad) + "' is not allowed; expected a number from 0.01 to 1000 (kept 0.5)");
        CHECK(d.speed == 0.5);  // nothing changed
    }
    CHECK(change_between(Config{}, c) == Change::None);  // the pace changes nothing the run computes
}
