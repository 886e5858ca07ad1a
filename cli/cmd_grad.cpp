// `bp grad "<formula>" x=2 z=3 [--json] [--trace]`: builds the formula's graph at the given
// values, runs the backward pass and prints the value, the gradient of every variable and
// every node (id, op, inputs, value, grad), as a table or one JSON object; --trace adds the
// backward steps in order. Bad input: exit code 2 and one line on stderr.
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "commands.h"
#include "formula.h"
#include "json.h"
#include "text_util.h"
#include "scalar_graph.h"

namespace bp {

namespace {

struct GradArgs {
    std::string formula;
    bool has_formula = false;
    std::map<std::string, double> values;
    bool json = false, trace = false, help = false;
};

const char* kGradUsage = "usage: bp grad \"<formula>\" name=value ... [--json] [--trace]";

int fail(const std::string& message) {
    std::fprintf(stderr, "bp grad: %s\n", message.c_str());
    return 2;
}

// Full precision ("0.1", "-4.3"), and inf/nan spelled out (JSON shows those as null).
std::string num(double v) {
    if (std::isfinite(v)) return format_number(v);
    return std::isnan(v) ? "nan" : v > 0 ? "inf" : "-inf";
}

// An argument as quoted in a message, cut short when long.
std::string quote(const std::string& arg) {
    return "'" + (arg.size() > 40 ? arg.substr(0, 40) + "..." : arg) + "'";
}

// "--json" is an option; "--x" too (unknown); "---x" or "-x^2" is a formula.
bool is_option(const std::string& arg) {
    return arg == "-h" || (arg.size() > 2 && arg.compare(0, 2, "--") == 0 && std::isalpha((unsigned char)arg[2]));
}

// "x=2" into values; returns what is wrong with it, or "".
std::string read_assignment(const std::string& arg, std::map<std::string, double>& values) {
    const std::size_t eq = arg.find('=');
    const std::string name = arg.substr(0, eq), text = arg.substr(eq + 1);
    if (name.empty()) return "bad argument " + quote(arg) + ": expected name=value";
    double v = 0;
    if (!parse_finite(text, v))
        return "bad value for " + quote(name) + ": " + quote(text) + " is not a finite number";
    if (!values.emplace(name, v).second) return quote(name) + " is given twice";
    return "";
}

// Returns what is wrong with the arguments, or "".
std::string read_args(int argc, char** argv, GradArgs& a) {
    for (int i = 0; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--json") {
            a.json = true;
        } else if (arg == "--trace") {
            a.trace = true;
        } else if (arg == "--help" || arg == "-h") {
            a.help = true;
        } else if (is_option(arg)) {
            return "unknown option " + quote(arg) + " (" + kGradUsage + ")";
        } else if (!a.has_formula) {
            a.formula = arg;
            a.has_formula = true;
        } else if (arg.find('=') != std::string::npos) {
            const std::string problem = read_assignment(arg, a.values);
            if (!problem.empty()) return problem;
        } else {
            return "unexpected argument " + quote(arg) + " (give variables as name=value)";
        }
    }
    if (!a.has_formula && !a.help) return std::string("missing formula (") + kGradUsage + ")";
    return "";
}

// A value given for a name the formula does not use is most likely a typo.
std::string check_names(const Formula& f, const std::map<std::string, double>& values) {
    const std::string known = join(f.variables(), ", ");
    for (const auto& entry : values) {
        bool used = false;
        for (const std::string& v : f.variables()) used = used || v == entry.first;
        if (!used)
            return quote(entry.first) + " is not a variable of the formula (its variables: " +
                   (known.empty() ? "none" : known) + ")";
    }
    return "";
}

std::string inputs_text(const Node& n) {
    return join(n.inputs, ",", [](int in) { return std::to_string(in); });
}

void print_text(const Graph& g, const std::vector<BackwardStep>* trace) {
    std::printf("value = %s\n", num(g.node(g.output()).value).c_str());
    for (const auto& [name, grad] : g.gradients()) std::printf("d/d%s = %s\n", name.c_str(), num(grad).c_str());
    std::printf("\n%4s  %-12s %-8s %-24s %s\n", "id", "op", "inputs", "value", "grad");
    for (int id = 0; id < g.size(); ++id) {
        const Node& n = g.node(id);
        std::printf("%4d  %-12s %-8s %-24s %s\n", id, node_label(n).c_str(), inputs_text(n).c_str(),
                    num(n.value).c_str(), num(n.grad).c_str());
    }
    if (!trace) return;
    std::printf("\nbackward, in reverse topological order (each edge adds grad * local to its input):\n");
    for (std::size_t s = 0; s < trace->size(); ++s) {
        const BackwardStep& step = (*trace)[s];
        std::printf("%3zu. node %d (%s), grad %s\n", s + 1, step.node, node_label(g.node(step.node)).c_str(),
                    num(step.grad).c_str());
        for (const EdgeStep& e : step.edges)
            std::printf("       -> node %d (%s): local %s, += %s, grad now %s\n", e.input,
                        node_label(g.node(e.input)).c_str(), num(e.local).c_str(), num(e.contribution).c_str(),
                        num(e.input_grad_after).c_str());
    }
}

Json trace_json(const std::vector<BackwardStep>& trace) {
    Json steps = Json::array();
    for (const BackwardStep& step : trace) {
        Json edges = Json::array();
        for (const EdgeStep& e : step.edges)
            edges.push(Json::object({{"input", e.input}, {"local", e.local}, {"contribution", e.contribution}}));
        steps.push(Json::object({{"node", step.node}, {"grad", step.grad}, {"edges", edges}}));
    }
    return steps;
}

// {"value", "gradients": {name: grad}, "nodes": [{id, op, label, inputs, value, grad}], "trace"?}
Json graph_json(const Graph& g, const std::vector<BackwardStep>* trace) {
    Json grads = Json::object();
    for (const auto& [name, grad] : g.gradients()) grads.set(name, grad);
    Json nodes = Json::array();
    for (int id = 0; id < g.size(); ++id) {
        const Node& n = g.node(id);
        Json inputs = Json::array();
        for (int in : n.inputs) inputs.push(in);
        nodes.push(Json::object({{"id", id}, {"op", op_name(n.op)}, {"label", node_label(n)},
                                 {"inputs", inputs}, {"value", n.value}, {"grad", n.grad}}));
    }
    Json out = Json::object({{"value", g.node(g.output()).value}, {"gradients", grads}, {"nodes", nodes}});
    if (trace) out.set("trace", trace_json(*trace));
    return out;
}

}  // namespace

int cmd_grad(int argc, char** argv) {
    GradArgs args;
    const std::string problem = read_args(argc, argv, args);
    if (!problem.empty()) return fail(problem);
    if (args.help) {
        std::printf("%s\n", kGradUsage);
        return 0;
    }
    Result<Formula> formula = parse_formula(args.formula);
    if (!formula) return fail(formula.error().message);
    const std::string unknown = check_names(formula.value(), args.values);
    if (!unknown.empty()) return fail(unknown);
    Result<Graph> graph = build_graph(formula.value(), args.values);
    if (!graph) return fail(graph.error().message);
    const std::vector<BackwardStep> trace = backward_trace(graph.value());  // also sets the grads
    const std::vector<BackwardStep>* shown = args.trace ? &trace : nullptr;
    if (args.json) std::printf("%s\n", graph_json(graph.value(), shown).dump().c_str());
    else print_text(graph.value(), shown);
    return 0;
}

}  // namespace bp
