// Per-layer diagnostics: what the gradients and activations of each layer are doing.
// Definitions (also in docs/reference.md "Diagnostics"):
//   grad_norm       ||dL/dW||_F on the probed batch;  grad_mean_abs  mean |dL/dW|
//   bias_grad_norm  ||dL/db||_2;  act_grad_norm  ||dL/dz||_F (z = f(h) the layer's output; the logits for the last)
//   weight_norm     ||W||_F;  update_ratio  ||W_after - W_before||_F / ||W_before||_F
//   act_mean/std    over the batch and the layer's units
//   saturated unit  a sigmoid or tanh unit whose derivative f'(h) is below
//                   kSaturationThreshold x its peak (sigmoid 0.25, tanh 1) on more than
//                   half of the batch; saturated_frac = saturated units / units
//   dead unit       a ReLU unit whose output is 0 on every training point (checked on the
//                   whole training set at the end of each epoch); dead_frac likewise
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include <Eigen/Core>

#include "activations.h"

namespace bp {

constexpr double kSaturationThreshold = 0.1;

struct Histogram {
    static constexpr int kBins = 24;
    float lo = 0, hi = 0;           // range of the bins
    std::array<int, kBins> counts{};  // counts[i] covers [lo + i w, lo + (i+1) w)
    // Bins over [min, max] of the values, or [-max|v|, max|v|] when symmetric.
    template <class T>
    void fill(const T* values, std::size_t n, bool symmetric);
};

struct LayerStats {
    double grad_norm = 0, grad_mean_abs = 0;
    double bias_grad_norm = 0, bias_grad_mean_abs = 0;
    double act_grad_norm = 0, act_grad_mean_abs = 0;
    double weight_norm = 0, update_ratio = 0;
    double act_mean = 0, act_std = 0;
    double saturated_frac = 0, dead_frac = 0;
    std::vector<std::uint8_t> unit_saturated, unit_dead;  // per unit, 0/1
    Histogram pre_activation, activation, gradient;      // z, a, dL/dW
};

// A plot series with bounded memory: past `cap` values it keeps every other one and
// doubles its stride, so an hours-long run keeps its whole shape in fixed space.
class Series {
public:
    explicit Series(std::size_t cap = 2048) : cap_(cap) { values_.reserve(cap); }
    void push(float v);
    void clear() { values_.clear(), values_.reserve(cap_), stride_ = 1, pending_ = 0; }
    const std::vector<float>& values() const { return values_; }
    int stride() const { return stride_; }  // pushes per stored value

private:
    std::vector<float> values_;
    std::size_t cap_;
    int stride_ = 1, pending_ = 0;
};

// Whether the activation saturates, and for which |f'| (the peak times the threshold).
bool saturates(Activation act);
double saturation_limit(Activation act);
// The |z| beyond which |f'(z)| is below saturation_limit(act) (sigmoid 3.637, tanh 1.818),
// found with the probe's own derivative; NaN for an activation that does not saturate.
double saturation_z(Activation act);

// Fraction of columns where unit `row` has |f'(z)| below the limit.
template <class T>
double saturated_share(Activation act, const Eigen::Matrix<T, -1, -1>& Z, const Eigen::Matrix<T, -1, -1>& A,
                       Eigen::Index row);

}  // namespace bp
