// checkable_digits (printed_rules.h): the digits each group of numbers is printed with, raised
// where a rule does not hold on the printed numbers.
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

std::vector<std::vector<double>> shown_numbers(const std::vector<std::vector<double>>& groups, const std::vector<int>& digits) {
    std::vector<std::vector<double>> shown = groups;
    for (std::size_t g = 0; g < groups.size(); ++g)
        for (double& v : shown[g]) v = printed_value(v, digits[g]);
    return shown;
}

bool holds(const PrintedRule& r, const std::vector<std::vector<double>>& shown, const std::vector<int>& digits) {
    std::vector<double> in;
    in.reserve(r.operands.size());
    for (const NumberRef& o : r.operands) in.push_back(shown[std::size_t(o.group)][std::size_t(o.index)]);
    const double result = shown[std::size_t(r.result.group)][std::size_t(r.result.index)];
    if (!std::isfinite(result)) return true;  // nan and inf have no digits to check
    return rounds_to(r.f(in), result, digits[std::size_t(r.result.group)]);
}

}  // namespace

std::vector<int> failing_rules(const std::vector<std::vector<double>>& groups, const std::vector<PrintedRule>& rules,
                               const std::vector<int>& digits) {
    const auto shown = shown_numbers(groups, digits);
    std::vector<int> failing;
    for (std::size_t i = 0; i < rules.size(); ++i)
        if (!holds(rules[i], shown, digits)) failing.push_back(int(i));
    return failing;
}

std::vector<int> checkable_digits(const std::vector<std::vector<double>>& groups, const std::vector<PrintedRule>& rules,
                                  int floor, int ceiling) {
    std::vector<int> digits(groups.size(), floor);
    for (;;) {
        std::vector<bool> raise(groups.size(), false);
        for (int i : failing_rules(groups, rules, digits)) {
            for (const NumberRef& o : rules[std::size_t(i)].operands) raise[std::size_t(o.group)] = true;
            raise[std::size_t(rules[std::size_t(i)].result.group)] = true;
        }
        bool raised = false;
        for (std::size_t g = 0; g < groups.size(); ++g)
            if (raise[g] && digits[g] < ceiling) ++digits[g], raised = true;
        if (!raised) return digits;
    }
}

}  // namespace bp
