// Every enum's name table (EnumNames): names round-trip through from_name(name_of(e)), are
// distinct, match the enum's last value, and are what the config accepts; the numeric ranges
// the UI's sliders read (field_range) are exactly what the config's setters accept; join.
#include <doctest/doctest.h>

#include <cmath>
#include <set>
#include <string>

#include "settings.h"
#include "json.h"
#include "text_util.h"

using namespace bp;

namespace {

// Round trip and distinct names for every value; E(count) is no value; `last` is E's last
// enumerator, so a value added to the enum without a name (or a name too many) fails.
template <class E>
void check_names(E last, const char* last_name, const char* config_key) {
    CAPTURE(config_key);
    CHECK(enum_count<E>() == std::size_t(last) + 1);
    CHECK(std::string(name_of(last)) == last_name);
    std::set<std::string> seen;
    for (E e : enum_values<E>()) {
        const std::string name = name_of(e);
        CAPTURE(name);
        CHECK(!name.empty());
        CHECK(seen.insert(name).second);
        CHECK(from_name<E>(name) == e);
        Config c;  // the config takes every name (panels and controls take lists of them)
        CHECK(apply_hash(c, std::string(config_key) + "=" + name).empty());
    }
    CHECK(std::string(name_of(E(enum_count<E>()))) == "?");
    CHECK_FALSE(from_name<E>("").has_value());
    CHECK_FALSE(from_name<E>(std::string(last_name) + "x").has_value());
}

}  // namespace

TEST_CASE("every enum's names round-trip, are distinct and are what the config accepts") {
    check_names(Activation::Swish, "swish", "activation");
    check_names(OptimizerKind::AdamW, "adamw", "optimizer");
    check_names(Regularization::L2, "l2", "reg");
    check_names(ScheduleKind::Cosine, "cosine", "schedule");
    check_names(InitKind::Lecun, "lecun", "init");
    check_names(BinaryHead::TanhMse, "tanh-mse", "head");
    check_names(View::Landscape, "landscape", "view");
    check_names(Panel::Fit, "fit", "panels");
    check_names(Control::Speed, "speed", "controls");
    check_names(DatasetKind::Sine, "sine", "dataset");
    check_names(Feature::SinX2, "sinx2", "features");
    // a name in the middle of each table sits at its enumerator (the hash format's names)
    CHECK(std::string(name_of(ScheduleKind::Exponential)) == "exp");
    CHECK(std::string(name_of(DatasetKind::SpiralArms)) == "spiral-k");
    CHECK(std::string(name_of(Activation::LeakyRelu)) == "leaky_relu");
    CHECK(std::string(name_of(Feature::X1Sq)) == "x1sq");
    CHECK(std::string(feature_label(Feature::X1Sq)) == "x1^2");
}

TEST_CASE("a rejected name lists every name of the enum, from the same table") {
    Config c;
    const auto w = apply_hash(c, "optimizer=lbfgs");
    REQUIRE(w.size() == 1);
    CHECK(w[0].find("one of sgd, momentum, nesterov, rmsprop, adagrad, adam, adamw (kept sgd)") != std::string::npos);
    const auto p = apply_hash(c, "panels=boundary,boundary");
    REQUIRE(p.size() == 1);
    CHECK(p[0].find("1 to 10 distinct names from boundary, loss, network, gradients, data, features, training, "
                    "callouts, lesson, fit") != std::string::npos);
}

TEST_CASE("field_range is exactly what each numeric setting accepts, as the UI's sliders use it") {
    for (const char* key : {"lr", "reg_rate", "noise", "train_ratio", "momentum", "init_scale", "clip", "points",
                            "batch", "classes", "stop_epoch"}) {
        CAPTURE(key);
        const FieldRange r = field_range(key);
        REQUIRE(r.lo < r.hi);
        const auto accepts = [&](double v) {
            Config c;
            return apply_hash(c, std::string(key) + "=" + exact_number(v)).empty();
        };
        CHECK(accepts(r.lo));
        CHECK(accepts(r.hi));
        CHECK_FALSE(accepts(std::nextafter(r.lo, -1e300)));
        CHECK_FALSE(accepts(std::nextafter(r.hi, 1e300)));
    }
    // the ranges the issue named: the learning-rate slider once stopped at 1e-5
    CHECK(field_range("lr").lo == 1e-6);
    CHECK(field_range("lr").hi == 10);
    CHECK(field_range("points").lo == kMinPoints);
    CHECK(field_range("points").hi == kMaxPoints);
    CHECK(field_range("dataset").hi == 0);  // not a number
    CHECK(field_range("no_such_key").hi == 0);
}

TEST_CASE("the layers warning states kMaxLayers and kMaxUnits") {
    Config c;
    const auto w = apply_hash(c, "layers=" + std::to_string(kMaxUnits + 1));
    REQUIRE(w.size() == 1);
    CHECK(w[0].find("0 to 8 comma-separated layer widths, each a whole number from 1 to 64") != std::string::npos);
    CHECK(kMaxLayers == 8);
    CHECK(kMaxUnits == 64);
    std::string nine = "1";
    for (int i = 1; i <= kMaxLayers; ++i) nine += ",1";
    CHECK(apply_hash(c, "layers=" + nine).size() == 1);
}

TEST_CASE("join puts the separator between items only") {
    CHECK(join(std::vector<std::string>{}, ", ") == "");
    CHECK(join(std::vector<std::string>{"a"}, ", ") == "a");
    CHECK(join(std::vector<std::string>{"a", "", "c"}, ", ") == "a, , c");
    CHECK(join(std::vector<int>{4, 2}, ",", [](int n) { return std::to_string(n); }) == "4,2");
    CHECK(join(EnumNames<ScheduleKind>::names, "|") == "constant|step|exp|cosine");
}

TEST_CASE("exact_number reads back as the same double and names what JSON cannot") {
    CHECK(exact_number(0.1) == "0.1");
    CHECK(std::stod(exact_number(1.0 / 3)) == 1.0 / 3);
    CHECK(exact_number(std::nan("")) == "nan");
    CHECK(exact_number(HUGE_VAL) == "inf");
    CHECK(exact_number(-HUGE_VAL) == "-inf");
    CHECK(format_number(HUGE_VAL) == "null");
}
