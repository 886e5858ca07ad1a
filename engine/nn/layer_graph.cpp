// LayerGraph: capturing one training step of the Trainer's network from its tape (values
// and gradients transposed into the notes' row convention), naming each node and edge rule
// as the lecture notes write them, stepping, the Trainer's update, and the gradient check.
#include "layer_graph.h"

#include <algorithm>
#include <cmath>

#include "gradcheck.h"
#include "layer_printed.h"
#include "messages.h"
#include "text_util.h"

namespace bp {

namespace {

std::string num(int i) { return std::to_string(i); }

const char* activation_symbol(Activation a) { return a == Activation::Sigmoid ? "sigma" : name_of(a); }

// " / batch" of a mean over the batch; nothing for batch 1 (the notes' single example).
std::string per_batch(int batch) { return batch == 1 ? "" : " / " + num(batch); }

LayerNode leaf(int id, const std::string& label, int layer, bool param) {
    LayerNode n;
    n.id = id;
    n.op = param ? "param" : "input";
    n.label = label;
    n.layer = layer;
    n.param = param;
    n.data = !param;
    return n;
}

LayerNode op_node(int id, const char* op, const std::string& label, const std::string& formula,
                  std::vector<int> inputs, std::vector<std::string> rules, int layer) {
    LayerNode n;
    n.id = id;
    n.op = op;
    n.label = label;
    n.formula = formula;
    n.inputs = std::move(inputs);
    n.edge_rules = std::move(rules);
    n.rule = join(n.edge_rules, "; ");
    n.layer = layer;
    return n;
}

// The loss node: its formula and the rule into the logits (or the tanh output p).
LayerNode make_loss_node(int id, Head head, int from, int y, const std::string& z, int batch) {
    std::string formula, rule;
    switch (head) {
        case Head::Regression:
        case Head::TanhMse:
            formula = "Loss = mean_batch sum (" + z + " - y)^2";
            rule = "d" + z + " = 2 (" + z + " - y)" + per_batch(batch);
            break;
        case Head::SigmoidBce:
            formula = "Loss = mean_batch softplus(" + z + ") - y " + z;
            rule = "d" + z + " = (sigma(" + z + ") - y)" + per_batch(batch);
            break;
        case Head::Softmax:
            formula = "Loss = mean_batch log sum exp(" + z + ") - " + z + "[y]";
            rule = "d" + z + " = (softmax(" + z + ") - y)" + per_batch(batch);
            break;
    }
    const char* op = head == Head::SigmoidBce ? "bce_with_logits" : head == Head::Softmax ? "softmax_ce" : "mse";
    return op_node(id, op, "Loss", formula, {from, y}, {rule, tr("layers.rule_y_data")}, 0);
}

}  // namespace

std::string activation_rule(Activation act, const std::string& h, const std::string& z) {
    const std::string head = "d" + h + " = d" + z;
    switch (act) {
        case Activation::Linear: return head;
        case Activation::Sigmoid: return head + " o " + z + " o (1 - " + z + ")";
        case Activation::Tanh: return head + " o (1 - " + z + "^2)";
        case Activation::Relu: return head + " o 1(" + h + " > 0)";
        default: return head + " o " + name_of(act) + "'(" + h + ")";
    }
}

// Names every tape node of g as the notes do: x, then per layer l W_l, b_l, a W_l, h_l
// (z_L for the output layer), z_l = f(h_l); then y, the head and the loss.
void LayerGraph::describe(const MlpGraph<float>& g) {
    const Mlp<float>& mlp = trainer_->model();
    const int L = int(mlp.layers().size()), batch = g.batch();
    nodes_.assign(std::size_t(g.tape.size()), LayerNode{});
    acts_.clear();
    head_ = mlp.head();
    auto put = [&](LayerNode n) { nodes_[std::size_t(n.id)] = std::move(n); };
    put(leaf(g.x_id, "x", 0, false));
    std::string a = "x";
    int a_id = g.x_id;
    for (int l = 0; l < L; ++l) {
        const std::string k = num(l + 1), W = "W" + k, b = "b" + k, aW = a + " " + W;
        const std::string h = l + 1 == L ? "z" + k : "h" + k;
        const int mm = g.z_ids[std::size_t(l)] - 1;  // record(): W, b, then matmul, then add_bias
        put(leaf(g.w_ids[std::size_t(l)], W, l + 1, true));
        put(leaf(g.b_ids[std::size_t(l)], b, l + 1, true));
        // x W's gradient is dh (h = x W + b passes it on), so its edges are written with dh:
        // dW = z_prev^T dh, dz_prev = dh W^T, as the notes write them.
        const std::string dh = "d" + h;
        const std::string back = a == "x" ? "dx = " + dh + " " + W + "^T " + tr("layers.rule_x_data")
                                          : "d" + a + " = " + dh + " " + W + "^T";
        put(op_node(mm, "matmul", aW, aW, {a_id, g.w_ids[std::size_t(l)]}, {back, "d" + W + " = " + a + "^T " + dh}, l + 1));
        put(op_node(g.z_ids[std::size_t(l)], "add_bias", h, h + " = " + aW + " + " + b, {mm, g.b_ids[std::size_t(l)]},
                    {msg_now("layers.rule_sum", {{"dh", dh}}), "d" + b + " = sum_batch " + dh}, l + 1));
        if (l + 1 == L) {
            a = h, a_id = g.z_ids[std::size_t(l)];
            break;
        }
        const Activation act = mlp.layers()[std::size_t(l)].act;
        acts_.push_back(act);
        a = "z" + k, a_id = g.a_ids[std::size_t(l)];
        put(op_node(a_id, "activation", a, a + " = " + activation_symbol(act) + "(" + h + ")", {g.z_ids[std::size_t(l)]},
                    {activation_rule(act, h, a)}, l + 1));
        nodes_[std::size_t(a_id)].act = act;
    }
    put(leaf(g.y_id, "y", 0, false));
    if (head_ == Head::TanhMse) {  // p = tanh(z_L), then the mean square against y = -1/+1
        const int p = g.y_id + 1;
        put(op_node(p, "activation", "p", "p = tanh(" + a + ")", {a_id}, {activation_rule(Activation::Tanh, a, "p")}, 0));
        nodes_[std::size_t(p)].act = Activation::Tanh;
        a = "p", a_id = p;
    }
    put(make_loss_node(g.loss_id, head_, a_id, g.y_id, a, batch));
    for (LayerNode& n : nodes_) {
        n.value = g.tape.value(n.id).transpose();
        if (!n.data) n.grad = g.tape.grad(n.id).transpose();
    }
    choose_printed_digits(nodes_, head_, batch);
    backward_order_.clear();
    for (int id = int(nodes_.size()) - 1; id >= 0; --id)
        if (!nodes_[std::size_t(id)].data) backward_order_.push_back(id);
}

// Records the Trainer's network on the batch of `point` into g and runs its forward and
// backward pass; the nodes take its values. Checks everything before changing anything.
std::optional<Error> LayerGraph::capture(MlpGraph<float>& g, int point) {
    Trainer& t = *trainer_;
    const int n = int(t.data().train.size());
    if (n == 0) return Error{"the playground has no training points"};
    if (point != kNextBatch && (point < 0 || point >= n))
        return Error{"point " + num(point) + " is out of range: the training points are 0 to " + num(n - 1)};
    if (t.diverged()) return Error{"training has diverged; reset the run first (" + t.divergence() + ")"};
    const int widest = widest_layer(t);
    if (widest > kMaxUnits)
        return Error{"the layer view draws layers of at most " + num(kMaxUnits) + " units; this network has one of " +
                     num(widest) + " (a summary is shown instead)"};
    if (point == kNextBatch && std::min(t.config().batch, n) > kMaxBatch)
        return Error{"the layer view draws batches of at most " + num(kMaxBatch) + " examples; the batch size is " +
                     num(t.config().batch) + " (open one training point, or lower the batch size)"};
    examples_ = point == kNextBatch ? t.next_batch() : std::vector<int>{point};
    point_ = point;
    g.X.resize(t.model().n_in(), batch());
    g.Y.resize(t.model().n_out(), batch());
    t.training_set().fill(g, examples_.data());
    g.tape.set_mode(t.tapes().mode());
    g.record(t.model(), batch(), GraphUse::Explain);  // keeps the filled X, Y
    g.run(true);                   // forward, then backward into the model's dW, db
    X_ = g.X;
    Y_ = g.Y;
    describe(g);
    ++generation_;
    update_.reset();
    updated_ = false;
    forward_done_ = backward_done_ = 0;
    current_ = -1;
    return std::nullopt;
}

int LayerGraph::widest_layer(const Trainer& t) {
    int widest = t.model().n_in();
    for (const auto& layer : t.model().layers()) widest = std::max(widest, int(layer.W.rows()));
    return widest;
}

std::optional<Error> LayerGraph::open(Trainer& trainer, int point) {
    Trainer* previous = trainer_;
    trainer_ = &trainer;
    MlpGraph<float> g;
    auto e = capture(g, point);
    if (e) trainer_ = previous;
    return e;
}

std::optional<Error> LayerGraph::next_step() {
    if (!is_open()) return Error{"no step is open: open a training point or the next mini-batch first"};
    MlpGraph<float> g;
    return capture(g, point_);
}

int LayerGraph::param_node(int layer, bool bias) const {
    for (const LayerNode& n : nodes_)
        if (n.param && n.layer == layer && (n.label[0] == 'b') == bias) return n.id;
    return -1;
}

void LayerGraph::reset() {
    forward_done_ = backward_done_ = 0;
    current_ = -1;
    updated_ = false;
}

bool LayerGraph::forward_step() {
    if (forward_done_ >= int(nodes_.size())) return false;
    current_ = forward_done_++;
    return true;
}

bool LayerGraph::backward_step() {
    while (forward_step()) {}
    if (backward_done_ >= int(backward_order_.size())) return false;
    current_ = backward_order_[std::size_t(backward_done_++)];
    updated_ = false;  // the next step's backward pass
    return true;
}

void LayerGraph::run_all() {
    while (backward_step()) {}
}

bool LayerGraph::grad_known(int id) const {
    const auto it = std::find(backward_order_.begin(), backward_order_.end(), id);
    return it != backward_order_.end() && it - backward_order_.begin() < backward_done_;
}

const char* LayerGraph::phase() const {
    if (updated_) return "updated";
    if (backward_done_ > 0) return "backward";
    return forward_done_ > 0 ? "forward" : "zeroed";
}

std::optional<Error> LayerGraph::sgd_step() {
    if (!is_open()) return Error{"no step is open: open a training point or the next mini-batch first"};
    Trainer& t = *trainer_;
    MlpGraph<float> g;
    if (auto e = capture(g, point_)) return e;  // the weights as they are now
    run_all();
    StepUpdate u;
    u.optimizer = name_of(t.config().opt.kind);
    u.lr = float(t.current_lr());  // the rate the optimizer takes (as float)
    u.loss_before = double(nodes_.back().value(0, 0));
    t.apply_gradients(g, float(u.loss_before), point_ == kNextBatch);
    if (t.diverged()) return Error{t.divergence()};
    const auto& m = t.optimizer().first_moments();
    const auto& v = t.optimizer().second_moments();
    for (std::size_t l = 0; l < t.model().layers().size(); ++l) {
        const auto& layer = t.model().layers()[l];
        u.layers.push_back({int(l) + 1, t.weights().before()[2 * l].transpose(), layer.dW.transpose(),
                            layer.W.transpose(), m[2 * l].transpose(), v[2 * l].transpose()});
    }
    for (LayerUpdate& l : u.layers) choose_update_digits(l, u.lr, u.optimizer == "sgd");
    u.loss_after = double(g.run(false));  // the same batch with the new weights
    // The step recorded again on the new weights (for a mini-batch, on the next one), its
    // forward pass shown: the view holds what the update made, the next step's gradients zeroed.
    MlpGraph<float> next;
    if (auto e = capture(next, point_)) return e;
    forward_done_ = int(nodes_.size());
    update_ = std::move(u);
    updated_ = true;
    return std::nullopt;
}

bool LayerGraph::stale() const {
    if (!is_open()) return false;
    const auto& layers = trainer_->model().layers();
    for (int l = 1;; ++l) {
        const int id = param_node(l, false);
        if (id < 0) return int(layers.size()) != l - 1;
        if (l > int(layers.size())) return true;
        const Eigen::MatrixXf& recorded = nodes_[std::size_t(id)].value;
        const Eigen::MatrixXf now = layers[std::size_t(l - 1)].W.transpose();
        if (now.rows() != recorded.rows() || now.cols() != recorded.cols() || now != recorded) return true;
    }
}

Result<LayerCheck> LayerGraph::check(int id) const {
    if (id < 0 || id >= int(nodes_.size()) || !nodes_[std::size_t(id)].param)
        return Error{"node " + num(id) + " is not a weight or bias: the check runs on a parameter matrix"};
    // The captured network in double: W_l = (node value)^T, b_l likewise.
    Mlp<double> net;
    std::vector<int> hidden;
    for (std::size_t l = 0; l < acts_.size(); ++l) hidden.push_back(int(nodes_[std::size_t(param_node(int(l) + 1, true))].value.cols()));
    net.build(int(X_.rows()), hidden, acts_, int(Y_.rows()), head_);
    for (std::size_t l = 0; l < net.layers().size(); ++l) {
        net.layers()[l].W = nodes_[std::size_t(param_node(int(l) + 1, false))].value.transpose().cast<double>();
        net.layers()[l].b = nodes_[std::size_t(param_node(int(l) + 1, true))].value.transpose().cast<double>();
    }
    MlpGraph<double> g;
    g.X = X_.cast<double>();
    g.Y = Y_.cast<double>();
    g.record(net, int(X_.cols()), GraphUse::Explain);
    const LayerNode& p = nodes_[std::size_t(id)];
    auto& layer = net.layers()[std::size_t(p.layer - 1)];
    Eigen::MatrixXd& engine = p.label[0] == 'b' ? layer.b : layer.W;  // (n_out, n_in): the node's transpose
    LayerCheck c;
    c.node = id;
    c.numeric.resize(p.value.rows(), p.value.cols());
    for (Eigen::Index i = 0; i < p.value.rows(); ++i)
        for (Eigen::Index j = 0; j < p.value.cols(); ++j) {
            double& w = engine(j, i);
            const double keep = w;
            c.numeric(i, j) = central_difference([&](double x) { w = x; return double(g.run(false)); }, keep);
            w = keep;
        }
    const Eigen::MatrixXd shown = p.grad.cast<double>();
    c.relative_error = (c.numeric - shown).norm() / std::max({c.numeric.norm(), shown.norm(), 1e-12});
    return c;
}

}  // namespace bp
