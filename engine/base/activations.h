// Element-wise activation functions: THE one place where each formula and its derivative
// is written (ActivationFn<A> below). Scalar activate()/activation_derivative() and the
// matrix versions used by the tape, the reference benchmark and the diagnostics are all
// built on these formulas, so a value or a slope computed any of these ways is the same.
// exp, expm1, log1p and erf are bp::det's (det_math.h): the same bits natively and in WASM.
#pragma once
#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <optional>
#include <string_view>
#include <type_traits>

#include "det_math.h"
#include "enum_names.h"

namespace bp {

enum class Activation { Linear, Sigmoid, Tanh, Relu, LeakyRelu, Elu, Softplus, Gelu, Swish };

template <>
struct EnumNames<Activation> {
    static constexpr std::array names{"linear", "sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus", "gelu", "swish"};
};

inline constexpr double kLeakySlope = 0.01;  // leaky_relu(x) = 0.01 x for x <= 0
inline constexpr double kEluAlpha = 1.0;     // elu(x) = alpha (e^x - 1) for x <= 0

// ActivationFn<A>::f(x) is the activation, ActivationFn<A>::df(x, y) its derivative at x,
// given y = f(x) (several derivatives are cheapest in terms of y).
template <Activation A>
struct ActivationFn;

template <>
struct ActivationFn<Activation::Linear> {
    template <class T> static T f(T x) { return x; }
    template <class T> static T df(T, T) { return T(1); }  // d x = 1
};

// Stable for any x: exp(-|x|) never overflows.
template <>
struct ActivationFn<Activation::Sigmoid> {
    template <class T> static T f(T x) {
        const T e = det::exp(-std::abs(x));
        return x >= 0 ? T(1) / (T(1) + e) : e / (T(1) + e);
    }
    template <class T> static T df(T, T y) { return y * (T(1) - y); }  // d sigma = sigma (1 - sigma)
};

// float: Eigen's rational approximation (a few ulp; exactly +-1 beyond |x| ~ 7.9), which the
// matrix version evaluates with SIMD to the same bits; double: det::tanh.
template <>
struct ActivationFn<Activation::Tanh> {
    template <class T> static T f(T x) {
        if constexpr (std::is_same_v<T, float>) return Eigen::numext::tanh(x);
        else return det::tanh(x);
    }
    template <class T> static T df(T, T y) { return T(1) - y * y; }  // d tanh = 1 - tanh^2
};

template <>
struct ActivationFn<Activation::Relu> {
    template <class T> static T f(T x) { return x > 0 ? x : T(0); }
    template <class T> static T df(T x, T) { return x > 0 ? T(1) : T(0); }  // d relu = 1(x > 0)
};

template <>
struct ActivationFn<Activation::LeakyRelu> {
    template <class T> static T f(T x) { return x > 0 ? x : T(kLeakySlope) * x; }
    template <class T> static T df(T x, T) { return x > 0 ? T(1) : T(kLeakySlope); }  // d = 1 or 0.01
};

template <>
struct ActivationFn<Activation::Elu> {
    template <class T> static T f(T x) { return x > 0 ? x : T(kEluAlpha) * det::expm1(x); }
    template <class T> static T df(T x, T y) { return x > 0 ? T(1) : y + T(kEluAlpha); }  // d = alpha e^x = y + alpha
};

// softplus(x) = log(1 + e^x) = max(x, 0) + log1p(e^-|x|): no overflow, no loss for x << 0.
template <>
struct ActivationFn<Activation::Softplus> {
    template <class T> static T f(T x) { return std::max(x, T(0)) + det::log1p(det::exp(-std::abs(x))); }
    template <class T> static T df(T x, T) { return ActivationFn<Activation::Sigmoid>::f(x); }  // d softplus = sigma(x)
};

// GELU, the exact form x Phi(x) with the normal CDF Phi(x) = (1 + erf(x / sqrt 2)) / 2
// (not the tanh approximation).
template <>
struct ActivationFn<Activation::Gelu> {
    template <class T> static T phi_cdf(T x) { return T(0.5) * (T(1) + det::erf(x * T(0.70710678118654752440))); }
    template <class T> static T f(T x) { return x * phi_cdf(x); }
    template <class T> static T df(T x, T) {  // d gelu = Phi(x) + x phi(x), phi(x) = e^(-x^2/2) / sqrt(2 pi)
        return phi_cdf(x) + x * T(0.39894228040143267794) * det::exp(T(-0.5) * x * x);
    }
};

// swish(x) = x sigma(x) (SiLU).
template <>
struct ActivationFn<Activation::Swish> {
    template <class T> static T f(T x) { return x * ActivationFn<Activation::Sigmoid>::f(x); }
    template <class T> static T df(T x, T) {  // d swish = sigma + x sigma (1 - sigma)
        const T s = ActivationFn<Activation::Sigmoid>::f(x);
        return s * (T(1) + x * (T(1) - s));
    }
};

// Calls fn(std::integral_constant<Activation, A>{}) for the runtime value a: the one switch
// that turns an Activation into a compile-time formula.
template <class Fn>
decltype(auto) dispatch_activation(Activation a, Fn&& fn) {
    switch (a) {
        case Activation::Sigmoid: return fn(std::integral_constant<Activation, Activation::Sigmoid>{});
        case Activation::Tanh: return fn(std::integral_constant<Activation, Activation::Tanh>{});
        case Activation::Relu: return fn(std::integral_constant<Activation, Activation::Relu>{});
        case Activation::LeakyRelu: return fn(std::integral_constant<Activation, Activation::LeakyRelu>{});
        case Activation::Elu: return fn(std::integral_constant<Activation, Activation::Elu>{});
        case Activation::Softplus: return fn(std::integral_constant<Activation, Activation::Softplus>{});
        case Activation::Gelu: return fn(std::integral_constant<Activation, Activation::Gelu>{});
        case Activation::Swish: return fn(std::integral_constant<Activation, Activation::Swish>{});
        case Activation::Linear: break;
    }
    return fn(std::integral_constant<Activation, Activation::Linear>{});
}

// y = f(x) for one number.
template <class T>
T activate(Activation a, T x) {
    return dispatch_activation(a, [x](auto tag) { return ActivationFn<decltype(tag)::value>::f(x); });
}

// f'(x) for one number, given y = f(x).
template <class T>
T activation_derivative(Activation a, T x, T y) {
    return dispatch_activation(a, [x, y](auto tag) { return ActivationFn<decltype(tag)::value>::df(x, y); });
}

// Eigen functors over the formulas above (scalar evaluation; Eigen runs the loop).
template <Activation A, class T>
struct ActivateOp {
    T operator()(T x) const { return ActivationFn<A>::f(x); }
};
// sigmoid on packets (float): ActivationFn<Sigmoid>::f's formula with Eigen's packet exp, of
// which det::exp(float) is lane 0, so a SIMD lane and the scalar formula give the same bits.
template <>
struct ActivateOp<Activation::Sigmoid, float> {
    float operator()(float x) const { return ActivationFn<Activation::Sigmoid>::f(x); }
    template <class P>
    P packetOp(const P& x) const {
        using namespace Eigen::internal;
        const P one = pset1<P>(1.f), e = det::pexp_flushed(pnegate(pabs(x)));
        return pdiv(pselect(pcmp_le(pzero(x), x), one, e), padd(one, e));  // (x >= 0 ? 1 : e) / (1 + e)
    }
};
template <Activation A, class T>
struct ActivationDerivativeOp {
    T operator()(T x, T y) const { return ActivationFn<A>::df(x, y); }
};

// Packet (SIMD) forms of the most used float formulas above, for Eigen's array loops; each is
// the scalar formula written with packet operations that IEEE rounds the same way, so a SIMD
// lane and the scalar formula give the same bits (test_activations checks it). Comparisons
// go through pselect rather than pmax, whose NaN handling differs between SSE and WASM.
template <>
struct ActivateOp<Activation::Relu, float> {  // x > 0 ? x : 0
    float operator()(float x) const { return ActivationFn<Activation::Relu>::f(x); }
    template <class P>
    P packetOp(const P& x) const {
        using namespace Eigen::internal;
        return pselect(pcmp_lt(pzero(x), x), x, pzero(x));
    }
};
template <>
struct ActivationDerivativeOp<Activation::Relu, float> {  // x > 0 ? 1 : 0
    float operator()(float x, float y) const { return ActivationFn<Activation::Relu>::df(x, y); }
    template <class P>
    P packetOp(const P& x, const P&) const {
        using namespace Eigen::internal;
        return pselect(pcmp_lt(pzero(x), x), pset1<P>(1.f), pzero(x));
    }
};
template <>
struct ActivationDerivativeOp<Activation::Sigmoid, float> {  // y (1 - y)
    float operator()(float x, float y) const { return ActivationFn<Activation::Sigmoid>::df(x, y); }
    template <class P>
    P packetOp(const P&, const P& y) const {
        using namespace Eigen::internal;
        return pmul(y, psub(pset1<P>(1.f), y));
    }
};

// Y = f(X) element-wise; X, Y (n, batch). Switches once per call, not per element.
// Y may be X (in place). Y is resized if needed (no allocation when it already fits).
template <class T>
void activate(Activation a, const Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>& X,  // (n, batch)
              Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>& Y) {                    // (n, batch)
    dispatch_activation(a, [&](auto tag) {
        constexpr Activation A = decltype(tag)::value;
        if constexpr (A == Activation::Linear) {
            Y = X;
        } else if constexpr (A == Activation::Tanh && std::is_same_v<T, float>) {
            Y.array() = X.array().tanh();  // SIMD; element for element the same as numext::tanh
        } else {
            Y = X.unaryExpr(ActivateOp<A, T>{});
        }
    });
}

// dX = dY * f'(X) element-wise (or dX += ... when accumulate), with Y = f(X) from the
// forward pass. X, Y, dY, dX (n, batch); dX may be the same matrix as dY.
template <class T>
void activation_backward(Activation a, const Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>& X,  // (n, batch)
                         const Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>& Y,                // (n, batch)
                         const Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>& dY,               // (n, batch)
                         Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>& dX,                     // (n, batch)
                         bool accumulate = false) {
    dispatch_activation(a, [&](auto tag) {
        constexpr Activation A = decltype(tag)::value;
        if constexpr (A == Activation::Linear) {  // d x = 1
            if (accumulate) dX += dY;
            else dX = dY;
        } else if constexpr (A == Activation::Tanh) {  // d tanh = 1 - y^2 (SIMD, same bits as df)
            if (accumulate) dX.array() += dY.array() * (T(1) - Y.array() * Y.array());
            else dX.array() = dY.array() * (T(1) - Y.array() * Y.array());
        } else {  // d = ActivationFn<A>::df(x, y)
            if (accumulate) dX.array() += dY.array() * X.binaryExpr(Y, ActivationDerivativeOp<A, T>{}).array();
            else dX.array() = dY.array() * X.binaryExpr(Y, ActivationDerivativeOp<A, T>{}).array();
        }
    });
}

}  // namespace bp

namespace Eigen::internal {
template <>
struct functor_traits<bp::ActivateOp<bp::Activation::Sigmoid, float>> {
    enum { Cost = 25, PacketAccess = bp::det::kPacketFloat };
};
template <>
struct functor_traits<bp::ActivateOp<bp::Activation::Relu, float>> {
    enum { Cost = 2, PacketAccess = bp::det::kPacketFloat };
};
template <>
struct functor_traits<bp::ActivationDerivativeOp<bp::Activation::Relu, float>> {
    enum { Cost = 2, PacketAccess = bp::det::kPacketFloat };
};
template <>
struct functor_traits<bp::ActivationDerivativeOp<bp::Activation::Sigmoid, float>> {
    enum { Cost = 2, PacketAccess = bp::det::kPacketFloat };
};
}  // namespace Eigen::internal
