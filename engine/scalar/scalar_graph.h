// The scalar computational graph used for teaching: one node per operation on numbers.
// Nodes are kept in creation order, which is a topological order; the forward pass runs
// in that order, the backward pass in reverse: iteratively, recursively with memoisation,
// or one node at a time (BackwardStepper) for the graph view. Value builds graphs from C++.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "activations.h"  // kLeakySlope: the scalar leaky_relu is the network's
#include "result.h"

namespace bp {

enum class Op {
    Const, Var,                                    // leaves
    Add, Sub, Mul, Div, Neg, PowConst, Pow,        // arithmetic; PowConst: x^c with c in param
    Exp, Log, Sqrt, Abs, Sin, Cos, Tan, Cosh,      // functions of one input
    Tanh, Sigmoid, Relu, LeakyRelu, Softplus,      // activations; LeakyRelu: slope in param
    Max, Min,
};

const char* op_name(Op op);  // "const", "var", "+", "-", "*", "/", "neg", "pow", ..., "max", "min"
int op_arity(Op op);         // how many inputs: 0, 1 or 2

struct Node {
    Op op = Op::Const;
    std::vector<int> inputs;  // ids of the operands, always smaller than this node's id
    double param = 0;         // Const: its value; PowConst: the exponent; LeakyRelu: the slope
    std::string name;         // Var: the variable's name; Const: "pi" or "e" when named
    int pos = -1;             // character position in the formula text, -1 if built from C++
    double value = 0;         // set by the forward pass
    double grad = 0;          // d output / d this node, set by the backward pass
};

// What to print in a node's circle: "x", "2.5", "pi", "+", "exp", "^2", "^" (x^y), ...
std::string node_label(const Node& n);

// One backward step: `node` sends its (final) gradient along each input edge:
// input.grad += grad * local.
struct EdgeStep {
    int input;
    double local;             // d node / d input, from local_derivatives
    double contribution;      // grad * local, the amount added to the input's grad
    double input_grad_after;  // the input's grad once this contribution is added
};
struct BackwardStep {
    int node;
    double grad;  // d output / d node, final when the step runs
    std::vector<EdgeStep> edges;
};

// An edge seen from its input: node `child` uses this node as its input number `slot`.
struct ChildEdge {
    int child;
    int slot;
};

// Analytic gradient of one variable against a central difference of the forward pass.
struct GradCheck {
    std::string name;
    double analytic, numeric, rel_error;
};

// One path from a node to the output: the nodes along it and the local derivative of
// each edge; the gradient of the node is the sum of the products over all its paths.
struct Path {
    std::vector<int> nodes;     // from the start node to the output
    std::vector<double> locals; // locals[i]: d nodes[i+1] / d nodes[i]
    double product = 1;
};
struct PathList {
    std::vector<Path> paths;
    bool truncated = false;  // stopped at max_paths (or a total length cap): not all listed
};

class Graph {
public:
    // ---- building: each returns the node's id and computes its value at once. Adding a
    // node identical to an existing one (same op, inputs and param; same name for a
    // variable) returns the existing id, so x*z written twice is one node.
    int constant(double value, int pos = -1, const std::string& name = "");
    int variable(const std::string& name, double value, int pos = -1);
    int add(Op op, std::vector<int> inputs, double param = 0, int pos = -1);
    // The first domain error met while building ("log of a negative number (-1) at 0"),
    // or from the last forward(). Later nodes are still added (with NaN values).
    const std::optional<Error>& error() const { return error_; }

    void set_output(int id);
    int output() const;  // set_output's node, or the last node when none was set
    const std::vector<Node>& nodes() const { return nodes_; }
    const Node& node(int id) const { return nodes_.at(std::size_t(id)); }
    int size() const { return int(nodes_.size()); }

    // ---- forward
    bool set_variable(const std::string& name, double value);  // false: no such variable
    Result<double> forward();  // recomputes every value in topological order
    std::vector<int> topological_order() const;  // the nodes the output needs, inputs first

    // ---- backward
    // d node / d input for each input of node id, from the op's row (scalar_graph.cpp).
    std::array<double, 2> local_derivatives(int id) const;
    // Iterative: zeroes every grad first (so calling it twice never doubles them), seeds
    // d output / d output = 1, then in reverse topological order each node pushes
    // grad * local into each input (the chain rule summed over children).
    void backward();
    // Recursive with memoisation: grad(n) = sum over children c, over each edge c -> n, of
    // grad(c) * local. Children are taken in decreasing id and edges in input order, so the
    // sums happen in the same order as backward()'s pushes: the gradients are identical to
    // the bit. Returns the order in which nodes were finished, or an error if the graph is
    // too deep for recursion (use backward() then).
    Result<std::vector<int>> backward_recursive();
    // The two halves of backward(), for stepping through it: reset_grads zeroes every grad
    // and seeds d output / d output = 1; propagate sends node id's grad to its inputs.
    void reset_grads();
    BackwardStep propagate(int id);
    std::vector<int> backward_order() const;  // reverse of topological_order()
    std::vector<std::vector<ChildEdge>> children() const;  // per node, decreasing child id

    // ---- reading results
    std::vector<std::pair<std::string, double>> gradients() const;  // variables, first seen first
    std::vector<GradCheck> check_gradients(double h = 1e-6);       // runs backward() and forward()
    PathList paths(int from, std::size_t max_paths = 10000) const;

private:
    using Key = std::tuple<Op, std::vector<int>, std::uint64_t, std::string>;
    int insert(Node n);
    std::optional<Error> evaluate(int id);
    std::vector<bool> reaches_output() const;
    double recursive_grad(int id, const std::vector<std::vector<ChildEdge>>& kids,
                          std::vector<bool>& done, std::vector<int>& order);

    std::vector<Node> nodes_;
    std::map<Key, int> index_;  // hash-consing: identical nodes share one id
    int output_ = -1;
    std::optional<Error> error_;
};

// Runs the backward pass one node at a time (the graph view's "step" button). The
// constructor zeroes the grads and seeds the output with 1; after the last step the
// grads equal backward()'s, bit for bit (the same propagate() does the work).
class BackwardStepper {
public:
    explicit BackwardStepper(Graph& g);
    bool done() const { return next_ >= order_.size(); }
    const BackwardStep& step();  // processes the next node in reverse topological order
    const std::vector<BackwardStep>& steps() const { return steps_; }

private:
    Graph& g_;
    std::vector<int> order_;
    std::size_t next_ = 0;
    std::vector<BackwardStep> steps_;
};

// All the steps of a backward pass, in order (leaves the graph's grads set).
std::vector<BackwardStep> backward_trace(Graph& g);

// ---- building graphs from C++: Value is a node of a graph, with the usual operators.
// Domain errors do not stop anything: check graph.error() once the expression is built.
// C++ may evaluate the operands of a + b in either order, so where node ids matter (a
// step-by-step lesson), build one named step at a time: Value c = a + b; Value d = ...
class Value {
public:
    Value(Graph& g, int id) : g_(&g), id_(id) {}
    Graph& graph() const { return *g_; }
    int id() const { return id_; }
    double value() const { return g_->node(id_).value; }
    double grad() const { return g_->node(id_).grad; }

private:
    Graph* g_;
    int id_;
};

Value variable(Graph& g, const std::string& name, double value);
Value constant(Graph& g, double value);

Value operator+(Value a, Value b);
Value operator-(Value a, Value b);
Value operator*(Value a, Value b);
Value operator/(Value a, Value b);
Value operator+(Value a, double b);
Value operator-(Value a, double b);
Value operator*(Value a, double b);
Value operator/(Value a, double b);
Value operator+(double a, Value b);
Value operator-(double a, Value b);
Value operator*(double a, Value b);
Value operator/(double a, Value b);
Value operator-(Value a);

Value exp(Value x);
Value log(Value x);
Value sqrt(Value x);
Value abs(Value x);
Value sin(Value x);
Value cos(Value x);
Value tan(Value x);
Value cosh(Value x);
Value tanh(Value x);
Value sigmoid(Value x);
Value relu(Value x);
Value leaky_relu(Value x, double slope = kLeakySlope);
Value softplus(Value x);
Value pow(Value x, double c);  // PowConst
Value pow(Value x, Value y);   // Pow
Value max(Value a, Value b);
Value min(Value a, Value b);

}  // namespace bp
