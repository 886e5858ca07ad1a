// The scalar graph: the table of ops (kOps: one row per op with its name, arity, forward rule,
// local derivatives and domain), and the forward, backward (iterative, recursive, stepwise),
// gradient-check and path algorithms, which read an op only through its row.
#include "scalar_graph.h"
#include "messages.h"

#include "json.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "gradcheck.h"

namespace bp {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kMaxRecursionDepth = 10000;      // backward_recursive refuses deeper graphs
constexpr std::size_t kMaxPathNodes = 1000000;  // paths() stores at most this many nodes

// sigma(x) = 1 / (1 + e^-x), written with e^-|x| so that it never overflows.
double sigmoid_of(double x) {
    const double e = std::exp(-std::abs(x));
    return x >= 0 ? 1 / (1 + e) : e / (1 + e);
}

// softplus(x) = ln(1 + e^x) = max(x, 0) + ln(1 + e^-|x|): no overflow, no loss for x << 0.
double softplus_of(double x) { return std::max(x, 0.0) + std::log1p(std::exp(-std::abs(x))); }

std::uint64_t bits(double v) {  // hash-consing compares constants bit for bit (0 != -0)
    std::uint64_t b;
    std::memcpy(&b, &v, sizeof b);
    return b;
}

// One row per op: its name, arity, forward rule, local derivatives and domain, side by side
// as micrograd keeps an op's forward and backward together. Each rule reads In: a, b the
// values of the inputs, c the node's param (Const: its value; PowConst: the exponent;
// LeakyRelu: the slope), y the node's value (a Var's own value when computing; the result
// when differentiating). `local` returns {dy/da, dy/db} (0 for a missing input) with the
// derivative stated beside it; `domain` says why (a, b) is outside the op's domain, "" when
// inside (nullptr: defined everywhere); it is checked before `value` runs.
struct In {
    double a, b, c, y;
};
using Local = std::array<double, 2>;
struct OpRow {
    Op op;
    const char* name;  // what the student reads: labels, messages, `op` in the JSON
    int arity;
    bool param;        // uses Node::param (Graph::add zeroes it for the others)
    double (*value)(In);
    Local (*local)(In);
    std::string (*domain)(In);
};

std::string log_domain(In x) {
    if (x.a < 0) return msg("graph.log_negative", {{"a", exact_number(x.a)}});
    return x.a == 0 ? msg("graph.log_zero") : "";
}
std::string sqrt_domain(In x) { return x.a < 0 ? msg("graph.sqrt_negative", {{"a", exact_number(x.a)}}) : ""; }
std::string div_domain(In x) { return x.b == 0 ? msg("graph.division_by_zero", {{"a", exact_number(x.a)}}) : ""; }
std::string pow_const_domain(In x) {
    if (x.a < 0 && x.c != std::floor(x.c)) return msg("graph.pow_negative", {{"a", exact_number(x.a)}, {"p", exact_number(x.c)}});
    return x.a == 0 && x.c < 0 ? msg("graph.zero_negative_power", {{"p", exact_number(x.c)}}) : "";
}
std::string pow_domain(In x) {  // for a < 0, a^b exists only at integer b, so d/db would not exist
    if (x.a < 0) return msg("graph.pow_negative_base", {{"a", exact_number(x.a)}});
    return x.a == 0 && x.b < 0 ? msg("graph.zero_negative_power", {{"p", exact_number(x.b)}}) : "";
}

// clang-format off
constexpr OpRow kOps[] = {
    {Op::Const, "const", 0, true, [](In x) { return x.c; }, [](In) -> Local { return {0, 0}; }, nullptr},  // a leaf
    {Op::Var,   "var",   0, false, [](In x) { return x.y; }, [](In) -> Local { return {0, 0}; }, nullptr},  // a leaf
    {Op::Add, "+", 2, false, [](In x) { return x.a + x.b; },
     [](In) -> Local { return {1, 1}; }, nullptr},                                  // d(a+b)/da = 1, d(a+b)/db = 1
    {Op::Sub, "-", 2, false, [](In x) { return x.a - x.b; },
     [](In) -> Local { return {1, -1}; }, nullptr},                                 // d(a-b)/da = 1, d(a-b)/db = -1
    {Op::Mul, "*", 2, false, [](In x) { return x.a * x.b; },
     [](In x) -> Local { return {x.b, x.a}; }, nullptr},                            // d(ab)/da = b, d(ab)/db = a
    {Op::Div, "/", 2, false, [](In x) { return x.a / x.b; },
     [](In x) -> Local { return {1 / x.b, -x.a / (x.b * x.b)}; }, div_domain},      // d(a/b)/da = 1/b, d(a/b)/db = -a/b^2
    {Op::Neg, "neg", 1, false, [](In x) { return -x.a; },
     [](In) -> Local { return {-1, 0}; }, nullptr},                                 // d(-a)/da = -1
    {Op::PowConst, "pow", 1, true, [](In x) { return std::pow(x.a, x.c); },
     [](In x) -> Local { return {x.c == 0 ? 0 : x.c * std::pow(x.a, x.c - 1), 0}; }, pow_const_domain},  // d a^c/da = c a^(c-1)
    {Op::Pow, "pow", 2, false, [](In x) { return std::pow(x.a, x.b); },
     // d a^b/da = b a^(b-1); d a^b/db = a^b ln a, taken as 0 at a = 0 (0^b = 0 for b > 0)
     [](In x) -> Local { return {x.b == 0 ? 0 : x.b * std::pow(x.a, x.b - 1), x.a > 0 ? x.y * std::log(x.a) : 0}; },
     pow_domain},
    {Op::Exp, "exp", 1, false, [](In x) { return std::exp(x.a); },
     [](In x) -> Local { return {x.y, 0}; }, nullptr},                              // d e^a/da = e^a = y
    {Op::Log, "log", 1, false, [](In x) { return std::log(x.a); },
     [](In x) -> Local { return {1 / x.a, 0}; }, log_domain},                       // d ln a/da = 1/a
    {Op::Sqrt, "sqrt", 1, false, [](In x) { return std::sqrt(x.a); },
     [](In x) -> Local { return {0.5 / x.y, 0}; }, sqrt_domain},                    // d sqrt(a)/da = 1/(2 sqrt a): inf at a = 0
    {Op::Abs, "abs", 1, false, [](In x) { return std::abs(x.a); },
     [](In x) -> Local { return {x.a > 0 ? 1.0 : x.a < 0 ? -1.0 : 0.0, 0}; }, nullptr},  // d|a|/da = sign(a), 0 at a = 0
    {Op::Sin, "sin", 1, false, [](In x) { return std::sin(x.a); },
     [](In x) -> Local { return {std::cos(x.a), 0}; }, nullptr},                    // d sin a/da = cos a
    {Op::Cos, "cos", 1, false, [](In x) { return std::cos(x.a); },
     [](In x) -> Local { return {-std::sin(x.a), 0}; }, nullptr},                   // d cos a/da = -sin a
    {Op::Tan, "tan", 1, false, [](In x) { return std::tan(x.a); },
     [](In x) -> Local { return {1 + x.y * x.y, 0}; }, nullptr},                    // d tan a/da = 1 + tan^2 a = 1 + y^2
    {Op::Cosh, "cosh", 1, false, [](In x) { return std::cosh(x.a); },
     [](In x) -> Local { return {std::sinh(x.a), 0}; }, nullptr},                   // d cosh a/da = sinh a
    {Op::Tanh, "tanh", 1, false, [](In x) { return std::tanh(x.a); },
     [](In x) -> Local { return {1 - x.y * x.y, 0}; }, nullptr},                    // d tanh a/da = 1 - y^2
    {Op::Sigmoid, "sigmoid", 1, false, [](In x) { return sigmoid_of(x.a); },
     [](In x) -> Local { return {x.y * (1 - x.y), 0}; }, nullptr},                  // d sigma(a)/da = sigma (1 - sigma) = y (1 - y)
    {Op::Relu, "relu", 1, false, [](In x) { return x.a > 0 ? x.a : 0.0; },
     [](In x) -> Local { return {x.a > 0 ? 1.0 : 0.0, 0}; }, nullptr},              // d relu(a)/da = 1(a > 0): 0 at a = 0
    {Op::LeakyRelu, "leaky_relu", 1, true, [](In x) { return x.a > 0 ? x.a : x.c * x.a; },
     [](In x) -> Local { return {x.a > 0 ? 1.0 : x.c, 0}; }, nullptr},              // d/da = 1 for a > 0, else the slope c
    {Op::Softplus, "softplus", 1, false, [](In x) { return softplus_of(x.a); },
     [](In x) -> Local { return {sigmoid_of(x.a), 0}; }, nullptr},                  // d ln(1 + e^a)/da = sigma(a)
    {Op::Max, "max", 2, false, [](In x) { return x.a >= x.b ? x.a : x.b; },
     [](In x) -> Local { return x.a >= x.b ? Local{1, 0} : Local{0, 1}; }, nullptr},  // to the larger; a tie goes to a
    {Op::Min, "min", 2, false, [](In x) { return x.a <= x.b ? x.a : x.b; },
     [](In x) -> Local { return x.a <= x.b ? Local{1, 0} : Local{0, 1}; }, nullptr},  // to the smaller; a tie goes to a
};
// clang-format on

constexpr bool rows_in_enum_order() {
    int i = 0;
    for (const OpRow& r : kOps)
        if (r.op != Op(i++)) return false;
    return i == int(Op::Min) + 1;
}
static_assert(rows_in_enum_order(), "kOps: one row per Op, in the enum's order");

const OpRow& op_row(Op op) { return kOps[int(op)]; }

// The node's inputs' values, its param and its value, as its op's rules read them.
In inputs_of(const Graph& g, const Node& n) {
    const double a = n.inputs.size() > 0 ? g.node(n.inputs[0]).value : 0;
    const double b = n.inputs.size() > 1 ? g.node(n.inputs[1]).value : 0;
    return {a, b, n.param, n.value};
}

std::string not_finite(const Node& n, double y) {
    if (n.op == Op::Var) return msg("graph.variable_not_finite", {{"name", n.name}, {"y", exact_number(y)}});
    if (n.op == Op::Const) return msg("graph.constant_not_finite", {{"y", exact_number(y)}});
    return msg("graph.result_not_finite", {{"op", op_name(n.op)}, {"y", exact_number(y)}});
}

}  // namespace

const char* op_name(Op op) { return op_row(op).name; }

int op_arity(Op op) { return op_row(op).arity; }

std::string node_label(const Node& n) {
    switch (n.op) {
        case Op::Const: return n.name.empty() ? exact_number(n.param) : n.name;
        case Op::Var: return n.name;
        case Op::PowConst: return "^" + exact_number(n.param);
        case Op::Pow: return "^";
        case Op::LeakyRelu:
            return n.param == kLeakySlope ? "leaky_relu" : "leaky_relu " + exact_number(n.param);
        default: return op_name(n.op);
    }
}

// ---------------------------------------------------------------- building

int Graph::insert(Node n) {
    Key key{n.op, n.inputs, bits(n.param), n.name};
    if (auto it = index_.find(key); it != index_.end()) return it->second;  // reuse
    nodes_.push_back(std::move(n));
    const int id = size() - 1;
    index_.emplace(std::move(key), id);
    if (auto e = evaluate(id); e && !error_) error_ = e;  // keep the first error
    return id;
}

int Graph::constant(double value, int pos, const std::string& name) {
    return insert(Node{Op::Const, {}, value, name, pos});
}

// A variable already in the graph keeps its value (set_variable changes it).
int Graph::variable(const std::string& name, double value, int pos) {
    return insert(Node{Op::Var, {}, 0, name, pos, value});
}

int Graph::add(Op op, std::vector<int> inputs, double param, int pos) {
    assert(int(inputs.size()) == op_arity(op) && op != Op::Const && op != Op::Var);
    assert(std::all_of(inputs.begin(), inputs.end(), [&](int in) { return in >= 0 && in < size(); }));
    if (!op_row(op).param) param = 0;  // only ops whose rules read it keep it (hash-consing compares it)
    return insert(Node{op, std::move(inputs), param, "", pos});
}

// Computes node id's value from its inputs; the error says what, with what value, where.
std::optional<Error> Graph::evaluate(int id) {
    Node& n = nodes_[std::size_t(id)];
    const OpRow& r = op_row(n.op);
    const In x = inputs_of(*this, n);
    std::string problem = r.domain ? r.domain(x) : "";
    n.value = problem.empty() ? r.value(x) : kNaN;
    if (problem.empty() && !std::isfinite(n.value)) problem = not_finite(n, n.value);
    if (problem.empty()) return std::nullopt;
    if (n.pos >= 0) return Error{msg("formula.at", {{"problem", problem}, {"pos", std::to_string(n.pos)}}), n.pos};
    return Error{msg("graph.at_node", {{"problem", problem}, {"id", std::to_string(id)}}), n.pos};
}

void Graph::set_output(int id) {
    assert(id >= 0 && id < size());
    output_ = id;
}

int Graph::output() const { return output_ >= 0 ? output_ : size() - 1; }

// ---------------------------------------------------------------- forward

bool Graph::set_variable(const std::string& name, double value) {
    for (Node& n : nodes_)
        if (n.op == Op::Var && n.name == name) {
            n.value = value;
            return true;
        }
    return false;
}

Result<double> Graph::forward() {
    error_.reset();
    if (nodes_.empty()) return Error{msg("graph.empty"), -1};
    for (int id = 0; id < size(); ++id)  // creation order is a topological order
        if (auto e = evaluate(id)) {
            error_ = e;
            return *e;
        }
    return node(output()).value;
}

// needed[id]: the output depends on node id (the output itself included).
std::vector<bool> Graph::reaches_output() const {
    std::vector<bool> needed(nodes_.size(), false);
    if (nodes_.empty()) return needed;
    needed[std::size_t(output())] = true;
    for (int id = output(); id >= 0; --id)
        if (needed[std::size_t(id)])
            for (int in : node(id).inputs) needed[std::size_t(in)] = true;
    return needed;
}

std::vector<int> Graph::topological_order() const {
    const std::vector<bool> needed = reaches_output();
    std::vector<int> order;
    for (int id = 0; id < size(); ++id)
        if (needed[std::size_t(id)]) order.push_back(id);
    return order;
}

std::vector<int> Graph::backward_order() const {
    std::vector<int> order = topological_order();
    std::reverse(order.begin(), order.end());
    return order;
}

// Only edges the backward pass uses: from children the output depends on.
std::vector<std::vector<ChildEdge>> Graph::children() const {
    const std::vector<bool> needed = reaches_output();
    std::vector<std::vector<ChildEdge>> kids(nodes_.size());
    for (int id = size() - 1; id >= 0; --id)
        if (needed[std::size_t(id)])
            for (int slot = 0; slot < int(node(id).inputs.size()); ++slot)
                kids[std::size_t(node(id).inputs[std::size_t(slot)])].push_back({id, slot});
    return kids;
}

// ---------------------------------------------------------------- backward

std::array<double, 2> Graph::local_derivatives(int id) const {
    const Node& n = node(id);
    return op_row(n.op).local(inputs_of(*this, n));
}

void Graph::reset_grads() {
    for (Node& n : nodes_) n.grad = 0;
    if (!nodes_.empty()) nodes_[std::size_t(output())].grad = 1;  // d output / d output = 1
}

BackwardStep Graph::propagate(int id) {
    const std::array<double, 2> local = local_derivatives(id);
    const Node& n = nodes_[std::size_t(id)];
    BackwardStep step{id, n.grad, {}};
    for (std::size_t i = 0; i < n.inputs.size(); ++i) {
        Node& in = nodes_[std::size_t(n.inputs[i])];
        const double contribution = n.grad * local[i];
        in.grad += contribution;  // chain rule: dL/d in += dL/d n * d n/d in
        step.edges.push_back({n.inputs[i], local[i], contribution, in.grad});
    }
    return step;
}

void Graph::backward() {
    reset_grads();
    for (int id : backward_order()) propagate(id);
}

// The longest path (in edges) from any node to the output: the recursion depth needed.
static int longest_path_to_output(const Graph& g) {
    std::vector<int> depth(std::size_t(g.size()), 0);
    int deepest = 0;
    for (int id : g.backward_order())
        for (int in : g.node(id).inputs) {
            depth[std::size_t(in)] = std::max(depth[std::size_t(in)], depth[std::size_t(id)] + 1);
            deepest = std::max(deepest, depth[std::size_t(in)]);
        }
    return deepest;
}

Result<std::vector<int>> Graph::backward_recursive() {
    const int depth = longest_path_to_output(*this);
    if (depth > kMaxRecursionDepth)
        return Error{msg("graph.too_deep", {{"depth", std::to_string(depth)}, {"max", std::to_string(kMaxRecursionDepth)}})};
    for (Node& n : nodes_) n.grad = 0;
    const auto kids = children();
    std::vector<bool> done(nodes_.size(), false);
    std::vector<int> finished;
    for (int id : topological_order()) recursive_grad(id, kids, done, finished);
    return finished;
}

// grad(id) = sum over children c, over each edge c -> id, of grad(c) * d c/d id. Each grad
// is computed once (memoised in `done`) and then reused by every path through it.
double Graph::recursive_grad(int id, const std::vector<std::vector<ChildEdge>>& kids,
                             std::vector<bool>& done, std::vector<int>& finished) {
    if (done[std::size_t(id)]) return nodes_[std::size_t(id)].grad;
    double grad = id == output() ? 1.0 : 0.0;  // d output / d output = 1; the output has no children
    for (const ChildEdge& e : kids[std::size_t(id)])
        grad += recursive_grad(e.child, kids, done, finished) * local_derivatives(e.child)[std::size_t(e.slot)];
    nodes_[std::size_t(id)].grad = grad;
    done[std::size_t(id)] = true;
    finished.push_back(id);
    return grad;
}

BackwardStepper::BackwardStepper(Graph& g) : g_(g), order_(g.backward_order()) { g_.reset_grads(); }

const BackwardStep& BackwardStepper::step() {
    static const BackwardStep kNone{-1, 0, {}};
    assert(!done());
    if (done()) return kNone;
    steps_.push_back(g_.propagate(order_[next_++]));
    return steps_.back();
}

std::vector<BackwardStep> backward_trace(Graph& g) {
    BackwardStepper stepper(g);
    while (!stepper.done()) stepper.step();
    return stepper.steps();
}

// ---------------------------------------------------------------- results

std::vector<std::pair<std::string, double>> Graph::gradients() const {
    std::vector<std::pair<std::string, double>> out;
    for (const Node& n : nodes_)
        if (n.op == Op::Var) out.emplace_back(n.name, n.grad);
    return out;
}

std::vector<GradCheck> Graph::check_gradients(double h) {
    backward();
    std::vector<GradCheck> out;
    for (const auto& [name, analytic] : gradients()) {
        double x0 = 0;
        for (const Node& n : nodes_)
            if (n.op == Op::Var && n.name == name) x0 = n.value;
        auto f = [&, name = name](double x) {
            set_variable(name, x);
            const Result<double> y = forward();
            return y ? y.value() : kNaN;
        };
        const double numeric = central_difference(f, x0, h);
        set_variable(name, x0);
        out.push_back({name, analytic, numeric, relative_error(analytic, numeric)});
    }
    forward();  // back to the values at the point (the grads are still backward()'s)
    return out;
}

// Depth-first over the child edges from `from`; `trail` is the path walked so far and
// next[i] the next child edge to try from trail.nodes[i].
PathList Graph::paths(int from, std::size_t max_paths) const {
    PathList out;
    if (from < 0 || from >= size()) return out;
    const auto kids = children();
    Path trail{{from}, {}, 1};
    std::vector<std::size_t> next{0};
    std::size_t stored = 0;
    auto back_up = [&] {
        trail.nodes.pop_back();
        if (!trail.locals.empty()) trail.locals.pop_back();
        next.pop_back();
    };
    while (!next.empty()) {
        const int at = trail.nodes.back();
        const auto& edges = kids[std::size_t(at)];
        if (at == output()) {
            if (out.paths.size() >= max_paths || stored >= kMaxPathNodes) {
                out.truncated = true;
                break;
            }
            trail.product = 1;
            for (double l : trail.locals) trail.product *= l;  // product along the path
            out.paths.push_back(trail);
            stored += trail.nodes.size();
            back_up();
        } else if (next.back() == edges.size()) {
            back_up();
        } else {
            const ChildEdge e = edges[next.back()++];
            trail.nodes.push_back(e.child);
            trail.locals.push_back(local_derivatives(e.child)[std::size_t(e.slot)]);
            next.push_back(0);
        }
    }
    return out;
}

// ---------------------------------------------------------------- Value

Value variable(Graph& g, const std::string& name, double value) { return Value(g, g.variable(name, value)); }
Value constant(Graph& g, double value) { return Value(g, g.constant(value)); }

namespace {
Value unary(Op op, Value x, double param = 0) { return Value(x.graph(), x.graph().add(op, {x.id()}, param)); }
Value binary(Op op, Value a, Value b) {
    assert(&a.graph() == &b.graph());
    return Value(a.graph(), a.graph().add(op, {a.id(), b.id()}));
}
}  // namespace

Value operator+(Value a, Value b) { return binary(Op::Add, a, b); }
Value operator-(Value a, Value b) { return binary(Op::Sub, a, b); }
Value operator*(Value a, Value b) { return binary(Op::Mul, a, b); }
Value operator/(Value a, Value b) { return binary(Op::Div, a, b); }
Value operator+(Value a, double b) { return a + constant(a.graph(), b); }
Value operator-(Value a, double b) { return a - constant(a.graph(), b); }
Value operator*(Value a, double b) { return a * constant(a.graph(), b); }
Value operator/(Value a, double b) { return a / constant(a.graph(), b); }
Value operator+(double a, Value b) { return constant(b.graph(), a) + b; }
Value operator-(double a, Value b) { return constant(b.graph(), a) - b; }
Value operator*(double a, Value b) { return constant(b.graph(), a) * b; }
Value operator/(double a, Value b) { return constant(b.graph(), a) / b; }
Value operator-(Value a) { return unary(Op::Neg, a); }

Value exp(Value x) { return unary(Op::Exp, x); }
Value log(Value x) { return unary(Op::Log, x); }
Value sqrt(Value x) { return unary(Op::Sqrt, x); }
Value abs(Value x) { return unary(Op::Abs, x); }
Value sin(Value x) { return unary(Op::Sin, x); }
Value cos(Value x) { return unary(Op::Cos, x); }
Value tan(Value x) { return unary(Op::Tan, x); }
Value cosh(Value x) { return unary(Op::Cosh, x); }
Value tanh(Value x) { return unary(Op::Tanh, x); }
Value sigmoid(Value x) { return unary(Op::Sigmoid, x); }
Value relu(Value x) { return unary(Op::Relu, x); }
Value leaky_relu(Value x, double slope) { return unary(Op::LeakyRelu, x, slope); }
Value softplus(Value x) { return unary(Op::Softplus, x); }
Value pow(Value x, double c) { return unary(Op::PowConst, x, c); }
Value pow(Value x, Value y) { return binary(Op::Pow, x, y); }
Value max(Value a, Value b) { return binary(Op::Max, a, b); }
Value min(Value a, Value b) { return binary(Op::Min, a, b); }

}  // namespace bp
