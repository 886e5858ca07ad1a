// readable(): the one way a number is shown to a person. Expected strings are written out
// by hand from the rule in text_util.h (plain from 1e-3 to 1e5, else short scientific).
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "text_util.h"

using bp::readable;

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
