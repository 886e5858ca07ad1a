// choose_printed_digits and choose_update_digits (layer_printed.h): the step's rules written
// as PrintedRules over its matrices (row-major entries; group 2n is node n's value, 2n + 1
// its gradient), each rule the formula its node or edge states.
#include "layer_printed.h"

#include <algorithm>
#include <cmath>

#include "activations.h"
#include "printed_rules.h"
#include "text_util.h"

namespace bp {

namespace {

using Values = std::vector<double>;

Values row_major(const Eigen::MatrixXf& m) {
    Values v;
    for (Eigen::Index i = 0; i < m.rows(); ++i)
        for (Eigen::Index j = 0; j < m.cols(); ++j) v.push_back(double(m(i, j)));
    return v;
}

int value_of(int node) { return 2 * node; }
int grad_of(int node) { return 2 * node + 1; }
NumberRef at(int group, const Eigen::MatrixXf& m, Eigen::Index i, Eigen::Index j) { return {group, int(i * m.cols() + j)}; }

struct Rules {
    const std::vector<LayerNode>& nodes;
    std::vector<PrintedRule> list;
    const Eigen::MatrixXf& value(int id) const { return nodes[std::size_t(id)].value; }

    // C = A B, entry by entry: C(i, j) = sum_k A(i, k) B(k, j), A and B given as (group, matrix,
    // transposed?) so dW = A^T dC and dA = dC B^T are the same rule.
    void product(NumberRef out_group, const Eigen::MatrixXf& out, int a, const Eigen::MatrixXf& A, bool at_t, int b,
                 const Eigen::MatrixXf& B, bool b_t) {
        const Eigen::Index K = at_t ? A.rows() : A.cols();
        for (Eigen::Index i = 0; i < out.rows(); ++i)
            for (Eigen::Index j = 0; j < out.cols(); ++j) {
                PrintedRule r;
                for (Eigen::Index k = 0; k < K; ++k) r.operands.push_back(at_t ? at(a, A, k, i) : at(a, A, i, k));
                for (Eigen::Index k = 0; k < K; ++k) r.operands.push_back(b_t ? at(b, B, j, k) : at(b, B, k, j));
                r.result = at(out_group.group, out, i, j);
                r.f = [K](const Values& v) {
                    double s = 0;
                    for (std::size_t k = 0; k < std::size_t(K); ++k) s += v[k] * v[std::size_t(K) + k];
                    return s;
                };
                list.push_back(std::move(r));
            }
    }

    // One rule per entry of `out`: out(i, j) = f(operands(i, j)).
    template <class Operands>
    void each(int out_group, const Eigen::MatrixXf& out, Operands operands, std::function<double(const Values&)> f) {
        for (Eigen::Index i = 0; i < out.rows(); ++i)
            for (Eigen::Index j = 0; j < out.cols(); ++j) list.push_back({operands(i, j), at(out_group, out, i, j), f});
    }

    void forward(const LayerNode& n, Head head, int batch);
    void backward(const LayerNode& n, Head head, int batch);
};

double sigmoid(double x) { return 1 / (1 + std::exp(-x)); }
double softplus(double x) { return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x)); }

// The loss of one example: its logits (or p) then its targets, k of each.
double example_loss(Head head, const Values& v, std::size_t k) {
    double s = 0;
    if (head == Head::Softmax) {
        double top = v[0];
        for (std::size_t c = 1; c < k; ++c) top = std::max(top, v[c]);
        double sum = 0;
        for (std::size_t c = 0; c < k; ++c) sum += std::exp(v[c] - top);
        s = top + std::log(sum);
        for (std::size_t c = 0; c < k; ++c) s -= v[k + c] * v[c];
        return s;
    }
    for (std::size_t c = 0; c < k; ++c)
        s += head == Head::SigmoidBce ? softplus(v[c]) - v[k + c] * v[c] : (v[c] - v[k + c]) * (v[c] - v[k + c]);
    return s;
}

void Rules::forward(const LayerNode& n, Head head, int batch) {
    if (n.inputs.empty()) return;
    const int a = n.inputs[0];
    const Eigen::MatrixXf& A = value(a);
    if (n.op == "matmul") return product({value_of(n.id)}, n.value, value_of(a), A, false, value_of(n.inputs[1]), value(n.inputs[1]), false);
    if (n.op == "add_bias")
        return each(value_of(n.id), n.value, [&](auto i, auto j) { return std::vector<NumberRef>{at(value_of(a), A, i, j), at(value_of(n.inputs[1]), value(n.inputs[1]), 0, j)}; },
                    [](const Values& v) { return v[0] + v[1]; });
    if (n.op == "activation") {
        const Activation act = n.act;
        return each(value_of(n.id), n.value, [&](auto i, auto j) { return std::vector<NumberRef>{at(value_of(a), A, i, j)}; },
                    [act](const Values& v) { return activate(act, v[0]); });
    }
    // the loss: the mean over the batch of each example's loss
    const int y = n.inputs[1];
    PrintedRule r;
    for (Eigen::Index i = 0; i < A.rows(); ++i) {
        for (Eigen::Index c = 0; c < A.cols(); ++c) r.operands.push_back(at(value_of(a), A, i, c));
        for (Eigen::Index c = 0; c < A.cols(); ++c) r.operands.push_back(at(value_of(y), value(y), i, c));
    }
    r.result = {value_of(n.id), 0};
    const std::size_t k = std::size_t(A.cols());
    r.f = [head, k, batch](const Values& v) {
        double s = 0;
        for (std::size_t i = 0; i < std::size_t(batch); ++i) s += example_loss(head, Values(v.begin() + long(2 * k * i), v.begin() + long(2 * k * (i + 1))), k);
        return s / batch;
    };
    list.push_back(std::move(r));
}

// The gradient each input of n receives, by the rule on its edge.
void Rules::backward(const LayerNode& n, Head head, int batch) {
    if (n.inputs.empty()) return;
    const int a = n.inputs[0];
    const Eigen::MatrixXf &A = value(a), &dn = n.grad;
    const double per = 1.0 / batch;
    if (n.op == "matmul") {
        const int b = n.inputs[1];
        if (!nodes[std::size_t(a)].data) product({grad_of(a)}, A, grad_of(n.id), dn, false, value_of(b), value(b), true);  // dA = dC B^T
        return product({grad_of(b)}, value(b), value_of(a), A, true, grad_of(n.id), dn, false);                      // dB = A^T dC
    }
    if (n.op == "add_bias") {
        each(grad_of(a), A, [&](auto i, auto j) { return std::vector<NumberRef>{at(grad_of(n.id), dn, i, j)}; }, [](const Values& v) { return v[0]; });
        const int b = n.inputs[1];
        return each(grad_of(b), value(b), [&](auto, auto j) {
            std::vector<NumberRef> col;
            for (Eigen::Index i = 0; i < dn.rows(); ++i) col.push_back(at(grad_of(n.id), dn, i, j));
            return col;
        }, [](const Values& v) { double s = 0; for (double x : v) s += x; return s; });
    }
    if (n.op == "activation") {  // dh = dz o f'(h), written with z where the rule is: sigmoid z (1 - z), tanh 1 - z^2
        const Activation act = n.act;
        return each(grad_of(a), A, [&](auto i, auto j) { return std::vector<NumberRef>{at(grad_of(n.id), dn, i, j), at(value_of(a), A, i, j), at(value_of(n.id), n.value, i, j)}; },
                    [act](const Values& v) {
                        if (act == Activation::Sigmoid) return v[0] * v[2] * (1 - v[2]);
                        if (act == Activation::Tanh) return v[0] * (1 - v[2] * v[2]);
                        if (act == Activation::Relu) return v[1] > 0 ? v[0] : 0.0;
                        return v[0] * activation_derivative(act, v[1], v[2]);
                    });
    }
    // the loss into its logits (or p): dz = (sigma(z) - y), (softmax(z) - y), 2 (z - y), each / batch
    const int y = n.inputs[1];
    const Eigen::MatrixXf& Y = value(y);
    const Eigen::Index k = A.cols();
    each(grad_of(a), A, [&](auto i, auto j) {
        std::vector<NumberRef> ops{at(value_of(y), Y, i, j), at(value_of(a), A, i, j)};
        if (head == Head::Softmax)
            for (Eigen::Index c = 0; c < k; ++c) ops.push_back(at(value_of(a), A, i, c));
        return ops;
    }, [head, per, k](const Values& v) {
        if (head == Head::SigmoidBce) return (sigmoid(v[1]) - v[0]) * per;
        if (head != Head::Softmax) return 2 * (v[1] - v[0]) * per;
        double top = v[2];
        for (Eigen::Index c = 1; c < k; ++c) top = std::max(top, v[std::size_t(2 + c)]);
        double sum = 0;
        for (Eigen::Index c = 0; c < k; ++c) sum += std::exp(v[std::size_t(2 + c)] - top);
        return (std::exp(v[1] - top) / sum - v[0]) * per;
    });
}

std::vector<Values> step_groups(const std::vector<LayerNode>& nodes) {
    std::vector<Values> groups;
    for (const LayerNode& n : nodes) groups.push_back(row_major(n.value)), groups.push_back(row_major(n.grad));
    return groups;
}

std::vector<PrintedRule> step_rules(const std::vector<LayerNode>& nodes, Head head, int batch) {
    Rules rules{nodes, {}};
    for (const LayerNode& n : nodes) rules.forward(n, head, batch), rules.backward(n, head, batch);
    return rules.list;
}

}  // namespace

std::pair<int, int> printed_rule_failures(const std::vector<LayerNode>& nodes, Head head, int batch) {
    Digits digits;
    for (const LayerNode& n : nodes) digits.push_back(n.value_digits), digits.push_back(n.grad_digits);
    const std::vector<PrintedRule> rules = step_rules(nodes, head, batch);
    return {int(failing_rules(step_groups(nodes), rules, digits).size()), int(rules.size())};
}

void choose_printed_digits(std::vector<LayerNode>& nodes, Head head, int batch) {
    const Digits digits = checkable_digits(step_groups(nodes), step_rules(nodes, head, batch));
    for (LayerNode& n : nodes) n.value_digits = digits[std::size_t(value_of(n.id))], n.grad_digits = digits[std::size_t(grad_of(n.id))];
}

void choose_update_digits(LayerUpdate& u, double lr, bool sgd) {
    const std::vector<Values> groups = {row_major(u.before), row_major(u.grad), row_major(u.after)};
    std::vector<PrintedRule> rules;
    const double shown_lr = printed_value(lr, 4);  // as the panel prints it
    if (sgd)
        for (int i = 0; i < int(u.before.size()); ++i)
            rules.push_back({{{0, i}, {1, i}}, {2, i}, [shown_lr](const Values& v) { return v[0] - shown_lr * v[1]; }});
    const Digits digits = checkable_digits(groups, rules);
    u.before_digits = digits[0], u.grad_digits = digits[1], u.after_digits = digits[2];
}

std::string printed_entry(const Eigen::MatrixXf& m, Eigen::Index i, Eigen::Index j, const std::vector<int>& digits) {
    const std::size_t k = std::size_t(i * m.cols() + j);
    return readable(double(m(i, j)), k < digits.size() ? digits[k] : 4);
}

}  // namespace bp
