// The rules behind the callouts. Thresholds: a gradient ratio below 1e-2 between the
// first and the last hidden layer is "vanishing"; more than half the units saturated or
// a third dead is worth saying; update/weight ratios far from ~1e-3 hint at the rate.
#include "findings.h"

#include <cmath>
#include <cstdio>

namespace bp {

namespace {

std::string percent(double f) { return std::to_string(int(std::lround(100 * f))) + "%"; }

void vanishing(const Trainer& t, std::vector<Finding>& out) {
    const auto r = first_last_grad_ratio(t);
    if (!r || *r <= 0 || *r >= 1e-2) return;
    const double ratio = *r;
    const int last = int(t.layer_stats().size()) - 2;  // last hidden layer
    const Activation act = t.model().layers()[0].act;
    char text[400];
    std::snprintf(text, sizeof text,
                  "Layer 1 receives gradients 10^%d times smaller than layer %d: each %s layer multiplies the "
                  "backward signal by f'(z)%s. Try ReLU, or Xavier/He initialisation.",
                  int(std::floor(std::log10(ratio))), last + 1, activation_name(act),
                  act == Activation::Sigmoid ? " <= 0.25" : " < 1");
    out.push_back({Finding::Level::Warning, text});
}

void per_layer(const Trainer& t, std::vector<Finding>& out) {
    const auto& s = t.layer_stats();
    for (std::size_t l = 0; l + 1 < s.size(); ++l) {
        const std::string layer = "layer " + std::to_string(l + 1);
        const char* act = activation_name(t.model().layers()[l].act);
        if (s[l].saturated_frac > 0.5)
            out.push_back({Finding::Level::Warning,
                           percent(s[l].saturated_frac) + " of " + layer + "'s " + act +
                               " units are saturated: f'(z) is near 0 there, so little gradient flows back. "
                               "Try smaller initial weights."});
        if (s[l].dead_frac >= 1.0 / 3)
            out.push_back({Finding::Level::Warning,
                           percent(s[l].dead_frac) + " of " + layer +
                               "'s ReLUs are dead: they output 0 on every training point, so they never get a "
                               "gradient again. Try a smaller learning rate or leaky ReLU."});
    }
}

void update_size(const Trainer& t, std::vector<Finding>& out) {
    const auto& s = t.layer_stats();
    if (s.empty() || t.steps() == 0) return;
    double mean = 0;
    for (const auto& l : s) mean += l.update_ratio / double(s.size());
    if (mean > 0.1)
        out.push_back({Finding::Level::Warning, "Each step changes the weights by about " + percent(mean) +
                                                    " of their size: the learning rate may be too high."});
    else if (mean > 0 && mean < 1e-5)
        out.push_back({Finding::Level::Info, "Updates are tiny (under 1e-5 of the weights): training will be "
                                             "slow; a larger learning rate may help."});
}

}  // namespace

std::vector<Finding> findings(const Trainer& t) {
    std::vector<Finding> out;
    if (t.diverged()) out.push_back({Finding::Level::Problem, t.divergence()});
    vanishing(t, out);
    per_layer(t, out);
    update_size(t, out);
    return out;
}

}  // namespace bp
