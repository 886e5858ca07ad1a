// layer_state_json: LayerGraph and the Trainer's tape counters as plain JSON; matrices as
// row-major arrays of exact numbers (floats widened to double), null until computed.
#include "layer_graph_json.h"

#include "layer_printed.h"

namespace bp {

namespace {

Json row_major(const Eigen::MatrixXf& m) {
    Json a = Json::array();
    for (Eigen::Index i = 0; i < m.rows(); ++i)
        for (Eigen::Index j = 0; j < m.cols(); ++j) a.push(double(m(i, j)));
    return a;
}

// The same entries as the view prints them (layer_printed.h).
Json printed(const Eigen::MatrixXf& m, const std::vector<int>& digits) {
    Json a = Json::array();
    for (Eigen::Index i = 0; i < m.rows(); ++i)
        for (Eigen::Index j = 0; j < m.cols(); ++j) a.push(printed_entry(m, i, j, digits));
    return a;
}

Json ints(const std::vector<int>& v) {
    Json a = Json::array();
    for (int x : v) a.push(x);
    return a;
}

// A node's gradient as shown: once its backward step ran; a parameter's is zero before
// (the gradients are zeroed first); null for the rest.
Json grad_json(const LayerGraph& g, const LayerNode& n, bool as_printed) {
    const auto json = [&](const Eigen::MatrixXf& m) { return as_printed ? printed(m, n.grad_digits) : row_major(m); };
    if (g.grad_known(n.id)) return json(n.grad);
    if (n.param) return json(Eigen::MatrixXf::Zero(n.grad.rows(), n.grad.cols()));
    return Json();
}

Json node_json(const LayerGraph& g, const LayerNode& n) {
    Json rules = Json::array();
    for (const std::string& r : n.edge_rules) rules.push(r);
    return Json::object({{"id", n.id}, {"op", n.op}, {"label", n.label}, {"formula", n.formula},
                         {"shape", Json::array({int(n.value.rows()), int(n.value.cols())})}, {"inputs", ints(n.inputs)},
                         {"layer", n.layer}, {"value", g.value_known(n.id) ? row_major(n.value) : Json()},
                         {"grad", grad_json(g, n, false)}, {"rule", n.rule}, {"edgeRules", rules},
                         {"printedValue", g.value_known(n.id) ? printed(n.value, n.value_digits) : Json()},
                         {"printedGrad", grad_json(g, n, true)}});
}

Json update_json(const StepUpdate& u) {
    Json layers = Json::array();
    for (const LayerUpdate& l : u.layers)
        layers.push(Json::object({{"layer", l.layer}, {"before", row_major(l.before)}, {"grad", row_major(l.grad)},
                                  {"after", row_major(l.after)}, {"m", row_major(l.m)}, {"v", row_major(l.v)},
                                  {"printedBefore", printed(l.before, l.before_digits)}, {"printedGrad", printed(l.grad, l.grad_digits)},
                                  {"printedAfter", printed(l.after, l.after_digits)}}));
    return Json::object({{"optimizer", u.optimizer}, {"lr", u.lr}, {"lossBefore", u.loss_before},
                         {"lossAfter", u.loss_after}, {"layers", layers}});
}

}  // namespace

Json layer_state_json(const LayerGraph& g, const Trainer& t) {
    const TapeCache::Counts c = t.tapes().counts();
    Json nodes = Json::array();
    for (const LayerNode& n : g.nodes()) nodes.push(node_json(g, n));
    return Json::object({{"mode", t.tapes().mode() == TapeMode::Static ? "static" : "dynamic"},
                         {"recordings", c.recordings}, {"replays", c.replays}, {"bytesHeld", c.bytes_held},
                         {"open", g.is_open()}, {"point", g.is_open() && g.point() >= 0 ? Json(g.point()) : Json()},
                         {"batch", g.batch()}, {"examples", ints(g.examples())}, {"phase", g.phase()},
                         {"forwardDone", g.forward_done()}, {"backwardDone", g.backward_done()},
                         {"current", g.current()}, {"stale", g.stale()}, {"nodes", nodes},
                         {"update", g.update() ? update_json(*g.update()) : Json()}});
}

}  // namespace bp
