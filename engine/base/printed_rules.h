// Numbers printed so a student can check a rule by hand: the rule applied to the printed
// operands gives the printed result to its last digit (x W1 from the printed x and W1,
// dW1 = x^T dh1 from the printed x and dh1). Numbers come in groups (a matrix: a node's value
// or gradient), each number printed by readable() with its own count of significant digits;
// checkable_digits picks those counts from the operands and the results themselves.
#pragma once
#include <functional>
#include <vector>

namespace bp {

struct NumberRef {
    int group = 0, index = 0;  // groups[group][index]
};

// result = f(operands), on the operands' values in the order given.
struct PrintedRule {
    std::vector<NumberRef> operands;
    NumberRef result;
    std::function<double(const std::vector<double>&)> f;
};

using Digits = std::vector<std::vector<int>>;  // per group, per number: significant digits printed

// The number readable(v, digits) shows, read back.
double printed_value(double v, int digits);
// Whether `computed` (a rule applied to printed operands) rounds to `shown`, a number printed
// with `digits` significant digits: |computed - shown| <= half a unit of shown's last digit
// (a 0 shown: computed is 0 to 1e-12).
bool rounds_to(double computed, double shown, int digits);

// Per number, the fewest significant digits, at least `floor`, with which every rule holds on
// the printed numbers: every number starts at `floor`; while a rule fails, the operand whose
// rounding moves its value most gets one digit more, up to `ceiling` (float carries about 7:
// beyond it the printed digits would be float rounding, not the rule), and once none can, its
// result (a result just at a rounding boundary). Where a sum cancels, its operands get the
// digits the cancellation needs; a digit more for a result can ask one more of its operands.
Digits checkable_digits(const std::vector<std::vector<double>>& groups, const std::vector<PrintedRule>& rules,
                        int floor = 3, int ceiling = 7);
// The rules that fail on the numbers printed with `digits` (indices into rules).
std::vector<int> failing_rules(const std::vector<std::vector<double>>& groups, const std::vector<PrintedRule>& rules,
                               const Digits& digits);

}  // namespace bp
