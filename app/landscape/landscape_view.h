// The Landscape tab: the training loss on a 2-D slice through the live run's weights,
// L(theta + a d1 + b d2), as a heatmap with contour lines, a colour bar and axes, the path the
// optimizer walked projected onto it and the point it is at now; under it the learning-rate
// line L(theta - eta g). The engine computes all of it (engine/nn/landscape.h) a budget of
// points a frame; a new slice begins when the weights moved too far from its centre.
#pragma once
#include <map>
#include <tuple>
#include <string>
#include <vector>

#include "frame_grids.h"
#include "landscape.h"
#include "race.h"
#include "playground.h"
#include "textures.h"

namespace bp {

class LandscapeView {
public:
    static constexpr double kSliceMs = 3.0;         // the slice's share of a frame's engine time
    static constexpr long kMaxLrLineMacs = 30'000'000;  // larger nets: the line only while paused
    static constexpr int kTextureSlot = 4000;       // TextureStore slots no other view uses: the slice's,
    static constexpr int kRaceTextureSlot = 4001;   // the race surface's

    LandscapeView(Playground& playground, TextureStore& textures) : playground_(playground), textures_(textures) {}

    void observe();  // every frame, after training: the path remembers where the run went
    // The engine time this frame's update() wants kept from training: while a slice, a race or
    // its surface is being computed, kSliceMs or one loss evaluation if that takes longer, at
    // most three quarters of the frame's engine time; else 0.
    double wanted_ms() const;
    // While the tab shows: the slice's next points (in what is left of the frame's engine time
    // after `spent_ms` of training, at most kSliceMs), a new slice when stale, the line, the race.
    void update(double spent_ms);
    void draw();

    // Settings by key ("direction", "range", "resolution") into the model's (their one owner):
    // the warnings, each naming the key and what is allowed (a refused value keeps the old one).
    std::vector<std::string> set(const std::map<std::string, std::string>& values);
    const LandscapeSettings& settings() const { return playground_.model().landscape(); }
    void new_directions() { ++draw_, restart_ = true; }  // another random pair
    const LandscapeSlice& slice() const { return slice_; }
    const PathRecorder& path() const { return path_; }
    // The path on the slice, its last point the weights now (its loss NaN unless they are the centre's).
    const std::vector<PathPoint2D>& projected_path();
    const LrLine& lr_line() const { return line_; }
    bool lr_line_ready() const { return line_ready_; }
    // The line for the run as it is now, computed at once when it is not (the API's; the tab
    // refreshes it every 20 frames at most).
    const LrLine& lr_line_now();
    bool log_colors() const { return log_colors_; }

    // Optimizers side by side: 2 to 4 copies of the run from its start weights, each with the
    // run's config changed by one text (a hash "optimizer=adam" or JSON {"lr": 0.1}), trained in
    // lockstep (to their stop epoch, else kRaceEpochs); "" or the problem, naming the run (nothing
    // changed). Their loss curves and their paths on the plane of their joint principal directions.
    static constexpr int kRaceEpochs = 200;
    std::string start_race(const std::vector<std::string>& changes);
    const Race& race() const { return race_; }
    std::vector<std::string> race_labels() const;  // each run's differing values ("optimizer=adam")
    const std::vector<std::vector<PathPoint2D>>& race_paths() const { return race_paths_; }
    const Directions& race_directions() const { return race_dirs_; }
    // Once the race has ended: the loss on the paths' plane under them, a square around every
    // path (its centre at (race_centre_a(), race_centre_b()) in the paths' coordinates, which
    // start at the common start weights), computed a budget of points a frame like the slice.
    const LandscapeSlice& race_surface() const { return race_surface_; }
    double race_centre_a() const { return race_centre_[0]; }
    double race_centre_b() const { return race_centre_[1]; }

private:
    Trainer& trainer() { return playground_.model().trainer(); }
    void refresh_line(bool now = false);
    void draw_controls();
    void draw_slice(ImVec2 size);
    void draw_contours(ImDrawList* dl, ImVec2 p0, ImVec2 p1, int n, const std::vector<float>& norm) const;
    void draw_colour_bar(ImDrawList* dl, ImVec2 p0, ImVec2 size, const LandscapeSlice& slice) const;
    void draw_lr_line(ImVec2 size);
    // The colour scale's 0..1 over the slice's least and greatest loss (log10 when log_colors_).
    float normalized(const LandscapeSlice& slice, double loss) const;
    void update_race(double spent_ms);  // engine time the frame spent before it
    void draw_race(float width);
    void draw_race_paths(ImVec2 size);
    void begin_race_surface();
    // Computes `slice`'s next points in `ms` of engine time, following this device's pace.
    void advance(LandscapeSlice& slice, double ms);
    // The grid as a texture in `slot` (b upwards), its colour-scale values in `norm`.
    ImTextureID heatmap(const LandscapeSlice& slice, int slot, std::vector<float>& norm, std::vector<std::uint32_t>& pixels);

    Playground& playground_;
    TextureStore& textures_;
    LandscapeSettings begun_;  // the settings the slice was begun with
    LandscapeSlice slice_;
    PathRecorder path_;
    // The slice's multiply-adds and the race's examples per ms here: they start low (a slow
    // phone), so a first frame never overshoots, and follow each frame's measure quickly.
    WorkPace slice_pace_{2e5, 0.5}, race_pace_{50, 0.5};
    LrLine line_;
    bool line_ready_ = false, log_colors_ = true, restart_ = true;
    std::uint64_t line_key_ = 0;  // the weights and settings the line was computed at (a hash)
    int line_frames_ = 0;   // frames since then
    std::uint64_t draw_ = 0;  // which random pair ("New directions")
    ImTextureID texture_ = nullptr;
    std::vector<std::uint32_t> pixels_;
    std::vector<float> norm_;
    Race race_;
    std::string race_message_;
    Directions race_dirs_;
    std::vector<std::vector<PathPoint2D>> race_paths_;
    int race_frames_ = 0;  // since the paths were last projected
    LandscapeSlice race_surface_;
    double race_centre_[2] = {0, 0};
    ImTextureID race_texture_ = nullptr;
    std::vector<std::uint32_t> race_pixels_;
    std::vector<float> race_norm_;
    long begins_ = 0;      // slices begun so far
    std::vector<PathPoint2D> recorded_, projected_;  // the recorded points on the slice; and the point now
    std::tuple<long, std::size_t, long> projected_key_{-1, 0, 0};  // begins_, points, last point's step
};

}  // namespace bp
