// scalar_graph_agreement: the step's captured weights written out as the Live network's
// scalar formula at its point, the scalar graph's gradients by name against the tape's.
#include "layer_scalar.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "formula.h"
#include "mlp_scalar.h"

namespace bp {

Result<ScalarAgreement> scalar_graph_agreement(const LayerGraph& lg, const Trainer& t) {
    if (!lg.is_open() || lg.batch() != 1)
        return Error{"the scalar graph is the loss at one training point: open a point (batch 1)"};
    const int point = lg.examples()[0];
    if (point >= int(t.data().train.size())) return Error{"the training points changed: record the step again"};
    Mlp<float> net = t.model();  // the step's weights, as captured
    if (lg.param_node(int(net.layers().size()), false) < 0 || lg.param_node(int(net.layers().size()) + 1, false) >= 0)
        return Error{"the network changed: record the step again"};
    for (std::size_t l = 0; l < net.layers().size(); ++l) {
        const LayerNode& W = lg.nodes()[std::size_t(lg.param_node(int(l) + 1, false))];
        const LayerNode& b = lg.nodes()[std::size_t(lg.param_node(int(l) + 1, true))];
        if (W.value.cols() != net.layers()[l].W.rows() || W.value.rows() != net.layers()[l].W.cols())
            return Error{"the network changed: record the step again"};
        net.layers()[l].W = W.value.transpose();
        net.layers()[l].b = b.value.transpose();
    }
    auto written = mlp_scalar(net, t.config().features, t.data().train[std::size_t(point)]);
    if (!written) return written.error();
    auto g = formula_to_graph(written->formula, written->values);
    if (!g) return g.error();
    g->backward();
    const auto list = g->gradients();
    const std::map<std::string, double> grads(list.begin(), list.end());
    ScalarAgreement a;
    double scale = 1e-30;  // the largest gradient: the tape works in float, so an entry far smaller than
                           // the others (a saturated unit's) carries float's error of the whole sum
    for (const LayerNode& n : lg.nodes())
        if (n.param) scale = std::max(scale, double(n.grad.cwiseAbs().maxCoeff()));
    for (const LayerNode& n : lg.nodes()) {
        if (!n.param) continue;
        for (Eigen::Index i = 0; i < n.grad.rows(); ++i)
            for (Eigen::Index j = 0; j < n.grad.cols(); ++j) {  // W (n_in, n_out): entry (i, j) is w<layer>_<j+1>_<i+1>
                const std::string name = n.label[0] == 'W' ? weight_name(n.layer, int(j) + 1, int(i) + 1) : bias_name(n.layer, int(j) + 1);
                const auto it = grads.find(name);
                if (it == grads.end()) return Error{"the scalar graph has no variable " + name};
                a.max_relative = std::max(a.max_relative, std::abs(double(n.grad(i, j)) - it->second) / scale);
                ++a.compared;
            }
    }
    return a;
}

}  // namespace bp
