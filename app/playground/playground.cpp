// Playground's frame work: the steps the speed setting owes this frame (StepPace), trained
// through the model within the engine's time budget, then the heatmap grids the drawn views
// show and their textures. The state trained (settings, play/pause, what stops training) is
// the model's (playground_model.h); the layouts are in playground_layout.cpp.
#include "playground.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "colors.h"
#include "imgui.h"

namespace bp {

namespace {
using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }
}  // namespace

Playground::Playground(TextureStore& textures, Host& host)
    : model_(host), host_(host), textures_(textures), grids_(kGridSize, kThumbSize) {}

// Trains the steps the speed setting owes this frame (StepPace), or as many as fit in its time
// budget, then
// refreshes the grids the views drawn in the last frame show (all of them before the first
// frame), when the weights changed (engine/nn/frame_grids.h), and their textures when new.
void Playground::update(double reserve_ms) {
    const auto t0 = Clock::now();
    auto shown = [this](Panel p) {
        if (drawn_panels_.empty()) return true;
        for (const DrawnPanel& d : drawn_panels_)
            if (d.panel == p) return true;
        return false;
    };
    // The Landscape tab draws no panel: its frames train, and leave the pictures stale until shown.
    const bool landscape = model_.page().view == View::Landscape;
    const bool network = !landscape && shown(Panel::Network), want_output = network || (!landscape && shown(Panel::Boundary));
    drawn_panels_.clear();  // the layout drawn this frame records its panels again
    toolbar_items_.clear();
    const long steps_before = model_.trainer().steps();
    const double budget_ms = std::max(0.5, (model_.page().embed ? FrameGrids::kEmbedEngineMs : FrameGrids::kEngineMs) - reserve_ms);
    const double now_s = std::chrono::duration<double>(t0.time_since_epoch()).count();
    const double frame_s = played_last_ ? now_s - last_update_s_ : 1.0 / 60;  // the first frame of play: one 60 Hz frame
    last_update_s_ = now_s, played_last_ = model_.playing();
    if (played_last_) train_slice(pace_.due(model_.config().speed, model_.trainer().steps_per_epoch(), frame_s), budget_ms, t0);
    const auto t_grids = Clock::now();
    const long grid_budget = grids_.budget(model_.trainer(), grid_pace_.per_ms, budget_ms - ms_since(t0));
    const FrameGrids::Fresh fresh =
        grids_.update(model_.trainer(), want_output, network, model_.trainer().steps() != steps_before, grid_budget);
    grid_pace_.add(fresh.macs, ms_since(t_grids));
    stats_.grid_macs = fresh.macs;
    stats_.pictures += fresh.output;
    if (fresh.output) grid_ = grids_.output().output(), grid_class_ = grids_.output().classes();
    if (fresh.units) units_ = grids_.units().units();
    stats_.engine_ms = ms_since(t0);
    const auto t1 = Clock::now();
    refresh_textures(fresh.output || discretize_ != drawn_discretize_, fresh.units);
    drawn_discretize_ = discretize_;
    stats_.upload_ms = ms_since(t1);
}

// Up to `due` steps while they fit in what is left of the budget: one first (a frame always
// trains), then chunks that stop at an epoch's end. The step that ends an epoch also evaluates
// both sets, so it is timed apart (epoch_end_ms_, kept across frames) and a chunk that would
// end one starts only when there is time for it.
void Playground::train_slice(long due, double budget_ms, Clock::time_point t0) {
    const Trainer& trainer = model_.trainer();
    long done = 0;
    while (done < due && !trainer.diverged()) {
        const double left = budget_ms - ms_since(t0);
        const long to_end = trainer.steps_left_in_epoch();
        long chunk = done == 0 ? 1 : std::min({long(left / std::max(step_ms_, 1e-6)), due - done, to_end});
        if (done > 0 && chunk == to_end && double(chunk) * step_ms_ + epoch_end_ms_ > left) chunk = to_end - 1;
        if (chunk < 1) break;
        const int epoch = trainer.epoch();
        const auto t = Clock::now();
        model_.step(int(chunk));  // a step that stops training releases Play
        const double ms = ms_since(t);
        if (trainer.epoch() != epoch) epoch_end_ms_ = std::max(0.0, ms - double(chunk - 1) * step_ms_);
        else step_ms_ = ms / double(chunk);
        done += chunk;
    }
    pace_.trained(done);
}

// Colours and uploads the output picture and the units' thumbnails when they are new.
void Playground::refresh_textures(bool output, bool units) {
    const bool regression = !model_.trainer().has_accuracy();
    const int classes = model_.trainer().data().classes;
    if (output && grid_.size() == std::size_t(kGridSize * kGridSize)) {  // none yet while the output is not shown
        pixels_.resize(grid_.size());
        for (std::size_t i = 0; i < grid_.size(); ++i)
            pixels_[i] = output_rgba(grid_[i], grid_class_[i], classes, regression, discretize_);
        output_tex_ = textures_.upload(0, kGridSize, kGridSize, pixels_.data());
    }
    if (feature_tex_.empty()) upload_feature_thumbnails();
    if (!units) return;
    int slot = 1 + kFeatureCount;
    unit_tex_.resize(units_.size());
    pixels_.resize(std::size_t(kThumbSize * kThumbSize));
    for (std::size_t l = 0; l < units_.size(); ++l) {
        const Eigen::MatrixXf& A = units_[l];  // (units, kThumbSize^2)
        unit_tex_[l].resize(std::size_t(A.rows()));
        for (Eigen::Index u = 0; u < A.rows(); ++u) {
            const float scale = std::max(1e-6f, A.row(u).cwiseAbs().maxCoeff());  // keep the sign, fill the range
            for (Eigen::Index k = 0; k < A.cols(); ++k) pixels_[std::size_t(k)] = diverging_rgba(A(u, k) / scale);
            unit_tex_[l][std::size_t(u)] = textures_.upload(slot++, kThumbSize, kThumbSize, pixels_.data());
        }
    }
}

// Each input feature over the plane, scaled by its largest magnitude (drawn once).
void Playground::upload_feature_thumbnails() {
    pixels_.resize(std::size_t(kThumbSize * kThumbSize));
    for (int f = 0; f < kFeatureCount; ++f) {
        double top = 1e-9;
        for (int pass = 0; pass < 2; ++pass)
            for (int r = 0; r < kThumbSize; ++r)
                for (int c = 0; c < kThumbSize; ++c) {
                    const double x1 = -kPlaneExtent + 2 * kPlaneExtent * (c + 0.5) / kThumbSize;
                    const double x2 = kPlaneExtent - 2 * kPlaneExtent * (r + 0.5) / kThumbSize;
                    const double v = feature_value(Feature(f), x1, x2);
                    if (pass == 0) top = std::max(top, std::abs(v));
                    else pixels_[std::size_t(r * kThumbSize + c)] = diverging_rgba(float(v / top));
                }
        feature_tex_.push_back(textures_.upload(1 + f, kThumbSize, kThumbSize, pixels_.data()));
    }
}

}  // namespace bp
