// The loss landscape's slice (its grid computed a budget of points at a time, when it is stale,
// the path on it) and the learning-rate line (one full-batch SGD step at each rate).
#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

#include "det_math.h"
#include "landscape.h"
#include "trainer.h"

namespace bp {

// ---- LandscapeSlice

void LandscapeSlice::begin(const Trainer& t, const LandscapeSettings& settings, Directions dirs) {
    begin(t, params_of(t.model()), settings, std::move(dirs));
}

void LandscapeSlice::begin(const Trainer& t, const Params& centre, const LandscapeSettings& settings, Directions dirs) {
    LandscapeSettings checked = settings;
    assert(validate(checked).empty());
    (void)checked;
    settings_ = settings;
    centre_ = centre;
    assert(dirs.d1.size() == centre_.size() && dirs.d2.size() == centre_.size());
    dirs_ = std::move(dirs);
    d1_norm_ = flatten(dirs_.d1).norm();
    if (!eval_.matches(t)) eval_.attach(t);
    const int n = settings_.resolution;
    a_.resize(std::size_t(n));
    for (int i = 0; i < n; ++i) a_[std::size_t(i)] = float(settings_.range * double(2 * i - (n - 1)) / double(n - 1));
    b_ = a_;
    loss_.assign(std::size_t(n) * std::size_t(n), std::numeric_limits<double>::quiet_NaN());
    min_ = max_ = std::numeric_limits<double>::quiet_NaN();
    next_ = 0;
    started_ = true;
    centre_done_ = false;
}

void LandscapeSlice::begin(const Trainer& t, const LandscapeSettings& settings, const PathRecorder& path,
                           std::uint64_t draw) {
    const Params theta = params_of(t.model());
    Directions dirs = settings.kind == DirectionKind::PathPca
                          ? path_directions(path.snapshots(), theta, t.config().seed, draw)
                          : filter_random_directions(theta, t.config().seed, draw);
    begin(t, settings, std::move(dirs));
}

long LandscapeSlice::macs_per_point() const { return eval_.attached() ? eval_.macs_per_loss() : 0; }

long LandscapeSlice::advance(long budget) {
    if (!started_) return 0;
    const long per_point = std::max(1L, macs_per_point());
    long spent = 0;
    if (!centre_done_) {  // theta itself, as the Trainer evaluates it
        centre_loss_ = eval_.loss(centre_);
        centre_done_ = true;
        spent += per_point;
    }
    const std::size_t n = a_.size();
    while (next_ < cells() && (spent == 0 || spent + per_point <= budget)) {
        const std::size_t i = next_ % n, j = next_ / n;  // column (a), row (b)
        const double l = eval_.loss_at(centre_, dirs_.d1, dirs_.d2, a_[i], b_[j]);
        loss_[next_++] = l;
        spent += per_point;
        if (!std::isfinite(l)) continue;
        min_ = std::isnan(min_) ? l : std::min(min_, l);
        max_ = std::isnan(max_) ? l : std::max(max_, l);
    }
    return spent;
}

bool LandscapeSlice::attached_to(const Trainer& t) const { return started_ && eval_.matches(t); }

bool LandscapeSlice::stale(const Trainer& t) const {
    if (!attached_to(t)) return true;
    const double moved = (flatten(params_of(t.model())) - flatten(centre_)).norm();
    return moved > kStaleFraction * settings_.range * d1_norm_;
}

std::vector<PathPoint2D> LandscapeSlice::project(const PathRecorder& path) const {
    std::vector<PathPoint2D> out = project_path(path.points(), centre_, dirs_);
    if (path.points().empty() || !same_bits(path.points().back().weights, centre_)) {
        PathPoint2D now;  // the centre: (0, 0)
        now.loss = centre_loss_;
        now.step = path.points().empty() ? 0 : path.points().back().step;
        out.push_back(now);
    }
    return out;
}

// ---- the learning-rate line

const char* lr_best_key(const LrLine& line) {
    if (!(line.best_eta > 0)) return "landscape.lr_best_none";
    return !line.etas.empty() && line.best_eta == line.etas.back() ? "landscape.lr_best_last" : "landscape.lr_best_some";
}

std::vector<double> lr_line_etas(int count, double lo, double hi) {
    assert(count >= 2 && lo > 0 && hi > lo);
    std::vector<double> etas;
    for (int k = 0; k < count; ++k)  // det::pow: the same rates natively and in WASM
        etas.push_back(lo * det::pow(hi / lo, double(k) / double(count - 1)));
    etas.back() = hi;  // the ends exactly
    etas.front() = lo;
    return etas;
}

LrLine lr_line(const Trainer& t, std::vector<double> etas) {
    LrLine line;
    line.lr = t.current_lr();
    if (std::find(etas.begin(), etas.end(), line.lr) == etas.end()) etas.push_back(line.lr);
    std::sort(etas.begin(), etas.end());
    line.etas = etas;
    if (t.data().train.empty()) return line;
    LossEvaluator eval;
    eval.attach(t);
    Mlp<float>& net = eval.net();  // the copy: its dW, db take the gradient
    const Params theta = params_of(net);
    line.loss0 = eval.loss(theta);
    {  // the full-batch step's gradient, as Trainer::train_batch and apply_gradients make it
        MlpGraph<float> g;
        const std::vector<int> order = t.full_batch_order();
        g.record(net, int(order.size()), GraphUse::Train);
        t.training_set().fill(g, order.data());
        g.run(true);
        for (auto& layer : net.layers()) add_penalty_grad(t.config().reg, t.config().reg_rate, layer.W, layer.dW);
        line.grad_norm = clip_grad_norm(net.params(), t.config().clip);
    }
    Optimizer<float> sgd;
    sgd.attach(net.params());
    OptimizerSettings plain = t.config().opt;
    plain.kind = OptimizerKind::Sgd;
    for (double eta : etas) {
        for (std::size_t l = 0; l < net.layers().size(); ++l) {
            net.layers()[l].W = theta[2 * l];
            net.layers()[l].b = theta[2 * l + 1];
        }
        sgd.step(plain, eta);  // w -= eta g, the optimizer's own update
        const double loss = eval.loss(params_of(net));
        line.losses.push_back(loss);
        if (eta == line.lr) line.loss_at_lr = loss;
        if (loss < line.loss0) line.best_eta = std::max(line.best_eta, eta);
    }
    return line;
}

}  // namespace bp
