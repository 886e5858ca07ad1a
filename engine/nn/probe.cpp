// Histogram filling, bounded plot series and the saturation rule of probe.h.
#include "probe.h"

#include <algorithm>
#include <cmath>

namespace bp {

// The range comes from the finite values only (an overflowed z must not make it -inf..inf);
// +-inf go to the end bins and NaN to none. Equal values get a range relative to their
// size: 582 + 1e-6 is 582 again in float, and an empty range made every index NaN.
template <class T>
void Histogram::fill(const T* values, std::size_t n, bool symmetric) {
    counts.fill(0);
    double mn = HUGE_VAL, mx = -HUGE_VAL;
    for (std::size_t i = 0; i < n; ++i)
        if (std::isfinite(double(values[i]))) mn = std::min(mn, double(values[i])), mx = std::max(mx, double(values[i]));
    if (mn > mx) {  // nothing finite (or nothing at all)
        lo = hi = 0;
        return;
    }
    if (symmetric) mx = std::max(std::abs(mn), std::abs(mx)), mn = -mx;
    if (mx <= mn) mx = mn + std::max(1e-6, std::abs(mn) * 1e-6);  // all equal: one narrow range
    lo = float(mn);
    hi = float(mx);
    const double scale = kBins / (mx - mn);
    for (std::size_t i = 0; i < n; ++i) {
        const double v = double(values[i]);
        if (!std::isnan(v)) counts[std::size_t(std::clamp((v - mn) * scale, 0.0, double(kBins - 1)))]++;
    }
}

void Series::push(float v) {
    if (++pending_ < stride_) return;
    pending_ = 0;
    values_.push_back(v);
    if (values_.size() < cap_) return;
    for (std::size_t i = 0; i < values_.size() / 2; ++i) values_[i] = values_[2 * i + 1];
    values_.resize(values_.size() / 2);
    stride_ *= 2;
}

bool saturates(Activation act) { return act == Activation::Sigmoid || act == Activation::Tanh; }

// Peak derivatives: sigmoid'(0) = 1/4, tanh'(0) = 1.
double saturation_limit(Activation act) {
    return kSaturationThreshold * (act == Activation::Sigmoid ? 0.25 : 1.0);
}

// f' of sigmoid and tanh falls monotonically in |z|: bisection on [0, 64] to float precision.
double saturation_z(Activation act) {
    if (!saturates(act)) return NAN;
    const double limit = saturation_limit(act);
    auto derivative = [act](double z) { return std::abs(activation_derivative(act, z, activate(act, z))); };
    double below = 0, above = 64;  // f'(below) >= limit > f'(above)
    for (int i = 0; i < 60; ++i) {
        const double mid = (below + above) / 2;
        (derivative(mid) < limit ? above : below) = mid;
    }
    return above;
}

template <class T>
double saturated_share(Activation act, const Eigen::Matrix<T, -1, -1>& Z, const Eigen::Matrix<T, -1, -1>& A,
                       Eigen::Index row) {
    if (!saturates(act) || Z.cols() == 0) return 0;
    const double limit = saturation_limit(act);
    return dispatch_activation(act, [&](auto tag) {  // one switch per row, not per entry
        int below = 0;
        for (Eigen::Index j = 0; j < Z.cols(); ++j)
            below += std::abs(double(ActivationFn<decltype(tag)::value>::df(Z(row, j), A(row, j)))) < limit;
        return double(below) / double(Z.cols());
    });
}

template void Histogram::fill(const float*, std::size_t, bool);
template void Histogram::fill(const double*, std::size_t, bool);
template double saturated_share(Activation, const Eigen::MatrixXf&, const Eigen::MatrixXf&, Eigen::Index);
template double saturated_share(Activation, const Eigen::MatrixXd&, const Eigen::MatrixXd&, Eigen::Index);

}  // namespace bp
