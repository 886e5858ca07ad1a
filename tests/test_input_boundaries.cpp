// Every input boundary of README "Reference: input boundaries": bad numbers (NaN, Inf,
// negative, huge, empty, garbage) in each config field through the URL hash and the config
// JSON, layer limits, a 1 MB hash, values a widget typed past its range, the CSV upload
// and the graph lab's variables. Each must answer with a message that names the field (or
// line, or position) and keep what was there. Formula errors are in test_formula.cpp.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "dataset.h"

using namespace bp;

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
