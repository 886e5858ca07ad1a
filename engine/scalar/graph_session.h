// The graph lab's state, shared by its view and the JS API (window.bp.graph): a formula and
// its variable values, the graph and its layout, and how far the forward and the backward
// pass have been stepped. The backward pass runs iteratively (reverse topological order,
// each node pushes grad * local into its inputs: BackwardStepper) or recursively
// (memoised; each node, when finished, pulls grad * local from its users).
#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "graph_layout.h"
#include "result.h"
#include "scalar_graph.h"

namespace bp {

enum class Algorithm { Iterative, Recursive };
const char* algorithm_name(Algorithm a);  // "iterative", "recursive"

// One term of a node's gradient: its user `from` sent `amount` = grad(from) * local
// along the edge into from's input number `slot`.
struct Contribution {
    int from = 0, slot = 0;
    double local = 0, amount = 0;
};

// One step of the lab, for the step log.
struct LabStep {
    bool forward = true;
    int node = -1;
    double value = 0;  // forward: the node's value
    double grad = 0;   // backward: the node's final gradient
    // Backward, iterative: what the node pushed into its inputs (EdgeStep as the engine
    // made it). Backward, recursive: the terms the node pulled from its users.
    std::vector<EdgeStep> pushed;
    std::vector<Contribution> pulled;
};

// An event of the recursive (memoised) algorithm: a call on a node, a call answered from
// the memo, or the node's gradient finished. depth: nesting of the call.
struct Visit {
    enum Kind { Call, Memo, Finish } kind = Call;
    int node = 0, depth = 0;
};
// The calls grad(n) makes in Graph::backward_recursive, in order (the same traversal:
// roots in topological order, children by decreasing id). Its Finish events are
// backward_recursive()'s order.
std::vector<Visit> recursive_visits(const Graph& g);

class GraphSession {
public:
    // ---- the formula, with values for some of its variables (the others keep theirs;
    // new ones start at 1). On an error (with its position) nothing changes.
    std::optional<Error> set_formula(const std::string& text, const std::map<std::string, double>& values = {});
    // Replaces values given here (others keep theirs; new variables start at 1).
    std::optional<Error> set_values(const std::map<std::string, double>& values);
    bool has_graph() const { return graph_ != nullptr; }
    const Graph& graph() const { return *graph_; }
    const GraphLayout& layout() const { return layout_; }
    const std::string& formula() const { return formula_; }  // the graph's formula
    const std::string& typed() const { return typed_; }      // the last text given, good or bad
    int edits() const { return edits_; }                     // counts set_formula calls
    const std::vector<std::string>& variables() const { return variables_; }
    double value_of(const std::string& name) const;
    const std::optional<Error>& error() const { return error_; }  // of the last change
    int generation() const { return generation_; }  // counts rebuilds: views cache by it

    // ---- stepping. backward_step finishes the forward pass first if needed.
    void reset();  // nothing computed yet
    bool forward_step();   // false when the forward pass is complete
    void run_forward();
    bool backward_step();  // false when the backward pass is complete
    void run_all();
    Algorithm algorithm() const { return algorithm_; }
    void set_algorithm(Algorithm a);  // the backward pass starts over
    std::optional<Error> recursive_error() const { return recursive_error_; }  // too deep

    // ---- progress
    const std::vector<int>& forward_order() const { return forward_order_; }
    std::vector<int> backward_order() const;  // iterative: reverse topological; recursive: finish order
    int forward_done() const { return int(forward_done_); }
    int backward_done() const { return int(backward_done_); }
    bool forward_complete() const { return forward_done_ == forward_order_.size(); }
    bool backward_started() const { return backward_started_; }
    bool backward_complete() const;
    int current() const { return steps_.empty() ? -1 : steps_.back().node; }
    const std::vector<LabStep>& steps() const { return steps_; }
    const std::vector<Visit>& visits() const { return visits_; }  // recursive_visits of the graph

    // ---- per node, what is known so far
    bool value_known(int id) const { return known_[std::size_t(id)]; }
    bool grad_known(int id) const;  // some gradient has arrived (or the seed)
    bool grad_final(int id) const { return final_[std::size_t(id)]; }  // its backward step ran
    double grad(int id) const;      // the sum of the contributions so far
    const std::vector<Contribution>& contributions(int id) const { return parts_[std::size_t(id)]; }
    // How many contributions the node's gradient is the sum of: one per edge to a user.
    int users(int id) const { return int(kids_[std::size_t(id)].size()); }
    // The edge into node `to`'s input `slot`: d to / d input once to's value is known,
    // and the amount the backward pass has sent along it.
    std::optional<double> local(int to, int slot) const;
    std::optional<double> sent(int to, int slot) const;

private:
    std::optional<Error> rebuild(const std::string& text, std::map<std::string, double> values);
    void clear_progress();
    void start_backward();
    void replay(std::size_t forward, std::size_t backward);

    std::string formula_, typed_;
    int edits_ = 0;
    std::map<std::string, double> values_;
    std::vector<std::string> variables_;
    std::unique_ptr<Graph> graph_;
    GraphLayout layout_;
    std::optional<Error> error_, recursive_error_;
    Algorithm algorithm_ = Algorithm::Iterative;
    int generation_ = 0;

    std::vector<int> forward_order_;
    std::vector<int> recursive_order_;
    std::vector<std::vector<ChildEdge>> kids_;  // graph_->children()
    std::vector<Visit> visits_;
    std::size_t forward_done_ = 0, backward_done_ = 0;
    bool backward_started_ = false;
    std::unique_ptr<BackwardStepper> stepper_;
    std::vector<LabStep> steps_;
    std::vector<bool> known_, final_;
    std::vector<double> grads_;
    std::vector<std::vector<Contribution>> parts_;
    std::vector<std::vector<std::optional<double>>> sent_;  // [to][slot]
};

}  // namespace bp
