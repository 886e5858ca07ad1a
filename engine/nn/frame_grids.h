// FrameGrids: the heatmaps a UI frame shows, recomputed only as often as the eye needs. The
// output grid is recomputed when the weights (or the input features) differ from those it was
// computed with, the hidden units' thumbnails likewise but at most every other frame. Each grid
// is computed from its own copy of the weights, on forward-only static tapes, in slices of rows
// within a per-frame budget of multiply-adds, into a back buffer that is shown only when
// complete: net B's whole 100 x 100 grid fits in one frame, a 8 x 64 net's takes up to 10 while
// it trains, and a picture is never half old, half new. A frame without training (paused) has
// the whole budget: it completes its pictures, as does the first picture of a network.
#pragma once
#include <Eigen/Core>
#include <map>
#include <memory>
#include <vector>

#include "input_features.h"
#include "mlp.h"

namespace bp {

class Trainer;

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
    // Copies the weights; the next slices compute a new picture, in at most `frames` frames.
    void start(const Trainer& t, int frames);
    // Evaluates slices while they fit in the frame's budget (at least one), or all of them when
    // `whole` or when there is no picture of this network yet, until the picture is complete.
    void run(bool whole);
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
    long frame_budget_ = 0;               // multiply-adds a training frame spends on this picture
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

class FrameGrids {
public:
    // Multiply-adds per frame: the output grid of net B (100 x 100 x 344 = 3.4 M) fits in one
    // frame, with room for its thumbnails (32 x 32 x 336).
    static constexpr long kOutputMacsPerFrame = 4'000'000, kUnitsMacsPerFrame = 1'000'000;
    // ... or more, so that a picture takes at most kPictureLagMs of frames (10 frames at 60
    // fps, 1 when frames are slower than that): a larger network's picture lags its training
    // by at most a sixth of a second, or one frame.
    static constexpr long kMaxFramesPerPicture = 10;
    static constexpr double kPictureLagMs = 170;

    FrameGrids(int output_n, int thumb_n) : output_(GridLane::Kind::Output, output_n), units_(GridLane::Kind::Units, thumb_n) {}

    struct Fresh { bool output = false, units = false; };  // a new picture to colour and upload
    // One frame's grid work; want_* false when the view is not shown (nothing computed for it);
    // `training`: the frame also trained (else the pictures are completed in this frame);
    // `frame_ms`: how long frames take without the engine's work (a new picture every
    // kPictureLagMs of such frames at most; not counting the engine keeps a heavy picture from
    // slowing frames, and so getting heavier).
    Fresh update(const Trainer& t, bool want_output = true, bool want_units = true, bool training = true,
                 double frame_ms = 1000.0 / 60);

    const GridLane& output() const { return output_; }
    const GridLane& units() const { return units_; }

private:
    GridLane output_, units_;
    long frame_ = 0, units_started_ = -2;
};

}  // namespace bp
