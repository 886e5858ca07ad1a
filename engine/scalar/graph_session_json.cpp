// graph_set reads the JS arguments (checking every value is a finite number) and
// graph_state writes the session out, one member per thing the page or a test reads.
#include "graph_session_json.h"

#include <algorithm>
#include <cmath>

namespace bp {

namespace {

Json ids(const std::vector<int>& v) {
    Json a = Json::array();
    for (int i : v) a.push(i);
    return a;
}

// Reads {name: number} into values; messages for what is not usable.
void read_values(const std::string& vars_json, std::map<std::string, double>& values, Json& errors) {
    if (vars_json.empty()) return;
    Result<Json> vars = parse_json(vars_json);
    if (!vars) return void(errors.push("variables: " + vars.error().message));
    if (!vars->is_object()) return void(errors.push("variables: expected an object {name: number}"));
    for (const auto& [name, v] : vars->members()) {
        if (v.is_number() && std::isfinite(v.as_number())) values[name] = v.as_number();
        else if (v.is_number()) errors.push("variable '" + name + "': the number is out of range (beyond 1.8e308)");
        else errors.push("variable '" + name + "': " + v.dump() + " is not a finite number");
    }
}

Json node_json(const GraphSession& s, int id) {
    const Node& n = s.graph().node(id);
    Json parts = Json::array();
    for (const Contribution& c : s.contributions(id))
        parts.push(Json::object({{"from", c.from}, {"local", c.local}, {"amount", c.amount}}));
    return Json::object({{"id", id}, {"op", op_name(n.op)}, {"label", node_label(n)}, {"inputs", ids(n.inputs)},
                         {"value", s.value_known(id) ? Json(n.value) : Json()},
                         {"grad", s.grad_known(id) ? Json(s.grad(id)) : Json()},
                         {"forwardDone", s.value_known(id)}, {"backwardDone", s.grad_final(id)},
                         {"contributions", parts}});
}

}  // namespace

Json graph_set(GraphSession& s, const std::string& formula, const std::string& vars_json) {
    Json errors = Json::array();
    std::map<std::string, double> values;
    read_values(vars_json, values, errors);
    if (auto e = s.set_formula(formula, values)) return errors.push(e->message), errors;
    const auto& vars = s.variables();
    for (const auto& entry : values)
        if (std::find(vars.begin(), vars.end(), entry.first) == vars.end())
            errors.push("'" + entry.first + "' is not a variable of the formula");
    return errors;
}

Json graph_state(const GraphSession& s) {
    Json out = Json::object({{"formula", s.formula()}});
    Json vars = Json::array(), values = Json::object();
    for (const std::string& v : s.variables()) vars.push(v), values.set(v, s.value_of(v));
    out.set("variables", vars);
    out.set("values", values);
    out.set("error", s.error() ? Json::object({{"message", s.error()->message}, {"pos", s.error()->pos}}) : Json());
    if (!s.has_graph()) return out;
    const Graph& g = s.graph();
    out.set("output", g.output());
    out.set("algorithm", algorithm_name(s.algorithm()));
    out.set("forwardDone", s.forward_done());
    out.set("backwardDone", s.backward_done());
    out.set("forwardComplete", s.forward_complete());
    out.set("backwardComplete", s.backward_complete());
    out.set("current", s.current());
    out.set("order", Json::object({{"forward", ids(s.forward_order())}, {"backward", ids(s.backward_order())}}));
    Json nodes = Json::array(), grads = Json::object();
    for (int id = 0; id < g.size(); ++id) {
        nodes.push(node_json(s, id));
        if (g.node(id).op == Op::Var) grads.set(g.node(id).name, s.grad_known(id) ? Json(s.grad(id)) : Json());
    }
    out.set("nodes", nodes);
    out.set("gradients", grads);
    return out;
}

}  // namespace bp
