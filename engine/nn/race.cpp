// Race: checking and starting the runs from the base's start, the lockstep loop, and the
// runs' paths on their joint principal directions.
#include "race.h"

#include <cassert>

#include "messages.h"
#include "text_util.h"
#include "trainer.h"

namespace bp {

struct Race::Run {
    explicit Run(const Config& c) : trainer(c) {}
    Trainer trainer;  // its recorded graphs point into it: held by pointer, never moved
    PathRecorder path;
};

Race::Race() = default;
Race::~Race() = default;
Race::Race(Race&&) noexcept = default;
Race& Race::operator=(Race&&) noexcept = default;

namespace {
// "" or the problem of run `index` (1-based): its own checks, then a non-training setting that
// differs from the base's.
std::string race_config_problem(const Config& base, const Config& c, int index) {
    Config checked = c;
    const auto warnings = validate(checked);
    if (!warnings.empty())
        return msg("landscape.race_config", {{"index", std::to_string(index)}, {"problem", join(warnings, "; ")}});
    for (const Field<Config>& f : config_fields())
        if (f.group > int(Change::Training) && !f.same(base, c))
            return msg("landscape.race_differs", {{"index", std::to_string(index)}, {"key", f.key}});
    return "";
}
}  // namespace

std::string Race::start(const Trainer& base, const std::vector<Config>& configs) {
    const int n = int(configs.size());
    if (n < kMinRuns || n > kMaxRuns)
        return msg("landscape.race_count", {{"min", std::to_string(kMinRuns)}, {"max", std::to_string(kMaxRuns)},
                                            {"count", std::to_string(n)}});
    for (int i = 0; i < n; ++i) {
        const std::string problem = race_config_problem(base.config(), configs[std::size_t(i)], i + 1);
        if (!problem.empty()) return problem;
    }
    std::vector<std::unique_ptr<Run>> runs;
    for (const Config& c : configs) {
        auto run = std::make_unique<Run>(c);
        if (base.data_edited()) run->trainer.set_data(base.data());  // the base's points, as they are
        run->trainer.set_weights(base.weights().initial());         // its start; epoch 0, the seed's order
        run->path.observe(run->trainer);
        runs.push_back(std::move(run));
    }
    runs_ = std::move(runs);
    start_ = base.weights().initial();
    seed_ = base.config().seed;
    return "";
}

void Race::clear() {
    runs_.clear();
    start_.clear();
}

namespace {
bool can_train(const Trainer& t) { return !t.diverged() && !t.at_stop_epoch() && !t.data().train.empty(); }
}  // namespace

bool Race::running() const {
    for (const auto& r : runs_)
        if (can_train(r->trainer)) return true;
    return false;
}

long Race::step(long budget) {
    long spent = 0;
    while (spent == 0 || spent < budget) {
        Run* next = nullptr;  // the run behind: the fewest examples seen
        for (const auto& r : runs_)
            if (can_train(r->trainer) && (!next || r->trainer.examples_seen() < next->trainer.examples_seen()))
                next = r.get();
        if (!next) break;
        const long before = next->trainer.examples_seen();
        next->trainer.step(1);
        next->path.observe(next->trainer);
        spent += next->trainer.examples_seen() - before;
    }
    return spent;
}

const Trainer& Race::trainer(int i) const { return runs_.at(std::size_t(i))->trainer; }
const Config& Race::config(int i) const { return trainer(i).config(); }
const LossHistory& Race::history(int i) const { return trainer(i).history(); }
const PathRecorder& Race::path(int i) const { return runs_.at(std::size_t(i))->path; }

Directions Race::directions(std::uint64_t draw) const {
    assert(!runs_.empty());
    std::vector<Params> all;
    for (const auto& r : runs_) {
        for (const PathPoint& p : r->path.points()) all.push_back(p.weights);
        all.push_back(params_of(r->trainer.model()));  // where it is now
    }
    return path_directions(all, start_, seed_, draw);
}

std::vector<std::vector<PathPoint2D>> Race::projected(const Directions& dirs) const {
    std::vector<std::vector<PathPoint2D>> out;
    LossEvaluator eval;
    for (const auto& r : runs_) {
        std::vector<PathPoint> path = r->path.points();
        const Params now = params_of(r->trainer.model());
        if (path.empty() || !same_bits(path.back().weights, now)) {
            if (!eval.matches(r->trainer)) eval.attach(r->trainer);
            PathPoint p;  // where it is now
            p.weights = now;
            p.loss = eval.loss(now);
            p.step = r->trainer.steps();
            p.epoch = r->trainer.epoch();
            path.push_back(std::move(p));
        }
        out.push_back(project_path(path, start_, dirs));
    }
    return out;
}

}  // namespace bp
