// The loss landscape's computations on a copy of a run's network: the loss at given weights
// (LossEvaluator, the Trainer's set_loss on an Evaluate graph), the recorded path and its
// projection, the slice's grid within a budget, and the learning-rate line.
#include "landscape.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstring>
#include <limits>

#include "frame_grids.h"
#include "trainer.h"

namespace bp {

namespace {
bool same_matrix(const Eigen::MatrixXf& a, const Eigen::MatrixXf& b) {
    return a.rows() == b.rows() && a.cols() == b.cols() &&
           std::memcmp(a.data(), b.data(), sizeof(float) * std::size_t(a.size())) == 0;
}
}  // namespace

// ---- LossEvaluator

struct LossEvaluator::State {
    Mlp<float> net;
    MlpGraph<float> eval;  // Evaluate graph of the whole training set, recorded on net
    Eigen::MatrixXf X, Y;  // (features, N), (outputs, N): the training set
    Params scratch;        // the weights loss_at() forms
};

LossEvaluator::LossEvaluator() = default;
LossEvaluator::~LossEvaluator() = default;
LossEvaluator::LossEvaluator(LossEvaluator&&) noexcept = default;
LossEvaluator& LossEvaluator::operator=(LossEvaluator&&) noexcept = default;

void LossEvaluator::attach(const Trainer& t) {
    s_ = std::make_unique<State>();
    s_->net = t.model();
    s_->X = t.training_set().X_train();
    s_->Y = t.training_set().Y_train();
    s_->eval.record(s_->net, int(s_->X.cols()), GraphUse::Evaluate);
}

bool LossEvaluator::attached() const { return s_ != nullptr; }

bool LossEvaluator::matches(const Trainer& t) const {
    if (!s_ || s_->net.head() != t.model().head() || s_->net.layers().size() != t.model().layers().size()) return false;
    for (std::size_t l = 0; l < s_->net.layers().size(); ++l) {
        const auto &a = s_->net.layers()[l], &b = t.model().layers()[l];
        if (a.act != b.act || a.W.rows() != b.W.rows() || a.W.cols() != b.W.cols()) return false;
    }
    return same_matrix(s_->X, t.training_set().X_train()) && same_matrix(s_->Y, t.training_set().Y_train());
}

double LossEvaluator::loss(const Params& p) {
    assert(s_ && p.size() == 2 * s_->net.layers().size());
    for (std::size_t l = 0; l < s_->net.layers().size(); ++l) {
        s_->net.layers()[l].W = p[2 * l];
        s_->net.layers()[l].b = p[2 * l + 1];
    }
    return set_loss(s_->eval, s_->X, s_->Y);
}

double LossEvaluator::loss_at(const Params& theta, const Params& d1, const Params& d2, float a, float b) {
    assert(s_);
    combine(theta, d1, d2, a, b, s_->scratch);  // in place once the shapes are there
    return loss(s_->scratch);
}

long LossEvaluator::macs_per_loss() const { return s_ ? long(s_->X.cols()) * bp::macs_per_point(s_->net) : 0; }
Mlp<float>& LossEvaluator::net() { return s_->net; }
const Eigen::MatrixXf& LossEvaluator::X() const { return s_->X; }
const Eigen::MatrixXf& LossEvaluator::Y() const { return s_->Y; }

// ---- PathRecorder

void PathRecorder::clear() {
    points_.clear();
    interval_ = 1;
    last_step_ = 0;
    last_epoch_ = 0;
}

std::vector<Params> PathRecorder::snapshots() const {
    std::vector<Params> s;
    for (const auto& p : points_) s.push_back(p.weights);
    return s;
}

bool PathRecorder::restarted(const Trainer& t) const {
    if (points_.empty() || t.steps() < last_step_ || t.epoch() < last_epoch_) return true;
    const Params& start = points_.front().weights;
    const auto& initial = t.weights().initial();
    if (start.size() != initial.size()) return true;
    for (std::size_t i = 0; i < start.size(); ++i)
        if (!same_matrix(start[i], initial[i])) return true;
    return false;
}

void PathRecorder::record(const Trainer& t, const Params& weights, long step, int epoch) {
    if (!eval_.matches(t)) eval_.attach(t);  // another network or training set
    points_.push_back({weights, eval_.loss(weights), step, epoch});
    last_step_ = step;
    last_epoch_ = epoch;
    if (points_.size() < kCap) return;
    std::size_t kept = 0;  // every other one, the start first
    for (std::size_t i = 0; i < points_.size(); i += 2, ++kept)
        if (kept != i) points_[kept] = std::move(points_[i]);  // (a self-move would empty the start)
    points_.resize(kept);
    interval_ *= 2;
}

void PathRecorder::observe(const Trainer& t) {
    if (restarted(t)) {
        clear();
        interval_ = t.steps_per_epoch();
        record(t, t.weights().initial(), 0, 0);
    }
    if (t.steps() - last_step_ >= interval_) record(t, params_of(t.model()), t.steps(), t.epoch());
}

std::vector<PathPoint2D> project_path(const std::vector<PathPoint>& path, const Params& centre, const Directions& dirs) {
    const Eigen::VectorXd c = flatten(centre), d1 = flatten(dirs.d1), d2 = flatten(dirs.d2);
    // The normal equations of min ||x - a d1 - b d2||: [g11 g12; g12 g22] [a; b] = [d1.x; d2.x].
    const double g11 = d1.squaredNorm(), g12 = d1.dot(d2), g22 = d2.squaredNorm();
    const double det = g11 * g22 - g12 * g12;
    std::vector<PathPoint2D> out;
    for (const PathPoint& p : path) {
        const Eigen::VectorXd x = flatten(p.weights) - c;
        const double r1 = d1.dot(x), r2 = d2.dot(x);
        PathPoint2D q;
        if (det > 1e-12 * g11 * g22) {
            q.a = (g22 * r1 - g12 * r2) / det;
            q.b = (g11 * r2 - g12 * r1) / det;
        } else {  // parallel (or zero) directions: each on its own
            q.a = g11 > 0 ? r1 / g11 : 0;
            q.b = g22 > 0 ? r2 / g22 : 0;
        }
        q.loss = p.loss;
        q.step = p.step;
        out.push_back(q);
    }
    return out;
}

}  // namespace bp
