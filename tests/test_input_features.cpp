// Features: each formula at a hand-checked point, names and keys round-trip, matrix layout.
#include <doctest/doctest.h>

#include <cmath>

#include "input_features.h"

using namespace bp;

TEST_CASE("feature values at (2, -3)") {
    CHECK(feature_value(Feature::X1, 2, -3) == 2);
    CHECK(feature_value(Feature::X2, 2, -3) == -3);
    CHECK(feature_value(Feature::X1Sq, 2, -3) == 4);
    CHECK(feature_value(Feature::X2Sq, 2, -3) == 9);
    CHECK(feature_value(Feature::X1X2, 2, -3) == -6);
    CHECK(feature_value(Feature::SinX1, 2, -3) == doctest::Approx(0.9092974268256817));
    CHECK(feature_value(Feature::SinX2, 2, -3) == doctest::Approx(-0.1411200080598672));
}

TEST_CASE("feature keys round-trip and the matrix holds one example per column") {
    for (int i = 0; i < kFeatureCount; ++i) CHECK(from_name<Feature>(name_of(Feature(i))) == Feature(i));
    CHECK_FALSE(from_name<Feature>("x3").has_value());
    Eigen::MatrixXf X;
    feature_matrix<float>({Feature::X1, Feature::X1X2}, {{1, 2, 0}, {3, 4, 1}, {5, 6, 0}}, X);
    CHECK(X.rows() == 2);
    CHECK(X.cols() == 3);
    CHECK(X(0, 1) == 3);
    CHECK(X(1, 2) == 30);
}
