// The feature formulas and their names: the one place each lives.
#include "input_features.h"

#include <cmath>

#include "det_math.h"

namespace bp {

namespace {
const char* const kNames[kFeatureCount] = {"x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"};
const char* const kKeys[kFeatureCount] = {"x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2"};
}  // namespace

const char* feature_name(Feature f) { return kNames[int(f)]; }
const char* feature_key(Feature f) { return kKeys[int(f)]; }

std::optional<Feature> feature_from_key(std::string_view key) {
    for (int i = 0; i < kFeatureCount; ++i)
        if (key == kKeys[i]) return Feature(i);
    return std::nullopt;
}

double feature_value(Feature f, double x1, double x2) {
    switch (f) {
        case Feature::X1: return x1;
        case Feature::X2: return x2;
        case Feature::X1Sq: return x1 * x1;
        case Feature::X2Sq: return x2 * x2;
        case Feature::X1X2: return x1 * x2;
        case Feature::SinX1: return det::sin(x1);
        case Feature::SinX2: return det::sin(x2);
    }
    return 0;
}

}  // namespace bp
