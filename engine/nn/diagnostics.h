// Diagnostics: a run's per-layer probe (the statistics defined in probe.h): the latest stats of
// every layer (hidden layers, then the output layer) and the plot series, one value per probed
// step. A probed step computes what the series need (gradient norm, update ratio, saturated
// units); the rest of its stats (histograms, means, norms) are taken from that step's values,
// still in its graph, when first read or before anything overwrites them (settle()).
#pragma once
#include <Eigen/Core>
#include <optional>
#include <vector>

#include "mlp.h"
#include "probe.h"

namespace bp {

class Diagnostics {
public:
    using Mat = Eigen::MatrixXf;

    int probe_every = 1;  // probe every n-th step (0: never)
    bool due(long step) const { return probe_every > 0 && step % probe_every == 0; }

    void rebuild(const Mlp<float>& net);  // empty stats and series sized for net's layers
    void clear();                         // empty series (the stats stay until the next probe)

    // A probed step on g, whose backward pass left dW, db in net; `before`: W0, b0, ... before
    // the update that followed.
    void probe(const Mlp<float>& net, const std::vector<Mat>& before, const MlpGraph<float>& g);
    // Dead ReLU units, from g's pass over the whole training set.
    void probe_dead_units(const Mlp<float>& net, const MlpGraph<float>& g);
    // Takes the last probed step's remaining stats now, if not taken yet: before its graph's
    // values or net's gradients change, or its graph goes.
    void settle(const Mlp<float>& net) const {
        if (pending_) take_snapshot(net);
    }
    bool pending() const { return pending_ != nullptr; }

    // The stats as of the last settle() (Trainer::layer_stats() settles first).
    const std::vector<LayerStats>& stats() const { return stats_; }
    const std::vector<Series>& grad_norm_series() const { return grad_norm_; }
    const std::vector<Series>& update_ratio_series() const { return update_ratio_; }
    const std::vector<Series>& saturated_series() const { return saturated_; }
    const std::vector<Series>& dead_series() const { return dead_; }

private:
    void take_snapshot(const Mlp<float>& net) const;

    mutable std::vector<LayerStats> stats_;
    mutable const MlpGraph<float>* pending_ = nullptr;  // a probed step whose snapshot is not taken yet
    Eigen::VectorXf unit_max_;  // (units): probe_dead_units' largest activation per unit
    std::vector<Series> grad_norm_, update_ratio_, saturated_, dead_;
};

// Vanishing-gradient measure: ||dL/dW||_F of the first hidden layer over that of the last
// hidden layer, each the mean of its last `recent` stored grad_norm_series() values (a
// Series stores every probed step until it holds 2048 values, then every 2nd, 4th, ...).
// nullopt with fewer than two hidden layers, before the first probed step, or when the
// last hidden layer's gradient is 0.
std::optional<double> first_last_grad_ratio(const Diagnostics& d, std::size_t recent = 1);

}  // namespace bp
