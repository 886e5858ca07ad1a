// LandscapeView's pictures: the slice as a heatmap texture with contour lines (marching squares
// on the colour scale's values), axes in units of d1 and d2, the projected path and the point
// now, the colour bar; and the learning-rate line on a log10 eta axis with the run's rate and
// the largest rate that still lowers the loss marked.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "colors.h"
#include "landscape_view.h"
#include "messages.h"
#include "text_util.h"
#include "widgets.h"

namespace bp {
namespace {
constexpr int kContours = 10;
constexpr ImU32 kPath = IM_COL32(255, 255, 255, 255), kNow = IM_COL32(255, 90, 90, 255);
constexpr ImU32 kContour = IM_COL32(255, 255, 255, 70);

// Where a value t in [lo, hi] of an axis lands between two pixels.
float along(double t, double lo, double hi, float p0, float p1) { return p0 + float((t - lo) / (hi - lo)) * (p1 - p0); }

void axis_ticks(ImDrawList* dl, ImVec2 p0, ImVec2 p1, double r) {  // -r, 0, r on both axes
    char text[32];
    for (double v : {-r, 0.0, r}) {
        std::snprintf(text, sizeof text, "%.3g", v);
        const float x = along(v, -r, r, p0.x, p1.x), y = along(v, -r, r, p1.y, p0.y);
        const ImVec2 tw = ImGui::CalcTextSize(text);
        dl->AddLine(ImVec2(x, p1.y), ImVec2(x, p1.y + 3), kAxisText);
        dl->AddText(ImVec2(std::clamp(x - tw.x / 2, p0.x, p1.x - tw.x), p1.y + 3), kAxisText, text);
        dl->AddLine(ImVec2(p0.x - 3, y), ImVec2(p0.x, y), kAxisText);
        dl->AddText(ImVec2(p0.x - 5 - tw.x, std::clamp(y - tw.y / 2, p0.y, p1.y - tw.y)), kAxisText, text);
    }
}
}  // namespace

ImTextureID LandscapeView::heatmap(const LandscapeSlice& slice, int slot, std::vector<float>& norm, std::vector<std::uint32_t>& pixels) {
    const int n = slice.resolution();
    norm.assign(slice.loss().size(), NAN);
    pixels.resize(norm.size());
    for (std::size_t k = 0; k < norm.size(); ++k) {
        norm[k] = normalized(slice, slice.loss()[k]);
        // Texture row 0 at the top: b grows upwards, so the grid's last row comes first.
        const std::size_t i = k % std::size_t(n), j = std::size_t(n) - 1 - k / std::size_t(n);
        pixels[j * std::size_t(n) + i] = sequential_rgba(norm[k]);
    }
    return pixels.empty() ? nullptr : textures_.upload(slot, n, n, pixels.data());
}

void LandscapeView::draw_slice(ImVec2 size) {
    const int n = slice_.resolution();
    texture_ = heatmap(slice_, kTextureSlot, norm_, pixels_);
    const float left = ImGui::CalcTextSize("-0.000").x + 8;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + left);
    const ImVec2 p0 = ImGui::GetCursorScreenPos(), p1(p0.x + size.x, p0.y + size.y);
    ImGui::InvisibleButton("slice", size);
    const bool hovered = ImGui::IsItemHovered();
    ImGui::SameLine(0, 0);
    ImGui::Dummy(ImVec2(30 + ImGui::CalcTextSize("0.00000").x, size.y));  // the colour bar and its labels
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (texture_) dl->AddImage(texture_, p0, p1);
    draw_contours(dl, p0, p1, n, norm_);
    const double r = begun_.range;
    axis_ticks(dl, p0, p1, r);
    std::vector<ImVec2> line;
    for (const PathPoint2D& q : projected_path())
        line.emplace_back(along(q.a, -r, r, p0.x, p1.x), along(q.b, -r, r, p1.y, p0.y));
    dl->PushClipRect(p0, p1, true);
    if (line.size() > 1) dl->AddPolyline(line.data(), int(line.size()), kPath, 0, 1.5f);
    if (!line.empty()) dl->AddCircleFilled(line.back(), 4.5f, kNow), dl->AddCircle(line.back(), 5.5f, IM_COL32(0, 0, 0, 255));
    dl->PopClipRect();
    if (hovered && n > 1) {  // the loss under the pointer, from the grid
        const ImVec2 m = ImGui::GetIO().MousePos;
        const int i = std::clamp(int(std::lround((m.x - p0.x) / size.x * float(n - 1))), 0, n - 1);
        const int j = std::clamp(int(std::lround((p1.y - m.y) / size.y * float(n - 1))), 0, n - 1);
        ImGui::SetTooltip("%s", msg_now("landscape.point", {{"a", readable(slice_.a()[std::size_t(i)], 3)},
            {"b", readable(slice_.b()[std::size_t(j)], 3)}, {"loss", readable(slice_.loss_at(i, j), 4)}}).c_str());
    }
    draw_colour_bar(dl, ImVec2(p1.x + 12, p0.y), ImVec2(14, size.y), slice_);
    const std::string caption = msg_now("landscape.caption", {{"centre", readable(slice_.centre_loss(), 4)},
        {"done", std::to_string(int(std::lround(100 * slice_.progress())))}});
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + left);
    ImGui::Dummy(ImVec2(1, ImGui::GetTextLineHeight()));
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + left);
    wrapped_text(caption.c_str(), size.x + 60);
}

// Marching squares: in each grid cell, each level's segment where the values cross it.
void LandscapeView::draw_contours(ImDrawList* dl, ImVec2 p0, ImVec2 p1, int n, const std::vector<float>& v) const {
    if (n < 2 || int(v.size()) != n * n) return;
    const float cw = (p1.x - p0.x) / float(n - 1), ch = (p1.y - p0.y) / float(n - 1);
    auto at = [&](int i, int j) { return v[std::size_t(j) * std::size_t(n) + std::size_t(i)]; };
    auto pos = [&](float i, float j) { return ImVec2(p0.x + i * cw, p1.y - j * ch); };
    for (int j = 0; j + 1 < n; ++j)
        for (int i = 0; i + 1 < n; ++i) {
            const float c[4] = {at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)};  // corners, counter-clockwise
            if (!(std::isfinite(c[0]) && std::isfinite(c[1]) && std::isfinite(c[2]) && std::isfinite(c[3]))) continue;
            const float ci[4] = {0, 1, 1, 0}, cj[4] = {0, 0, 1, 1};
            for (int level = 1; level < kContours; ++level) {
                const float z = float(level) / kContours;
                ImVec2 ends[4];
                int found = 0;
                for (int e = 0; e < 4; ++e) {  // edge from corner e to e+1
                    const int f = (e + 1) % 4;
                    if ((c[e] < z) == (c[f] < z)) continue;
                    const float t = (z - c[e]) / (c[f] - c[e]);
                    ends[found++] = pos(float(i) + ci[e] + t * (ci[f] - ci[e]), float(j) + cj[e] + t * (cj[f] - cj[e]));
                }
                for (int k = 0; k + 1 < found; k += 2) dl->AddLine(ends[k], ends[k + 1], kContour);
            }
        }
}

void LandscapeView::draw_colour_bar(ImDrawList* dl, ImVec2 p0, ImVec2 size, const LandscapeSlice& slice) const {
    constexpr int kSteps = 16;
    for (int s = 0; s < kSteps; ++s) {
        const float y0 = p0.y + size.y * float(kSteps - 1 - s) / kSteps, y1 = p0.y + size.y * float(kSteps - s) / kSteps;
        dl->AddRectFilled(ImVec2(p0.x, y0), ImVec2(p0.x + size.x, y1), sequential_rgba((float(s) + 0.5f) / kSteps));
    }
    const double lo = slice.min_loss(), hi = slice.max_loss();
    if (!std::isfinite(lo)) return;
    dl->AddText(ImVec2(p0.x + size.x + 4, p0.y), kAxisText, readable(hi, 3).c_str());
    dl->AddText(ImVec2(p0.x + size.x + 4, p0.y + size.y - ImGui::GetTextLineHeight()), kAxisText, readable(lo, 3).c_str());
}

void LandscapeView::draw_lr_line(ImVec2 size) {
    heading(tr("landscape.lr_line"));
    if (!line_ready_) return wrapped_text(tr("landscape.lr_line_paused"));
    const float left = ImGui::CalcTextSize("0.0000").x + 8;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + left);
    const float right = ImGui::CalcTextSize("1e1").x;  // room for the last tick's label
    const ImVec2 p0 = ImGui::GetCursorScreenPos(), plot(size.x - left - right, size.y - 2 * ImGui::GetTextLineHeight());
    const ImVec2 p1(p0.x + plot.x, p0.y + plot.y);
    ImGui::InvisibleButton("lr_line", plot);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p0, p1, IM_COL32(20, 22, 27, 255));
    const double x_lo = std::log10(line_.etas.front()), x_hi = std::log10(line_.etas.back());
    const double y_lo = 0, y_hi = std::max(1e-12, 2 * line_.loss0);  // losses above twice the start are cut
    auto xy = [&](double eta, double loss) {
        return ImVec2(along(std::log10(eta), x_lo, x_hi, p0.x, p1.x), along(std::clamp(loss, y_lo, y_hi), y_lo, y_hi, p1.y, p0.y));
    };
    std::vector<ImVec2> pts;
    for (std::size_t k = 0; k < line_.etas.size(); ++k)
        if (std::isfinite(line_.losses[k])) pts.push_back(xy(line_.etas[k], line_.losses[k]));
        else pts.push_back(xy(line_.etas[k], y_hi));  // diverged: off the top
    dl->AddLine(xy(line_.etas.front(), line_.loss0), xy(line_.etas.back(), line_.loss0), kGrid);
    dl->AddPolyline(pts.data(), int(pts.size()), kTrainLine, 0, 1.5f);
    const ImVec2 now = xy(line_.lr, line_.loss_at_lr);
    dl->AddLine(ImVec2(now.x, p0.y), ImVec2(now.x, p1.y), kNow);
    if (line_.best_eta > 0) dl->AddLine(ImVec2(xy(line_.best_eta, 0).x, p0.y), ImVec2(xy(line_.best_eta, 0).x, p1.y), kWarning);
    for (int e = int(std::ceil(x_lo)); e <= int(std::floor(x_hi)); ++e) {
        const std::string label = readable(std::pow(10.0, e), 1);
        const float x = along(e, x_lo, x_hi, p0.x, p1.x);
        dl->AddLine(ImVec2(x, p1.y), ImVec2(x, p1.y + 3), kAxisText);
        dl->AddText(ImVec2(x - ImGui::CalcTextSize(label.c_str()).x / 2, p1.y + 3), kAxisText, label.c_str());
    }
    for (double v : {y_lo, line_.loss0, y_hi}) {
        const std::string label = readable(v, 3);
        const float y = along(v, y_lo, y_hi, p1.y, p0.y);
        dl->AddText(ImVec2(p0.x - 5 - ImGui::CalcTextSize(label.c_str()).x, y - ImGui::GetTextLineHeight() / 2), kAxisText, label.c_str());
    }
    ImGui::Dummy(ImVec2(1, ImGui::GetTextLineHeight()));
    const std::string caption = msg_now("landscape.lr_line_caption", {{"lr", readable(line_.lr, 3)}, {"loss", readable(line_.loss_at_lr, 4)},
        {"loss0", readable(line_.loss0, 4)}}) + " " + msg_now(lr_best_key(line_), {{"best", readable(line_.best_eta, 3)}});
    wrapped_text(caption.c_str(), size.x);
}

}  // namespace bp
