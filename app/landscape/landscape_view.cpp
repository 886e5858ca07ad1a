// LandscapeView: the slice's heatmap (colour by loss, log10 by default), its contour lines,
// the path and the current point, the colour bar and axes, the controls, and the learning-rate
// line. The engine computes every number; this file only budgets, colours and draws them.
#include "landscape_view.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "colors.h"
#include "messages.h"
#include "settings.h"
#include "widgets.h"

namespace bp {

void LandscapeView::observe() { path_.observe(trainer()); }

void LandscapeView::update(double spent_ms) {
    const auto begun_at = std::chrono::steady_clock::now();
    Trainer& t = trainer();
    const LandscapeSettings& s = settings();
    const bool changed = s.kind != begun_.kind || s.range != begun_.range || s.resolution != begun_.resolution;
    // Weights that moved on begin a new slice once this one is complete (a large network's slice
    // takes many frames, and one begun again every frame would never be seen whole).
    if (restart_ || changed || !slice_.attached_to(t) || (slice_.complete() && slice_.stale(t))) {
        begun_ = s;
        slice_.begin(t, s, path_, draw_);
        restart_ = false;
        ++begins_;
    }
    const double slice_ms = std::clamp(FrameGrids::kEngineMs - spent_ms, 0.5, std::max(0.5, wanted_ms()));
    if (!slice_.complete()) advance(slice_, slice_ms);
    else if (race_surface_.started() && !race_surface_.complete()) advance(race_surface_, slice_ms);
    refresh_line();
    update_race(spent_ms + std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begun_at).count());
}

double LandscapeView::wanted_ms() const {
    const bool busy = !slice_.complete() || race_.running() || (race_surface_.started() && !race_surface_.complete());
    if (!busy) return 0;
    const double point_ms = double(slice_.macs_per_point()) / slice_pace_.per_ms;
    return std::min(0.75 * FrameGrids::kEngineMs, std::max(kSliceMs, point_ms));
}

void LandscapeView::advance(LandscapeSlice& slice, double ms) {
    const auto t0 = std::chrono::steady_clock::now();
    const long macs = slice.advance(long(slice_pace_.per_ms * ms));
    slice_pace_.add(macs, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
}

// The line again when the weights or the settings changed and a few frames passed (a net whose
// line costs more than kMaxLrLineMacs: only while paused).
void LandscapeView::refresh_line(bool now) {
    Trainer& t = trainer();
    if (line_ready_ && ++line_frames_ < 20 && !now) return;  // no hashing either, most frames
    const long cost = long(lr_line_etas().size() + 2) * std::max(1L, slice_.macs_per_point());
    if (cost > kMaxLrLineMacs && playground_.model().playing() && !now) return;
    // FNV-1a over the run's settings (a lesson's variant may start from the very same weights
    // with another rate) and the weights' bits.
    std::uint64_t key = 0xcbf29ce484222325ULL;
    auto mix = [&key](const unsigned char* p, const unsigned char* e) { for (; p != e; ++p) key = (key ^ *p) * 0x100000001b3ULL; };
    const std::string settings = to_hash(t.config()) + "@" + std::to_string(t.current_lr());
    mix(reinterpret_cast<const unsigned char*>(settings.data()), reinterpret_cast<const unsigned char*>(settings.data() + settings.size()));
    for (const Eigen::MatrixXf& m : params_of(t.model()))
        mix(reinterpret_cast<const unsigned char*>(m.data()), reinterpret_cast<const unsigned char*>(m.data() + m.size()));
    if (line_ready_ && key == line_key_) return void(line_frames_ = 0);
    line_ = bp::lr_line(t);
    line_ready_ = true;
    line_key_ = key;
    line_frames_ = 0;
}

// The recorded points (projected again only when one was recorded or a slice began), then the
// weights now: the red dot, which drifts from the centre until the slice is stale.
const std::vector<PathPoint2D>& LandscapeView::projected_path() {
    if (!slice_.started()) return projected_ = {};
    const auto& points = path_.points();
    const std::tuple<long, std::size_t, long> key{begins_, points.size(), points.empty() ? 0 : points.back().step};
    if (key != projected_key_) recorded_ = project_path(points, slice_.centre(), slice_.directions()), projected_key_ = key;
    PathPoint now;
    now.weights = params_of(trainer().model());
    now.step = trainer().steps();
    now.loss = same_bits(now.weights, slice_.centre()) ? slice_.centre_loss() : NAN;  // else not computed
    projected_ = recorded_;
    projected_.push_back(project_path({now}, slice_.centre(), slice_.directions()).front());
    return projected_;
}

const LrLine& LandscapeView::lr_line_now() {
    refresh_line(true);
    return line_;
}

std::vector<std::string> LandscapeView::set(const std::map<std::string, std::string>& values) {
    LandscapeSettings s = settings();
    std::vector<std::string> warnings = apply_landscape_settings(s, values);
    playground_.model().set_landscape(s);
    return warnings;
}

float LandscapeView::normalized(const LandscapeSlice& slice, double loss) const {
    const double lo = slice.min_loss(), hi = slice.max_loss();
    if (!std::isfinite(loss) || !(hi > lo)) return std::isfinite(loss) ? 0.5f : NAN;
    if (log_colors_ && lo > 0) return float((std::log10(loss) - std::log10(lo)) / (std::log10(hi) - std::log10(lo)));
    return float((loss - lo) / (hi - lo));
}

// Wide: the slice on the left, the learning-rate line beside it; narrow (a phone, an embed):
// one under the other, in a column that scrolls.
void LandscapeView::draw() {
    playground_.draw_toolbar();
    ImGui::BeginChild("landscape", ImVec2(0, 0), false);
    if (!playground_.draw_view_lesson(View::Landscape)) wrapped_text(tr("landscape.intro"));
    draw_controls();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    // Beside the slice: its b axis' labels on the left, the colour bar and its labels on the right.
    const float text_h = 3 * ImGui::GetTextLineHeightWithSpacing();
    const float axis_w = 2 * ImGui::CalcTextSize("-0.000").x + 60;
    const bool wide = avail.x >= 900;
    const float side = wide ? std::clamp(std::min(avail.y - text_h, avail.x * 0.55f - axis_w), 160.0f, 900.0f)
                            : std::max(140.0f, avail.x - axis_w);
    ImGui::BeginGroup();
    draw_slice(ImVec2(side, side));
    ImGui::EndGroup();
    if (wide) ImGui::SameLine(0, 24);
    ImGui::BeginGroup();
    const float line_w = wide ? ImGui::GetContentRegionAvail().x : avail.x;
    draw_lr_line(ImVec2(line_w, std::clamp(line_w * 0.5f, 140.0f, wide ? side * 0.6f : 260.0f)));
    draw_race(line_w);
    ImGui::EndGroup();
    ImGui::EndChild();
}

// The controls on as many rows as the width needs (a phone: one or two a row).
void LandscapeView::draw_controls() {
    const LandscapeSettings& now = settings();
    const char* kinds[] = {tr("landscape.random"), tr("landscape.path")};
    const float inner = ImGui::GetStyle().ItemInnerSpacing.x;
    auto labelled = [inner](float field, const char* label) { return field + inner + ImGui::CalcTextSize(label).x; };
    const float combo = std::min(ImGui::GetContentRegionAvail().x * 0.6f,
        std::max(ImGui::CalcTextSize(kinds[0]).x, ImGui::CalcTextSize(kinds[1]).x) + ImGui::GetFrameHeight() + 16);
    Flow flow;
    int kind = int(now.kind);
    flow.next(labelled(combo, tr("landscape.directions")));
    ImGui::SetNextItemWidth(combo);
    if (ImGui::Combo(tr("landscape.directions"), &kind, kinds, 2)) set({{"direction", kind == 0 ? "random" : "path"}});
    float range = float(now.range);
    flow.next(labelled(120, tr("landscape.range")));
    ImGui::SetNextItemWidth(120);
    if (ImGui::SliderFloat(tr("landscape.range"), &range, 0.05f, 10.0f, "%.2f", ImGuiSliderFlags_Logarithmic))
        set({{"range", std::to_string(range)}});
    int n = now.resolution;
    flow.next(labelled(100, tr("landscape.resolution")));
    ImGui::SetNextItemWidth(100);
    if (ImGui::SliderInt(tr("landscape.resolution"), &n, LandscapeSettings::kMinResolution, LandscapeSettings::kMaxResolution))
        set({{"resolution", std::to_string(n | 1)}});  // odd: the centre is a grid point
    flow.next(checkbox_width(tr("landscape.log")));
    ImGui::Checkbox(tr("landscape.log"), &log_colors_);
    flow.next(button_width(tr("landscape.new_directions")));
    if (small_button(tr("landscape.new_directions"))) new_directions();
    if (!slice_.directions().fallback.empty()) wrapped_text(relang(slice_.directions().fallback).c_str());
}

}  // namespace bp
