// Findings: each callout appears for the run that shows its pathology, and not for a
// healthy run.
#include <doctest/doctest.h>

#include "findings.h"

using namespace bp;

namespace {
std::vector<Finding> run(const char* hash, int steps) {
    Config c;
    REQUIRE(apply_hash(c, hash).empty());
    Trainer t(c);
    t.step(steps);
    return findings(t);
}
bool mentions(const std::vector<Finding>& f, const char* text) {
    for (const auto& x : f)
        if (x.text.find(text) != std::string::npos) return true;
    return false;
}
}  // namespace

TEST_CASE("vanishing gradients in a deep sigmoid net are called out") {
    const auto f = run("dataset=circle&layers=8,8,8,8,8,8&activation=sigmoid&init=xavier", 5);
    CHECK(mentions(f, "Layer 1 receives gradients 10^-"));
    CHECK(mentions(f, "<= 0.25"));
}

TEST_CASE("saturation, dead ReLUs and divergence are called out") {
    CHECK(mentions(run("dataset=circle&layers=8,8,8,8,8,8&activation=sigmoid&init=normal&init_scale=4", 5),
                   "units are saturated"));
    CHECK(mentions(run("dataset=circle&layers=16,16&activation=relu&init=he&lr=3&optimizer=sgd&clip=10", 150),
                   "ReLUs are dead"));
    const auto f = run("dataset=plane&layers=8,8&activation=relu&lr=10&optimizer=sgd", 400);
    REQUIRE_FALSE(f.empty());
    CHECK(f[0].level == Finding::Level::Problem);
    CHECK(f[0].text.rfind("diverged at step", 0) == 0);
}

TEST_CASE("a healthy run has no warnings") {
    for (const auto& x : run("dataset=circle&layers=4,2&activation=tanh&lr=0.03", 50))
        CHECK(x.level == Finding::Level::Info);
}
