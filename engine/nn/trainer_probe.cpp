// Trainer, continued: applying config changes, editing the data, the per-layer probe
// (definitions in probe.h) and the grids behind the heatmaps.
#include <algorithm>
#include <cassert>
#include <cmath>

#include "input_features.h"
#include "trainer.h"

namespace bp {

void Trainer::set_config(const Config& config) {
    const Config old = config_;
    config_ = config;
    switch (change_between(old, config)) {
        case Change::None: return;
        case Change::Data:
            build_data();
            build_model();
            return;
        case Change::Model:
            refresh_matrices();
            build_model();
            return;
        case Change::Training:
            if (old.optimizer != config.optimizer) optimizer_.reset_state();
            if (old.batch != config.batch) {
                if (snapshot_graph_) take_snapshot();  // before its graph goes
                train_graphs_.clear();
            }
            diverged_at_ = -1;  // the weights are the last finite ones: training may go on
            divergence_.clear();
            RunEdit edit;
            edit.config = config;
            log_edit(std::move(edit));
    }
}

void Trainer::add_point(Point p) {
    data_.train.push_back(p);
    refresh_matrices();
    order_.resize(data_.train.size());
    cursor_ = order_.size();
    data_edited_ = true;
    RunEdit edit;
    edit.kind = RunEdit::Kind::AddPoint;
    edit.point = p;
    log_edit(std::move(edit));
}

bool Trainer::erase_near(double x1, double x2, double radius) {
    if (!bp::erase_near(data_, x1, x2, radius)) return false;
    refresh_matrices();
    order_.resize(data_.train.size());
    cursor_ = order_.size();
    data_edited_ = true;
    RunEdit edit;
    edit.kind = RunEdit::Kind::Erase;
    edit.x1 = x1, edit.x2 = x2, edit.radius = radius;
    log_edit(std::move(edit));
    return true;
}

void Trainer::set_weights(const std::vector<Mat>& params) {
    assert(params.size() == params_.size());
    for (std::size_t i = 0; i < params.size(); ++i)
        assert(params[i].rows() == params_[i].value->rows() && params[i].cols() == params_[i].value->cols());
    initial_ = params;
    before_ = params;
    weights_loaded_ = true;
    reset();
}

void Trainer::set_data(Dataset data) {
    const bool new_head = data.task != data_.task || data.classes != data_.classes;
    data_ = std::move(data);
    data_edited_ = true;
    refresh_matrices();
    if (new_head) return build_model();
    order_.resize(data_.train.size());
    cursor_ = order_.size();
    RunEdit edit;
    edit.kind = RunEdit::Kind::Data;
    edit.data = data_;
    log_edit(std::move(edit));
}

template <class M>
static double mean_abs(const M& m) {
    return m.size() ? double(m.cwiseAbs().sum()) / double(m.size()) : 0;
}

// Per probed step: what the plot series and the callouts need.
void Trainer::probe(MlpGraph<float>& g) {
    auto& layers = model_.layers();
    for (std::size_t l = 0; l < layers.size(); ++l) {
        const DenseLayer<float>& layer = layers[l];
        LayerStats& s = stats_[l];
        const bool hidden = l + 1 < layers.size();
        const Mat &Z = g.tape.value(g.z_ids[l]), &A = g.tape.value(g.layer_out_id(l));  // (units, batch)
        const Mat& W0 = before_[2 * l];
        s.grad_norm = layer.dW.norm();
        const double w0 = W0.norm();
        s.update_ratio = w0 > 0 ? std::sqrt(double((layer.W - W0).squaredNorm())) / w0 : 0;
        int saturated = 0;
        for (Eigen::Index u = 0; u < Z.rows(); ++u) {
            const bool sat = hidden && saturated_share(layer.act, Z, A, u) > 0.5;
            s.unit_saturated[std::size_t(u)] = sat;
            saturated += sat;
        }
        s.saturated_frac = double(saturated) / double(Z.rows());
        grad_norm_series_[l].push(float(s.grad_norm));
        update_ratio_series_[l].push(float(s.update_ratio));
        saturated_series_[l].push(float(s.saturated_frac));
        dead_series_[l].push(float(s.dead_frac));
    }
    snapshot_graph_ = &g;
}

// The rest of the probed step's stats, from its values still in the graph (nothing that
// changes them runs before this: see the callers of take_snapshot()).
void Trainer::take_snapshot() const {
    const MlpGraph<float>& g = *snapshot_graph_;
    snapshot_graph_ = nullptr;
    const auto& layers = model_.layers();
    for (std::size_t l = 0; l < layers.size(); ++l) {
        const DenseLayer<float>& layer = layers[l];
        LayerStats& s = stats_[l];
        const Mat &Z = g.tape.value(g.z_ids[l]), &A = g.tape.value(g.layer_out_id(l));  // (units, batch)
        const Mat& dA = g.tape.grad(g.layer_out_id(l));  // dL/dz, z = f(h) the layer's output (the logits for the last)
        s.grad_mean_abs = mean_abs(layer.dW);
        s.bias_grad_norm = layer.db.norm();
        s.bias_grad_mean_abs = mean_abs(layer.db);
        s.act_grad_norm = dA.norm();
        s.act_grad_mean_abs = mean_abs(dA);
        s.weight_norm = layer.W.norm();
        s.act_mean = A.mean();
        s.act_std = std::sqrt(std::max(0.0, double(A.squaredNorm()) / double(A.size()) - s.act_mean * s.act_mean));
        s.pre_activation.fill(Z.data(), std::size_t(Z.size()), true);
        s.activation.fill(A.data(), std::size_t(A.size()), false);
        s.gradient.fill(layer.dW.data(), std::size_t(layer.dW.size()), true);
    }
}

// A ReLU unit is dead when its output is 0 on every training point (g ran on all of them).
void Trainer::probe_dead_units(MlpGraph<float>& g) {
    auto& layers = model_.layers();
    for (std::size_t l = 0; l + 1 < layers.size(); ++l) {
        LayerStats& s = stats_[l];
        const Mat& A = g.tape.value(g.a_ids[l]);  // (units, n_train)
        const bool relu = layers[l].act == Activation::Relu;
        if (relu) unit_max_ = A.rowwise().maxCoeff();  // down the columns on packets (5x a row at a time)
        int dead = 0;
        for (Eigen::Index u = 0; u < A.rows(); ++u) {
            const bool d = relu && unit_max_[u] <= 0;
            s.unit_dead[std::size_t(u)] = d;
            dead += d;
        }
        s.dead_frac = double(dead) / double(A.rows());
    }
}

std::optional<double> first_last_grad_ratio(const Trainer& t, std::size_t recent) {
    const auto& series = t.grad_norm_series();
    if (series.size() < 3 || recent == 0) return std::nullopt;  // two hidden layers + the output layer
    auto recent_mean = [recent](const Series& s) {
        const auto& v = s.values();
        const std::size_t n = std::min(recent, v.size());
        double sum = 0;
        for (std::size_t i = v.size() - n; i < v.size(); ++i) sum += v[i];
        return sum / double(n);
    };
    if (series[0].values().empty()) return std::nullopt;
    const double last = recent_mean(series[series.size() - 2]);
    if (!(last > 0)) return std::nullopt;
    return recent_mean(series[0]) / last;
}

// Runs the network on the n x n grid of the plane (features cached per n and feature set),
// forward only.
MlpGraph<float>& Trainer::run_grid(int n) {
    if (grid_n_ != n || grid_feature_set_ != config_.features) {
        grid_feature_matrix(config_.features, n, grid_features_);
        grid_n_ = n;
        grid_feature_set_ = config_.features;
    }
    MlpGraph<float>& g = graph_for(grid_graphs_, n * n, GraphUse::Predict);
    g.X = grid_features_;
    g.run(false);
    return g;
}

void Trainer::output_grid(int n, std::vector<float>& out, std::vector<int>* classes) {
    MlpGraph<float>& g = run_grid(n);
    out.resize(std::size_t(n) * std::size_t(n));
    if (classes) classes->resize(out.size());
    head_outputs(model_.head(), g.tape.value(g.out_id), out.data(), classes ? classes->data() : nullptr);
}

void Trainer::output_curve(int n, double x2, std::vector<float>& out) {
    std::vector<Point> points(std::size_t(std::max(2, n)));
    for (std::size_t i = 0; i < points.size(); ++i)
        points[i] = {-kPlaneExtent + 2 * kPlaneExtent * double(i) / double(points.size() - 1), x2, 0};
    feature_matrix(config_.features, points, curve_features_);
    MlpGraph<float>& g = graph_for(grid_graphs_, int(points.size()), GraphUse::Predict);
    g.X = curve_features_;
    g.run(false);
    out.resize(points.size());
    head_outputs(model_.head(), g.tape.value(g.out_id), out.data(), nullptr);
}

void Trainer::hidden_grids(int n, std::vector<Mat>& activations, std::vector<Mat>* derivatives) {
    MlpGraph<float>& g = run_grid(n);
    const auto& layers = model_.layers();
    activations.resize(layers.size() - 1);
    if (derivatives) derivatives->resize(layers.size() - 1);
    for (std::size_t l = 0; l + 1 < layers.size(); ++l) {
        const Mat& Z = g.tape.value(g.z_ids[l]);
        activations[l] = g.tape.value(g.a_ids[l]);
        if (!derivatives) continue;
        Mat& D = (*derivatives)[l];
        D.resize(Z.rows(), Z.cols());
        for (Eigen::Index k = 0; k < Z.size(); ++k)
            D.data()[k] = activation_derivative(layers[l].act, Z.data()[k], activations[l].data()[k]);
    }
}

}  // namespace bp
