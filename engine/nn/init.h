// Weight initialisation schemes. Biases start at zero; weights W (fan_out, fan_in):
// zeros (to show symmetry), uniform(-a, a), normal(0, s), Xavier/Glorot uniform,
// He normal, LeCun normal.
#pragma once
#include <Eigen/Core>
#include <optional>
#include <string_view>

#include "enum_names.h"
#include "rng.h"

namespace bp {

enum class InitKind { Zeros, Uniform, Normal, Xavier, He, Lecun };
template <>
struct EnumNames<InitKind> {
    static constexpr std::array names{"zeros", "uniform", "normal", "xavier", "he", "lecun"};
};

// Standard deviation (normal) or half-width (uniform) each scheme uses.
double init_scale(InitKind kind, double scale, int fan_in, int fan_out);

template <class T>
void init_weights(InitKind kind, double scale, Rng& rng, Eigen::Matrix<T, -1, -1>& W) {
    const int fan_out = int(W.rows()), fan_in = int(W.cols());
    const double s = init_scale(kind, scale, fan_in, fan_out);
    // Column by column so the draw order is the storage order.
    for (Eigen::Index j = 0; j < W.cols(); ++j)
        for (Eigen::Index i = 0; i < W.rows(); ++i) {
            switch (kind) {
                case InitKind::Zeros: W(i, j) = 0; break;
                case InitKind::Uniform:
                case InitKind::Xavier: W(i, j) = T(rng.uniform(-s, s)); break;
                default: W(i, j) = T(rng.normal(0, s)); break;
            }
        }
}

}  // namespace bp
