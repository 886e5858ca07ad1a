// readable(): the one way a number is shown to a person. Expected strings are written out
// by hand from the rule in text_util.h (plain from 1e-3 to 1e5, else short scientific);
// readable_sum(): terms and total to one decimal place at which they add up as printed;
// wrap_at_spaces(), which wraps the UI's sentences without ever splitting a number.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "text_util.h"

using bp::readable;
using bp::readable_sum;
using Texts = std::vector<std::string>;

TEST_CASE("readable: plain notation between 1e-3 and 1e5, four significant digits") {
    CHECK(readable(0) == "0");
    CHECK(readable(0.5) == "0.5");
    CHECK(readable(0.031234) == "0.03123");
    CHECK(readable(1234.56) == "1235");
    CHECK(readable(-6.18) == "-6.18");
    CHECK(readable(0.001) == "0.001");
    CHECK(readable(99999.0) == "1e5");  // rounds to 1.000e5 at four digits: scientific
    CHECK(readable(1214.56, 6) == "1214.56");
}

TEST_CASE("readable: huge and tiny numbers in short scientific notation") {
    CHECK(readable(6789701945647430043885895568.0) == "6.79e27");
    CHECK(readable(-6789701945647430043885895568.0) == "-6.79e27");
    CHECK(readable(1.2e-5) == "1.2e-5");
    CHECK(readable(0.000999) == "9.99e-4");
    CHECK(readable(1e300) == "1e300");
    CHECK(readable(123456.0) == "1.235e5");
}

TEST_CASE("readable: not-finite values by name, and never long") {
    CHECK(readable(std::nan("")) == "nan");
    CHECK(readable(std::numeric_limits<double>::infinity()) == "inf");
    CHECK(readable(-std::numeric_limits<double>::infinity()) == "-inf");
    for (double v : {-1.7976931348623157e308, 4.9e-324, -2.2250738585072014e-308, 123456789.0})
        CHECK(readable(v).size() <= 4 + 7);
}

TEST_CASE("readable_sum: the terms add up to the total as printed") {
    // x in exp(xz) + xz/log(x) + sin(log(x))/(xz) at x = 2, z = 3, by hand: via log,
    // (-6/ln(2)^2 + cos(ln 2)/6) / 2 = -6.17999; via u = xz, 3 (e^6 + 1/ln 2 - sin(ln 2)/36)
    // = 1214.56122; total 1208.38122. The smallest term keeps 3 digits: hundredths.
    CHECK(readable_sum({-6.17999, 1214.56122}, 1208.38122) == Texts{"-6.18", "1214.56", "1208.38"});
    CHECK(readable(-6.17999) + " + " + readable(1214.56122) == "-6.18 + 1215");  // what it printed before
    CHECK(readable_sum({3, 2}, 5) == Texts{"3", "2", "5"});
    CHECK(readable_sum({0.5, -0.25}, 0.25) == Texts{"0.5", "-0.25", "0.25"});
    // The smallest term wants 3 digits, ten-thousandths; there -0.0177 + 1.4427 + 403.4288
    // = 404.8538 while the total rounds to 404.8537: one place more (1.44270 prints 1.4427).
    CHECK(readable_sum({-0.0177489, 1.4426950, 403.4287935}, 404.8537396) ==
          Texts{"-0.01775", "1.4427", "403.42879", "404.85374"});
    // Rounding each term up overshoots the rounded total: 1.004 + 1.004 != 2.009.
    CHECK(readable_sum({1.0044, 1.0044}, 2.0088) == Texts{"1.0044", "1.0044", "2.0088"});
}

TEST_CASE("readable_sum: a negligible term, huge numbers, zeros and not-finite ones") {
    // 1e-12 next to 1000 would need 15 digits: the largest keeps at most 9, the tiny term
    // is printed on its own.
    CHECK(readable_sum({1e-12, 1000}, 1000 + 1e-12) == Texts{"1e-12", "1000", "1000"});
    CHECK(readable_sum({2.5e6, 1.25e6}, 3.75e6) == Texts{"2.5e6", "1.25e6", "3.75e6"});
    CHECK(readable_sum({0, 0}, 0) == Texts{"0", "0", "0"});
    CHECK(readable_sum({0, 1.5}, 1.5) == Texts{"0", "1.5", "1.5"});
    CHECK(readable_sum({3, -3}, 0) == Texts{"3", "-3", "0"});
    CHECK(readable_sum({1, std::numeric_limits<double>::infinity()}, std::numeric_limits<double>::infinity()) ==
          Texts{"1", "inf", "inf"});
}

TEST_CASE("wrap_at_spaces breaks lines at spaces only, never inside a number") {
    auto chars = [](std::string_view s) { return double(s.size()); };  // a monospace font: one unit a character
    using Lines = std::vector<std::string_view>;
    using bp::wrap_at_spaces;
    CHECK(wrap_at_spaces("a 0.01 b", 3, chars) == Lines{"a", "0.01", "b"});  // 0.01 is wider than 3 and stays whole
    CHECK(wrap_at_spaces("gradient 1,234 times", 12, chars) == Lines{"gradient", "1,234 times"});
    CHECK(wrap_at_spaces("one two three", 7, chars) == Lines{"one two", "three"});
    CHECK(wrap_at_spaces("one two three", 100, chars) == Lines{"one two three"});
    CHECK(wrap_at_spaces("x\n\ny", 10, chars) == Lines{"x", "", "y"});
    CHECK(wrap_at_spaces("", 10, chars).empty());
    const std::string s = "Test accuracy stays at 53.3%: no straight line separates XOR, 0.01 of 1e-5";
    for (double width = 1; width <= 80; ++width) {
        std::string joined;
        for (std::string_view line : wrap_at_spaces(s, width, chars)) {
            CHECK((line.size() <= width || line.find(' ') == std::string_view::npos));  // too wide only as one word
            joined += (joined.empty() ? "" : " ") + std::string(line);
        }
        CHECK(joined == s);  // every word, number and mark is on one line, whole
    }
}
