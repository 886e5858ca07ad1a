// Optimizers (SGD, momentum, Nesterov, RMSprop, Adagrad, Adam, AdamW), global gradient
// clipping by norm and L1/L2 penalty gradients. Update rules follow PyTorch's
// conventions; each is written out once, next to its formula. State is allocated when
// parameters are attached, so a step allocates nothing.
#pragma once
#include <Eigen/Core>
#include <cmath>
#include <optional>
#include <string_view>
#include <vector>

#include "det_math.h"
#include "enum_names.h"

namespace bp {

enum class OptimizerKind { Sgd, Momentum, Nesterov, RmsProp, Adagrad, Adam, AdamW };
template <>
struct EnumNames<OptimizerKind> {
    static constexpr std::array names{"sgd", "momentum", "nesterov", "rmsprop", "adagrad", "adam", "adamw"};
};

struct OptimizerSettings {
    OptimizerKind kind = OptimizerKind::Sgd;
    double momentum = 0.9;       // momentum, nesterov
    double rho = 0.9;            // rmsprop: decay of the squared-gradient average
    double beta1 = 0.9, beta2 = 0.999;
    double eps = 1e-8;           // rmsprop, adagrad, adam, adamw
    double weight_decay = 0.01;  // adamw (decoupled)
};

// Element-wise sqrt with the same bits on every machine: for float, Eigen's SSE path (also
// taken in WASM) estimates sqrt with _mm_rsqrt_ps plus a Newton step (EIGEN_FAST_MATH), and
// that estimate differs between Intel, AMD and WASM. Through this functor Eigen calls
// std::sqrt per element, which IEEE 754 rounds exactly.
struct ExactSqrt {
    template <class T>
    T operator()(T x) const { return std::sqrt(x); }
};

template <class T>
struct ParamRef {
    using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
    Mat* value;  // updated in place
    Mat* grad;   // same shape as value
};

template <class T>
class Optimizer {
public:
    using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;

    void attach(std::vector<ParamRef<T>> params) {
        params_ = std::move(params);
        reset_state();
    }

    // Forget the moment estimates (a new optimizer kind, or new weights).
    void reset_state() {
        m_.clear();
        v_.clear();
        for (auto& p : params_) {
            m_.push_back(Mat::Zero(p.value->rows(), p.value->cols()));
            v_.push_back(Mat::Zero(p.value->rows(), p.value->cols()));
        }
        t_ = 0;
    }

    void step(const OptimizerSettings& s, double lr) {
        ++t_;
        for (std::size_t i = 0; i < params_.size(); ++i)
            update(s, T(lr), params_[i].value->array(), params_[i].grad->array(), m_[i].array(),
                   v_[i].array());
    }

    long steps() const { return t_; }
    // The state per parameter (W0, b0, W1, ...): m is the velocity (momentum, nesterov) or the
    // first moment (adam, adamw); v the squared-gradient average (rmsprop), sum (adagrad) or
    // second moment (adam, adamw). Zero for what the kind does not use.
    const std::vector<Mat>& first_moments() const { return m_; }
    const std::vector<Mat>& second_moments() const { return v_; }

private:
    template <class W, class G, class M, class V>
    void update(const OptimizerSettings& s, T lr, W w, G g, M m, V v) const {
        const T mu = T(s.momentum), eps = T(s.eps);
        switch (s.kind) {
            case OptimizerKind::Sgd:  // w -= lr g
                w -= lr * g;
                break;
            case OptimizerKind::Momentum:  // m = mu m + g;  w -= lr m
                m = mu * m + g;
                w -= lr * m;
                break;
            case OptimizerKind::Nesterov:  // m = mu m + g;  w -= lr (g + mu m)
                m = mu * m + g;
                w -= lr * (g + mu * m);
                break;
            case OptimizerKind::RmsProp:  // v = rho v + (1-rho) g^2;  w -= lr g / (sqrt v + eps)
                v = T(s.rho) * v + T(1 - s.rho) * g.square();
                w -= lr * g / (v.unaryExpr(ExactSqrt{}) + eps);
                break;
            case OptimizerKind::Adagrad:  // v += g^2;  w -= lr g / (sqrt v + eps)
                v += g.square();
                w -= lr * g / (v.unaryExpr(ExactSqrt{}) + eps);
                break;
            case OptimizerKind::AdamW:  // decoupled decay first: w -= lr wd w, then Adam
                w -= lr * T(s.weight_decay) * w;
                [[fallthrough]];
            case OptimizerKind::Adam: {  // m, v moment averages; bias-corrected by 1 - beta^t
                const T c1 = T(1 - det::powi(s.beta1, t_));
                const T c2 = T(1 - det::powi(s.beta2, t_));
                m = T(s.beta1) * m + T(1 - s.beta1) * g;
                v = T(s.beta2) * v + T(1 - s.beta2) * g.square();
                w -= lr * (m / c1) / ((v / c2).unaryExpr(ExactSqrt{}) + eps);
                break;
            }
        }
    }

    std::vector<ParamRef<T>> params_;
    std::vector<Mat> m_, v_;  // first and second moment (or velocity / squared sums)
    long t_ = 0;
};

// Scales all gradients together so their global L2 norm is at most max_norm.
// Returns the norm before clipping.
template <class T>
double clip_grad_norm(const std::vector<ParamRef<T>>& params, double max_norm) {
    double sq = 0;
    for (const auto& p : params) sq += double(p.grad->squaredNorm());
    const double norm = std::sqrt(sq);
    if (max_norm > 0 && norm > max_norm)
        for (const auto& p : params) *p.grad *= T(max_norm / norm);
    return norm;
}

// Penalty gradients added to dL/dW (weights only, not biases):
// L2: loss += rate/2 ||W||^2, grad += rate W;  L1: loss += rate ||W||_1, grad += rate sign(W).
enum class Regularization { None, L1, L2 };
template <>
struct EnumNames<Regularization> {
    static constexpr std::array names{"none", "l1", "l2"};
};
template <class T>
void add_penalty_grad(Regularization r, double rate, const Eigen::Matrix<T, -1, -1>& W,
                      Eigen::Matrix<T, -1, -1>& dW) {
    if (r == Regularization::L2) dW += T(rate) * W;
    if (r == Regularization::L1) dW.array() += T(rate) * W.array().sign();
}
template <class T>
double penalty(Regularization r, double rate, const Eigen::Matrix<T, -1, -1>& W) {
    if (r == Regularization::L2) return 0.5 * rate * double(W.squaredNorm());
    if (r == Regularization::L1) return rate * double(W.array().abs().sum());
    return 0;
}

}  // namespace bp
