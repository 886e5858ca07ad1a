// Race: 2 to 4 runs that differ from a base run only in training settings (optimizer, rate,
// momentum, batch size, ...), all from the base run's start weights and on its data, the same
// seed (so the same shuffle order), trained side by side in lockstep within a budget; each with
// its loss curve and recorded path, and all paths on the plane of their joint principal
// directions. Each run trains the same bits as its config would alone from those weights.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "config.h"
#include "loss_history.h"
#include "landscape.h"

namespace bp {

class Trainer;

class Race {
public:
    static constexpr int kMinRuns = 2, kMaxRuns = 4;

    Race();
    ~Race();
    Race(Race&&) noexcept;
    Race& operator=(Race&&) noexcept;

    // New runs of `configs` from base's start weights (and its data, points added included).
    // "" or the problem, naming the run (nothing changed): fewer than kMinRuns or more than
    // kMaxRuns configs, a setting a config's check refuses, or a setting other than a
    // training one (data, features, network, seed) that differs from base's.
    std::string start(const Trainer& base, const std::vector<Config>& configs);
    void clear();

    // Trains in lockstep: one step at a time of the run that has seen the fewest examples
    // (the first of equal ones) until `budget` examples are spent (at least one step) or every
    // run has stopped (diverged, at its stop epoch). Returns the examples spent. How the steps
    // are sliced into calls changes nothing a run computes.
    long step(long budget);
    bool running() const;  // some run can still train

    int size() const { return int(runs_.size()); }
    const Trainer& trainer(int i) const;
    const Config& config(int i) const;
    const LossHistory& history(int i) const;  // the loss curve: train loss per epoch
    const PathRecorder& path(int i) const;
    const Params& start_weights() const { return start_; }  // every run's start

    // The principal directions of all runs' snapshots together, relative to the common start
    // (path_directions over their union: random with a fallback message while too short).
    Directions directions(std::uint64_t draw = 0) const;
    // Each run's path on those directions, relative to the start, ending at its current weights.
    std::vector<std::vector<PathPoint2D>> projected(const Directions& dirs) const;

private:
    struct Run;
    std::vector<std::unique_ptr<Run>> runs_;
    Params start_;
    std::uint64_t seed_ = 1;
};

}  // namespace bp
