// FrameGrids: the heatmaps a UI frame shows, recomputed only as often as the eye needs. The
// output grid is recomputed when the weights (or the input features) differ from those it was
// computed with, the hidden units' thumbnails likewise but at most every other frame. Each grid
// is computed from its own copy of the weights, on forward-only static tapes, in slices of rows
// within the frame's budget of multiply-adds, into a back buffer that is shown only when
// complete: a picture is never half old, half new. The budget (budget()) is what a picture every
// kMaxFramesPerPicture frames needs, but never more than the engine's time left in the frame
// affords on this device: net B's whole 100 x 100 grid fits in one frame, an 8 x 64 net's takes
// 10 frames on a fast machine and more on a slow one, whose frames stay short. A frame without
// training (paused) completes its pictures, as does the first picture of a network.
#pragma once
#include <Eigen/Core>
#include <map>
#include <memory>
#include <vector>

#include "input_features.h"
#include "mlp.h"

namespace bp {

class Trainer;

long macs_per_point(const Mlp<float>& net);  // multiply-adds of one point's forward pass

// One picture over the n x n grid of the plane (row 0 at the top), computed from one copy of
// the weights, a slice of rows at a time.
class GridLane {
public:
    using Mat = Eigen::MatrixXf;
    enum class Kind { Output, Units };
    GridLane(Kind kind, int n) : kind_(kind), n_(n), next_row_(n) {}

    // True when the trainer's weights or features differ from the copy last started from.
    bool stale(const Trainer& t) const;
    bool running() const { return next_row_ < n_; }
    // Copies the weights; the next slices compute a new picture, each slice at most `budget`
    // multiply-adds where a row is not more.
    void start(const Trainer& t, long budget);
    // Evaluates slices while they fit in `budget` multiply-adds (at least one), or all of them
    // when there is no picture of this network yet, until the picture is complete. Returns the
    // multiply-adds spent.
    long run(long budget);
    bool take_complete();  // true once after a picture finished: front buffers now hold it

    int n() const { return n_; }
    const std::vector<float>& output() const { return out_; }  // (n*n), row-major
    const std::vector<int>& classes() const { return classes_; }
    const std::vector<Mat>& units() const { return units_; }    // [hidden layer] (units, n*n)

private:
    long macs_per_point() const;
    void slice(int row0, int rows);

    Kind kind_;
    int n_;
    int next_row_, rows_per_slice_ = 1;  // next_row_ == n_: idle
    bool fresh_ = false, started_ = false;  // fresh_: completed, not yet taken
    bool shown_ = false;  // a picture of this network's shape is in the front buffers
    Mlp<float> net_;                // the copy of the weights this picture is computed from
    std::vector<Feature> features_;
    std::map<int, std::unique_ptr<MlpGraph<float>>> graphs_;  // forward-only, by slice size
    Mat X_;  // (features, n*n): the grid's inputs
    std::vector<float> out_, out_back_;
    std::vector<int> classes_, classes_back_;
    std::vector<Mat> units_, units_back_;
};

// How fast this device does a kind of work (the grids' or a loss slice's multiply-adds, a race's
// training examples) per ms, learned from the frames' updates as the caller times them (the
// engine keeps no clock), smoothed by `gain`. The grids' pace starts low: the build machine's
// WASM build runs net B's grid at about 3.4 M per ms (`make bench`, D: 987 grids/s x 3.44 M).
struct WorkPace {
    double per_ms = 2e6;
    double gain = 0.2;  // the share of each new measure taken
    void add(long work, double ms) {
        if (work > 0 && ms > 0.05) per_ms += gain * (double(work) / ms - per_ms);
    }
};

class FrameGrids {
public:
    // Multiply-adds: a slice of the output picture's rows is at most kOutputMacsPerFrame (net B's
    // whole output grid, 100 x 100 x 344 = 3.4 M, is one slice; a thumbnails' slice a quarter of
    // that), and a frame's output budget at least that much when time allows; the thumbnails get
    // the share of it that has their picture done in as many frames as the output's.
    static constexpr long kOutputMacsPerFrame = 4'000'000;
    // A picture every 10 frames at most (a sixth of a second at 60 fps) where the device is fast
    // enough; on a slower one the pictures take longer, the frames do not.
    static constexpr long kMaxFramesPerPicture = 10;
    static constexpr double kMinGridMs = 1.0;  // a frame always moves the picture on a little
    // The engine's time per frame (training, then grids), leaving the rest of a 16.7 ms frame to
    // drawing; an embedded figure gets a third, as a course page may hold three that train at once.
    static constexpr double kEngineMs = 8.0, kEmbedEngineMs = kEngineMs / 3;

    FrameGrids(int output_n, int thumb_n) : output_(GridLane::Kind::Output, output_n), units_(GridLane::Kind::Units, thumb_n) {}

    // The output budget of a training frame: what a picture of t's network every
    // kMaxFramesPerPicture frames needs (at least kOutputMacsPerFrame), capped by what
    // max(kMinGridMs, ms_left) affords at `macs_per_ms`, the rate the grids ran at so far (WorkPace).
    long budget(const Trainer& t, double macs_per_ms, double ms_left) const;

    struct Fresh {        // a new picture to colour and upload
        bool output = false, units = false;
        long macs = 0;    // multiply-adds spent in this update
    };
    // One frame's grid work; want_* false when the view is not shown (nothing computed for it);
    // `training`: the frame also trained (else the pictures are completed in this frame);
    // `budget`: the output picture's multiply-adds for a training frame (see budget()).
    Fresh update(const Trainer& t, bool want_output = true, bool want_units = true, bool training = true,
                 long budget = kOutputMacsPerFrame);

    const GridLane& output() const { return output_; }
    const GridLane& units() const { return units_; }

private:
    GridLane output_, units_;
    long frame_ = 0, units_started_ = -2;
};

}  // namespace bp
