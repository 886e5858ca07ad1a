// Every input boundary of docs/reference.md "Reference: input boundaries": bad numbers (NaN, Inf,
// negative, huge, empty, garbage) in each config field through the URL hash and the config
// JSON, layer limits, a 1 MB hash, values a widget typed past its range, the CSV upload
// and the graph lab's variables. Each must answer with a message that names the field (or
// line, or position) and keep what was there. Formula errors are in test_formula.cpp.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "settings.h"
#include "dataset.h"
#include "graph_session_json.h"

using namespace bp;

namespace {

// The keys whose JSON form is a number: every numeric field of the table.
std::vector<std::string> numeric_fields() {
    std::vector<std::string> keys;
    const Json defaults = to_json(Settings());  // named: members() of a temporary would dangle
    for (const auto& [key, v] : defaults.members())
        if (v.is_number()) keys.push_back(key);
    return keys;
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }
bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// One warning, "<key>: '<shown>' is not allowed; expected ... (kept <old>)", and nothing changed.
void check_rejected(const std::vector<std::string>& w, const Settings& c, const std::string& before,
                    const std::string& key, const std::string& shown) {
    REQUIRE(w.size() == 1);
    CHECK(starts_with(w[0], key + ": '" + shown + "' is not allowed; expected "));
    const std::string old = before.substr(before.find("&" + key + "=") + key.size() + 2);
    CHECK(ends_with(w[0], "(kept " + old.substr(0, old.find('&')) + ")"));
    CHECK(to_hash(c, true) == before);
}

}  // namespace

TEST_CASE("hash: every numeric field rejects NaN, Inf, -Inf, negative, huge, empty and garbage, names itself, keeps its value") {
    const std::vector<std::string> keys = numeric_fields();
    CHECK(keys.size() >= 21);  // every number of the table: a new one is tested here too
    for (const std::string& key : keys)
        for (const char* bad : {"nan", "NaN", "inf", "-inf", "Infinity", "-1", "-1e-9", "1e300", "1e999", "", "abc",
                                "1,2", "0x", "--1", "1 2"}) {
            CAPTURE(key);
            CAPTURE(bad);
            Settings c;
            const std::string before = to_hash(c, true);  // every field: the page's numbers too
            check_rejected(apply_hash(c, key + "=" + bad), c, before, key, bad);
        }
}

TEST_CASE("config JSON: every numeric field rejects 1e999, -1e999, -1, 1e300, strings, true, null, {} and lists, naming the field") {
    struct Bad {
        const char* json;
        const char* shown;  // how the warning quotes it
    };
    const Bad bads[] = {{"1e999", "inf"}, {"-1e999", "-inf"}, {"-1", "-1"},        {"1e300", "1e+300"},
                        {"\"nan\"", "nan"}, {"\"\"", ""},        {"\"abc\"", "abc"}, {"true", "true"},
                        {"false", "false"}, {"null", "null"},    {"{}", "{}"},       {"[1, 2]", "1,2"}};
    for (const std::string& key : numeric_fields())
        for (const Bad& bad : bads) {
            CAPTURE(key);
            CAPTURE(bad.json);
            Settings c;
            const std::string before = to_hash(c, true);  // every field: the page's numbers too
            check_rejected(apply_json_text(c, "{\"" + key + "\": " + bad.json + "}"), c, before, key, bad.shown);
        }
}

TEST_CASE("config JSON: one out-of-range number does not throw away the rest of the file") {
    Config c;
    const auto w = apply_json_text(c, R"({"lr": 1e999, "seed": 7, "layers": [8, 8], "dataset": "spiral"})");
    REQUIRE(w.size() == 1);
    CHECK(w[0] == "lr: 'inf' is not allowed; expected a number from 1e-06 to 10 (kept 0.03)");
    CHECK(c.seed == 7);
    CHECK(c.layers == std::vector<int>{8, 8});
    CHECK(c.dataset == DatasetKind::Spiral);
    // a file that is not JSON at all changes nothing and says where it broke
    Config d;
    CHECK(apply_json_text(d, R"({"lr": 0.1, "seed": )") ==
          std::vector<std::string>{"config file: JSON: unexpected end at 20 (nothing changed)"});
    CHECK(to_hash(d) == to_hash(Config()));
}

TEST_CASE("layers beyond the limits (9 layers, 65 units, 0 units, 8,,8, 8.5, -8) are refused and the old ones kept") {
    const std::string expected = "layers: '%' is not allowed; expected 0 to 8 comma-separated layer widths, each a "
                                 "whole number from 1 to 64 (kept 4,2)";
    for (const char* bad : {"1,2,3,4,5,6,7,8,9", "65", "8,65", "0", "8,0", "8,,8", ",", "8,", "8.5", "-8", "nan", "1e2"}) {
        CAPTURE(bad);
        Config c;
        const auto w = apply_hash(c, std::string("layers=") + bad);
        REQUIRE(w.size() == 1);
        std::string message = expected;
        message.replace(message.find('%'), 1, bad);
        CHECK(w[0] == message);
        CHECK(c.layers == std::vector<int>{4, 2});
        CHECK(c.activations.size() == 2);
    }
    Config json;
    CHECK(apply_json_text(json, R"({"layers": [64, 64, 64, 64, 64, 64, 64, 64, 64]})").size() == 1);
    CHECK(json.layers == std::vector<int>{4, 2});
    Config ok;  // the limits themselves are allowed
    CHECK(apply_hash(ok, "layers=64,64,64,64,64,64,64,1").empty());
    CHECK(ok.layers.size() == 8);
    CHECK(apply_hash(ok, "layers=").empty());
    CHECK(ok.layers.empty());
}

TEST_CASE("a 1 MB hash: warnings quote at most 64 characters of a value and stop after 20") {
    Config c;
    const std::string huge_value(1 << 20, '9');
    auto w = apply_hash(c, "seed=7&lr=" + huge_value);
    REQUIRE(w.size() == 1);
    REQUIRE(w[0].size() < 200);  // (a failure here would print 1 MB)
    CHECK(w[0] == "lr: '" + std::string(61, '9') + "...' (1048576 characters) is not allowed; expected a number "
                  "from 1e-06 to 10 (kept 0.03)");
    CHECK(c.seed == 7);
    std::string many;  // 1 MB of distinct unknown keys
    for (int i = 0; many.size() < (1u << 20); ++i) many += "key" + std::to_string(i) + "=1&";
    w = apply_hash(c, many);
    REQUIRE(w.size() == 21);
    CHECK(starts_with(w[0], "unknown setting 'key"));
    CHECK(starts_with(w[20], "... and "));
    CHECK(ends_with(w[20], " more warnings"));
    CHECK(to_hash(c) == to_hash([] { Config s; s.seed = 7; return s; }()));
}

TEST_CASE("values set past their range directly on a Config (a widget typed beyond its slider) are refused by a hash round trip") {
    Config typed;
    typed.points = 100000000;
    typed.lr = std::nan("");
    typed.batch = -3;
    typed.noise = 1e300;
    typed.classes = 60;
    typed.seed = 5;
    Config checked;
    const auto w = apply_hash(checked, to_hash(typed));
    REQUIRE(w.size() == 5);
    CHECK(w[0] == "points: '100000000' is not allowed; expected a whole number from 10 to 2000 (kept 300)");
    CHECK(w[1] == "noise: '1e+300' is not allowed; expected a number from 0 to 1 (kept 0.1)");
    CHECK(w[2] == "classes: '60' is not allowed; expected a whole number from 3 to 6 (kept 3)");
    CHECK(w[3] == "lr: 'nan' is not allowed; expected a number from 1e-06 to 10 (kept 0.03)");
    CHECK(w[4] == "batch: '-3' is not allowed; expected a whole number from 1 to 2000 (kept 10)");
    CHECK(checked.seed == 5);  // the good value still came across
}

TEST_CASE("CSV upload: empty, header only, test points only, NaN/Inf/huge coordinates are refused naming the line") {
    auto error_of = [](const std::string& text) {
        const auto r = from_csv(text);
        REQUIRE_FALSE(r.ok());
        return r.error().message;
    };
    CHECK(error_of("") == "CSV has no training points");
    CHECK(error_of("\n\n# only a comment\n") == "CSV has no training points");
    CHECK(error_of("x1,x2,label,split\n") == "CSV has no training points");
    CHECK(error_of("1,2,0,test\n") == "CSV has no training points");
    CHECK(error_of("x1,x2,label\n1,2,1\nnan,2,1\n") == "CSV line 3: x1 is not a finite number: 'nan'");
    CHECK(error_of("1,inf,1\n") == "CSV line 1: x2 is not a finite number: 'inf'");
    CHECK(error_of("1,-Infinity,1\n") == "CSV line 1: x2 is not a finite number: '-Infinity'");
    CHECK(error_of("1e999,2,1\n") == "CSV line 1: x1 is not a finite number: '1e999'");
    CHECK(error_of("1,2,1\n1e7,2,1\n") == "CSV line 2: x1 must be from -1000000 to 1000000, got '1e7'");
    CHECK(error_of("1,2,-2e6\n") == "CSV line 1: label must be from -1000000 to 1000000, got '-2e6'");
    CHECK(error_of("1,2,,train\n") == "CSV line 1: label is not a finite number: ''");
    CHECK(error_of("1;2;1\n") == "CSV line 1: expected 3 or 4 comma-separated values (x1,x2,label[,split]), got 1");
}

TEST_CASE("CSV upload: labels outside the whole numbers 0..5 make a regression set, inside them classes") {
    for (const char* text : {"0,0,0\n1,1,6\n", "0,0,0\n1,1,-1\n", "0,0,0\n1,1,2.5\n"}) {
        CAPTURE(text);
        const auto r = from_csv(text);
        REQUIRE(r.ok());
        CHECK(r->task == Task::Regression);
        CHECK(r->classes == 1);
    }
    const auto six = from_csv("0,0,0\n1,1,5\n");
    REQUIRE(six.ok());
    CHECK(six->task == Task::Multiclass);
    CHECK(six->classes == 6);
    const auto one = from_csv("0,0,0\n1,1,0\n");  // one class only: still a two-class set
    REQUIRE(one.ok());
    CHECK(one->task == Task::Binary);
}

TEST_CASE("CSV upload: a file of 10^6 lines is refused at the point past 2000, the playground's limit") {
    std::string text = "x1,x2,label\n";
    for (int i = 0; i < 1000000; ++i) text += "1.5,-2.25,1\n";
    const auto r = from_csv(text);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "CSV line 2002: more than 2000 points (the playground's limit)");
    std::string exactly = "x1,x2,label\n";
    for (int i = 0; i < 2000; ++i) exactly += "1.5,-2.25," + std::to_string(i % 2) + (i % 4 ? "\n" : ",test\n");
    const auto full = from_csv(exactly);
    REQUIRE(full.ok());
    CHECK(full->train.size() + full->test.size() == 2000);
}

TEST_CASE("graph lab variables: 1e999, strings, null and unknown names are reported, the rest applied") {
    GraphSession s;
    const Json problems = graph_set(s, "x*y + z", R"({"x": 1e999, "y": "2", "z": null, "w": 4, "q": 3})");
    REQUIRE(problems.items().size() == 5);
    CHECK(problems.items()[0].as_string() == "variable 'x': the number is out of range (beyond 1.8e308)");
    CHECK(problems.items()[1].as_string() == "variable 'y': \"2\" is not a finite number");
    CHECK(problems.items()[2].as_string() == "variable 'z': null is not a finite number");
    CHECK(problems.items()[3].as_string() == "'q' is not a variable of the formula");
    CHECK(problems.items()[4].as_string() == "'w' is not a variable of the formula");
    CHECK(s.value_of("x") == 1);  // new variables start at 1
    CHECK(graph_set(s, "x*y", R"({"x": 2, "y": 3})").items().empty());
    CHECK(s.graph().node(s.graph().output()).value == 6);
    const Json bad = graph_set(s, "log(-1)^0.5", "");  // a domain error keeps the last good graph
    REQUIRE(bad.items().size() == 1);
    CHECK(bad.items()[0].as_string() == "log of a negative number (-1) at 0");
    CHECK(s.formula() == "x*y");
}
