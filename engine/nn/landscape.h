// The loss landscape (issue 29): the training loss on a 2-D slice through a run's weights theta,
// L(theta + a d1 + b d2) for a, b in [-r, r], computed a budget of points at a time so that a UI
// frame never waits; its two directions (filter-normalized random, or the principal directions
// of the run's recorded path); that path projected onto the slice; and the learning-rate line
// L(theta - eta g). Every loss here is the Trainer's own full training-set loss (set_loss), on a
// copy of the network: nothing here changes the run. Racing runs side by side: race.h.
#pragma once
#include <Eigen/Core>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "enum_names.h"
#include "field_table.h"
#include "mlp.h"

namespace bp {

class Trainer;

// A network's parameters, or a direction in their space, as Trainer::set_weights takes them:
// W0 (n_out, n_in), b0 (n_out, 1), W1, b1, ...
using Params = std::vector<Eigen::MatrixXf>;

Params params_of(const Mlp<float>& net);  // net's W0, b0, W1, b1, ...
// theta + a d1 + b d2, element by element in float as ((theta + a d1) + b d2): the one way a
// slice's weights are formed (its grid, its tests). `out` takes the shapes of theta.
void combine(const Params& theta, const Params& d1, const Params& d2, float a, float b, Params& out);
Params combine(const Params& theta, const Params& d1, const Params& d2, float a, float b);
// The parameters as one vector (each matrix's values in storage order, W0, b0, W1, ...), in double.
Eigen::VectorXd flatten(const Params& p);
Params unflatten(const Eigen::VectorXd& v, const Params& shapes);  // the inverse, in shapes' shapes, as floats
bool same_bits(const Params& p, const Params& q);  // same shapes and the same float bits

// ---- settings

enum class DirectionKind { FilterRandom, PathPca };
template <>
struct EnumNames<DirectionKind> {
    static constexpr std::array names{"random", "path"};
};

struct LandscapeSettings {
    static constexpr double kMaxRange = 100;
    static constexpr int kMinResolution = 3, kMaxResolution = 101;

    DirectionKind kind = DirectionKind::FilterRandom;  // "direction": random | path
    double range = 1.0;   // "range": r, in units of d1 and d2; finite, > 0, <= kMaxRange
    int resolution = 41;  // "resolution": points per side; odd (the centre is a grid point), 3 to 101
};

// The fields "direction", "range", "resolution" (field_table.h: print, parse, check).
const std::vector<Field<LandscapeSettings>>& landscape_fields();
// Sets the values named (key -> text); a refused one keeps its old value and gives a warning
// naming the key, the value and what is allowed. Unknown keys are ignored (the caller's).
std::vector<std::string> apply_landscape_settings(LandscapeSettings& s, const std::map<std::string, std::string>& values);
// Every field passes its check (e.g. a NaN range set from C++ or JS); one that does not takes
// `fallback`'s value, with a warning. Empty when `s` is fine.
std::vector<std::string> validate(LandscapeSettings& s, const LandscapeSettings& fallback = {});

// ---- directions

struct Directions {
    DirectionKind kind = DirectionKind::FilterRandom;  // what d1, d2 are (random after a fallback)
    Params d1, d2;           // theta's shapes
    bool orthonormal = false;  // as flat vectors (the path's principal directions)
    std::string fallback;    // "" or why path directions were asked for and random ones given (a msg)
};

// Filter-normalized random directions (Li et al. 2018): d1, d2 independent normal draws from
// the project's RNG on a stream of its own (from `seed`, e.g. the run's, and `draw`, to offer
// another pair), then for each unit (a row of W and its bias) the unit's incoming weights and
// bias rescaled to the norm of the same unit's weights and bias in theta (0 where that is 0).
Directions filter_random_directions(const Params& theta, std::uint64_t seed, std::uint64_t draw = 0);
// The top two principal components of the snapshots relative to `centre` (theta_t - centre),
// from their T x T Gram matrix: orthonormal, signed so the first snapshot has coordinates <= 0
// (the path runs towards +a, +b). With fewer than 3 distinct snapshots, or snapshots on one
// line, filter-normalized random directions (seed, draw) with `fallback` saying why.
Directions path_directions(const std::vector<Params>& snapshots, const Params& centre, std::uint64_t seed,
                           std::uint64_t draw = 0);

// ---- evaluating the loss at given weights, the Trainer's way

// A copy of a run's network (its shapes, activations, head) and training set, on an Evaluate
// graph of the set's size: loss(p) is what t.evaluate().train_loss would be with weights p,
// bit for bit. Moving it keeps the recorded graph valid.
class LossEvaluator {
public:
    LossEvaluator();
    ~LossEvaluator();
    LossEvaluator(LossEvaluator&&) noexcept;
    LossEvaluator& operator=(LossEvaluator&&) noexcept;

    void attach(const Trainer& t);        // copies the network and the training set
    bool attached() const;
    bool matches(const Trainer& t) const;  // same network shapes, head and training set (its bits)
    double loss(const Params& p);          // the mean training data loss at weights p
    // The same at combine(theta, d1, d2, a, b), formed in a scratch copy (allocated once).
    double loss_at(const Params& theta, const Params& d1, const Params& d2, float a, float b);
    long macs_per_loss() const;            // multiply-adds of one loss: set size x one forward pass
    Mlp<float>& net();                     // the copy (weights as last evaluated)
    const Eigen::MatrixXf& X() const;      // (features, N)
    const Eigen::MatrixXf& Y() const;      // (outputs, N)

private:
    struct State;
    std::unique_ptr<State> s_;
};

// ---- the recorded path

struct PathPoint {
    Params weights;
    double loss = 0;  // the training loss at `weights` when recorded
    long step = 0;
    int epoch = 0;
};

// The weights a run passed through, for the path and its principal directions. observe(t),
// called after each frame's training, records a snapshot (weights and full training loss) when
// interval() steps passed since the last one (at first one epoch's steps); at most kCap
// snapshots: when full it keeps every other one and doubles the interval. The run's start is
// always the first point. A restarted run (steps or epoch went backwards, other start weights,
// another network's shapes) starts a new path; a changed training set only re-copies it.
class PathRecorder {
public:
    static constexpr std::size_t kCap = 200;

    void observe(const Trainer& t);
    void clear();
    const std::vector<PathPoint>& points() const { return points_; }
    std::vector<Params> snapshots() const;  // the points' weights
    long interval() const { return interval_; }

private:
    bool restarted(const Trainer& t) const;
    void record(const Trainer& t, const Params& weights, long step, int epoch);

    std::vector<PathPoint> points_;
    long interval_ = 1;
    long last_step_ = 0;
    int last_epoch_ = 0;
    LossEvaluator eval_;
};

struct PathPoint2D {
    double a = 0, b = 0;  // coordinates on the slice
    double loss = 0;
    long step = 0;
};
// Each point's (a, b): the least-squares fit of (weights - centre) by a d1 + b d2 (for
// orthonormal directions the dot products), in double; with its loss and step.
std::vector<PathPoint2D> project_path(const std::vector<PathPoint>& path, const Params& centre, const Directions& dirs);

// ---- the slice

// The grid of L(theta + a d1 + b d2): `resolution` values of a (columns) and of b (rows),
// a[i] = r (2i - (n-1)) / (n-1) as a float (a[(n-1)/2] = 0 exactly), likewise b. begin() takes
// theta (the centre) and the directions; advance(budget) computes points row by row until the
// budget is spent; the UI calls it each frame, and begins again when stale().
class LandscapeSlice {
public:
    // stale(): the weights moved from the centre by more than this fraction of r, in the
    // slice's norm: ||theta - centre|| > kStaleFraction * r * ||d1|| (flat L2 norms).
    static constexpr double kStaleFraction = 0.05;

    // A new grid around t's current weights with `dirs` (theta's shapes, asserted) and
    // `settings` (valid, asserted: validate() them first). Every point NaN until computed.
    void begin(const Trainer& t, const LandscapeSettings& settings, Directions dirs);
    // The same around `centre` (theta's shapes, asserted) instead of t's weights: t gives the
    // network and the training set (a race's paths all start at one point and end elsewhere).
    void begin(const Trainer& t, const Params& centre, const LandscapeSettings& settings, Directions dirs);
    // Directions by settings.kind: random from the run's seed (and `draw`), or the principal
    // directions of `path` relative to t's current weights (random, with a fallback message,
    // while the path is too short), then begin().
    void begin(const Trainer& t, const LandscapeSettings& settings, const PathRecorder& path, std::uint64_t draw = 0);

    // Computes points while they fit in `budget` multiply-adds (at least one); returns the
    // multiply-adds spent (for WorkPace). The centre's loss comes first.
    long advance(long budget);
    bool started() const { return started_; }
    bool complete() const { return started_ && next_ == cells(); }
    double progress() const { return started_ ? double(next_) / double(cells()) : 0; }  // 0 to 1
    // True when t's weights moved too far from the centre (kStaleFraction), or its network or
    // training set is not the one this grid was begun with, or nothing was begun.
    bool stale(const Trainer& t) const;
    // Begun, on t's network and training set (the weights may have moved on).
    bool attached_to(const Trainer& t) const;

    const LandscapeSettings& settings() const { return settings_; }
    const Directions& directions() const { return dirs_; }
    const Params& centre() const { return centre_; }
    int resolution() const { return settings_.resolution; }
    const std::vector<float>& a() const { return a_; }  // columns
    const std::vector<float>& b() const { return b_; }  // rows
    // resolution^2 losses, row-major: loss()[j * n + i] is at (a[i], b[j]); NaN until computed.
    const std::vector<double>& loss() const { return loss_; }
    double loss_at(int i, int j) const { return loss_[std::size_t(j) * std::size_t(a_.size()) + std::size_t(i)]; }
    double centre_loss() const { return centre_loss_; }  // L(theta), = t.evaluate().train_loss
    // The colour scale: the least and greatest finite loss computed so far (NaN before any).
    double min_loss() const { return min_; }
    double max_loss() const { return max_; }
    long macs_per_point() const;

    // The path on this slice: project_path relative to the centre, then the centre itself
    // ((0, 0), centre_loss()) as the last point unless the path already ends there.
    std::vector<PathPoint2D> project(const PathRecorder& path) const;

private:
    std::size_t cells() const { return loss_.size(); }

    LandscapeSettings settings_;
    Directions dirs_;
    Params centre_;
    LossEvaluator eval_;
    std::vector<float> a_, b_;
    std::vector<double> loss_;
    double centre_loss_ = 0, min_ = 0, max_ = 0, d1_norm_ = 0;
    std::size_t next_ = 0;
    bool started_ = false, centre_done_ = false;
};

// ---- the learning-rate line

struct LrLine {
    std::vector<double> etas;    // ascending; the run's current rate among them
    std::vector<double> losses;  // L(theta - eta g) per eta: the training data loss
    double loss0 = 0;            // L(theta)
    double lr = 0;               // the run's current rate (t.current_lr())
    double loss_at_lr = 0;       // L(theta - lr g)
    double best_eta = 0;         // the largest eta whose loss is below loss0; 0 when none is
    double grad_norm = 0;        // ||g|| before clipping
};
// What the line says of its largest falling rate, as a message key: "landscape.lr_best_some"
// (a larger rate raises the loss), "landscape.lr_best_last" (even the line's last rate lowers it:
// no overshoot within reach) or "landscape.lr_best_none" (no rate lowers it).
const char* lr_best_key(const LrLine& line);
// `count` rates log-spaced from lo to hi (both included).
std::vector<double> lr_line_etas(int count = 41, double lo = 1e-4, double hi = 10);
// The loss after one full-batch plain SGD step at each rate eta, from t's current weights: g is
// the gradient the Trainer's own step would apply with the whole training set as one batch (its
// data loss's gradient summed in full_batch_order(), plus the L1/L2 penalty's gradient and the
// gradient clipping the run's settings ask for; the loss shown is the data loss, as the Trainer
// reports it), and the step is the optimizer's SGD update, so at eta = lr the loss equals a
// Trainer's after such a step, bit for bit. Cost: 1 gradient + etas.size() + 1 evaluations of
// the set, at once (not budgeted). t is not changed.
LrLine lr_line(const Trainer& t, std::vector<double> etas = lr_line_etas());

}  // namespace bp
