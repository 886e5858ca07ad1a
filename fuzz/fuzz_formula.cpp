// libFuzzer target for the formula box: any text either parses or gives an error at a
// position inside the text; what parses builds a graph whose every value is finite (or a
// domain error with a position), and the iterative, recursive and stepped backward passes
// give the same gradients to the bit. Short formulas also go through the graph lab session.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "formula.h"
#include "fuzz_check.h"
#include "graph_session.h"
#include "graph_session_json.h"
#include "graph_svg.h"

namespace {

void check_error(const bp::Error& e, std::size_t size) {
    FUZZ_CHECK(!e.message.empty());
    FUZZ_CHECK(e.pos >= -1 && e.pos <= int(size));
    if (e.pos >= 0) {
        const std::string at = " at " + std::to_string(e.pos);
        FUZZ_CHECK(e.message.size() >= at.size() && e.message.compare(e.message.size() - at.size(), at.size(), at) == 0);
    }
}

std::vector<std::uint64_t> grad_bits(const bp::Graph& g) {
    std::vector<std::uint64_t> out;
    for (const bp::Node& n : g.nodes()) {
        std::uint64_t b;
        std::memcpy(&b, &n.grad, sizeof b);
        out.push_back(b);
    }
    return out;
}

void check_graph(bp::Graph& g) {
    for (const bp::Node& n : g.nodes()) FUZZ_CHECK(std::isfinite(n.value));
    g.backward();
    const auto iterative = grad_bits(g);
    if (g.backward_recursive()) FUZZ_CHECK(grad_bits(g) == iterative);
    bp::BackwardStepper stepper(g);
    while (!stepper.done()) stepper.step();
    FUZZ_CHECK(grad_bits(g) == iterative);
}

// The graph lab as the page drives it: set, run both passes both ways, read state and SVG.
void check_session(const std::string& text) {
    bp::GraphSession s;
    const bp::Json problems = bp::graph_set(s, text, "");
    if (!s.has_graph()) return;
    s.run_all();
    FUZZ_CHECK(s.forward_complete() && s.backward_complete());
    s.set_algorithm(bp::Algorithm::Recursive);
    s.run_all();
    (void)bp::graph_state(s).dump();
    (void)bp::graph_svg(s);
    (void)problems;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const bp::Result<bp::Formula> formula = bp::parse_formula(text);
    if (!formula) {
        check_error(formula.error(), size);
        return 0;
    }
    const double values[] = {2.0, -0.5, 3.0, 0.0, 1e-3};
    for (int shift : {0, 1}) {
        std::map<std::string, double> at;
        const auto& vars = formula->variables();
        for (std::size_t i = 0; i < vars.size(); ++i) at[vars[i]] = values[(i + shift * 3) % 5];
        bp::Result<bp::Graph> graph = bp::build_graph(formula.value(), at);
        if (graph) check_graph(graph.value());
        else check_error(graph.error(), size);
    }
    if (size <= 256) check_session(text);
    return 0;
}
