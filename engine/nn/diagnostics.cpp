// Diagnostics: what a probed step measures on each layer (probe), the rest of its stats taken
// later from the same values (take_snapshot), dead units over the training set, and the
// first-to-last gradient ratio the vanishing-gradient finding reads.
#include "diagnostics.h"

#include <algorithm>
#include <cmath>

namespace bp {

namespace {
template <class M>
double mean_abs(const M& m) {
    return m.size() ? double(m.cwiseAbs().sum()) / double(m.size()) : 0;
}
}  // namespace

void Diagnostics::rebuild(const Mlp<float>& net) {
    pending_ = nullptr;  // a new network: its stats start afresh
    stats_.assign(net.layers().size(), LayerStats());
    for (std::size_t l = 0; l < stats_.size(); ++l) {
        stats_[l].unit_saturated.assign(std::size_t(net.layers()[l].W.rows()), 0);
        stats_[l].unit_dead.assign(std::size_t(net.layers()[l].W.rows()), 0);
    }
    for (auto* s : {&grad_norm_, &update_ratio_, &saturated_, &dead_}) s->assign(net.layers().size(), Series());
}

void Diagnostics::clear() {
    for (auto* group : {&grad_norm_, &update_ratio_, &saturated_, &dead_})
        for (Series& s : *group) s.clear();
}

// Per probed step: what the plot series and the callouts need.
void Diagnostics::probe(const Mlp<float>& net, const std::vector<Mat>& before, const MlpGraph<float>& g) {
    const auto& layers = net.layers();
    for (std::size_t l = 0; l < layers.size(); ++l) {
        const DenseLayer<float>& layer = layers[l];
        LayerStats& s = stats_[l];
        const bool hidden = l + 1 < layers.size();
        const Mat &Z = g.tape.value(g.z_ids[l]), &A = g.tape.value(g.layer_out_id(l));  // (units, batch)
        const Mat& W0 = before[2 * l];
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
        grad_norm_[l].push(float(s.grad_norm));
        update_ratio_[l].push(float(s.update_ratio));
        saturated_[l].push(float(s.saturated_frac));
        dead_[l].push(float(s.dead_frac));
    }
    pending_ = &g;
}

// The rest of the probed step's stats, from its values still in the graph (nothing that
// changes them runs before this: see the callers of settle()).
void Diagnostics::take_snapshot(const Mlp<float>& net) const {
    const MlpGraph<float>& g = *pending_;
    pending_ = nullptr;
    const auto& layers = net.layers();
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
void Diagnostics::probe_dead_units(const Mlp<float>& net, const MlpGraph<float>& g) {
    const auto& layers = net.layers();
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

std::optional<double> first_last_grad_ratio(const Diagnostics& d, std::size_t recent) {
    const auto& series = d.grad_norm_series();
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

}  // namespace bp
