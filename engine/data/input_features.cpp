// The feature formulas and their names: the one place each lives.
#include "input_features.h"

#include <cmath>
#include <iterator>

#include "det_math.h"

namespace bp {

namespace {
constexpr const char* kLabels[] = {"x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"};
static_assert(std::size(kLabels) == kFeatureCount, "one label per feature");
}  // namespace

const char* feature_label(Feature f) { return std::size_t(f) < std::size(kLabels) ? kLabels[std::size_t(f)] : "?"; }

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
