// Input features computed from a point (x1, x2), each switchable, as TensorFlow
// Playground offers them: x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2).
#pragma once
#include <Eigen/Core>
#include <optional>
#include <string_view>
#include <vector>

#include "dataset.h"
#include "enum_names.h"

namespace bp {

enum class Feature { X1, X2, X1Sq, X2Sq, X1X2, SinX1, SinX2 };
// The names are the keys of a hash or config (URL-safe); feature_label is what a student reads.
template <>
struct EnumNames<Feature> {
    static constexpr std::array names{"x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2"};
};
constexpr int kFeatureCount = int(enum_count<Feature>());

const char* feature_label(Feature f);  // "x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)"

double feature_value(Feature f, double x1, double x2);

// Fills X (n_features, n_points) in column-major order, one example per column.
template <class T>
void feature_matrix(const std::vector<Feature>& features, const std::vector<Point>& points,
                    Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>& X) {
    X.resize(Eigen::Index(features.size()), Eigen::Index(points.size()));
    for (std::size_t j = 0; j < points.size(); ++j)
        for (std::size_t i = 0; i < features.size(); ++i)
            X(Eigen::Index(i), Eigen::Index(j)) = T(feature_value(features[i], points[j].x1, points[j].x2));
}

// The features of the n x n grid of cell centres over the plane [-kPlaneExtent, kPlaneExtent]^2,
// row-major with row 0 at the top (x2 = +extent): X (n_features, n*n), one point per column.
template <class T>
void grid_feature_matrix(const std::vector<Feature>& features, int n,
                         Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>& X) {
    std::vector<Point> pts;
    pts.reserve(std::size_t(n) * std::size_t(n));
    for (int r = 0; r < n; ++r)
        for (int c = 0; c < n; ++c)
            pts.push_back({-kPlaneExtent + 2 * kPlaneExtent * (c + 0.5) / n, kPlaneExtent - 2 * kPlaneExtent * (r + 0.5) / n, 0});
    feature_matrix(features, pts, X);
}

}  // namespace bp
