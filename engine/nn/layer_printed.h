// The layer view's numbers, printed so that each rule of the step can be checked by hand on
// them (printed_rules.h): the forward formulas (x W1, h1 = x W1 + b1, z1 = sigma(h1), the
// loss) and every edge's backward rule (dz2 = (sigma(z2) - y), dh1 = dz1 o z1 o (1 - z1),
// dW1 = x^T dh1, db1 = sum_batch dh1, dz1 = dz2 W2^T), chosen on the whole step when it is
// recorded, so a number keeps its digits while the view steps through it.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "layer_graph.h"

namespace bp {

// Sets every node's value_digits and grad_digits (the step's nodes as describe() made them).
void choose_printed_digits(std::vector<LayerNode>& nodes, Head head, int batch);
// How many of the step's rules fail on the numbers as printed, out of how many (for the tests:
// a rule fails only where float's precision runs out before it holds).
std::pair<int, int> printed_rule_failures(const std::vector<LayerNode>& nodes, Head head, int batch);
// An SGD update's digits, so that W after = W before - lr dW holds on the printed numbers
// (lr printed by readable()); other optimizers' rules are not shown: 3 digits each.
void choose_update_digits(LayerUpdate& u, double lr, bool sgd);
// Entry (i, j) of m printed with its digits (row-major, as chosen above; none given: 4).
std::string printed_entry(const Eigen::MatrixXf& m, Eigen::Index i, Eigen::Index j, const std::vector<int>& digits);

}  // namespace bp
