// JSON: round trips, shortest numbers, escapes, and errors with positions.
#include <doctest/doctest.h>

#include <cmath>

#include "json.h"

using namespace bp;

TEST_CASE("JSON parses, keeps key order and dumps back") {
    const char* text = R"({"b": 1, "a": [true, false, null, "x\"y\n"], "c": {"d": -2.5e3}})";
    const auto j = parse_json(text);
    REQUIRE(j.ok());
    CHECK(j->members()[0].first == "b");
    CHECK(j->find("c")->find("d")->as_number() == -2500);
    CHECK(j->find("a")->items()[3].as_string() == "x\"y\n");
    CHECK(j->dump() == R"({"b": 1, "a": [true, false, null, "x\"y\n"], "c": {"d": -2500}})");
    const auto again = parse_json(j->dump(2));
    REQUIRE(again.ok());
    CHECK(again->dump() == j->dump());
}

TEST_CASE("numbers print shortest and read back exactly") {
    CHECK(format_number(0.1) == "0.1");
    CHECK(format_number(1.0 / 3) == "0.3333333333333333");  // 16 digits suffice for 1/3
    CHECK(format_number(0.1 + 0.2) == "0.30000000000000004");  // 17 needed
    CHECK(format_number(-0.0) == "-0");
    CHECK(format_number(1e300) == "1e+300");
    CHECK(parse_json("\"\\u00e9\"")->as_string() == "\xc3\xa9");
}

TEST_CASE("JSON errors name the problem and the position") {
    auto err = [](const char* text) { return parse_json(text).error().message; };
    CHECK(err("{\"a\" 1}") == "JSON: expected ':' at 5");
    CHECK(err("[1, 2") == "JSON: expected ',' or ']' at 5");
    CHECK(err("{\"a\": tru}") == "JSON: unexpected character 't' at 6");
    CHECK(err("\"abc") == "JSON: unterminated string at 4");
    CHECK(err("") == "JSON: unexpected end at 0");
    CHECK(err("[1] x") == "JSON: unexpected text after the JSON value at 4");
    CHECK(err("1e99x") == "JSON: unexpected text after the JSON value at 4");
    CHECK(err("[1, -]") == "JSON: bad number '-' at 4");
    CHECK(parse_json("[1e999, -1e999]")->items()[0].as_number() == HUGE_VAL);  // overflow: the reader says no
    CHECK(parse_json("[1e999, -1e999]")->items()[1].as_number() == -HUGE_VAL);
    CHECK(parse_json("[1e999]")->dump() == "[null]");
    CHECK(err(std::string(100, '[').c_str()) == "JSON: nesting deeper than 64 at 65");
}
