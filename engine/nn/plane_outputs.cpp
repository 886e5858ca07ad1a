// The network's outputs over the plane for figures and tests: the grid's features (cached per
// size and feature set), one forward pass, and the heads' outputs or the hidden activations.
#include "plane_outputs.h"

#include <algorithm>

#include "trainer.h"

namespace bp {

namespace {

// Runs the network on the n x n grid of the plane, forward only.
MlpGraph<float>& run_grid(Trainer& t, int n) {
    PlaneInputs& c = t.plane_inputs();
    const std::vector<Feature>& features = t.config().features;
    if (c.grid_n != n || c.grid_feature_set != features) {
        grid_feature_matrix(features, n, c.grid_features);
        c.grid_n = n;
        c.grid_feature_set = features;
    }
    MlpGraph<float>& g = t.tapes().graph(t.model(), GraphUse::Predict, n * n);
    g.X = c.grid_features;
    g.run(false);
    return g;
}

}  // namespace

void output_grid(Trainer& t, int n, std::vector<float>& out, std::vector<int>* classes) {
    MlpGraph<float>& g = run_grid(t, n);
    out.resize(std::size_t(n) * std::size_t(n));
    if (classes) classes->resize(out.size());
    head_outputs(t.model().head(), g.tape.value(g.out_id), out.data(), classes ? classes->data() : nullptr);
}

void output_curve(Trainer& t, int n, double x2, std::vector<float>& out) {
    std::vector<Point> points(std::size_t(std::max(2, n)));
    for (std::size_t i = 0; i < points.size(); ++i)
        points[i] = {-kPlaneExtent + 2 * kPlaneExtent * double(i) / double(points.size() - 1), x2, 0};
    Eigen::MatrixXf& X = t.plane_inputs().curve_features;
    feature_matrix(t.config().features, points, X);
    MlpGraph<float>& g = t.tapes().graph(t.model(), GraphUse::Predict, int(points.size()));
    g.X = X;
    g.run(false);
    out.resize(points.size());
    head_outputs(t.model().head(), g.tape.value(g.out_id), out.data(), nullptr);
}

void hidden_grids(Trainer& t, int n, std::vector<Eigen::MatrixXf>& activations, std::vector<Eigen::MatrixXf>* derivatives) {
    MlpGraph<float>& g = run_grid(t, n);
    const auto& layers = t.model().layers();
    activations.resize(layers.size() - 1);
    if (derivatives) derivatives->resize(layers.size() - 1);
    for (std::size_t l = 0; l + 1 < layers.size(); ++l) {
        const Eigen::MatrixXf& Z = g.tape.value(g.z_ids[l]);
        activations[l] = g.tape.value(g.a_ids[l]);
        if (!derivatives) continue;
        Eigen::MatrixXf& D = (*derivatives)[l];
        D.resize(Z.rows(), Z.cols());
        for (Eigen::Index k = 0; k < Z.size(); ++k)
            D.data()[k] = activation_derivative(layers[l].act, Z.data()[k], activations[l].data()[k]);
    }
}

}  // namespace bp
