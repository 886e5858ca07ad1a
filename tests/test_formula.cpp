// Formula parser and graph building: precedence and associativity by hand, which graph a
// formula becomes (PowConst, folded constants, shared nodes), every error message with its
// exact position, deep nesting and very long input, 2000 random garbage strings (never a
// crash), and random valid formulas whose gradients agree across all backward passes.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "formula.h"
#include "gradcheck.h"

#include "graph_test_util.h"

using namespace bp;

namespace {

using Values = std::map<std::string, double>;

double eval(const std::string& text, const Values& values = {}) {
    auto g = formula_to_graph(text, values);
    REQUIRE_MESSAGE(g.ok(), text << ": " << g.error().message);
    return g->node(g->output()).value;
}

using test::all_grads;
using test::grad_of;

// A small deterministic generator (64-bit LCG), so the random tests are the same each run.
struct Lcg {
    std::uint64_t state;
    unsigned next(unsigned n) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return unsigned(state >> 33) % n;
    }
};

// Error messages end with " at <pos>" and pos is inside the text (or just past its end).
void check_error_shape(const Error& e, const std::string& text) {
    CAPTURE(text);
    CAPTURE(e.message);
    CHECK(e.pos >= 0);
    CHECK(e.pos <= int(text.size()));
    const std::string suffix = " at " + std::to_string(e.pos);
    CHECK(e.message.size() > suffix.size());
    CHECK(e.message.compare(e.message.size() - suffix.size(), suffix.size(), suffix) == 0);
}

}  // namespace

TEST_CASE("precedence and associativity") {
    CHECK(eval("2^3^2") == 512);  // right-associative: 2^(3^2) = 2^9
    CHECK(eval("-2^2") == -4);    // '^' binds tighter than unary minus: -(2^2)
    CHECK(eval("1-2-3") == -4);   // left-associative: (1-2)-3
    CHECK(eval("8/4/2") == 1);    // (8/4)/2
    CHECK(eval("2+3*4") == 14);
    CHECK(eval("(2+3)*4") == 20);
    CHECK(eval("2*3^2") == 18);
    CHECK(eval("2^-1") == 0.5);  // a minus sign may start an exponent
    CHECK(eval("--2") == 2);
    CHECK(eval("2 - -3") == 5);
    CHECK(eval("-x^2", {{"x", 3}}) == -9);
    CHECK(eval("(-x)^2", {{"x", 3}}) == 9);
    CHECK(eval("  1 +\t2\n") == 3);
}

TEST_CASE("numbers, constants and functions") {
    CHECK(eval(".5") == 0.5);
    CHECK(eval("1e-3") == 0.001);
    CHECK(eval("2.5E2") == 250);
    CHECK(eval("7.") == 7);
    CHECK(eval("pi") == doctest::Approx(3.141592653589793).epsilon(1e-16));
    CHECK(eval("ln(e)") == doctest::Approx(1).epsilon(1e-16));
    CHECK(eval("log(e^2)") == doctest::Approx(2).epsilon(1e-15));
    CHECK(eval("sigma(0)") == 0.5);
    CHECK(eval("sigmoid(0)") == 0.5);
    CHECK(eval("sqrt(16)") == 4);
    CHECK(eval("pow(2, 10)") == 1024);
    CHECK(eval("max(1, 2) + min(1, 2)") == 3);
    CHECK(eval("leaky_relu(-2)") == doctest::Approx(-0.02).epsilon(1e-15));
    CHECK(eval("leaky_relu(-2, 0.1)") == doctest::Approx(-0.2).epsilon(1e-15));
    CHECK(eval("leaky_relu(-2, 1/10)") == doctest::Approx(-0.2).epsilon(1e-15));
    CHECK(eval("abs(-3) + relu(-1) + relu(2)") == 5);
    CHECK(eval("softplus(0)") == doctest::Approx(std::log(2.0)).epsilon(1e-15));
    CHECK(eval("cosh(0)") == 1);
    CHECK(eval("tanh(0) + sin(0) + cos(0) + tan(0) + exp(0)") == 2);
    CHECK(eval("sin (pi/2)") == 1);  // spaces before '(' are fine
}

// The worked example of docs/adding-a-scalar-op.md: e^(ln 2) = 2, so cosh(ln 2) = (2 + 1/2) / 2
// and its derivative sinh(ln 2) = (2 - 1/2) / 2, by hand; the central difference of the
// forward pass must agree with the row's derivative.
TEST_CASE("cosh by hand: cosh(ln 2) = 5/4, d/dx = sinh(ln 2) = 3/4, central differences agree") {
    auto g = formula_to_graph("cosh(x)", {{"x", std::log(2.0)}});
    REQUIRE(g);
    CHECK(g->node(g->output()).value == doctest::Approx(1.25).epsilon(1e-15));
    const std::vector<GradCheck> checks = g->check_gradients();
    REQUIRE(checks.size() == 1);
    CHECK(checks[0].analytic == doctest::Approx(0.75).epsilon(1e-15));
    CHECK(checks[0].numeric == doctest::Approx(0.75).epsilon(1e-8));
    CHECK(checks[0].rel_error < 1e-8);
    auto at0 = formula_to_graph("cosh(x)", {{"x", 0}});  // the minimum: cosh 0 = 1, slope sinh 0 = 0
    REQUIRE(at0);
    at0->backward();
    CHECK(at0->node(at0->output()).value == 1);
    CHECK(grad_of(at0.value(), "x") == 0);
}

TEST_CASE("variables in order of first appearance, and pi and e are constants") {
    auto f = parse_formula("z*x + y*z + x + e^x + pi");
    REQUIRE(f);
    CHECK(f->variables() == std::vector<std::string>{"z", "x", "y"});
    auto g = parse_formula("w0*x0 + w1*x1 + w2");
    REQUIRE(g);
    CHECK(g->variables() == std::vector<std::string>{"w0", "x0", "w1", "x1", "w2"});
}

TEST_CASE("which graph a formula becomes") {
    auto g = formula_to_graph("-x^2", {{"x", 3}});
    REQUIRE(g);
    REQUIRE(g->size() == 3);  // x, x^2, neg
    CHECK(g->node(1).op == Op::PowConst);
    CHECK(g->node(1).param == 2);
    CHECK(g->node(2).op == Op::Neg);
    // A constant exponent expression is folded into the PowConst's param: no nodes for 1, 2.
    g = formula_to_graph("x^(1/2)", {{"x", 4}});
    REQUIRE(g);
    CHECK(g->size() == 2);
    CHECK(g->node(1).param == 0.5);
    CHECK(g->node(1).pos == 1);  // at the '^'
    g = formula_to_graph("x^y", {{"x", 2}, {"y", 3}});
    REQUIRE(g);
    CHECK(g->node(g->output()).op == Op::Pow);
    g = formula_to_graph("2^x", {{"x", 3}});
    REQUIRE(g);
    CHECK(g->node(g->output()).op == Op::Pow);
    CHECK(g->node(g->output()).value == 8);
    g = formula_to_graph("pow(x, -1)", {{"x", 4}});
    REQUIRE(g);
    CHECK(g->node(g->output()).op == Op::PowConst);
    CHECK(g->node(g->output()).param == -1);
    g = formula_to_graph("leaky_relu(x, 0.2)", {{"x", -1}});
    REQUIRE(g);
    CHECK(g->size() == 2);
    CHECK(g->node(1).param == 0.2);
    CHECK(g->node(1).value == -0.2);
}

TEST_CASE("the lecture formulas: shared nodes, positions, hand values") {
    const std::string text = "exp(x*z) + x*z/log(x) + sin(log(x))/(x*z)";
    auto g = formula_to_graph(text, {{"x", 2}, {"z", 3}});
    REQUIRE(g);
    // x, z, x*z, exp, log, /, +, sin, /, +: x*z (three uses) and log(x) (two) are one node each.
    CHECK(g->size() == 10);
    CHECK(g->node(2).op == Op::Mul);
    CHECK(g->node(2).pos == 5);  // the first '*'
    CHECK(g->node(3).pos == 0);  // exp
    CHECK(g->node(0).pos == 4);  // x, first use
    g->backward();
    // Derived by hand in test_scalar_graph.cpp: dy/dx = z e^6 + z/L - z/L^2 + (cos L - sin L)/(x^2 z),
    // dy/dz = x e^6 + x/L - sin L/(x z^2), L = ln 2.
    const double L = std::log(2.0);
    CHECK(g->node(g->output()).value == doctest::Approx(412.19145728412116).epsilon(1e-15));
    CHECK(grad_of(g.value(), "x") == doctest::Approx(3 * std::exp(6.0) + 3 / L - 3 / (L * L) +
                                              (std::cos(L) - std::sin(L)) / 12).epsilon(1e-13));
    CHECK(grad_of(g.value(), "z") == doctest::Approx(2 * std::exp(6.0) + 2 / L - std::sin(L) / 18).epsilon(1e-13));

    g = formula_to_graph("(x + y) * z", {{"x", -2}, {"y", 5}, {"z", -4}});
    REQUIRE(g);
    g->backward();
    CHECK(g->gradients() == std::vector<std::pair<std::string, double>>{{"x", -4}, {"y", -4}, {"z", 3}});

    g = formula_to_graph("(a + b) * (b + 1)", {{"a", 2}, {"b", 1}});
    REQUIRE(g);
    g->backward();
    CHECK(g->gradients() == std::vector<std::pair<std::string, double>>{{"a", 2}, {"b", 5}});

    g = formula_to_graph("sigma(w0*x0 + w1*x1 + w2)", {{"w0", 2}, {"x0", -1}, {"w1", -3}, {"x1", -2}, {"w2", -3}});
    REQUIRE(g);
    g->backward();
    const double d = 0.19661193324148185;  // sigma(1)(1 - sigma(1)), see test_scalar_graph.cpp
    CHECK(grad_of(g.value(), "x1") == doctest::Approx(-3 * d).epsilon(1e-15));
    CHECK(grad_of(g.value(), "w0") == doctest::Approx(-d).epsilon(1e-15));

    for (const char* t : {"(x + sigmoid(y)) / (sigmoid(x) + (x+y)^2)", "(y - 1/(b + log(x*a)))^2"}) {
        auto h = formula_to_graph(t, {{"x", 3}, {"y", -4}, {"a", 3}, {"b", 1}});
        REQUIRE(h);
        for (const GradCheck& c : h->check_gradients()) CHECK(c.rel_error < 1e-7);
    }
}

TEST_CASE("one parse, many builds") {
    auto f = parse_formula("x*x - y");
    REQUIRE(f);
    for (double x : {-1.5, 0.0, 2.0}) {
        auto g = build_graph(f.value(), {{"x", x}, {"y", 1}, {"unused", 7}});
        REQUIRE(g);
        g->backward();
        CHECK(g->node(g->output()).value == x * x - 1);
        CHECK(grad_of(g.value(), "x") == 2 * x);
    }
}

TEST_CASE("every error names the problem and its position") {
    struct Case {
        const char* text;
        Values values;
        const char* message;
        int pos;
    };
    const std::vector<Case> cases = {
        {"12.5 + sinh(x)", {}, "unknown function 'sinh' at 7", 7},
        {"(x+1", {}, "unclosed '(' at 0", 0},
        {"x*(y+(z)", {}, "unclosed '(' at 2", 2},
        {"sin(x", {}, "unclosed '(' at 3", 3},
        {"x+1)", {}, "unexpected ')' at 3", 3},
        {"x # 2", {}, "unexpected character '#' at 2", 2},
        {"x = 2", {}, "unexpected character '=' at 2", 2},
        {"x\xc3\xa9", {}, "unexpected character (byte 0xc3) at 1", 1},
        {"x+", {}, "unexpected end of formula at 2", 2},
        {"x+1-(", {}, "unexpected end of formula at 5", 5},
        {"-", {}, "unexpected end of formula at 1", 1},
        {"x^", {}, "unexpected end of formula at 2", 2},
        {"x + * y", {}, "missing operand before '*' at 4", 4},
        {"+x", {}, "missing operand before '+' at 0", 0},
        {"x^*2", {}, "missing operand before '*' at 2", 2},
        {"()", {}, "missing operand before ')' at 1", 1},
        {"max(x,)", {}, "missing operand before ')' at 6", 6},
        {"2x", {}, "missing operator before 'x' at 1", 1},
        {"2e", {}, "missing operator before 'e' at 1", 1},
        {"x y", {}, "missing operator before 'y' at 2", 2},
        {"(x)(y)", {}, "missing operator before '(' at 3", 3},
        {"x,y", {}, "unexpected ',' at 1", 1},
        {"max(x)", {}, "max takes 2 arguments, got 1 at 0", 0},
        {"2 * max(x)", {}, "max takes 2 arguments, got 1 at 4", 4},
        {"exp(x, y)", {}, "exp takes 1 argument, got 2 at 0", 0},
        {"exp()", {}, "exp takes 1 argument, got 0 at 0", 0},
        {"leaky_relu(x, 0.1, 2)", {}, "leaky_relu takes 1 or 2 arguments, got 3 at 0", 0},
        {"leaky_relu(x, y)", {}, "the slope of leaky_relu must be a constant at 14", 14},
        {"sin + 1", {}, "function 'sin' needs parentheses: sin(...) at 0", 0},
        {"pi(2)", {}, "'pi' is a constant, not a function at 0", 0},
        {"1e999", {}, "number too large '1e999' at 0", 0},
        {".", {}, "bad number '.' at 0", 0},
        {"", {}, "empty formula at 0", 0},
        {"   ", {}, "empty formula at 3", 3},
        {"y + x*y", {{"x", 1}}, "missing value for variable 'y' at 0", 0},
        {"x*2 + y", {{"x", 1}}, "missing value for variable 'y' at 6", 6},
        {"log(-1)^0.5", {}, "log of a negative number (-1) at 0", 0},
        {"log(x)", {{"x", 0}}, "log of zero at 0", 0},
        {"sqrt(x - 5)", {{"x", 1}}, "sqrt of a negative number (-4) at 0", 0},
        {"x / (y - y)", {{"x", 1}, {"y", 2}}, "division by zero (1 / 0) at 2", 2},
        {"x^(1/0)", {{"x", 1}}, "division by zero (1 / 0) at 4", 4},
        {"x^0.5", {{"x", -2}}, "pow of a negative number (-2) to a non-integer power (0.5) at 1", 1},
        {"x^-1", {{"x", 0}}, "zero to a negative power (-1) at 1", 1},
        {"x^y", {{"x", -2}, {"y", 2}}, "pow of a negative base (-2) to a non-constant power at 1", 1},
        {"exp(x)", {{"x", 1000}}, "result of exp is not a finite number (inf) at 0", 0},
        {"cosh(x)", {{"x", 711}}, "result of cosh is not a finite number (inf) at 0", 0},
        {"x * 1e300 * 1e300", {{"x", 1}}, "result of * is not a finite number (inf) at 10", 10},
        {"x", {{"x", std::nan("")}}, "variable 'x' is not a finite number (nan) at 0", 0},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        auto g = formula_to_graph(c.text, c.values);
        REQUIRE_FALSE(g.ok());
        CHECK(g.error().message == c.message);
        CHECK(g.error().pos == c.pos);
    }
}

TEST_CASE("deep nesting is an error, not a stack overflow") {
    const std::string message = "formula nested too deeply (more than 256 levels) at 256";
    for (const std::string& text : {std::string(100000, '('), std::string(100000, '-') + "x",
                                    std::string(300, '(') + "x" + std::string(300, ')')}) {
        auto f = parse_formula(text);
        REQUIRE_FALSE(f);
        CHECK(f.error().message == message);
    }
    std::string powers;
    for (int k = 0; k < 100000; ++k) powers += "x^";
    auto f = parse_formula(powers + "x");
    REQUIRE_FALSE(f);
    CHECK(f.error().message == "formula nested too deeply (more than 256 levels) at 512");  // level 257 starts at 2 * 256
    CHECK(eval(std::string(255, '(') + "2" + std::string(255, ')')) == 2);  // 255 levels are fine
    CHECK(eval("sin(" + std::string(200, '(') + "0" + std::string(200, ')') + ")") == 0);
}

TEST_CASE("very long formulas: flat sums of 100000 terms") {
    std::string text = "x";
    for (int k = 1; k < 100000; ++k) text += " + x";
    auto g = formula_to_graph(text, {{"x", 1.5}});
    REQUIRE(g);
    CHECK(g->node(g->output()).value == 150000);
    g->backward();
    CHECK(grad_of(g.value(), "x") == 100000);
    CHECK_FALSE(g->backward_recursive());  // too deep to recurse: refused, not crashed
    std::string products = "x";
    for (int k = 1; k < 50000; ++k) products += "*1";
    auto h = formula_to_graph(products, {{"x", 2}});
    REQUIRE(h);
    CHECK(h->size() == 50001);  // x, the constant 1, and 49999 products
}

TEST_CASE("2000 random garbage strings: each is a formula or an error, never a crash") {
    const std::string alphabet = "xyz()+-*/^.,0123456789 sinexplog";
    Lcg rng{12345};
    int parsed = 0, built = 0, failed = 0;
    for (int i = 0; i < 2000; ++i) {
        std::string text;
        const unsigned length = rng.next(41);
        for (unsigned k = 0; k < length; ++k) text += alphabet[rng.next(unsigned(alphabet.size()))];
        auto f = parse_formula(text);
        if (!f) {
            check_error_shape(f.error(), text);
            ++failed;
            continue;
        }
        ++parsed;
        auto g = build_graph(f.value(), {{"x", 0.7}, {"y", -1.3}, {"z", 2.1}});
        if (!g) {
            check_error_shape(g.error(), text);
            continue;
        }
        ++built;
        g->backward();
        const std::vector<double> iterative = all_grads(g.value());
        REQUIRE(g->backward_recursive());
        CHECK(all_grads(g.value()) == iterative);
    }
    MESSAGE("parsed " << parsed << ", built " << built << ", errors " << failed);
    CHECK(failed > 1000);  // mostly garbage...
    CHECK(built >= 10);    // ...but some are formulas, and those were checked too
}

TEST_CASE("random valid formulas: every backward pass agrees, gradients match central differences") {
    // Smooth operations only, so central differences are a fair oracle everywhere.
    Lcg rng{777};
    std::function<std::string(int)> expr = [&](int depth) -> std::string {
        const char* leaves[] = {"x", "y", "z", "0.5", "2", "pi"};
        if (depth == 0 || rng.next(4) == 0) return leaves[rng.next(6)];
        const char* binary[] = {" + ", " - ", " * "};
        const char* unary[] = {"sin", "cos", "tanh", "sigmoid", "softplus", "-"};
        switch (rng.next(3)) {
            case 0: return "(" + expr(depth - 1) + binary[rng.next(3)] + expr(depth - 1) + ")";
            case 1: return std::string(unary[rng.next(6)]) + "(" + expr(depth - 1) + ")";
            default: return "(" + expr(depth - 1) + ")^" + std::to_string(1 + rng.next(3));
        }
    };
    for (int i = 0; i < 300; ++i) {
        const std::string text = expr(5);
        CAPTURE(text);
        auto g = formula_to_graph(text, {{"x", 0.7}, {"y", -1.3}, {"z", 0.4}});
        REQUIRE(g);
        g->backward();
        const std::vector<double> iterative = all_grads(g.value());
        REQUIRE(g->backward_recursive());
        CHECK(all_grads(g.value()) == iterative);
        backward_trace(g.value());
        CHECK(all_grads(g.value()) == iterative);
        // Central differences lose about eps |f| / h = 2.2e-10 |f| to rounding, hence the |f| term.
        const double f = g->node(g->output()).value;
        for (const GradCheck& c : g->check_gradients())
            CHECK(std::abs(c.analytic - c.numeric) <= 1e-6 * (1 + std::abs(c.analytic)) + 1e-9 * std::abs(f));
        for (int id = 0; id < g->size(); ++id) {
            double sum = 0;
            for (const Path& p : g->paths(id).paths) sum += p.product;
            CHECK(sum == doctest::Approx(g->node(id).grad).epsilon(1e-9).scale(1));
        }
    }
}
