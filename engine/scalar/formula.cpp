// The formula parser (recursive descent, one function per grammar rule, nesting capped so
// no input can overflow the stack) and build_graph, which turns the syntax tree into a
// scalar Graph in one loop, folding constant exponents and slopes into node params.
#include "formula.h"
#include "messages.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>

namespace bp {

namespace {

constexpr int kMaxDepth = 256;  // nested parentheses, calls, minus signs and powers

struct Function {
    const char* name;
    Op op;
    std::size_t min_args, max_args;
};

const Function kFunctions[] = {
    {"exp", Op::Exp, 1, 1},         {"log", Op::Log, 1, 1},         {"ln", Op::Log, 1, 1},
    {"sqrt", Op::Sqrt, 1, 1},       {"abs", Op::Abs, 1, 1},         {"sin", Op::Sin, 1, 1},
    {"cos", Op::Cos, 1, 1},         {"cosh", Op::Cosh, 1, 1},       {"tan", Op::Tan, 1, 1},
    {"tanh", Op::Tanh, 1, 1},       {"sigmoid", Op::Sigmoid, 1, 1}, {"sigma", Op::Sigmoid, 1, 1},
    {"relu", Op::Relu, 1, 1},       {"leaky_relu", Op::LeakyRelu, 1, 2}, {"softplus", Op::Softplus, 1, 1},
    {"max", Op::Max, 2, 2},         {"min", Op::Min, 2, 2},         {"pow", Op::Pow, 2, 2},
};

const Function* find_function(const std::string& name) {
    for (const Function& f : kFunctions)
        if (name == f.name) return &f;
    return nullptr;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// How to show the character c in a message: 'c' when printable, else its byte value.
std::string quoted(char c) {
    if (c >= 32 && c < 127) return std::string("'") + c + "'";
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%02x", unsigned(static_cast<unsigned char>(c)));
    return msg("formula.byte", {{"hex", buf}});
}

std::string arguments(std::size_t n) { return msg(n == 1 ? "formula.one_argument" : "formula.n_arguments", {{"n", std::to_string(n)}}); }

}  // namespace

// Grammar, one member function per rule:
//   expression := term (('+' | '-') term)*
//   term       := unary (('*' | '/') unary)*
//   unary      := '-' unary | power
//   power      := primary ('^' unary)?          (right-associative: the exponent recurses)
//   primary    := number | name | name '(' arguments ')' | '(' expression ')'
// Each rule returns the index of the node it made, or -1 after an error (the first one
// is kept).
class FormulaParser {
public:
    explicit FormulaParser(std::string_view text) : text_(text) {}
    Result<Formula> run();

private:
    int expression();
    int term();
    int unary();
    int power();
    int primary();
    int number();
    int name_or_call();
    int call(const std::string& name, int pos);
    int make_call(const Function& fn, const std::vector<int>& args, int pos);
    bool close_paren(int open);
    int unexpected();
    int missing_operand();

    bool at_end() const { return at_ >= text_.size(); }
    char peek() const { return at_end() ? '\0' : text_[at_]; }
    int here() const { return int(at_); }
    void skip_spaces() {
        while (!at_end() && is_space(text_[at_])) ++at_;
    }
    int add(FormulaNode n);
    int binary(Op op, int left, int right, int pos);
    int fail(const std::string& message, int pos);

    std::string_view text_;
    std::size_t at_ = 0;
    int depth_ = 0;
    Formula formula_;
    std::optional<Error> error_;
};

int FormulaParser::add(FormulaNode n) {
    for (int a : n.args) n.constant = n.constant && formula_.nodes_[std::size_t(a)].constant;
    formula_.nodes_.push_back(std::move(n));
    return int(formula_.nodes_.size()) - 1;
}

int FormulaParser::binary(Op op, int left, int right, int pos) {
    if (left < 0 || right < 0) return -1;
    return add({op, {left, right}, 0, "", pos});
}

int FormulaParser::fail(const std::string& message, int pos) {
    if (!error_) error_ = Error{msg("formula.at", {{"problem", message}, {"pos", std::to_string(pos)}}), pos};
    return -1;
}

Result<Formula> FormulaParser::run() {
    formula_.text_ = std::string(text_);
    skip_spaces();
    if (at_end()) return Error{msg("formula.at", {{"problem", msg("formula.empty")}, {"pos", std::to_string(here())}}), here()};
    if (expression() >= 0 && !at_end()) unexpected();  // expression() stops at what it cannot use
    if (error_) return *error_;
    return std::move(formula_);
}

int FormulaParser::expression() {
    int left = term();
    for (skip_spaces(); left >= 0 && (peek() == '+' || peek() == '-'); skip_spaces()) {
        const Op op = peek() == '+' ? Op::Add : Op::Sub;
        const int pos = here();
        ++at_;
        left = binary(op, left, term(), pos);
    }
    return left;
}

int FormulaParser::term() {
    int left = unary();
    for (skip_spaces(); left >= 0 && (peek() == '*' || peek() == '/'); skip_spaces()) {
        const Op op = peek() == '*' ? Op::Mul : Op::Div;
        const int pos = here();
        ++at_;
        left = binary(op, left, unary(), pos);
    }
    return left;
}

// Every level of nesting passes through here, so this is where the depth is capped.
int FormulaParser::unary() {
    skip_spaces();
    if (depth_ >= kMaxDepth)
        return fail(msg("formula.too_deep", {{"max", std::to_string(kMaxDepth)}}), here());
    ++depth_;
    int result;
    if (peek() == '-') {
        const int pos = here();
        ++at_;
        const int operand = unary();
        result = operand < 0 ? -1 : add({Op::Neg, {operand}, 0, "", pos});
    } else {
        result = power();
    }
    --depth_;
    return result;
}

int FormulaParser::power() {
    const int base = primary();
    skip_spaces();
    if (base < 0 || peek() != '^') return base;
    const int pos = here();
    ++at_;
    return binary(Op::Pow, base, unary(), pos);  // unary, so 2^-1 and 2^3^2 = 2^(3^2) work
}

int FormulaParser::primary() {
    skip_spaces();
    const char c = peek();
    if (is_digit(c) || c == '.') return number();
    if (is_letter(c)) return name_or_call();
    if (c != '(') return missing_operand();
    const int open = here();
    ++at_;
    const int inner = expression();
    return inner >= 0 && close_paren(open) ? inner : -1;
}

// A number: digits, an optional fraction, an optional exponent (1, 2.5, .5, 1e-3).
int FormulaParser::number() {
    const std::size_t start = at_;
    while (is_digit(peek())) ++at_;
    if (peek() == '.') ++at_;
    while (is_digit(peek())) ++at_;
    if (at_ - start == 1 && text_[start] == '.') return fail(msg("formula.bad_number"), int(start));
    std::size_t e = at_ + 1;  // an exponent only if digits follow: "2e" is 2, then e
    if ((peek() == 'e' || peek() == 'E') && e < text_.size() && (text_[e] == '+' || text_[e] == '-')) ++e;
    if ((peek() == 'e' || peek() == 'E') && e < text_.size() && is_digit(text_[e])) {
        at_ = e;
        while (is_digit(peek())) ++at_;
    }
    const std::string digits(text_.substr(start, at_ - start));
    const double v = std::strtod(digits.c_str(), nullptr);
    if (!std::isfinite(v)) return fail(msg("formula.too_large", {{"digits", digits}}), int(start));
    return add({Op::Const, {}, v, "", int(start)});
}

int FormulaParser::name_or_call() {
    const int pos = here();
    while (is_letter(peek()) || is_digit(peek())) ++at_;
    const std::string name(text_.substr(std::size_t(pos), at_ - std::size_t(pos)));
    skip_spaces();
    if (peek() == '(') return call(name, pos);
    if (name == "pi") return add({Op::Const, {}, 3.14159265358979323846, name, pos});
    if (name == "e") return add({Op::Const, {}, 2.71828182845904523536, name, pos});
    if (find_function(name)) return fail(msg("formula.needs_parentheses", {{"name", name}}), pos);
    bool seen = false;
    for (const std::string& v : formula_.variables_) seen = seen || v == name;
    if (!seen) formula_.variables_.push_back(name);
    return add({Op::Var, {}, 0, name, pos, false});
}

int FormulaParser::call(const std::string& name, int pos) {
    const Function* fn = find_function(name);
    if (!fn && (name == "pi" || name == "e")) return fail(msg("formula.constant_not_function", {{"name", name}}), pos);
    if (!fn) return fail(msg("formula.unknown_function", {{"name", name}}), pos);
    const int open = here();
    ++at_;
    std::vector<int> args;
    skip_spaces();
    for (bool more = peek() != ')'; more;) {  // "f()" has no arguments
        const int arg = expression();
        if (arg < 0) return -1;
        args.push_back(arg);
        skip_spaces();
        more = peek() == ',';
        if (more) ++at_;
    }
    if (!close_paren(open)) return -1;
    if (args.size() < fn->min_args || args.size() > fn->max_args) {
        const std::string takes = fn->min_args == fn->max_args ? arguments(fn->min_args)
                                                               : msg("formula.one_or_two_arguments");
        return fail(msg("formula.wrong_arguments", {{"name", name}, {"takes", takes}, {"got", std::to_string(args.size())}}), pos);
    }
    return make_call(*fn, args, pos);
}

int FormulaParser::make_call(const Function& fn, const std::vector<int>& args, int pos) {
    if (fn.op == Op::LeakyRelu && args.size() == 2 && !formula_.nodes_[std::size_t(args[1])].constant)
        return fail(msg("formula.slope_constant"), formula_.nodes_[std::size_t(args[1])].pos);
    return add({fn.op, args, 0, "", pos});
}

// After the inside of '(' at `open`: the matching ')' must come next.
bool FormulaParser::close_paren(int open) {
    skip_spaces();
    if (at_end()) {
        fail(msg("formula.unclosed"), open);
        return false;
    }
    if (peek() != ')') {
        unexpected();
        return false;
    }
    ++at_;
    return true;
}

// Where an operator, ')' or the end was due but something else came.
int FormulaParser::unexpected() {
    const char c = peek();
    if (is_letter(c) || is_digit(c) || c == '.' || c == '(') {
        std::size_t end = at_ + 1;
        while (end < text_.size() && (is_letter(text_[end]) || is_digit(text_[end]) || text_[end] == '.')) ++end;
        const std::string token = c == '(' ? "(" : std::string(text_.substr(at_, end - at_));
        return fail(msg("formula.missing_operator", {{"token", "'" + token + "'"}}), here());
    }
    if (c == ')' || c == ',') return fail(msg("formula.unexpected", {{"what", quoted(c)}}), here());
    return fail(msg("formula.unexpected_character", {{"what", quoted(c)}}), here());
}

// Where a number, name or '(' was due but something else came.
int FormulaParser::missing_operand() {
    const char c = peek();
    if (at_end()) return fail(msg("formula.unexpected_end"), here());
    if (c == ')' || c == ',' || c == '+' || c == '*' || c == '/' || c == '^')
        return fail(msg("formula.missing_operand", {{"what", quoted(c)}}), here());
    return fail(msg("formula.unexpected_character", {{"what", quoted(c)}}), here());
}

Result<Formula> parse_formula(std::string_view text) { return FormulaParser(text).run(); }

// ---------------------------------------------------------------- building the graph

namespace {

// folded[i]: node i belongs to a constant exponent or a leaky_relu slope. Those are
// evaluated on the side and become the param of their PowConst / LeakyRelu node.
std::vector<bool> folded_nodes(const std::vector<FormulaNode>& nodes) {
    std::vector<bool> folded(nodes.size(), false);
    for (std::size_t i = nodes.size(); i-- > 0;) {  // parents come after their operands
        const FormulaNode& n = nodes[i];
        for (std::size_t k = 0; k < n.args.size(); ++k) {
            const bool param = k == 1 && (n.op == Op::Pow || n.op == Op::LeakyRelu) &&
                               nodes[std::size_t(n.args[k])].constant;
            folded[std::size_t(n.args[k])] = folded[i] || param;
        }
    }
    return folded;
}

// Adds formula node n to g; id maps formula nodes to graph ids (folded ones to `side`).
int add_to_graph(Graph& g, const Graph& side, const std::vector<FormulaNode>& nodes, std::size_t i,
                 const std::vector<int>& id, const std::map<std::string, double>& values) {
    const FormulaNode& n = nodes[i];
    std::vector<int> in;
    for (int a : n.args) in.push_back(id[std::size_t(a)]);
    switch (n.op) {
        case Op::Const: return g.constant(n.number, n.pos, n.name);
        case Op::Var: return g.variable(n.name, values.at(n.name), n.pos);
        case Op::Pow:
            if (nodes[std::size_t(n.args[1])].constant)  // a^c: the exponent c is a number
                return g.add(Op::PowConst, {in[0]}, side.node(in[1]).value, n.pos);
            return g.add(Op::Pow, in, 0, n.pos);
        case Op::LeakyRelu: {
            const double slope = in.size() == 2 ? side.node(in[1]).value : kLeakySlope;
            return g.add(Op::LeakyRelu, {in[0]}, slope, n.pos);
        }
        default: return g.add(n.op, in, 0, n.pos);
    }
}

}  // namespace

Result<Graph> build_graph(const Formula& formula, const std::map<std::string, double>& values) {
    const std::vector<FormulaNode>& nodes = formula.nodes();
    if (nodes.empty()) return Error{msg("formula.at", {{"problem", msg("formula.empty")}, {"pos", "0"}}), 0};
    for (const FormulaNode& n : nodes)  // in text order, so the first use is reported
        if (n.op == Op::Var && values.count(n.name) == 0)
            return Error{msg("formula.at", {{"problem", msg("formula.missing_value", {{"name", n.name}})}, {"pos", std::to_string(n.pos)}}), n.pos};
    const std::vector<bool> folded = folded_nodes(nodes);
    Graph graph, side;  // side: constant exponents and slopes, evaluated with the same checks
    std::vector<int> id(nodes.size(), -1);
    for (std::size_t i = 0; i < nodes.size(); ++i) {  // operands first: evaluation order
        Graph& g = folded[i] ? side : graph;
        id[i] = add_to_graph(g, side, nodes, i, id, values);
        if (g.error()) return *g.error();
    }
    graph.set_output(id.back());
    return graph;
}

Result<Graph> formula_to_graph(std::string_view text, const std::map<std::string, double>& values) {
    Result<Formula> formula = parse_formula(text);
    if (!formula) return formula.error();
    return build_graph(formula.value(), values);
}

}  // namespace bp
