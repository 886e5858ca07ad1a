// Graph and layer lessons: opening their set-ups, and each metric their checks may use,
// measured on the GraphSession or the LayerGraph a student sees (or on fresh runs of the
// lesson's config, for the tape's counters).
#include "lesson_views.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "graph_paths.h"
#include "layer_scalar.h"
#include "messages.h"

namespace bp {

namespace {

std::string argument(const std::string& metric) { return metric.substr(metric.find(':') + 1); }
bool is(const std::string& metric, const char* head) { return metric.rfind(head, 0) == 0; }

Result<int> variable(const Graph& g, const std::string& name) {
    for (int id = 0; id < g.size(); ++id)
        if (g.node(id).op == Op::Var && g.node(id).name == name) return id;
    return Error{"the formula has no variable '" + name + "'"};
}

Result<int> layer_node(const LayerGraph& lg, const std::string& label) {
    for (const LayerNode& n : lg.nodes())
        if (n.label == label) return n.id;
    return Error{"the network has no node '" + label + "'"};
}

// How far the node's gradient is from its rule on the view's own numbers: dW = z_prev^T dh
// for a weight (dh: the gradient of z_prev W, which h passes on), db = sum_batch dh for a
// bias, relative to the gradient's size.
Result<double> rule_error(const LayerGraph& lg, int id) {
    const LayerNode& p = lg.nodes()[std::size_t(id)];
    if (!p.param) return Error{"'" + p.label + "' is not a weight or bias"};
    for (const LayerNode& n : lg.nodes()) {
        if (n.inputs.size() < 2 || n.inputs[1] != id) continue;
        const Eigen::MatrixXd rule = n.op == "matmul"
            ? Eigen::MatrixXd(lg.nodes()[std::size_t(n.inputs[0])].value.cast<double>().transpose() * n.grad.cast<double>())
            : Eigen::MatrixXd(n.grad.cast<double>().colwise().sum());
        const Eigen::MatrixXd shown = p.grad.cast<double>();
        return (rule - shown).norm() / std::max({rule.norm(), shown.norm(), 1e-30});
    }
    return Error{"no node reads '" + p.label + "'"};
}

// max |W after - (W before - lr dW)|, in float as the optimizer computes it: 0 for SGD.
Result<double> update_error(const LayerGraph& lg, const std::string& label) {
    const auto& u = lg.update();
    if (u->optimizer != "sgd") return Error{"update_error needs optimizer sgd (this run uses " + u->optimizer + ")"};
    if (label.size() < 2 || label[0] != 'W') return Error{"update_error takes a weight matrix (W1, W2, ...)"};
    const int layer = std::atoi(label.c_str() + 1);
    if (layer < 1 || layer > int(u->layers.size())) return Error{"the network has no node '" + label + "'"};
    const LayerUpdate& l = u->layers[std::size_t(layer - 1)];
    const Eigen::MatrixXf expected = l.before - float(u->lr) * l.grad;
    return double((l.after - expected).cwiseAbs().maxCoeff());
}

Trainer trained(const Lesson& lesson, TapeMode mode) {
    Trainer t(lesson_config(lesson));
    t.tapes().set_mode(mode);
    t.run_epochs(std::max(1, lesson.epochs));
    return t;
}

// 1 when the lesson's run trains the same bits on the static and on the dynamic tape.
double same_bits(const Lesson& lesson) {
    const Trainer s = trained(lesson, TapeMode::Static), d = trained(lesson, TapeMode::Dynamic);
    bool same = s.history().size() == d.history().size();
    for (std::size_t i = 0; same && i < s.history().size(); ++i)
        same = s.history()[i].train_loss == d.history()[i].train_loss && s.history()[i].test_loss == d.history()[i].test_loss;
    for (std::size_t l = 0; same && l < s.model().layers().size(); ++l) same = s.model().layers()[l].W == d.model().layers()[l].W;
    return same ? 1 : 0;
}

}  // namespace

const std::vector<std::string>& view_metric_names(View view) {
    static const std::vector<std::string> graph = {"output", "grad:", "contributions:", "paths:", "saved:", "memo_hits", "nodes"};
    static const std::vector<std::string> layers = {"loss", "batch", "grad_norm:", "rule_error:", "check:", "update_error:",
                                                    "loss_drop", "scalar_error", "same_bits", "recordings_static",
                                                    "recordings_dynamic", "steps"};
    static const std::vector<std::string> none;
    return view == View::Graph ? graph : view == View::Layers ? layers : none;
}

bool needs_update(const std::string& metric) { return is(metric, "update_error:") || metric == "loss_drop"; }

std::optional<Error> open_graph_lesson(const Lesson& lesson, GraphSession& session) {
    if (auto e = session.set_formula(lesson.formula, lesson.values)) return Error{"formula: " + e->message};
    for (const auto& [name, value] : lesson.values)
        if (std::find(session.variables().begin(), session.variables().end(), name) == session.variables().end())
            return Error{"values: '" + name + "' is not a variable of the formula"};
    session.set_algorithm(lesson.algorithm);
    session.reset();
    return std::nullopt;
}

std::optional<Error> open_layer_lesson(const Lesson& lesson, Trainer& trainer, LayerGraph& layers) {
    trainer.tapes().set_mode(lesson.mode);
    trainer.run_epochs(lesson.epochs);
    if (auto e = layers.open(trainer, lesson.point)) return Error{"point: " + e->message};
    return std::nullopt;
}

std::optional<std::string> graph_pending(const GraphSession& s, const std::string& metric) {
    if (!s.has_graph()) return std::nullopt;  // the metric's own error says so
    if (metric == "output" || metric == "nodes")
        return s.forward_complete() ? std::nullopt : std::optional<std::string>(msg_now("lesson.pending_forward"));
    if (metric == "memo_hits") {
        if (s.algorithm() != Algorithm::Recursive) return msg_now("lesson.pending_recursive");
        return s.backward_complete() ? std::nullopt : std::optional<std::string>(msg_now("lesson.pending_backward_all"));
    }
    const auto id = variable(s.graph(), argument(metric));
    if (!id || s.grad_final(id.value())) return std::nullopt;
    return msg_now("lesson.pending_backward", {{"node", argument(metric)}});
}

std::optional<std::string> layer_pending(const LayerGraph& lg, const std::string& metric) {
    if (needs_update(metric)) return lg.update() ? std::nullopt : std::optional<std::string>(msg_now("lesson.pending_update"));
    if (!lg.is_open()) return std::nullopt;
    if (metric == "loss" || metric == "batch") {
        const int id = metric == "loss" ? lg.loss_node() : layer_node(lg, "x").value();
        return lg.value_known(id) ? std::nullopt : std::optional<std::string>(msg_now("lesson.pending_forward"));
    }
    if (metric == "scalar_error")
        return lg.backward_done() == lg.backward_total() ? std::nullopt : std::optional<std::string>(msg_now("lesson.pending_backward_all"));
    if (!is(metric, "grad_norm:") && !is(metric, "rule_error:") && !is(metric, "check:")) return std::nullopt;
    const auto id = layer_node(lg, argument(metric));
    if (!id || lg.grad_known(id.value())) return std::nullopt;
    return msg_now("lesson.pending_backward", {{"node", argument(metric)}});
}

Result<double> graph_metric(const GraphSession& s, const std::string& metric) {
    if (!s.has_graph()) return Error{"the graph lab has no graph"};
    const Graph& g = s.graph();
    if (metric == "output") return g.node(g.output()).value;
    if (metric == "nodes") return double(s.forward_order().size());
    if (metric == "memo_hits")
        return double(std::count_if(s.visits().begin(), s.visits().end(), [](const Visit& v) { return v.kind == Visit::Memo; }));
    const auto id = variable(g, argument(metric));
    if (!id) return id.error();
    if (is(metric, "grad:")) return s.grad(id.value());  // as the lab's backward pass summed it
    if (is(metric, "contributions:")) return double(s.contributions(id.value()).size());
    if (is(metric, "paths:")) return path_work(g, id.value()).paths;
    if (is(metric, "saved:")) return path_work(g, id.value()).saved();
    return Error{"unknown metric '" + metric + "'"};
}

Result<double> layer_metric(const Lesson& lesson, const LayerGraph& lg, const Trainer& trainer, const std::string& metric) {
    if (metric == "same_bits") return same_bits(lesson);
    if (metric == "recordings_static") return double(trained(lesson, TapeMode::Static).tapes().counts().recordings);
    if (metric == "recordings_dynamic") return double(trained(lesson, TapeMode::Dynamic).tapes().counts().recordings);
    if (metric == "steps") return double(trained(lesson, TapeMode::Static).steps());
    if (!lg.is_open()) return Error{"the layer view has no step open"};
    if (metric == "loss") return double(lg.nodes().back().value(0, 0));
    if (metric == "batch") return double(lg.batch());
    if (metric == "scalar_error") {
        const auto a = scalar_graph_agreement(lg, trainer);
        if (!a) return a.error();
        return a->max_relative;
    }
    if (needs_update(metric) && !lg.update()) return Error{"shown after the step's update: press Update"};
    if (metric == "loss_drop") return lg.update()->loss_before - lg.update()->loss_after;
    if (is(metric, "update_error:")) return update_error(lg, argument(metric));
    const auto id = layer_node(lg, argument(metric));
    if (!id) return id.error();
    if (is(metric, "grad_norm:")) return double(lg.nodes()[std::size_t(id.value())].grad.norm());
    if (is(metric, "rule_error:")) return rule_error(lg, id.value());
    if (is(metric, "check:")) {
        const auto c = lg.check(id.value());
        if (!c) return c.error();
        return c->relative_error;
    }
    return Error{"unknown metric '" + metric + "'"};
}

}  // namespace bp
