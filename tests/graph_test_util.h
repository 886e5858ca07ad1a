// Helpers shared by the scalar-graph and formula tests: one variable's gradient by name,
// and every node's gradient in id order (to compare backward passes bit for bit).
#pragma once
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "scalar_graph.h"

namespace bp::test {

inline double grad_of(const Graph& g, const std::string& name) {
    for (const auto& [n, grad] : g.gradients())
        if (n == name) return grad;
    FAIL("no variable " << name);
    return 0;
}

inline std::vector<double> all_grads(const Graph& g) {
    std::vector<double> out;
    for (const Node& n : g.nodes()) out.push_back(n.grad);
    return out;
}

}  // namespace bp::test
