// Config: hash and JSON round trips, order independence, and a warning that names the
// field and the allowed values for every bad input, while the rest still loads.
#include <doctest/doctest.h>

#include "config.h"

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
    CHECK(c.optimizer == OptimizerKind::Adam);  // the good field still applied
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
