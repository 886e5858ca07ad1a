// SVG export of the graph lab: the text is well-formed XML (checked by a small parser
// here, independent of the writer), shows every node's value and gradient once the passes
// have run (and none before), and a gradient reached by several paths as its sum.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "graph_presets.h"
#include "graph_svg.h"

using namespace bp;

namespace {

// Well-formed: one root element, tags nest and close by name, attribute values quoted,
// '&' only in the five predefined entities, no '<' in text or attribute values.
std::string xml_problem(const std::string& x) {
    std::vector<std::string> open;
    int roots = 0;
    auto entity_ok = [&](std::size_t i) {
        for (const char* e : {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"})
            if (x.compare(i, std::string(e).size(), e) == 0) return true;
        return false;
    };
    std::size_t i = 0;
    if (x.compare(0, 5, "<?xml") == 0) i = x.find("?>") + 2;
    while (i < x.size()) {
        if (x[i] == '&' && !entity_ok(i)) return "bad '&' at " + std::to_string(i);
        if (x[i] != '<') {
            if (open.empty() && x[i] != '\n' && x[i] != ' ') return "text outside the root at " + std::to_string(i);
            ++i;
            continue;
        }
        const std::size_t end = x.find('>', i);
        if (end == std::string::npos) return "unclosed tag at " + std::to_string(i);
        std::string tag = x.substr(i + 1, end - i - 1);
        if (tag.find('<') != std::string::npos) return "'<' inside a tag at " + std::to_string(i);
        if (tag[0] == '/') {
            if (open.empty() || open.back() != tag.substr(1)) return "mismatched </" + tag.substr(1) + ">";
            open.pop_back();
        } else {
            const bool self = tag.back() == '/';
            if (self) tag.pop_back();
            const std::string name = tag.substr(0, tag.find(' '));
            std::size_t quotes = 0;
            for (char c : tag) quotes += c == '"';
            if (quotes % 2) return "unbalanced quotes in <" + name + ">";
            if (open.empty()) ++roots;
            if (!self) open.push_back(name);
        }
        i = end + 1;
    }
    if (!open.empty()) return "<" + open.back() + "> not closed";
    return roots == 1 ? "" : "expected one root element";
}

bool has(const std::string& svg, const std::string& s) { return svg.find(s) != std::string::npos; }

// The text of node id's group, <g id="nodeN"> ... </g> ("" when missing).
std::string node_group(const std::string& svg, int id) {
    const std::size_t at = svg.find("<g id=\"node" + std::to_string(id) + "\">");
    return at == std::string::npos ? "" : svg.substr(at, svg.find("</g>", at) - at);
}

// The node's gradient line: "g = <total>" or "g = <a> + <b> = <total>", the total printed
// to at least 4 significant digits (a sum's total may carry more, to match its terms).
bool shows_grad(const std::string& group, double grad) {
    const std::size_t at = group.find(">g = ");
    if (at == std::string::npos) return false;
    const std::string line = group.substr(at + 1, group.find("</text>", at) - at - 1);
    if (line == "g = " + svg_number(grad)) return true;
    const std::size_t eq = line.rfind(" = ");
    if (eq < 4) return false;
    const double shown = std::stod(line.substr(eq + 3));
    return std::abs(shown - grad) <= 5e-4 * std::abs(grad);
}

}  // namespace

TEST_CASE("graph svg: the checker itself rejects broken XML") {
    CHECK(xml_problem("<svg><g></svg>") != "");
    CHECK(xml_problem("<svg><text>a & b</text></svg>") != "");
    CHECK(xml_problem("<svg x=\"1></svg>") != "");
    CHECK(xml_problem("<svg/><svg/>") != "");
    CHECK(xml_problem("<svg><text>a &lt; b</text><rect x=\"1\"/></svg>") == "");
}

TEST_CASE("graph svg: every preset, before and after the passes") {
    for (const GraphPreset& p : graph_presets()) {
        CAPTURE(p.label);
        GraphSession s;
        REQUIRE_FALSE(s.set_formula(p.formula, p.values));
        std::string svg = graph_svg(s);
        CHECK(xml_problem(svg) == "");
        CHECK_FALSE(has(svg, "v = "));  // nothing computed yet
        s.run_all();
        svg = graph_svg(s);
        CHECK(xml_problem(svg) == "");
        for (int id : s.forward_order()) {
            CAPTURE(id);
            const std::string group = node_group(svg, id);
            CHECK(has(group, ">v = " + svg_number(s.graph().node(id).value) + "<"));
            CHECK(shows_grad(group, s.grad(id)));
        }
    }
}

TEST_CASE("graph svg: the worked numbers, and sums over several paths") {
    GraphSession s;
    REQUIRE_FALSE(s.set_formula(graph_presets()[1].formula, graph_presets()[1].values));
    s.run_all();
    CHECK(has(graph_svg(s), "g = 3 + 2 = 5"));  // b in (a+b)(b+1)
    s.reset();
    s.backward_step();  // the product sends 2 to c = a+b and 3 to d = b+1
    s.backward_step();  // d sends 3 to b: one of b's two contributions
    CHECK(grad_text(s, 1) == "g = 3 + ?");
    CHECK(grad_text(s, 5) == "g = 1");  // the seed
    CHECK(grad_text(s, 0) == "");       // a: nothing yet
    s.backward_step();
    s.backward_step();  // c sends 2 to a and 2 to b
    CHECK(grad_text(s, 1) == "g = 3 + 2 = 5");
    CHECK(grad_text(s, 0) == "g = 2");
    // exp/log/sin at x = 2, z = 3: u = xz gets -sin(ln 2)/36 = -0.0177489, 1/ln 2 = 1.442695
    // and e^6 = 403.428793: total 404.853739. x: 1208.38, z: 809.707.
    REQUIRE_FALSE(s.set_formula(graph_presets()[2].formula, graph_presets()[2].values));
    s.run_all();
    const std::string svg = graph_svg(s);
    // Each sum printed to a place where its terms add up as shown (readable_sum).
    CHECK(has(svg, "g = -0.01775 + 1.4427 + 403.42879 = 404.85374"));
    CHECK(has(svg, "v = 403.4"));
    CHECK(has(svg, "g = -6.18 + 1214.56 = 1208.38<"));  // x: from log (g4/2) and from u (3 g2)
    CHECK(has(svg, "g = 809.7"));
    CHECK(has(svg, "+= 403.4"));  // exp sends e^6 to u
    CHECK(has(svg, "<title>exp(x*z) + x*z/log(x) + sin(log(x))/(x*z)</title>"));
    CHECK(graph_svg(GraphSession{}) == "");
}
