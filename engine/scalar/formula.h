// Formulas typed by a user ("exp(x*z) + x*z/log(x)") parsed into a small syntax tree,
// then built into a scalar Graph at given variable values. Every error names the
// problem and its 0-based character (byte) position: "unknown function 'sinh' at 7".
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "result.h"
#include "scalar_graph.h"

namespace bp {

// One node of the syntax tree. Its operands come before it in Formula::nodes(), so a
// single loop in order evaluates the tree (no recursion, however long the formula).
struct FormulaNode {
    Op op = Op::Const;      // Const (a number, pi or e), Var, or an operation; '^' and pow() are Op::Pow
    std::vector<int> args;  // indices of the operands in Formula::nodes()
    double number = 0;      // Const: its value
    std::string name;       // Var: the variable; Const: "pi" or "e" when named
    int pos = 0;            // where it is written: the number, the name, the operator or the function
    bool constant = true;   // no variable below this node (so x^(1/2) is a constant power)
};

class Formula {
public:
    const std::string& text() const { return text_; }
    const std::vector<FormulaNode>& nodes() const { return nodes_; }
    int root() const { return int(nodes_.size()) - 1; }
    const std::vector<std::string>& variables() const { return variables_; }  // first seen first

private:
    friend class FormulaParser;
    std::string text_;
    std::vector<FormulaNode> nodes_;
    std::vector<std::string> variables_;
};

// Grammar: numbers (1, 2.5, 1e-3, .5), variables, the constants pi and e, + - * /, '^'
// (right-associative, tighter than unary minus: -x^2 = -(x^2), 2^3^2 = 2^9), unary minus,
// parentheses and calls: exp, log (ln), sqrt, abs, sin, cos, cosh, tan, tanh, sigmoid (sigma),
// relu, leaky_relu(x) or leaky_relu(x, slope), softplus, max(a, b), min(a, b), pow(a, b).
Result<Formula> parse_formula(std::string_view text);

// The graph of a parsed formula at the given values (every variable needs one), output
// set. a^c with a constant exponent becomes Op::PowConst, otherwise Op::Pow. Domain
// errors come back in evaluation order: "log of a negative number (-1) at 0".
Result<Graph> build_graph(const Formula& formula, const std::map<std::string, double>& values);

// parse_formula, then build_graph.
Result<Graph> formula_to_graph(std::string_view text, const std::map<std::string, double>& values);

}  // namespace bp
