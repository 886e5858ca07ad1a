// Plain-language findings about a training run, for the playground's callouts: vanishing
// gradients, saturated units, dead ReLUs, update sizes and divergence, each with a
// pointer to what to try. Derived only from the Trainer's per-layer stats.
#pragma once
#include <string>
#include <vector>

#include "trainer.h"

namespace bp {

struct Finding {
    enum class Level { Info, Warning, Problem } level;
    std::string text;
};

std::vector<Finding> findings(const Trainer& trainer);

}  // namespace bp
