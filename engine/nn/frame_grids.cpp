// FrameGrids and GridLane: when a heatmap is recomputed (weights or features changed since its
// picture was started), and how (slices of rows on forward-only static tapes, within a
// per-frame budget of multiply-adds, into back buffers swapped in when a picture completes).
#include "frame_grids.h"

#include <algorithm>
#include <cstring>
#include <limits>

#include "trainer.h"

namespace bp {

namespace {
template <class M>
bool same_bits(const M& a, const M& b) {
    return a.rows() == b.rows() && a.cols() == b.cols() &&
           std::memcmp(a.data(), b.data(), sizeof(typename M::Scalar) * std::size_t(a.size())) == 0;
}
}  // namespace

long macs_per_point(const Mlp<float>& net) {
    long macs = 0;
    for (const auto& layer : net.layers()) macs += long(layer.W.size());
    return macs;
}

bool GridLane::stale(const Trainer& t) const {
    if (!started_ || features_ != t.config().features || net_.head() != t.model().head()) return true;
    const auto& a = net_.layers();
    const auto& b = t.model().layers();
    if (a.size() != b.size()) return true;
    for (std::size_t l = 0; l < a.size(); ++l)
        if (a[l].act != b[l].act || !same_bits(a[l].W, b[l].W) || !same_bits(a[l].b, b[l].b)) return true;
    return false;
}

// Copies the weights into net_ (in place when the shapes are the same, so the recorded graphs,
// which point at net_'s matrices, stay valid; otherwise the graphs are recorded again).
void GridLane::start(const Trainer& t, long budget) {
    const auto& src = t.model().layers();
    bool same_shape = started_ && net_.head() == t.model().head() && net_.layers().size() == src.size();
    for (std::size_t l = 0; same_shape && l < src.size(); ++l)
        same_shape = net_.layers()[l].W.rows() == src[l].W.rows() && net_.layers()[l].W.cols() == src[l].W.cols() &&
                     net_.layers()[l].act == src[l].act;
    if (same_shape) {
        for (std::size_t l = 0; l < src.size(); ++l) net_.layers()[l].W = src[l].W, net_.layers()[l].b = src[l].b;
    } else {
        net_ = t.model();
        graphs_.clear();
        shown_ = false;  // what the front buffers hold is of another network
    }
    if (!started_ || features_ != t.config().features) {
        features_ = t.config().features;
        grid_feature_matrix(features_, n_, X_);
    }
    started_ = true;
    next_row_ = 0;
    // Slices as large as the frame's budget (and the slice cap) allow; below the whole picture a
    // power of two rows, so that few slice sizes, each with its recorded graph, come up.
    const long per_row = std::max(1L, long(n_) * macs_per_point());
    const long cap = kind_ == Kind::Output ? FrameGrids::kOutputMacsPerFrame : FrameGrids::kOutputMacsPerFrame / 4;
    long rows = std::clamp(std::min(budget, cap) / per_row, 1L, long(n_));
    while (rows < n_ && (rows & (rows - 1)) != 0) rows &= rows - 1;  // clear low bits down to a power of two
    rows_per_slice_ = int(rows);
    if (graphs_.size() > 4 && graphs_.find(int(rows) * n_) == graphs_.end()) graphs_.clear();  // bound the memory
    const std::size_t cells = std::size_t(n_) * std::size_t(n_);
    if (kind_ == Kind::Output) {
        out_back_.resize(cells);
        classes_back_.resize(cells);
    } else {
        units_back_.resize(net_.layers().size() - 1);
        for (std::size_t l = 0; l + 1 < net_.layers().size(); ++l)
            units_back_[l].resize(net_.layers()[l].W.rows(), Eigen::Index(cells));
    }
}

long GridLane::macs_per_point() const { return bp::macs_per_point(net_); }

// Rows [row0, row0 + rows) of the grid through net_: their outputs, or every hidden unit's
// activation, into the back buffers.
void GridLane::slice(int row0, int rows) {
    const int batch = rows * n_;
    auto& slot = graphs_[batch];
    if (!slot) {
        slot = std::make_unique<MlpGraph<float>>();
        slot->record(net_, batch, GraphUse::Predict);
    }
    MlpGraph<float>& g = *slot;
    const Eigen::Index col0 = Eigen::Index(row0) * n_;
    g.X = X_.middleCols(col0, batch);
    g.run(false);
    if (kind_ == Kind::Output) {
        head_outputs(net_.head(), g.tape.value(g.out_id), out_back_.data() + col0, classes_back_.data() + col0);
        return;
    }
    for (std::size_t l = 0; l < units_back_.size(); ++l) units_back_[l].middleCols(col0, batch) = g.tape.value(g.a_ids[l]);
}

long GridLane::run(long budget) {
    if (!running()) return 0;
    if (!shown_) budget = std::numeric_limits<long>::max();
    const long per_row = long(n_) * macs_per_point();
    long spent = 0;
    while (running() && (spent == 0 || spent + per_row * rows_per_slice_ <= budget)) {
        const int rows = std::min(rows_per_slice_, n_ - next_row_);
        slice(next_row_, rows);
        next_row_ += rows;
        spent += per_row * rows;
    }
    if (!running()) {  // completed in this call
        fresh_ = shown_ = true;
        out_.swap(out_back_);
        classes_.swap(classes_back_);
        units_.swap(units_back_);
    }
    return spent;
}

bool GridLane::take_complete() {
    const bool f = fresh_;
    fresh_ = false;
    return f;
}

long FrameGrids::budget(const Trainer& t, double macs_per_ms, double ms_left) const {
    const long picture = long(output_.n()) * output_.n() * macs_per_point(t.model());
    const long wanted = std::max(kOutputMacsPerFrame, picture / kMaxFramesPerPicture);
    const double affordable = std::max(0.0, macs_per_ms) * std::max(kMinGridMs, ms_left);
    return std::max(1L, long(std::min(double(wanted), affordable)));
}

FrameGrids::Fresh FrameGrids::update(const Trainer& t, bool want_output, bool want_units, bool training,
                                     long budget) {
    ++frame_;
    const long whole = std::numeric_limits<long>::max();
    Fresh fresh;
    if (want_output) {
        if (!training) fresh.macs += output_.run(whole);  // finish a picture of older weights
        if (!output_.running() && output_.stale(t)) output_.start(t, training ? budget : whole);
        fresh.macs += output_.run(training ? budget : whole);
        fresh.output = output_.take_complete();
    }
    if (want_units) {  // a new picture at most every other frame
        // the thumbnails' share: their picture in as many frames as the output's
        const double share = double(units_.n()) * units_.n() / (double(output_.n()) * output_.n());
        const long units_budget = training ? std::max(1L, long(double(budget) * share)) : whole;
        if (!training) fresh.macs += units_.run(whole);
        if (!units_.running() && frame_ - units_started_ >= 2 && units_.stale(t)) {
            units_.start(t, units_budget);
            units_started_ = frame_;
        }
        fresh.macs += units_.run(units_budget);
        fresh.units = units_.take_complete();
    }
    return fresh;
}

}  // namespace bp
