// checkable_digits (printed_rules.h): the digits each number is printed with, raised where a
// rule does not hold on the printed numbers.
#include "printed_rules.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

#include "text_util.h"

namespace bp {

double printed_value(double v, int digits) {
    if (!std::isfinite(v)) return v;
    return std::strtod(readable(v, digits).c_str(), nullptr);
}

bool rounds_to(double computed, double shown, int digits) {
    if (shown == 0) return std::fabs(computed) <= 1e-12;
    const double unit = std::pow(10.0, std::floor(std::log10(std::fabs(shown))) - digits + 1);
    return std::fabs(computed - shown) <= 0.5 * unit * (1 + 1e-9);
}

namespace {

using Groups = std::vector<std::vector<double>>;

Groups shown_numbers(const Groups& groups, const Digits& digits) {
    Groups shown = groups;
    for (std::size_t g = 0; g < groups.size(); ++g)
        for (std::size_t i = 0; i < groups[g].size(); ++i) shown[g][i] = printed_value(groups[g][i], digits[g][i]);
    return shown;
}

double at(const Groups& g, const NumberRef& r) { return g[std::size_t(r.group)][std::size_t(r.index)]; }
int& at(Digits& d, const NumberRef& r) { return d[std::size_t(r.group)][std::size_t(r.index)]; }

std::vector<double> operands(const PrintedRule& r, const Groups& shown) {
    std::vector<double> in;
    in.reserve(r.operands.size());
    for (const NumberRef& o : r.operands) in.push_back(at(shown, o));
    return in;
}

bool holds(const PrintedRule& r, const Groups& shown, const Digits& digits) {
    const double result = at(shown, r.result);
    if (!std::isfinite(result)) return true;  // nan and inf have no digits to check
    return rounds_to(r.f(operands(r, shown)), result, digits[std::size_t(r.result.group)][std::size_t(r.result.index)]);
}

// The operand whose rounding moves the rule's value most (among those below the ceiling), or -1.
int worst_operand(const PrintedRule& r, const Groups& groups, const Groups& shown, const Digits& digits, int ceiling) {
    const std::vector<double> in = operands(r, shown);
    const double now = r.f(in);
    int worst = -1;
    double moved = -1;
    for (std::size_t k = 0; k < r.operands.size(); ++k) {
        const NumberRef& o = r.operands[k];
        if (digits[std::size_t(o.group)][std::size_t(o.index)] >= ceiling) continue;
        std::vector<double> exact = in;
        exact[k] = at(groups, o);
        const double d = std::fabs(r.f(exact) - now);
        if (d > moved) moved = d, worst = int(k);
    }
    return worst;
}

}  // namespace

std::vector<int> failing_rules(const Groups& groups, const std::vector<PrintedRule>& rules, const Digits& digits) {
    const Groups shown = shown_numbers(groups, digits);
    std::vector<int> failing;
    for (std::size_t i = 0; i < rules.size(); ++i)
        if (!holds(rules[i], shown, digits)) failing.push_back(int(i));
    return failing;
}

Digits checkable_digits(const Groups& groups, const std::vector<PrintedRule>& rules, int floor, int ceiling) {
    Digits digits;
    for (const auto& g : groups) digits.emplace_back(g.size(), floor);
    for (;;) {
        const Groups shown = shown_numbers(groups, digits);
        Digits raise;
        for (const auto& g : groups) raise.emplace_back(g.size(), 0);
        bool raised = false;
        for (const PrintedRule& r : rules) {  // the operand that errs most; the result once none can
            if (holds(r, shown, digits)) continue;
            const int k = worst_operand(r, groups, shown, digits, ceiling);
            const NumberRef& n = k >= 0 ? r.operands[std::size_t(k)] : r.result;
            if (at(digits, n) >= ceiling) continue;
            at(raise, n) = 1, raised = true;
        }
        if (!raised) return digits;
        for (std::size_t g = 0; g < groups.size(); ++g)
            for (std::size_t i = 0; i < groups[g].size(); ++i) digits[g][i] += raise[g][i];
    }
}

}  // namespace bp
