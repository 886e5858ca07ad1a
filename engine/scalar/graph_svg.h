// The graph lab's picture as a standalone SVG file for lecture slides: the layered graph
// with every value and gradient known so far, the local derivative and the += amount on
// each edge, and a node's gradient as its sum of contributions ("g = 3 + 2 = 5").
#pragma once
#include <string>

#include "graph_session.h"

namespace bp {

// "" when the session has no graph.
std::string graph_svg(const GraphSession& s);

// Numbers as the picture prints them: readable() with 4 significant digits ("403.4",
// "-0.01775", "1e6").
std::string svg_number(double v);

// A node's gradient line: "g = 5", or with several contributions their sum in arrival
// order, "g = 3 + 2 = 5" (negative terms after the first in parentheses), printed by
// readable_sum so the terms add up to the total as shown ("g = -6.18 + 1214.56 = 1208.38");
// while some are still to come, "g = 3 + ?"; "" while none has arrived. Shared with the
// lab's canvas.
std::string grad_text(const GraphSession& s, int id);

}  // namespace bp
