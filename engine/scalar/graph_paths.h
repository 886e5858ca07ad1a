// How much work the chain rule takes for one input, done two ways: enumerating every path
// to the output and multiplying its local derivatives, or the backward pass, which
// multiplies once per edge and reuses each node's gradient for every path through it.
#pragma once
#include "scalar_graph.h"

namespace bp {

// Counted multiplications of two numbers, not counting multiplications by the seed
// d output / d output = 1 on either side:
// - paths: a path of k edges multiplies its k local derivatives with k - 1 multiplications;
//   path_multiplications is the sum of k - 1 over every path from the input to the output.
// - reverse mode: one grad * local per edge, and only edges between the input and the
//   output matter for this input's gradient; the edges into the output multiply by the
//   seed 1. reverse_multiplications = (edges on some path from the input to the output)
//   - (those of them that end at the output).
// Counts come from dynamic programming over the graph, so they are exact (up to 2^53)
// even where listing the paths would never finish.
struct PathWork {
    double paths = 0;                 // number of paths from the input to the output
    double path_multiplications = 0;  // enumerating them
    double reverse_multiplications = 0;
    double saved() const { return path_multiplications - reverse_multiplications; }
};

PathWork path_work(const Graph& g, int from);

}  // namespace bp
