// LandscapeView's race: copies of the run with other training settings from the same start,
// trained side by side; their loss curves overlaid (labelled by the settings they differ in)
// and their paths on the plane of their joint principal directions.
#include <algorithm>
#include <chrono>
#include <cmath>

#include "colors.h"
#include "kept_runs.h"
#include "landscape_view.h"
#include "messages.h"
#include "plot.h"
#include "settings.h"
#include "text_util.h"
#include "widgets.h"

namespace bp {
namespace {
// The paths' plane is found again every this many frames while racing, when it is cheap
// enough (the Gram matrix of every snapshot: snapshots^2 x parameters multiply-adds).
constexpr int kRaceProjectFrames = 30;
constexpr double kMaxProjectMacs = 5e7;
}  // namespace

std::string LandscapeView::start_race(const std::vector<std::string>& changes) {
    std::vector<Config> configs;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        Config c = trainer().config();
        const std::string& text = changes[i];
        const bool json = text.find_first_not_of(" \t\r\n") != std::string::npos && text[text.find_first_not_of(" \t\r\n")] == '{';
        const std::vector<std::string> warnings = json ? apply_json_text(c, text) : apply_hash(c, text);
        if (!warnings.empty()) return msg("landscape.race_config", {{"index", std::to_string(i + 1)}, {"problem", warnings[0]}});
        if (c.stop_epoch <= 0 || c.stop_epoch > trainer().epoch() + kRaceEpochs) c.stop_epoch = kRaceEpochs;
        configs.push_back(c);
    }
    std::string problem = race_.start(trainer(), configs);
    if (problem.empty()) race_paths_.clear(), race_frames_ = kRaceProjectFrames, race_surface_ = LandscapeSlice();
    race_message_ = problem;
    return problem;
}

std::vector<std::string> LandscapeView::race_labels() const {
    std::vector<const Config*> configs;
    for (int i = 0; i < race_.size(); ++i) configs.push_back(&race_.config(i));
    std::vector<std::string> labels;
    for (int i = 0; i < race_.size(); ++i) {
        const std::string values = differing_values(race_.config(i), configs);
        labels.push_back("#" + std::to_string(i + 1) + (values.empty() ? "" : " " + values));
    }
    return labels;
}

void LandscapeView::update_race(double spent_ms) {
    if (race_.size() == 0) return;
    // As many examples as this device trains in what is left of the frame's engine time (at
    // least one step), at the pace the race measured so far.
    if (race_.running()) {
        const double left = std::max(0.5, FrameGrids::kEngineMs - spent_ms);
        const auto t0 = std::chrono::steady_clock::now();
        const long examples = race_.step(std::max(1L, long(race_pace_.per_ms * left)));
        race_pace_.add(examples, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    // Read after the step: the frame that ends the race projects its final paths, so the state
    // read once it has ended (raceState) holds every snapshot, not the plane of 30 frames ago.
    const bool running = race_.running();
    if (++race_frames_ < kRaceProjectFrames && running) return;
    long snapshots = 0;
    for (int i = 0; i < race_.size(); ++i) snapshots += long(race_.path(i).points().size());
    const double params = double(flatten(race_.start_weights()).size());
    if (double(snapshots) * double(snapshots) * params > kMaxProjectMacs && running) return;
    if (!running && !race_paths_.empty() && race_frames_ > kRaceProjectFrames) return;  // the final plane is drawn
    race_dirs_ = race_.directions();
    race_paths_ = race_.projected(race_dirs_);
    race_frames_ = running ? 0 : kRaceProjectFrames + 1;
    if (!running) begin_race_surface();
}

// A square around every path and the start, 10% wider, on the paths' plane; its points are
// computed later, a budget a frame, once the tab's own slice is complete.
void LandscapeView::begin_race_surface() {
    float lo[2] = {0, 0}, hi[2] = {0, 0};
    for (const auto& path : race_paths_)
        for (const PathPoint2D& q : path)
            for (int k = 0; k < 2; ++k) lo[k] = std::min(lo[k], float(k ? q.b : q.a)), hi[k] = std::max(hi[k], float(k ? q.b : q.a));
    LandscapeSettings s;
    s.kind = race_dirs_.kind;
    s.range = 0.55 * std::max(hi[0] - lo[0], hi[1] - lo[1]);
    s.resolution = settings().resolution;
    if (!validate(s).empty()) return;  // no path left the start, or one went past kMaxRange: no surface
    race_centre_[0] = 0.5 * (lo[0] + hi[0]);
    race_centre_[1] = 0.5 * (lo[1] + hi[1]);
    const Params centre = combine(race_.start_weights(), race_dirs_.d1, race_dirs_.d2, float(race_centre_[0]), float(race_centre_[1]));
    race_surface_.begin(race_.trainer(0), centre, s, race_dirs_);
}

void LandscapeView::draw_race(float width) {
    heading(tr("landscape.race"));
    if (small_button(tr("landscape.race_optimizers"))) start_race({"optimizer=sgd", "optimizer=momentum", "optimizer=adam"});
    ImGui::SameLine();
    if (small_button(tr("landscape.race_rates"))) {
        const double lr = trainer().config().lr;
        start_race({"lr=" + readable(lr / 10, 6), "lr=" + readable(lr, 6), "lr=" + readable(lr * 10, 6)});
    }
    if (!race_message_.empty()) wrapped_text(relang(race_message_).c_str());
    if (race_.size() == 0) return wrapped_text(tr("landscape.race_hint"));
    const std::vector<std::string> labels = race_labels();
    std::vector<std::vector<float>> losses(std::size_t(race_.size()));
    std::vector<PlotLine> lines;
    for (int i = 0; i < race_.size(); ++i) {
        for (const EpochRecord& r : race_.history(i).records()) losses[std::size_t(i)].push_back(float(r.train_loss));
        lines.push_back({&losses[std::size_t(i)], line_color(std::size_t(i)), labels[std::size_t(i)].c_str()});
    }
    PlotOptions options;
    options.log_y = true;
    options.x_label = tr("loss.epoch_axis");
    options.legend = true;
    const float h = std::clamp(width * 0.45f, 140.0f, 240.0f);
    draw_line_plot("race_losses", lines, options, ImVec2(width, h));
    const float bar = 30 + ImGui::CalcTextSize("0.00000").x;  // the colour bar and its labels
    const float side = std::clamp(width - bar, 100.0f, 360.0f);
    draw_race_paths(ImVec2(race_surface_.started() ? side : width, race_surface_.started() ? side : h));
}

// The paths on their joint plane: a and b in the plane's units, each run in its colour from
// the common start (0, 0) to a ring where it is now. Once the race has ended, on the loss
// surface of that plane (a square, the same units on both axes) with its colour bar.
void LandscapeView::draw_race_paths(ImVec2 size) {
    if (race_paths_.empty()) return wrapped_text(tr("landscape.race_paths_later"));
    float lo_a = 0, hi_a = 0, lo_b = 0, hi_b = 0;
    const bool surface = race_surface_.started();
    if (surface) {
        const float r = float(race_surface_.settings().range);
        lo_a = float(race_centre_[0]) - r, hi_a = float(race_centre_[0]) + r, lo_b = float(race_centre_[1]) - r, hi_b = float(race_centre_[1]) + r;
    } else {
        for (const auto& path : race_paths_)
            for (const PathPoint2D& q : path)
                lo_a = std::min(lo_a, float(q.a)), hi_a = std::max(hi_a, float(q.a)), lo_b = std::min(lo_b, float(q.b)), hi_b = std::max(hi_b, float(q.b));
        const float pad_a = 0.05f * std::max(1e-6f, hi_a - lo_a), pad_b = 0.05f * std::max(1e-6f, hi_b - lo_b);
        lo_a -= pad_a, hi_a += pad_a, lo_b -= pad_b, hi_b += pad_b;
    }
    const ImVec2 p0 = ImGui::GetCursorScreenPos(), p1(p0.x + size.x, p0.y + size.y);
    ImGui::InvisibleButton("race_paths", size);
    if (surface) ImGui::SameLine(0, 0), ImGui::Dummy(ImVec2(30 + ImGui::CalcTextSize("0.00000").x, size.y));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p0, p1, IM_COL32(20, 22, 27, 255));
    if (surface) {
        race_texture_ = heatmap(race_surface_, kRaceTextureSlot, race_norm_, race_pixels_);
        if (race_texture_) dl->AddImage(race_texture_, p0, p1);
        draw_contours(dl, p0, p1, race_surface_.resolution(), race_norm_);
        draw_colour_bar(dl, ImVec2(p1.x + 12, p0.y), ImVec2(14, size.y), race_surface_);
    }
    auto at = [&](const PathPoint2D& q) {
        return ImVec2(p0.x + (float(q.a) - lo_a) / (hi_a - lo_a) * size.x, p1.y - (float(q.b) - lo_b) / (hi_b - lo_b) * size.y);
    };
    for (std::size_t i = 0; i < race_paths_.size(); ++i) {
        std::vector<ImVec2> line;
        for (const PathPoint2D& q : race_paths_[i]) line.push_back(at(q));
        if (surface)  // a dark edge, seen on any colour: segment by segment, so sharp turns grow no spikes
            for (std::size_t k = 1; k < line.size(); ++k) dl->AddLine(line[k - 1], line[k], IM_COL32(0, 0, 0, 200), 4.0f);
        if (surface)
            for (std::size_t k = 1; k < line.size(); ++k) dl->AddLine(line[k - 1], line[k], line_color(i), 2.0f);
        else if (line.size() > 1)
            dl->AddPolyline(line.data(), int(line.size()), line_color(i), 0, 2.0f);
        if (!line.empty()) dl->AddCircle(line.back(), 5, line_color(i), 0, 2.0f);
    }
    dl->AddCircleFilled(at(PathPoint2D{}), 4, kPanelText);  // the common start
    const float text_w = surface ? size.x + 30 + ImGui::CalcTextSize("0.00000").x : size.x;
    wrapped_text(msg_now("landscape.race_caption", {{"kind", tr(race_dirs_.kind == DirectionKind::PathPca ? "landscape.path" : "landscape.random")}}).c_str(), text_w);
    if (surface) wrapped_text(msg_now("landscape.race_surface", {{"done", std::to_string(int(std::lround(100 * race_surface_.progress())))}}).c_str(), text_w);
}

}  // namespace bp
