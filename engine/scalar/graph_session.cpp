// GraphSession: rebuilding the graph when the formula or a value changes (and replaying
// the steps taken so far, so a slider moves the numbers, not the progress), forward and
// backward steps, and what each step makes known. The numbers all come from Graph.
#include "graph_session.h"
#include "messages.h"

#include "formula.h"

namespace bp {

const char* algorithm_name(Algorithm a) { return a == Algorithm::Iterative ? "iterative" : "recursive"; }

namespace {
void visit(int id, int depth, const std::vector<std::vector<ChildEdge>>& kids, std::vector<bool>& done,
           std::vector<Visit>& out) {
    out.push_back({Visit::Call, id, depth});
    for (const ChildEdge& e : kids[std::size_t(id)]) {
        if (done[std::size_t(e.child)]) out.push_back({Visit::Memo, e.child, depth + 1});
        else visit(e.child, depth + 1, kids, done, out);
    }
    done[std::size_t(id)] = true;
    out.push_back({Visit::Finish, id, depth});
}
}  // namespace

std::vector<Visit> recursive_visits(const Graph& g) {
    std::vector<Visit> out;
    const auto kids = g.children();
    std::vector<bool> done(std::size_t(g.size()), false);
    for (int id : g.topological_order())
        if (!done[std::size_t(id)]) visit(id, 0, kids, done, out);
    return out;
}

// ---------------------------------------------------------------- the formula

std::optional<Error> GraphSession::rebuild(const std::string& text, std::map<std::string, double> values) {
    Result<Formula> f = parse_formula(text);
    if (!f) return f.error();
    for (const std::string& name : f->variables()) values.emplace(name, 1.0);
    Result<Graph> g = build_graph(f.value(), values);
    if (!g) return g.error();
    if (const std::size_t items = layout_items(g.value()); items > kMaxLayoutItems)
        return Error{msg("graph.too_large", {{"nodes", std::to_string(g->size())}, {"items", std::to_string(items)},
                                             {"max", std::to_string(kMaxLayoutItems)}}), -1};
    ++generation_;
    formula_ = text;
    values_ = std::move(values);
    variables_ = f->variables();
    graph_ = std::make_unique<Graph>(std::move(g.value()));
    layout_ = layout_graph(*graph_);
    forward_order_ = graph_->topological_order();
    kids_ = graph_->children();
    Graph copy = *graph_;  // the recursive order, without touching the graph's grads
    Result<std::vector<int>> order = copy.backward_recursive();
    recursive_error_.reset();
    recursive_order_.clear();
    visits_.clear();
    if (order) {
        recursive_order_ = order.value();
        visits_ = recursive_visits(*graph_);
    } else {
        recursive_error_ = order.error();
    }
    return std::nullopt;
}

std::optional<Error> GraphSession::set_formula(const std::string& text, const std::map<std::string, double>& values) {
    typed_ = text;
    ++edits_;
    std::map<std::string, double> merged = values_;
    for (const auto& [name, v] : values) merged[name] = v;
    error_ = rebuild(text, merged);
    if (!error_) clear_progress();
    return error_;
}

std::optional<Error> GraphSession::set_values(const std::map<std::string, double>& values) {
    std::map<std::string, double> merged = values_;
    for (const auto& [name, v] : values) merged[name] = v;
    if (!graph_) {
        values_ = merged;
        return error_ = std::nullopt;
    }
    const std::size_t forward = forward_done_, backward = backward_done_;
    const bool started = backward_started_;
    error_ = rebuild(formula_, merged);
    if (error_) return error_;
    replay(forward, backward);
    if (started && !backward_started_) start_backward();
    return std::nullopt;
}

double GraphSession::value_of(const std::string& name) const {
    auto it = values_.find(name);
    return it == values_.end() ? 1.0 : it->second;
}

// ---------------------------------------------------------------- stepping

void GraphSession::clear_progress() {
    const std::size_t n = graph_ ? std::size_t(graph_->size()) : 0;
    forward_done_ = backward_done_ = 0;
    backward_started_ = false;
    stepper_.reset();
    steps_.clear();
    known_.assign(n, false);
    final_.assign(n, false);
    grads_.assign(n, 0.0);
    parts_.assign(n, {});
    sent_.assign(n, {});
    for (std::size_t id = 0; id < n; ++id) sent_[id].resize(graph_->node(int(id)).inputs.size());
}

void GraphSession::reset() { clear_progress(); }

void GraphSession::replay(std::size_t forward, std::size_t backward) {
    clear_progress();
    for (std::size_t i = 0; i < forward; ++i) forward_step();
    for (std::size_t i = 0; i < backward; ++i) backward_step();
}

bool GraphSession::forward_step() {
    if (!graph_ || forward_complete()) return false;
    const int id = forward_order_[forward_done_++];
    known_[std::size_t(id)] = true;
    LabStep step;
    step.node = id;
    step.value = graph_->node(id).value;
    steps_.push_back(std::move(step));
    return true;
}

void GraphSession::run_forward() {
    while (forward_step()) {}
}

// Iterative: the stepper zeroes the grads and seeds the output with 1. Recursive: the
// graph's grads are computed at once; the steps then reveal them in finishing order.
void GraphSession::start_backward() {
    run_forward();
    backward_started_ = true;
    if (algorithm_ == Algorithm::Iterative) {
        stepper_ = std::make_unique<BackwardStepper>(*graph_);
        grads_[std::size_t(graph_->output())] = 1;  // d output / d output
    } else if (!recursive_error_) {
        graph_->backward_recursive();
    }
}

bool GraphSession::backward_step() {
    if (!graph_) return false;
    if (!backward_started_) start_backward();
    if (backward_complete() || (algorithm_ == Algorithm::Recursive && recursive_error_)) return false;
    LabStep step;
    step.forward = false;
    if (algorithm_ == Algorithm::Iterative) {
        const BackwardStep& s = stepper_->step();
        for (std::size_t slot = 0; slot < s.edges.size(); ++slot) {
            const EdgeStep& e = s.edges[slot];
            parts_[std::size_t(e.input)].push_back({s.node, int(slot), e.local, e.contribution});
            grads_[std::size_t(e.input)] = e.input_grad_after;
            sent_[std::size_t(s.node)][slot] = e.contribution;
        }
        step.node = s.node;
        step.grad = s.grad;
        step.pushed = s.edges;
    } else {
        const int id = recursive_order_[backward_done_];
        for (const ChildEdge& e : kids_[std::size_t(id)]) {  // users finished before this node
            const double local = graph_->local_derivatives(e.child)[std::size_t(e.slot)];
            const double amount = grads_[std::size_t(e.child)] * local;
            parts_[std::size_t(id)].push_back({e.child, e.slot, local, amount});
            sent_[std::size_t(e.child)][std::size_t(e.slot)] = amount;
        }
        grads_[std::size_t(id)] = graph_->node(id).grad;
        step.node = id;
        step.grad = grads_[std::size_t(id)];
        step.pulled = parts_[std::size_t(id)];
    }
    ++backward_done_;
    final_[std::size_t(step.node)] = true;
    steps_.push_back(std::move(step));
    return true;
}

void GraphSession::run_all() {
    while (backward_step()) {}
    run_forward();  // also when the recursive pass is unavailable
}

void GraphSession::set_algorithm(Algorithm a) {
    if (a == algorithm_) return;
    algorithm_ = a;
    replay(forward_done_, 0);
}

// ---------------------------------------------------------------- reading

std::vector<int> GraphSession::backward_order() const {
    if (algorithm_ == Algorithm::Recursive) return recursive_order_;
    return std::vector<int>(forward_order_.rbegin(), forward_order_.rend());
}

bool GraphSession::backward_complete() const {
    return backward_started_ && backward_done_ == forward_order_.size();
}

bool GraphSession::grad_known(int id) const {
    if (!backward_started_) return false;
    if (algorithm_ == Algorithm::Recursive) return final_[std::size_t(id)];
    return id == graph_->output() || !parts_[std::size_t(id)].empty();
}

double GraphSession::grad(int id) const { return grads_[std::size_t(id)]; }

std::optional<double> GraphSession::local(int to, int slot) const {
    if (!graph_ || !known_[std::size_t(to)]) return std::nullopt;
    return graph_->local_derivatives(to)[std::size_t(slot)];
}

std::optional<double> GraphSession::sent(int to, int slot) const { return sent_[std::size_t(to)][std::size_t(slot)]; }

}  // namespace bp
