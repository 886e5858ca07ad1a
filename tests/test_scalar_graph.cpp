// Scalar graph: every op's value and derivative against std:: functions and central
// differences (double); the lecture's worked examples against values derived by hand in
// the comments; iterative, recursive and stepwise backward passes equal to the bit; the
// (a+b)(b+1) step sequence and paths listed by hand; hash-consing; domain errors.
#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "gradcheck.h"
#include "scalar_graph.h"

#include "graph_test_util.h"

using namespace bp;

namespace {

using test::all_grads;
using test::grad_of;

// One op under test: how to build it, the same function written with std:: (the oracle),
// and points away from its kinks and poles.
struct OpCase {
    const char* name;
    std::function<Value(Value, Value)> build;
    std::function<double(double, double)> oracle;
    std::vector<std::pair<double, double>> points;
};

double sigmoid_ref(double t) { return 1 / (1 + std::exp(-t)); }

std::vector<OpCase> op_cases() {
    const std::vector<std::pair<double, double>> any = {{-1.7, 0.4}, {0.3, -2.1}, {2.2, 1.3}};
    const std::vector<std::pair<double, double>> positive = {{0.4, 1.7}, {1.3, 0.6}, {3.1, 2.2}};
    return {
        {"add", [](Value x, Value y) { return x + y; }, [](double x, double y) { return x + y; }, any},
        {"sub", [](Value x, Value y) { return x - y; }, [](double x, double y) { return x - y; }, any},
        {"mul", [](Value x, Value y) { return x * y; }, [](double x, double y) { return x * y; }, any},
        {"div", [](Value x, Value y) { return x / y; }, [](double x, double y) { return x / y; }, any},
        {"neg", [](Value x, Value) { return -x; }, [](double x, double) { return -x; }, any},
        {"x^3", [](Value x, Value) { return pow(x, 3.0); }, [](double x, double) { return x * x * x; }, any},
        {"x^0.5", [](Value x, Value) { return pow(x, 0.5); }, [](double x, double) { return std::sqrt(x); }, positive},
        {"x^-2", [](Value x, Value) { return pow(x, -2.0); }, [](double x, double) { return 1 / (x * x); }, any},
        {"x^y", [](Value x, Value y) { return pow(x, y); }, [](double x, double y) { return std::exp(y * std::log(x)); }, positive},
        {"exp", [](Value x, Value) { return exp(x); }, [](double x, double) { return std::exp(x); }, any},
        {"log", [](Value x, Value) { return log(x); }, [](double x, double) { return std::log(x); }, positive},
        {"sqrt", [](Value x, Value) { return sqrt(x); }, [](double x, double) { return std::sqrt(x); }, positive},
        {"abs", [](Value x, Value) { return abs(x); }, [](double x, double) { return x < 0 ? -x : x; }, any},
        {"sin", [](Value x, Value) { return sin(x); }, [](double x, double) { return std::sin(x); }, any},
        {"cos", [](Value x, Value) { return cos(x); }, [](double x, double) { return std::cos(x); }, any},
        {"tan", [](Value x, Value) { return tan(x); }, [](double x, double) { return std::sin(x) / std::cos(x); }, {{-1.2, 0}, {0.3, 0}, {1.1, 0}}},
        {"cosh", [](Value x, Value) { return cosh(x); }, [](double x, double) { return (std::exp(x) + std::exp(-x)) / 2; }, any},
        {"tanh", [](Value x, Value) { return tanh(x); }, [](double x, double) { return std::tanh(x); }, any},
        {"sigmoid", [](Value x, Value) { return sigmoid(x); }, [](double x, double) { return sigmoid_ref(x); }, any},
        {"relu", [](Value x, Value) { return relu(x); }, [](double x, double) { return x > 0 ? x : 0; }, any},
        {"leaky_relu", [](Value x, Value) { return leaky_relu(x); }, [](double x, double) { return x > 0 ? x : 0.01 * x; }, any},
        {"leaky_relu 0.2", [](Value x, Value) { return leaky_relu(x, 0.2); }, [](double x, double) { return x > 0 ? x : 0.2 * x; }, any},
        {"softplus", [](Value x, Value) { return softplus(x); }, [](double x, double) { return std::log(1 + std::exp(x)); }, any},
        {"max", [](Value x, Value y) { return max(x, y); }, [](double x, double y) { return x > y ? x : y; }, any},
        {"min", [](Value x, Value y) { return min(x, y); }, [](double x, double y) { return x < y ? x : y; }, any},
        {"mixed", [](Value x, Value y) { return (2.0 - x) * 3.0 / y + 1.0 / (x + 4.0) - (y - 0.5) * (0.25 * x); },
         [](double x, double y) { return (2 - x) * 3 / y + 1 / (x + 4) - (y - 0.5) * (0.25 * x); }, any},
    };
}

// ---- the lecture's worked examples, built with the C++ API one named step at a time:
// C++ does not fix which operand of a + b is evaluated first, so a one-line expression
// would number its nodes differently under different compilers.

// f(x, y, z) = (x + y) z at x = -2, y = 5, z = -4.
Graph example_xyz() {
    Graph g;
    Value x = variable(g, "x", -2), y = variable(g, "y", 5), z = variable(g, "z", -4);
    Value q = x + y;
    g.set_output((q * z).id());
    return g;
}

// e = (a + b)(b + 1) at a = 2, b = 1: b reaches e by two paths.
Graph example_ab() {
    Graph g;
    Value a = variable(g, "a", 2), b = variable(g, "b", 1);
    Value c = a + b;
    Value d = b + 1.0;
    g.set_output((c * d).id());
    return g;
}

// y = exp(xz) + xz/log(x) + sin(log(x))/(xz) at x = 2, z = 3.
Graph example_exp_log_sin() {
    Graph g;
    Value x = variable(g, "x", 2), z = variable(g, "z", 3);
    Value xz = x * z;
    Value first = exp(xz);
    Value lx = log(x);
    Value second = xz / lx;
    Value sum = first + second;
    Value third = sin(lx) / (x * z);  // x * z again: the same node as xz
    g.set_output((sum + third).id());
    return g;
}

// f(x, y) = (x + sigma(y)) / (sigma(x) + (x + y)^2) at x = 3, y = -4.
Graph example_sigmoid_ratio() {
    Graph g;
    Value x = variable(g, "x", 3), y = variable(g, "y", -4);
    Value num = x + sigmoid(y);
    Value sx = sigmoid(x);
    Value den = sx + pow(x + y, 2.0);
    g.set_output((num / den).id());
    return g;
}

// L = (y - 1/(b + log(x a)))^2 at y = 1, b = 1, x = 2, a = 3.
Graph example_loss() {
    Graph g;
    Value y = variable(g, "y", 1), b = variable(g, "b", 1), x = variable(g, "x", 2), a = variable(g, "a", 3);
    Value s = b + log(x * a);
    Value inv = 1.0 / s;
    g.set_output(pow(y - inv, 2.0).id());
    return g;
}

// The logistic neuron sigma(w0 x0 + w1 x1 + w2) at w0 = 2, x0 = -1, w1 = -3, x1 = -2, w2 = -3.
Graph example_neuron() {
    Graph g;
    Value w0 = variable(g, "w0", 2), x0 = variable(g, "x0", -1), w1 = variable(g, "w1", -3),
          x1 = variable(g, "x1", -2), w2 = variable(g, "w2", -3);
    Value p0 = w0 * x0;
    Value p1 = w1 * x1;
    Value s = p0 + p1;
    g.set_output(sigmoid(s + w2).id());
    return g;
}

std::vector<Graph (*)()> all_examples() {
    return {example_xyz, example_ab, example_exp_log_sin, example_sigmoid_ratio, example_loss, example_neuron};
}

}  // namespace

TEST_CASE("op names and node labels") {
    CHECK(std::string(op_name(Op::Add)) == "+");
    CHECK(std::string(op_name(Op::Neg)) == "neg");
    CHECK(std::string(op_name(Op::PowConst)) == "pow");
    CHECK(std::string(op_name(Op::Pow)) == "pow");
    CHECK(std::string(op_name(Op::LeakyRelu)) == "leaky_relu");
    CHECK(std::string(op_name(Op::Min)) == "min");
    CHECK(std::string(op_name(Op::Cosh)) == "cosh");
    CHECK(op_arity(Op::Cosh) == 1);
    Graph g;
    Value x = variable(g, "x", 2), y = variable(g, "y", 3);
    CHECK(node_label(g.node(pow(x, 2.0).id())) == "^2");
    CHECK(node_label(g.node(pow(x, y).id())) == "^");
    CHECK(node_label(g.node(x.id())) == "x");
    CHECK(node_label(g.node(constant(g, 0.1).id())) == "0.1");
    CHECK(node_label(g.node(g.constant(3.14159265358979323846, 4, "pi"))) == "pi");
    CHECK(node_label(g.node(leaky_relu(x, 0.2).id())) == "leaky_relu 0.2");
    CHECK(node_label(g.node(leaky_relu(x).id())) == "leaky_relu");
}

TEST_CASE("every op: value equals the std:: formula, gradient equals central differences") {
    std::set<Op> covered;
    for (const OpCase& c : op_cases()) {
        for (const auto& point : c.points) {
            const double px = point.first, py = point.second;  // clang 14 cannot capture bindings
            CAPTURE(c.name);
            CAPTURE(px);
            CAPTURE(py);
            Graph g;
            Value x = variable(g, "x", px), y = variable(g, "y", py);
            Value out = c.build(x, y);
            g.set_output(out.id());
            REQUIRE_FALSE(g.error());
            g.backward();
            for (const Node& n : g.nodes()) covered.insert(n.op);
            CHECK(out.value() == doctest::Approx(c.oracle(px, py)).epsilon(1e-14));
            const double dx = central_difference([&](double t) { return c.oracle(t, py); }, px);
            const double dy = central_difference([&](double t) { return c.oracle(px, t); }, py);
            CHECK(relative_error(x.grad(), dx) < 1e-7);
            CHECK(relative_error(y.grad(), dy) < 1e-7);
        }
    }
    CHECK(covered.size() == std::size_t(int(Op::Min) + 1));  // no op left untested
}

TEST_CASE("activations stay finite for huge inputs") {
    Graph g;
    Value x = variable(g, "x", 800);
    Value s = sigmoid(x), sp = softplus(x), t = tanh(x);
    Value ns = sigmoid(-x), nsp = softplus(-x);
    REQUIRE_FALSE(g.error());
    CHECK(s.value() == 1.0);
    CHECK(sp.value() == 800.0);
    CHECK(t.value() == 1.0);
    CHECK(ns.value() == doctest::Approx(0.0));  // e^-800 underflows to 0, no NaN
    CHECK(nsp.value() == 0.0);
    g.set_output(nsp.id());
    g.backward();
    CHECK(x.grad() == 0.0);  // d softplus(-x)/dx = -sigma(-x) = -0
}

TEST_CASE("derivative conventions at kinks and ties") {
    Graph g;
    Value x = variable(g, "x", 0), y = variable(g, "y", 0);
    auto local = [&](Value v) { return g.local_derivatives(v.id()); };
    CHECK(local(relu(x))[0] == 0.0);                // relu'(0) = 0
    CHECK(local(abs(x))[0] == 0.0);                 // abs'(0) = 0
    CHECK(local(leaky_relu(x, 0.1))[0] == 0.1);     // leaky'(0) = slope
    CHECK(local(max(x, y)) == std::array<double, 2>{1, 0});  // a tie sends the gradient to a
    CHECK(local(min(x, y)) == std::array<double, 2>{1, 0});
    CHECK(local(pow(x, 0.0))[0] == 0.0);            // x^0 = 1 is flat, even at 0
    CHECK(local(pow(x, 2.0))[0] == 0.0);            // 2 x at 0
    CHECK(std::isinf(local(sqrt(x))[0]));           // 1/(2 sqrt x): infinite at 0, said so
    Value z = variable(g, "z", 2);
    CHECK(local(pow(x, z)) == std::array<double, 2>{0, 0});  // d 0^z/dz = 0 (0^z = 0 for z > 0)
    // max(w, w): both edges come from w, the gradient 1 goes along the first only.
    Value w = variable(g, "w", 1.5);
    g.set_output(max(w, w).id());
    g.backward();
    CHECK(w.grad() == 1.0);
}

TEST_CASE("worked example (x+y)z") {
    // q = x + y = 3, f = q z = -12; df/dq = z = -4, df/dz = q = 3, df/dx = df/dy = df/dq * 1 = -4.
    Graph g = example_xyz();
    g.backward();
    CHECK(g.node(g.output()).value == -12);
    CHECK(grad_of(g, "x") == -4);
    CHECK(grad_of(g, "y") == -4);
    CHECK(grad_of(g, "z") == 3);
}

TEST_CASE("worked example (a+b)(b+1): b by two paths") {
    // c = a + b = 3, d = b + 1 = 2, e = c d = 6. de/dc = d = 2, de/dd = c = 3.
    // de/da = de/dc * 1 = 2; de/db = de/dc * 1 + de/dd * 1 = 2 + 3 = 5 (sum over both paths).
    Graph g = example_ab();
    g.backward();
    CHECK(g.node(g.output()).value == 6);
    CHECK(grad_of(g, "a") == 2);
    CHECK(grad_of(g, "b") == 5);
}

TEST_CASE("worked example exp(xz) + xz/log(x) + sin(log(x))/(xz)") {
    // At x = 2, z = 3 write u = xz = 6 and L = ln 2 = 0.6931471805599453.
    // y = e^6 + 6/L + sin(L)/6 = 403.4287934927351 + 8.656170245333781 + 0.10649354605227246
    //   = 412.19145728412116
    // dy/dx: d e^(xz)/dx = z e^(xz)                                   = 1210.2863804782053
    //        d (xz/ln x)/dx = z/ln x - xz (1/x)/(ln x)^2 = z/L - z/L^2 = 4.328085122666891 - 6.244106943016824
    //        d (sin(ln x)/(xz))/dx = cos(ln x)/x /(xz) - sin(ln x) z/(xz)^2
    //                              = (cos L - sin L)/(x^2 z)           = 0.010856468754194779
    //        dy/dx = 1208.3812151266095
    // dy/dz: x e^(xz) + x/ln x - sin(ln x) x/(xz)^2 = 2 e^6 + 2/L - sin(L)/(x z^2)
    //        = 806.8575869854702 + 2.8853900817779268 - 0.03549784868409082 = 809.707479218564
    const double x = 2, z = 3, L = std::log(2.0);
    const double y = std::exp(x * z) + x * z / L + std::sin(L) / (x * z);
    const double dx = z * std::exp(x * z) + z / L - z / (L * L) + (std::cos(L) - std::sin(L)) / (x * x * z);
    const double dz = x * std::exp(x * z) + x / L - std::sin(L) / (x * z * z);
    CHECK(y == doctest::Approx(412.19145728412116).epsilon(1e-15));
    CHECK(dx == doctest::Approx(1208.3812151266095).epsilon(1e-14));
    CHECK(dz == doctest::Approx(809.707479218564).epsilon(1e-14));
    Graph g = example_exp_log_sin();
    g.backward();
    CHECK(g.node(g.output()).value == doctest::Approx(y).epsilon(1e-15));
    CHECK(grad_of(g, "x") == doctest::Approx(dx).epsilon(1e-13));
    CHECK(grad_of(g, "z") == doctest::Approx(dz).epsilon(1e-13));
    for (const GradCheck& c : g.check_gradients()) CHECK(c.rel_error < 1e-7);
}

TEST_CASE("hash-consing: x*z and log(x) are one node each, reached by several paths") {
    Graph g = example_exp_log_sin();
    // x, z, x*z, exp, log, /, +, sin, /, +: ten nodes, not twelve.
    CHECK(g.size() == 10);
    int products = 0, logs = 0;
    for (const Node& n : g.nodes()) {
        products += n.op == Op::Mul;
        logs += n.op == Op::Log;
    }
    CHECK(products == 1);
    CHECK(logs == 1);
    const int xz = 2;
    REQUIRE(g.node(xz).op == Op::Mul);
    CHECK(g.children()[xz].size() == 3);  // exp(xz), xz/log(x), sin(log x)/(xz)
    // The same variable name or constant value gives the same node too.
    Graph h;
    const int x1 = h.variable("x", 1), x2 = h.variable("x", 5);
    CHECK(x1 == x2);
    CHECK(h.node(x1).value == 1);  // the existing variable keeps its value
    const int two = h.constant(2), two_again = h.constant(2), zero = h.constant(0.0), minus_zero = h.constant(-0.0);
    CHECK(two == two_again);
    CHECK(zero != minus_zero);  // compared bit for bit
}

TEST_CASE("worked example (x + sigma(y)) / (sigma(x) + (x+y)^2)") {
    // At x = 3, y = -4: sigma(-4) = 0.01798620996209156, sigma(3) = 0.9525741268224334.
    // num = x + sigma(y) = 3.0179862099620918; den = sigma(x) + (x+y)^2 = sigma(3) + 1 = 1.9525741268224333
    // f = num/den = 1.5456448841066441
    // Quotient rule, with sigma'(t) = sigma(t)(1 - sigma(t)):
    //   df/dx = (1 * den - num * (sigma'(3) + 2(x+y))) / den^2, sigma'(3) = 0.045176659730912
    //         = 2.059569795572165
    //   df/dy = (sigma'(-4) * den - num * 2(x+y)) / den^2, sigma'(-4) = 0.017662706213291118
    //         = 1.5922327514838093
    const double sx = 1 / (1 + std::exp(-3.0)), sy = 1 / (1 + std::exp(4.0));
    const double num = 3 + sy, den = sx + 1;
    const double dx = (den - num * (sx * (1 - sx) - 2)) / (den * den);
    const double dy = (sy * (1 - sy) * den + 2 * num) / (den * den);
    CHECK(num / den == doctest::Approx(1.5456448841066441).epsilon(1e-15));
    CHECK(dx == doctest::Approx(2.059569795572165).epsilon(1e-14));
    CHECK(dy == doctest::Approx(1.5922327514838093).epsilon(1e-14));
    Graph g = example_sigmoid_ratio();
    g.backward();
    CHECK(g.node(g.output()).value == doctest::Approx(num / den).epsilon(1e-15));
    CHECK(grad_of(g, "x") == doctest::Approx(dx).epsilon(1e-14));
    CHECK(grad_of(g, "y") == doctest::Approx(dy).epsilon(1e-14));
    for (const GradCheck& c : g.check_gradients()) CHECK(c.rel_error < 1e-7);
}

TEST_CASE("worked example L = (y - 1/(b + log(xa)))^2") {
    // At y = 1, b = 1, x = 2, a = 3: S = b + ln(xa) = 1 + ln 6 = 2.791759469228055,
    // r = y - 1/S = 0.6418029522161849, L = r^2 = 0.4119110294734105.
    // dL/dr = 2r; dr/dy = 1; dr/dS = d(-1/S)/dS = 1/S^2; dS/db = 1; dS/dx = 1/x; dS/da = 1/a.
    //   dL/dy = 2r         = 1.2836059044323698
    //   dL/db = 2r/S^2     = 0.1646932160716134
    //   dL/dx = 2r/S^2 / x = 0.0823466080358067
    //   dL/da = 2r/S^2 / a = 0.0548977386905378
    const double S = 1 + std::log(6.0), r = 1 - 1 / S;
    CHECK(r * r == doctest::Approx(0.4119110294734105).epsilon(1e-15));
    Graph g = example_loss();
    g.backward();
    CHECK(g.node(g.output()).value == doctest::Approx(r * r).epsilon(1e-15));
    CHECK(grad_of(g, "y") == doctest::Approx(2 * r).epsilon(1e-14));
    CHECK(grad_of(g, "b") == doctest::Approx(2 * r / (S * S)).epsilon(1e-14));
    CHECK(grad_of(g, "x") == doctest::Approx(2 * r / (S * S) / 2).epsilon(1e-14));
    CHECK(grad_of(g, "a") == doctest::Approx(2 * r / (S * S) / 3).epsilon(1e-14));
    CHECK(grad_of(g, "b") == doctest::Approx(0.1646932160716134).epsilon(1e-14));
    for (const GradCheck& c : g.check_gradients()) CHECK(c.rel_error < 1e-7);
}

TEST_CASE("worked example: the logistic neuron sigma(w0 x0 + w1 x1 + w2)") {
    // s = w0 x0 + w1 x1 + w2 = -2 + 6 - 3 = 1; f = sigma(1) = 0.7310585786300049 (0.73).
    // df/ds = f (1 - f) = 0.19661193324148185, then each product sends it times the other factor:
    //   dw0 = x0 * 0.1966... = -0.19661193324148185 (-0.20)   dx0 = w0 * 0.1966... = 0.3932238664829637 (0.39)
    //   dw1 = x1 * 0.1966... = -0.3932238664829637 (-0.39)    dx1 = w1 * 0.1966... = -0.5898357997244456 (-0.59)
    //   dw2 = 0.19661193324148185 (0.20)
    const double f = 1 / (1 + std::exp(-1.0)), d = f * (1 - f);
    CHECK(d == doctest::Approx(0.19661193324148185).epsilon(1e-15));
    Graph g = example_neuron();
    g.backward();
    CHECK(g.node(g.output()).value == doctest::Approx(0.7310585786300049).epsilon(1e-15));
    CHECK(grad_of(g, "w0") == doctest::Approx(-d).epsilon(1e-15));
    CHECK(grad_of(g, "x0") == doctest::Approx(2 * d).epsilon(1e-15));
    CHECK(grad_of(g, "w1") == doctest::Approx(-2 * d).epsilon(1e-15));
    CHECK(grad_of(g, "x1") == doctest::Approx(-3 * d).epsilon(1e-15));
    CHECK(grad_of(g, "w2") == doctest::Approx(d).epsilon(1e-15));
    CHECK(std::round(grad_of(g, "x1") * 100) / 100 == -0.59);
}

TEST_CASE("recursive and iterative backward agree to the bit, and twice gives the same") {
    for (auto make : all_examples()) {
        Graph g = make();
        g.backward();
        const std::vector<double> iterative = all_grads(g);
        g.backward();  // grads are zeroed first, never doubled
        CHECK(all_grads(g) == iterative);
        REQUIRE(g.backward_recursive());
        CHECK(all_grads(g) == iterative);
        REQUIRE(g.backward_recursive());  // memo and grads start over each call
        CHECK(all_grads(g) == iterative);
        g.backward();
        CHECK(all_grads(g) == iterative);
    }
}

TEST_CASE("the summation order is the same in both algorithms (a case where it matters)") {
    // x feeds three products with locals 1e16, -1e16 and 1. In creation order the sum is
    // (1e16 - 1e16) + 1 = 1; in the order both algorithms use (children by decreasing id)
    // it is (1 - 1e16) + 1e16 = 0, because 1 - 1e16 rounds to -1e16.
    Graph g;
    Value x = variable(g, "x", 0.5);
    Value big = x * 1e16;
    Value minus_big = x * -1e16;
    Value sum = big + minus_big;
    Value one = x * 1.0;
    g.set_output((sum + one).id());
    const double creation_order = (1e16 + -1e16) + 1.0, reverse_order = (1.0 + -1e16) + 1e16;
    REQUIRE(creation_order != reverse_order);  // so this example can tell the orders apart
    g.backward();
    CHECK(x.grad() == reverse_order);
    REQUIRE(g.backward_recursive());
    CHECK(x.grad() == reverse_order);
}

TEST_CASE("recursive order for (a+b)(b+1), traced by hand") {
    // Nodes: 0 a, 1 b, 2 a+b, 3 const 1, 4 b+1, 5 product. Starting from 0: grad(0) needs
    // grad(2), which needs grad(5) = 1: finished 5, 2, 0. grad(1) takes its children in
    // decreasing id: grad(4) needs grad(5) (memoised): finished 4, then 1 (grad(2) memoised).
    // grad(3) needs grad(4) (memoised): finished 3.
    Graph g = example_ab();
    auto order = g.backward_recursive();
    REQUIRE(order);
    CHECK(order.value() == std::vector<int>{5, 2, 0, 4, 1, 3});
}

TEST_CASE("stepper: the (a+b)(b+1) steps by hand, and final grads equal backward()") {
    Graph g = example_ab();
    // node, grad, then per edge {input, local, contribution, input grad after}
    struct Expected {
        int node;
        double grad;
        std::vector<EdgeStep> edges;
    };
    const std::vector<Expected> expected = {
        {5, 1, {{2, 2, 2, 2}, {4, 3, 3, 3}}},  // e = c d: de/dc = d = 2, de/dd = c = 3
        {4, 3, {{1, 1, 3, 3}, {3, 1, 3, 3}}},  // d = b + 1: b gets 3 (its first path), the 1 gets 3
        {3, 3, {}},                            // the constant 1: a leaf
        {2, 2, {{0, 1, 2, 2}, {1, 1, 2, 5}}},  // c = a + b: a gets 2; b gets 2 more: 3 + 2 = 5
        {1, 5, {}},
        {0, 2, {}},
    };
    BackwardStepper stepper(g);
    CHECK(g.node(5).grad == 1);  // seeded
    CHECK(g.node(1).grad == 0);
    for (const Expected& e : expected) {
        REQUIRE_FALSE(stepper.done());
        const BackwardStep& s = stepper.step();
        CHECK(s.node == e.node);
        CHECK(s.grad == e.grad);
        REQUIRE(s.edges.size() == e.edges.size());
        for (std::size_t i = 0; i < e.edges.size(); ++i) {
            CHECK(s.edges[i].input == e.edges[i].input);
            CHECK(s.edges[i].local == e.edges[i].local);
            CHECK(s.edges[i].contribution == e.edges[i].contribution);
            CHECK(s.edges[i].input_grad_after == e.edges[i].input_grad_after);
        }
    }
    CHECK(stepper.done());
    const std::vector<double> stepped = all_grads(g);
    for (auto make : all_examples()) {
        Graph a = make(), b = make();
        a.backward();
        const auto trace = backward_trace(b);
        CHECK(trace.size() == a.topological_order().size());
        CHECK(all_grads(a) == all_grads(b));
    }
    g.backward();
    CHECK(all_grads(g) == stepped);
}

TEST_CASE("paths: the products along each path sum to the gradient") {
    Graph g = example_ab();
    g.backward();
    // From b: b -> b+1 -> e (locals 1, c = 3) and b -> a+b -> e (locals 1, d = 2): 3 + 2 = 5.
    const PathList p = g.paths(1);
    CHECK_FALSE(p.truncated);
    REQUIRE(p.paths.size() == 2);
    CHECK(p.paths[0].nodes == std::vector<int>{1, 4, 5});
    CHECK(p.paths[0].locals == std::vector<double>{1, 3});
    CHECK(p.paths[0].product == 3);
    CHECK(p.paths[1].nodes == std::vector<int>{1, 2, 5});
    CHECK(p.paths[1].product == 2);
    CHECK(g.paths(g.output()).paths.size() == 1);  // the output itself: the empty product 1
    for (auto make : all_examples()) {
        Graph h = make();
        h.backward();
        for (int id = 0; id < h.size(); ++id) {
            double sum = 0;
            for (const Path& path : h.paths(id).paths) sum += path.product;
            CHECK(sum == doctest::Approx(h.node(id).grad).epsilon(1e-12));
        }
    }
}

TEST_CASE("paths: exponentially many are cut off and flagged") {
    // v_{k+1} = v_k + v_k doubles the paths each level: 2^40 paths from x.
    Graph g;
    Value v = variable(g, "x", 1);
    for (int k = 0; k < 40; ++k) v = v + v;
    g.set_output(v.id());
    const PathList p = g.paths(0, 1000);
    CHECK(p.truncated);
    CHECK(p.paths.size() == 1000);
    g.backward();
    CHECK(g.node(0).grad == std::ldexp(1.0, 40));
}

TEST_CASE("nodes the output does not need get grad 0 and are skipped") {
    Graph g;
    Value x = variable(g, "x", 2), y = variable(g, "y", 3);
    Value ly = log(y);
    Value unused = ly * x;  // built, then not part of the output
    Value out = x * x;
    g.set_output(out.id());
    g.backward();
    CHECK(x.grad() == 4);  // d x^2/dx = 2x, the two edges of x*x summed
    CHECK(y.grad() == 0);
    CHECK(unused.grad() == 0);
    CHECK(g.topological_order() == std::vector<int>{x.id(), out.id()});
    CHECK(backward_trace(g).size() == 2);
    CHECK(g.gradients() == std::vector<std::pair<std::string, double>>{{"x", 4}, {"y", 0}});
}

TEST_CASE("forward() recomputes after set_variable, and domain errors name op, value and place") {
    Graph g;
    Value x = variable(g, "x", 3);
    Value shifted = log(x - 4.0);
    Value out = shifted + sqrt(x);
    CHECK(g.error()->message == "log of a negative number (-1) (node 3)");
    g.set_output(out.id());
    CHECK(g.set_variable("x", 9));
    CHECK_FALSE(g.set_variable("w", 1));
    auto v = g.forward();
    REQUIRE(v);
    CHECK(v.value() == doctest::Approx(std::log(5.0) + 3).epsilon(1e-15));
    CHECK_FALSE(g.error());
    g.set_variable("x", 4);
    v = g.forward();
    REQUIRE_FALSE(v);
    CHECK(v.error().message == "log of zero (node 3)");
    g.set_variable("x", std::nan(""));
    CHECK(g.forward().error().message == "variable 'x' is not a finite number (nan) (node 0)");
    g.set_variable("x", 1e300);
    CHECK(g.forward());

    Graph h;
    Value a = variable(h, "a", -2), b = variable(h, "b", 0);
    CHECK(std::isnan(pow(a, 0.5).value()));  // NaN, and the error is recorded
    CHECK(h.error()->message == "pow of a negative number (-2) to a non-integer power (0.5) (node 2)");
    a / b;
    sqrt(a);
    CHECK(h.error()->message.rfind("pow of a negative", 0) == 0);  // the first error is kept
    Graph k;
    Value c = variable(k, "c", 1), d = variable(k, "d", 0);
    c / d;
    CHECK(k.error()->message == "division by zero (1 / 0) (node 2)");
    Graph m;
    exp(variable(m, "big", 1000));
    CHECK(m.error()->message == "result of exp is not a finite number (inf) (node 1)");
    CHECK(pow(a, 2.0).value() == 4);  // an integer power of a negative number is fine
}

TEST_CASE("check_gradients compares each variable with a central difference") {
    Graph g = example_neuron();
    const auto checks = g.check_gradients();
    REQUIRE(checks.size() == 5);
    CHECK(checks[0].name == "w0");
    CHECK(checks[4].name == "w2");
    for (const GradCheck& c : checks) {
        CHECK(c.rel_error < 1e-8);
        CHECK(c.analytic == grad_of(g, c.name));
    }
    CHECK(g.node(g.output()).value == doctest::Approx(0.7310585786300049).epsilon(1e-15));  // restored
}

TEST_CASE("deep graphs: iterative backward works, recursion refuses instead of overflowing") {
    Graph g;
    Value x = variable(g, "x", 0.5);
    Value sum = x;
    for (int k = 1; k < 100000; ++k) sum = sum + x;  // x + x + ... + x
    g.set_output(sum.id());
    g.backward();
    CHECK(x.grad() == 100000);
    const auto r = g.backward_recursive();
    REQUIRE_FALSE(r);
    CHECK(r.error().message.find("too deep") != std::string::npos);
}
