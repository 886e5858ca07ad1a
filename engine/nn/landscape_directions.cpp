// The loss landscape's settings (field table, checks) and its two kinds of directions:
// filter-normalized random ones and the principal directions of a recorded path. Also the
// parameter helpers (flatten, combine) every part of the landscape forms weights with.
#include <Eigen/Eigenvalues>
#include <cassert>
#include <cmath>
#include <cstring>

#include "landscape.h"
#include "messages.h"
#include "rng.h"
#include "text_util.h"

namespace bp {

// ---- parameters

Params params_of(const Mlp<float>& net) {
    Params p;
    for (const auto& layer : net.layers()) {
        p.push_back(layer.W);
        p.push_back(layer.b);
    }
    return p;
}

void combine(const Params& theta, const Params& d1, const Params& d2, float a, float b, Params& out) {
    assert(d1.size() == theta.size() && d2.size() == theta.size());
    out.resize(theta.size());
    for (std::size_t i = 0; i < theta.size(); ++i)
        out[i] = (theta[i].array() + a * d1[i].array() + b * d2[i].array()).matrix();
}

Params combine(const Params& theta, const Params& d1, const Params& d2, float a, float b) {
    Params out;
    combine(theta, d1, d2, a, b, out);
    return out;
}

Eigen::VectorXd flatten(const Params& p) {
    Eigen::Index n = 0;
    for (const auto& m : p) n += m.size();
    Eigen::VectorXd v(n);
    Eigen::Index at = 0;
    for (const auto& m : p) {
        v.segment(at, m.size()) = Eigen::Map<const Eigen::VectorXf>(m.data(), m.size()).cast<double>();
        at += m.size();
    }
    return v;
}

Params unflatten(const Eigen::VectorXd& v, const Params& shapes) {
    Params out;
    Eigen::Index at = 0;
    for (const auto& m : shapes) {
        Eigen::MatrixXf x(m.rows(), m.cols());
        Eigen::Map<Eigen::VectorXf>(x.data(), x.size()) = v.segment(at, m.size()).cast<float>();
        at += m.size();
        out.push_back(std::move(x));
    }
    assert(at == v.size());
    return out;
}

bool same_bits(const Params& p, const Params& q) {
    if (p.size() != q.size()) return false;
    for (std::size_t i = 0; i < p.size(); ++i)
        if (p[i].rows() != q[i].rows() || p[i].cols() != q[i].cols() ||
            std::memcmp(p[i].data(), q[i].data(), sizeof(float) * std::size_t(p[i].size())) != 0)
            return false;
    return true;
}

// ---- settings

const std::vector<Field<LandscapeSettings>>& landscape_fields() {
    using S = LandscapeSettings;
    static const std::vector<Field<S>> fields = {
        choice<S, DirectionKind>("direction", [](S& s) -> auto& { return s.kind; }),
        make_field<S, double>(
            "range", FieldKind::Number, [](S& s) -> auto& { return s.range; },
            [](const double& v) { return exact_number(v); },
            [](std::string_view text, double& v) { return parse_finite(text, v); },
            [](const double& v, const S&) { return std::isfinite(v) && v > 0 && v <= S::kMaxRange; },
            [](const S&) { return msg("landscape.expect_range", {{"hi", format_number(S::kMaxRange)}}); },
            {0, S::kMaxRange}),
        make_field<S, int>(
            "resolution", FieldKind::Number, [](S& s) -> auto& { return s.resolution; },
            [](const int& v) { return std::to_string(v); },
            [](std::string_view text, int& v) {
                double d;
                if (!parse_finite(text, d) || d != std::floor(d) || std::fabs(d) > 1e6) return false;
                v = int(d);
                return true;
            },
            [](const int& v, const S&) { return v >= S::kMinResolution && v <= S::kMaxResolution && v % 2 == 1; },
            [](const S&) {
                return msg("landscape.expect_resolution",
                           {{"lo", std::to_string(S::kMinResolution)}, {"hi", std::to_string(S::kMaxResolution)}});
            },
            {double(S::kMinResolution), double(S::kMaxResolution)}),
    };
    return fields;
}

std::vector<std::string> apply_landscape_settings(LandscapeSettings& s, const std::map<std::string, std::string>& values) {
    return apply_fields(s, landscape_fields(), values);
}

std::vector<std::string> validate(LandscapeSettings& s, const LandscapeSettings& fallback) {
    return validate_fields(s, fallback, landscape_fields());
}

// ---- filter-normalized random directions

namespace {

// One direction: a normal draw per parameter, unit by unit (a row of W, then its bias), each
// unit rescaled to the norm of theta's same unit.
Params filter_normalized_draw(const Params& theta, Rng& rng) {
    assert(theta.size() % 2 == 0);
    Params d;
    for (std::size_t l = 0; l < theta.size(); l += 2) {
        const Eigen::MatrixXf& W = theta[l];      // (n_out, n_in)
        const Eigen::MatrixXf& bias = theta[l + 1];  // (n_out, 1)
        Eigen::MatrixXd dW(W.rows(), W.cols()), db(bias.rows(), 1);
        for (Eigen::Index i = 0; i < W.rows(); ++i) {
            for (Eigen::Index c = 0; c < W.cols(); ++c) dW(i, c) = rng.normal();
            db(i, 0) = rng.normal();
            const double theta_norm = std::sqrt(W.row(i).cast<double>().squaredNorm() + double(bias(i, 0)) * bias(i, 0));
            const double d_norm = std::sqrt(dW.row(i).squaredNorm() + db(i, 0) * db(i, 0));
            const double scale = theta_norm > 0 && d_norm > 0 ? theta_norm / d_norm : 0;
            dW.row(i) *= scale;
            db(i, 0) *= scale;
        }
        d.push_back(dW.cast<float>());
        d.push_back(db.cast<float>());
    }
    return d;
}

// Snapshots that differ from every earlier one, relative to the centre, as rows (T, P).
Eigen::MatrixXd distinct_rows(const std::vector<Params>& snapshots, const Params& centre) {
    std::vector<const Params*> kept;
    for (const Params& s : snapshots) {
        bool seen = false;
        for (const Params* k : kept) seen = seen || same_bits(*k, s);
        if (!seen) kept.push_back(&s);
    }
    const Eigen::VectorXd c = flatten(centre);
    Eigen::MatrixXd X(Eigen::Index(kept.size()), c.size());
    for (std::size_t t = 0; t < kept.size(); ++t) X.row(Eigen::Index(t)) = (flatten(*kept[t]) - c).transpose();
    return X;
}

}  // namespace

Directions filter_random_directions(const Params& theta, std::uint64_t seed, std::uint64_t draw) {
    // A stream of its own: the seed mixed with a constant (and the draw), not the run's streams.
    Rng rng((seed ^ 0x1a5d5ca9e0d1ec71ULL) + 0x9e3779b97f4a7c15ULL * (draw + 1));
    Directions d;
    d.kind = DirectionKind::FilterRandom;
    d.d1 = filter_normalized_draw(theta, rng);
    d.d2 = filter_normalized_draw(theta, rng);
    return d;
}

Directions path_directions(const std::vector<Params>& snapshots, const Params& centre, std::uint64_t seed,
                           std::uint64_t draw) {
    const Eigen::MatrixXd X = distinct_rows(snapshots, centre);  // (T, P): theta_t - centre
    const auto fallback = [&] {
        Directions d = filter_random_directions(centre, seed, draw);
        d.fallback = msg("landscape.path_fallback");
        return d;
    };
    if (X.rows() < 3) return fallback();
    const Eigen::MatrixXd G = X * X.transpose();  // (T, T) Gram matrix
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(G);  // eigenvalues ascending
    const Eigen::Index T = G.rows();
    const double l1 = eig.eigenvalues()(T - 1), l2 = eig.eigenvalues()(T - 2);
    if (eig.info() != Eigen::Success || !(l1 > 0) || !(l2 > 1e-12 * l1)) return fallback();  // not a plane
    Eigen::VectorXd v1 = X.transpose() * eig.eigenvectors().col(T - 1);  // (P): principal directions
    Eigen::VectorXd v2 = X.transpose() * eig.eigenvectors().col(T - 2);
    v1.normalize();
    v2 -= v1.dot(v2) * v1;  // Gram-Schmidt: orthogonal to the last bit
    v2.normalize();
    if (v1.dot(X.row(0).transpose()) > 0) v1 = -v1;  // the start at a <= 0, b <= 0: the path runs to +a, +b
    if (v2.dot(X.row(0).transpose()) > 0) v2 = -v2;
    Directions d;
    d.kind = DirectionKind::PathPca;
    d.orthonormal = true;
    d.d1 = unflatten(v1, centre);
    d.d2 = unflatten(v2, centre);
    return d;
}

}  // namespace bp
