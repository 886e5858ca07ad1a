// Deterministic elementary functions: the same bits natively (glibc) and in WASM (musl).
// The two libms differ in the last bit for some inputs of sin, cos, exp, log, log1p, expm1,
// pow, erf and tanh (measured on 2M random inputs: up to 3% of them for sin and cos), which
// would make one seed give slightly different datasets and loss curves in the browser. These
// versions use only +, -, *, / and floor, which IEEE 754 rounds the same way everywhere
// (with -ffp-contract=off). Within 2 ulp in double (expm1 and tanh 3; tests/test_det_math.cpp
// measures it against long double). The float versions are Eigen's packet code (see below).
#pragma once
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include <Eigen/Core>

namespace bp::det {

namespace detail {

constexpr double kLn2 = 0x1.62e42fefa39efp-1;
constexpr double kLn2Hi = 0x1.62e42fee00000p-1;  // ln 2 to 32 bits: k * kLn2Hi is exact for |k| < 2^21
constexpr double kLn2Lo = 0x1.a39ef35793c76p-33;  // ln 2 - kLn2Hi
constexpr double kInvLn2 = 0x1.71547652b82fep+0;
constexpr double kPio2_1 = 0x1.921fb54400000p+0;   // pi/2 in three parts of 33, 33 and 53 bits:
constexpr double kPio2_2 = 0x1.0b4611a600000p-34;  // k * part is exact for |k| < 2^20
constexpr double kPio2_3 = 0x1.3198a2e037073p-69;
constexpr double kTwoOverPi = 0x1.45f306dc9c883p-1;
constexpr double kSqrtPi = 0x1.c5bf891b4ef6bp+0;
constexpr double kSqrt2 = 0x1.6a09e667f3bcdp+0;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// 2^k for k in [-1022, 1023], built from its bits (exact).
inline double pow2(int k) {
    const std::uint64_t u = std::uint64_t(k + 1023) << 52;
    double x;
    std::memcpy(&x, &u, sizeof x);
    return x;
}

// e^r - 1 for |r| <= ln2/2 (Taylor to r^14: the first omitted term is below 2^-56 r).
inline double expm1_small(double r) {
    return r * (1 + r * (1.0 / 2 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720 +
           r * (1.0 / 5040 + r * (1.0 / 40320 + r * (1.0 / 362880 + r * (1.0 / 3628800 +
           r * (1.0 / 39916800 + r * (1.0 / 479001600 + r * (1.0 / 6227020800 +
           r * (1.0 / 87178291200))))))))))))));
}

// x = k ln2 + r with |r| <= ln2/2 (Cody-Waite: k ln2 in two parts keeps r exact to ~2^-60).
inline double reduce_ln2(double x, double& k) {
    k = std::floor(x * kInvLn2 + 0.5);
    return (x - k * kLn2Hi) - k * kLn2Lo;
}

// log(1 + f) for f in [sqrt(1/2) - 1, sqrt(2) - 1] minus the k ln2 part: with s = f / (2 + f),
// log(1 + f) = 2 atanh(s) = 2s + 2s^3/3 + 2s^5/5 + ... (|s| <= 0.172: 11 terms reach 2^-60).
inline double log_reduced(double f, double k) {
    const double s = f / (2 + f), z = s * s;
    const double R = z * (2.0 / 3 + z * (2.0 / 5 + z * (2.0 / 7 + z * (2.0 / 9 + z * (2.0 / 11 + z * (2.0 / 13 +
                     z * (2.0 / 15 + z * (2.0 / 17 + z * (2.0 / 19 + z * (2.0 / 21 + z * (2.0 / 23)))))))))));
    const double hfsq = 0.5 * f * f;  // 2s = f - s f, so 2 atanh(s) = f - hfsq + s (hfsq + R)
    return k * kLn2Hi - ((hfsq - (s * (hfsq + R) + k * kLn2Lo)) - f);
}

// sin r and cos r for |r| <= pi/4 (Taylor to r^17 and r^18: below 2^-60 relative).
inline double sin_small(double r) {
    const double z = r * r;
    return r + r * z * (-1.0 / 6 + z * (1.0 / 120 + z * (-1.0 / 5040 + z * (1.0 / 362880 + z * (-1.0 / 39916800 +
               z * (1.0 / 6227020800 + z * (-1.0 / 1307674368000 + z * (1.0 / 355687428096000))))))));
}
inline double cos_small(double r) {
    const double z = r * r, hz = 0.5 * z, w = 1 - hz;
    const double tail = z * z * (1.0 / 24 + z * (-1.0 / 720 + z * (1.0 / 40320 + z * (-1.0 / 3628800 +
                        z * (1.0 / 479001600 + z * (-1.0 / 87178291200 + z * (1.0 / 20922789888000 +
                        z * (-1.0 / 6402373705728000))))))));
    return w + (((1 - w) - hz) + tail);  // (1 - w) - hz is the rounding error of w, exactly
}

// x = k pi/2 + r with |r| <= pi/4; quadrant = k mod 4. Accurate for |x| < 2^19 pi/2 (~8e5);
// beyond that r loses accuracy (still the same bits everywhere), and beyond 2^30 x is first
// taken modulo 2pi rounded to double (fmod is exact in every C library), so the result stays
// a sine, not an overflow.
inline double reduce_half_pi(double x, int& quadrant) {
    if (std::abs(x) > 0x1p30) x = std::fmod(x, 0x1.921fb54442d18p+2);
    const double k = std::floor(x * kTwoOverPi + 0.5);
    quadrant = int(k - 4 * std::floor(k / 4));
    return ((x - k * kPio2_1) - k * kPio2_2) - k * kPio2_3;
}

}  // namespace detail

// e^x
inline double exp(double x) {
    using namespace detail;
    if (x != x) return x;
    if (x > 709.782712893384) return kInf;
    if (x < -745.1332191019412) return 0;
    double k;
    const double p = 1 + expm1_small(reduce_ln2(x, k));  // e^x = 2^k e^r
    const int ki = int(k);
    if (ki < -1021) return p * pow2(ki + 54) * pow2(-54);  // subnormal result: one rounding
    if (ki > 1023) return p * 2 * pow2(ki - 1);
    return p * pow2(ki);
}

// e^x - 1, accurate near 0.
inline double expm1(double x) {
    using namespace detail;
    if (x != x) return x;
    if (std::abs(x) <= 0.5 * kLn2) return expm1_small(x);
    if (x < -40) return -1;  // e^-40 < 2^-57: -1 + e^x rounds to -1
    double k;
    const double em = expm1_small(reduce_ln2(x, k));
    if (k > 56) return exp(x);  // e^x - 1 rounds to e^x
    const double t = pow2(int(k));
    return t * em + (t - 1);  // 2^k e^r - 1 = 2^k (e^r - 1) + (2^k - 1); t - 1 is exact
}

// Natural logarithm.
inline double log(double x) {
    using namespace detail;
    if (!(x > 0)) return x == 0 ? -kInf : kNaN;
    if (x == kInf) return x;
    int k = 0;
    if (x < std::numeric_limits<double>::min()) x *= 0x1p54, k = -54;  // subnormal: make it normal
    std::uint64_t u;
    std::memcpy(&u, &x, sizeof u);
    k += int(u >> 52) - 1023;
    u = (u & ((std::uint64_t(1) << 52) - 1)) | (std::uint64_t(1023) << 52);
    double m;  // x = 2^k m, m in [1, 2)
    std::memcpy(&m, &u, sizeof m);
    if (m > kSqrt2) m *= 0.5, ++k;  // m in [sqrt(1/2), sqrt(2)]
    return log_reduced(m - 1, double(k));  // m - 1 is exact
}

// log(1 + x), accurate near 0.
inline double log1p(double x) {
    if (!(x > -1)) return x == -1 ? -detail::kInf : detail::kNaN;
    if (std::abs(x) < 0x1p-54 || x == detail::kInf) return x;
    const double u = 1 + x;
    return log(u) + (x - (u - 1)) / u;  // first-order correction for the rounding of 1 + x
}

inline double sin(double x) {
    if (!std::isfinite(x)) return detail::kNaN;
    int q;
    const double r = detail::reduce_half_pi(x, q);
    switch (q) {
        case 0: return detail::sin_small(r);
        case 1: return detail::cos_small(r);
        case 2: return -detail::sin_small(r);
        default: return -detail::cos_small(r);
    }
}

inline double cos(double x) {
    if (!std::isfinite(x)) return detail::kNaN;
    int q;
    const double r = detail::reduce_half_pi(x, q);
    switch (q) {
        case 0: return detail::cos_small(r);
        case 1: return -detail::sin_small(r);
        case 2: return -detail::cos_small(r);
        default: return detail::sin_small(r);
    }
}

// tanh x = (e^2|x| - 1) / (e^2|x| + 1), through expm1 so small x keep their precision.
inline double tanh(double x) {
    const double a = std::abs(x);
    if (!(a < 22)) return a > 0 ? std::copysign(1.0, x) : x;  // tanh 22 rounds to 1; NaN stays
    const double e = expm1(2 * a);
    return std::copysign(e / (e + 2), x);
}

namespace detail {

// e^(-a^2) without the rounding error of a^2 (which e^ would multiply by a^2): a = h + l
// with h of 26 bits or fewer (|a| < 64), so h^2 is exact and a^2 - h^2 = l (a + h) is small.
inline double exp_minus_square(double a) {
    const double h = std::floor(a * 0x1p20) * 0x1p-20;
    return exp(-h * h) * exp(-(a - h) * (a + h));
}

// erf's near-minimax polynomial fits, highest degree first, as printed by scripts/fit_erf.py.
// kErfSmall: max error 1.3e-19
constexpr double kErfSmall[] = {
    0x1.05ffd737fb32ep-34,  // 5.9571761477489114e-11
    -0x1.389d4f2641625p-30,  // -1.1372848856791674e-9
    0x1.f7b4bf3b13964p-27,  // 1.4659775274047436e-8
    -0x1.5f1ecb6f0764cp-23,  // -1.6350312701054695e-7
    0x1.b9df224ca4b97p-20,  // 1.6461000484121368e-6
    -0x1.f4d1e3183f7aep-17,  // -1.4925595266831182e-5
    0x1.f9a321d5b8e1ep-14,  // 0.00012055331111642711
    -0x1.c02db3dac435fp-11,  // -0.00085483269808337899
    0x1.565bcd0dbaa38p-8,  // 0.0052239776248180145
    -0x1.b82ce31284e00p-6,  // -0.026866170645076793
    0x1.ce2f21a042b30p-4,  // 0.11283791670954879
    -0x1.812746b0379e6p-2,  // -0.37612638903183748
    0x1.20dd750429b6dp+0,  // 1.1283791670955126
};
// 1/x in [0.5, 1.0]: u = (1/x - 0x1.8000000000000p-1) / 0x1.0000000000000p-2
// kErfcNear: max error 1.85e-20
constexpr double kErfcNear[] = {
    -0x1.465744c1bebe8p-44,  // -7.2462234633921826e-14
    0x1.16eb7569307d6p-41,  // 4.9546102384940466e-13
    -0x1.2c01a98ad524cp-39,  // -2.1316743446705211e-12
    0x1.0a72dfa3c61bbp-37,  // 7.5729282392456891e-12
    -0x1.551e25d13a9c4p-36,  // -1.9390299970962834e-11
    0x1.887883dc36dfep-38,  // 5.5773449791326684e-12
    0x1.719a2188ee71ep-32,  // 3.3615112825081086e-10
    -0x1.7bb9470b7bf83p-29,  // -2.76285383958412e-9
    0x1.0267812e87d34p-26,  // 1.5041110740696721e-8
    -0x1.09dee0dbcecf6p-24,  // -6.1902827250379822e-8
    0x1.6cac1b2c69e8ep-23,  // 1.698137678366937e-7
    0x1.2606c81c5d20cp-25,  // 3.4229188569405304e-8
    -0x1.28d3f1e5a11c9p-18,  // -4.4230805308392562e-6
    0x1.34bef97c13268p-15,  // 3.6805390636195099e-5
    -0x1.9d6a514f40272p-13,  // -0.00019713177832871329
    0x1.4a14f6e4a6d97p-11,  // 0.00062958124597705088
    0x1.3cfedc0bfe53ap-10,  // 0.0012092420392931362
    -0x1.5a4720afb6ebcp-5,  // -0.042270244446368701
    0x1.df6a7891d7325p-2,  // 0.46817959203854039
};
// 1/x in [0.166667, 0.5]: u = (1/x - 0x1.5555555555555p-2) / 0x1.5555555555555p-3
// kErfcFar: max error 2.47e-19
constexpr double kErfcFar[] = {
    -0x1.9722b182be19cp-42,  // -3.6160898373307858e-13
    0x1.3ff9354b92210p-40,  // 1.1367741218400054e-12
    0x1.300204dd4f879p-42,  // 2.7001324440893952e-13
    -0x1.c43e0c73cc6d3p-37,  // -1.2853501445636074e-11
    0x1.1cb3c61d27f4bp-34,  // 6.473379510863925e-11
    -0x1.987ad494127f8p-33,  // -1.8575510975509842e-10
    0x1.4329f39df8f89p-34,  // 7.347895769990816e-11
    0x1.5c652ffc42de4p-29,  // 2.5349091698373768e-9
    -0x1.1024507d67487p-26,  // -1.5840740710133281e-8
    0x1.9bcd381f34af7p-25,  // 4.7940020170318688e-8
    0x1.82368e2a30662p-27,  // 1.1240280779390326e-8
    -0x1.111252b3dc0f9p-20,  // -1.0172708870514164e-6
    0x1.8cfde069cc5a9p-18,  // 5.9156373966458069e-6
    -0x1.a11716dcce1a5p-17,  // -1.2430256384741314e-5
    -0x1.4c1ed6f8dcedcp-14,  // -7.918369000297791e-5
    0x1.daf77336a1b55p-11,  // 0.00090592689851196985
    -0x1.a40f49b1bc38bp-9,  // -0.0032048013171039385
    -0x1.865fd27e52132p-6,  // -0.023826556739807
    0x1.12f21ddd9f5e2p-1,  // 0.53700345354416985
};

// c[0] x^(N-1) + ... + c[N-1]
template <std::size_t N>
double horner(const double (&c)[N], double x) {
    double p = c[0];
    for (std::size_t i = 1; i < N; ++i) p = p * x + c[i];
    return p;
}
}  // namespace detail

// erf x: |x| < 1: x P(x^2); 1 <= |x| < 6: 1 - erfc x with erfc x = e^-x^2 / x Q(1/x);
// |x| >= 6: erf x rounds to 1. The fits are below 1e-18; the result is within about 1 ulp.
inline double erf(double x) {
    using namespace detail;
    if (x != x) return x;
    const double a = std::abs(x);
    if (a < 1) return x * horner(kErfSmall, x * x);
    if (a >= 6) return std::copysign(1.0, x);
    const double t = 1 / a;
    const double q = a < 2 ? horner(kErfcNear, (t - 0x1.8p-1) / 0x1p-2)
                           : horner(kErfcFar, (t - 0x1.5555555555555p-2) / 0x1.5555555555555p-3);
    return std::copysign(1 - exp_minus_square(a) * t * q, x);
}

// x^n for a whole n by repeated squaring: exact for n = 0, 1, correctly rounded for n = 2,
// about n ulp in general.
inline double powi(double x, long n) {
    if (n < 0) return 1 / powi(x, -n);
    double result = 1;
    for (; n > 0; n >>= 1, x *= x)
        if (n & 1) result *= x;
    return result;
}

// x^y for x > 0 (and 0^y), as e^(y log x): about (1 + |y log x|) ulp.
inline double pow(double x, double y) {
    if (x == 0) return y > 0 ? 0 : y == 0 ? 1 : detail::kInf;
    if (!(x > 0)) return detail::kNaN;
    return exp(y * log(x));
}

// float versions, the ones training uses. exp, expm1, log and log1p are Eigen's packet
// implementations (Eigen's own polynomials and bit operations, no libm; within 2 ulp, expm1
// 2.5; the same bits natively and in WASM, as measured) applied to lane 0 of a packet: about
// as fast as a libm call, and the same bits as Eigen evaluating a whole array with them
// (ExpOp and Log1pOp below). erf is evaluated in double and rounded once.

// Eigen's pexp clamps x at -88.38 (returning 4e-39 for any smaller x); 0 there instead, as
// the true value rounds to 0 or to a subnormal.
template <class P>
P pexp_flushed(const P& x) {
    using namespace Eigen::internal;
    return pselect(pcmp_lt(x, pset1<P>(-88.3762626647949f)), pzero(x), pexp(x));
}

#ifdef EIGEN_VECTORIZE
namespace detail {
using PacketF = Eigen::internal::packet_traits<float>::type;
template <class F>
float lane0(float x, F f) {
    return Eigen::internal::pfirst(f(Eigen::internal::pset1<PacketF>(x)));
}
}  // namespace detail
inline float exp(float x) { return detail::lane0(x, [](const auto& p) { return pexp_flushed(p); }); }
inline float expm1(float x) { return detail::lane0(x, [](const auto& p) { return Eigen::internal::pexpm1(p); }); }
inline float log(float x) { return detail::lane0(x, [](const auto& p) { return Eigen::internal::plog(p); }); }
inline float log1p(float x) { return detail::lane0(x, [](const auto& p) { return Eigen::internal::plog1p(p); }); }
#else  // no SIMD: the double versions, rounded once
inline float exp(float x) { return float(exp(double(x))); }
inline float expm1(float x) { return float(expm1(double(x))); }
inline float log(float x) { return float(log(double(x))); }
inline float log1p(float x) { return float(log1p(double(x))); }
#endif
inline float erf(float x) { return float(erf(double(x))); }

#ifdef EIGEN_VECTORIZE
constexpr bool kPacketFloat = true;  // the float functions are lane 0 of Eigen's packet code
#else
constexpr bool kPacketFloat = false;
#endif

// Eigen functors for array expressions, e.g. Z.array().unaryExpr(det::ExpOp<float>{}). float:
// whole packets through Eigen's packet code (SIMD) and the tail through the scalar function,
// which is lane 0 of that same code, so an element's bits never depend on where it sits.
// double: the scalar function only.
template <class T>
struct ExpOp {
    T operator()(T x) const { return exp(x); }
    template <class P>
    P packetOp(const P& x) const { return pexp_flushed(x); }
};
template <class T>
struct Log1pOp {
    T operator()(T x) const { return log1p(x); }
    template <class P>
    P packetOp(const P& x) const { return Eigen::internal::plog1p(x); }
};

}  // namespace bp::det

namespace Eigen::internal {
template <class T>
struct functor_traits<bp::det::ExpOp<T>> {
    enum { Cost = 20, PacketAccess = bp::det::kPacketFloat && std::is_same_v<T, float> };
};
template <class T>
struct functor_traits<bp::det::Log1pOp<T>> {
    enum { Cost = 30, PacketAccess = bp::det::kPacketFloat && std::is_same_v<T, float> };
};
}  // namespace Eigen::internal
