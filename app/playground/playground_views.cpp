// The output view (decision boundary heatmap with the data points, click to add, right-
// click to erase, hover for the network's output; for a regression on one input the fit
// plot, y against x1, instead), the loss view and the callouts.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

#include "clip_report.h"
#include "colors.h"
#include "dots.h"
#include "findings.h"
#include "imgui.h"
#include "playground.h"
#include "plot.h"
#include "plot_math.h"
#include "text_util.h"
#include "widgets.h"
#include "messages.h"

namespace bp {

namespace {
constexpr int kFitPoints = 201;                              // the fit plot's curve: x1 every 0.06
constexpr ImU32 kFitCurve = IM_COL32(255, 214, 60, 255);     // the network's curve over the points
ImVec2 to_screen(ImVec2 p0, float size, double x1, double x2) {
    return ImVec2(p0.x + float((x1 + kPlaneExtent) / (2 * kPlaneExtent)) * size,
                  p0.y + float((kPlaneExtent - x2) / (2 * kPlaneExtent)) * size);
}
void from_screen(ImVec2 p0, float size, ImVec2 m, double& x1, double& x2) {
    x1 = -kPlaneExtent + 2 * kPlaneExtent * double(m.x - p0.x) / size;
    x2 = kPlaneExtent - 2 * kPlaneExtent * double(m.y - p0.y) / size;
}

// The plane's coordinate ticks: -6 ... 6 under it and left of it, outside the heatmap.
void plane_ticks(ImDrawList* dl, ImVec2 p0, float size) {
    const float line_h = ImGui::GetTextLineHeight();
    for (double v : linear_ticks(-kPlaneExtent, kPlaneExtent, 7)) {
        const std::string text = readable(v, 3);
        const ImVec2 t = ImGui::CalcTextSize(text.c_str());
        const ImVec2 at = to_screen(p0, size, v, v);
        dl->AddLine(ImVec2(at.x, p0.y + size), ImVec2(at.x, p0.y + size + 3), kAxisText);
        add_text(dl, ImVec2(std::clamp(at.x - t.x / 2, p0.x - 4, p0.x + size - t.x), p0.y + size + 3), kAxisText, text.c_str());
        dl->AddLine(ImVec2(p0.x - 3, at.y), ImVec2(p0.x, at.y), kAxisText);
        add_text(dl, ImVec2(p0.x - 5 - t.x, std::clamp(at.y - line_h / 2, p0.y - 2, p0.y + size - line_h + 2)), kAxisText,
                    text.c_str());
    }
}

// A horizontal colour bar of the heatmap's map under the plane, its caption on the left and
// its values under it: P(class 1) 0..1, the winner's probability 1/k..1 (a stripe per
// class), or the regression output (the map is clipped to -1..1).
void colour_bar(ImDrawList* dl, ImVec2 at, float width, const Dataset& d, bool discrete) {
    const bool regression = d.task == Task::Regression;
    const int k = regression ? 1 : d.classes;
    const char* caption = tr(regression ? "output.caption_regression" : k <= 2 ? "output.caption_binary" : "output.caption_winner");
    const float lo = regression ? -1.0f : k <= 2 ? 0.0f : 1.0f / float(k), hi = 1;
    const float cap_w = ImGui::CalcTextSize(caption).x;
    add_text(dl, ImVec2(at.x, at.y), kPanelText, caption);
    const float x0 = at.x + cap_w + 10, x1 = at.x + width - 8, bar_h = 10;
    const int stripes = k > 2 ? k : 1, steps = 48;
    for (int s = 0; s < stripes; ++s)
        for (int i = 0; i < steps; ++i) {
            auto colour = [&](int j) {
                const float v = lo + (hi - lo) * float(j) / float(steps);
                return ImU32(output_rgba(v, s, std::max(2, k), regression, discrete));
            };
            const float y0 = at.y + 3 + bar_h * float(s) / float(stripes), y1 = at.y + 3 + bar_h * float(s + 1) / float(stripes);
            dl->AddRectFilledMultiColor(ImVec2(x0 + (x1 - x0) * float(i) / steps, y0), ImVec2(x0 + (x1 - x0) * float(i + 1) / steps, y1),
                                        colour(i), colour(i + 1), colour(i + 1), colour(i));
        }
    for (float v : {lo, (lo + hi) / 2, hi}) {
        const std::string text = readable(v, 2);
        const float w = ImGui::CalcTextSize(text.c_str()).x, x = x0 + (x1 - x0) * (v - lo) / (hi - lo);
        dl->AddLine(ImVec2(x, at.y + 3 + bar_h), ImVec2(x, at.y + 6 + bar_h), kAxisText);
        add_text(dl, ImVec2(std::clamp(x - w / 2, x0 - 4, x1 + 4 - w), at.y + 6 + bar_h), kAxisText, text.c_str());
    }
}
}  // namespace

// `size` is the square the view may fill: the plane, its ticks (left, below) and the colour
// bar (below) fit in it.
void Playground::draw_output_view(float size, bool fill_height) {
    heading(tr("panel.output"));
    Flow flow;
    for (auto [label, value] : {std::pair{tr("output.discretize"), &discretize_}, std::pair{tr("output.show_test"), &show_test_}}) {
        flow.next(checkbox_width(label));
        ImGui::Checkbox(label, value);
    }
    const Dataset& d = model_.trainer().data();
    const float line_h = ImGui::GetTextLineHeight();
    const float left = ImGui::CalcTextSize("-6").x + 8, below = line_h + 4, bar = 2 * line_h + 10;
    if (fill_height) size = std::min(size, ImGui::GetContentRegionAvail().y);
    const float plane = std::max(40.0f, size - below - bar);
    const ImVec2 corner = ImGui::GetCursorScreenPos();
    const float shift = left;  // the y labels' margin: left + plane <= size, as below + bar > left
    ImGui::SetCursorScreenPos(ImVec2(corner.x + shift, corner.y));
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::Image(output_tex_, ImVec2(plane, plane));
    output_rect_ = ImVec4(p0.x, p0.y, plane, plane);
    size = plane;
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    plane_ticks(dl, p0, plane);
    colour_bar(dl, ImVec2(corner.x, p0.y + plane + below), shift + plane, d, discretize_);
    ImGui::SetCursorScreenPos(ImVec2(corner.x, p0.y + plane + below + bar));
    ImGui::Dummy(ImVec2(shift + plane, 0));
    const bool regression = d.task == Task::Regression;
    auto draw_points = [&](const std::vector<Point>& pts, ImU32 outline) {
        for (const Point& p : pts) {
            const ImU32 fill = regression ? diverging_rgba(float(p.label)) : class_color(int(p.label));
            const ImVec2 c = to_screen(p0, size, p.x1, p.x2);
            add_dot(dl, c, 3.5f, fill, outline);
        }
    };
    draw_points(d.train, IM_COL32(255, 255, 255, 220));
    if (show_test_) draw_points(d.test, IM_COL32(0, 0, 0, 255));
    if (!hovered) return;
    double x1, x2;
    from_screen(p0, size, ImGui::GetIO().MousePos, x1, x2);
    const int col = std::clamp(int((x1 + kPlaneExtent) / (2 * kPlaneExtent) * kGridSize), 0, kGridSize - 1);
    const int row = std::clamp(int((kPlaneExtent - x2) / (2 * kPlaneExtent) * kGridSize), 0, kGridSize - 1);
    const std::size_t k = std::size_t(row * kGridSize + col);
    const MessageArgs args = {{"x1", readable(x1, 3)}, {"x2", readable(x2, 3)}, {"v", readable(grid_[k], 3)},
                              {"class", std::to_string(grid_class_[k])}};
    ImGui::SetTooltip("%s", msg_now(regression ? "output.tip_regression" : d.classes == 2 ? "output.tip_binary" : "output.tip_class", args).c_str());
    // A finger adds a point when it lifts without having moved (a drag scrolls the page): as
    // ImGui saw it, and as the window's events say (a flick may arrive within one frame).
    const bool still = ImGui::GetIO().MouseDragMaxDistanceSqr[0] < 100 && std::max(pointer_press().travel.x, pointer_press().travel.y) < 10;
    const bool tap = touch_ ? ImGui::IsMouseReleased(ImGuiMouseButton_Left) && still : ImGui::IsMouseClicked(ImGuiMouseButton_Left);
    const bool edit = tap || ImGui::IsMouseClicked(ImGuiMouseButton_Right);
    if (edit && model_.refuse_data_edit()) return;  // a task keeps its data
    if (tap && !regression) model_.trainer().add_point({x1, x2, double(add_class_)});
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Right)) model_.trainer().erase_near(x1, x2, 0.4);
}

// A regression on one input (the sine set, or features of x1 alone): y against x1 instead
// of a plane whose second axis means nothing here.
bool Playground::fit_plot() const {
    const Config& c = model_.config();
    if (model_.trainer().data().task != Task::Regression) return false;
    if (c.dataset == DatasetKind::Sine) return true;
    return std::all_of(c.features.begin(), c.features.end(),
                       [](Feature f) { return f == Feature::X1 || f == Feature::X1Sq || f == Feature::SinX1; });
}

// The fit plot: the training (white ring) and test (black ring) points at (x1, y) and the
// network's output along x1 (at x2 = 0, where the sine set's points lie) as a curve, with
// x1's ticks -6 ... 6 and y's from the data and the curve. `size`: the square it may fill.
void Playground::draw_fit_view(float size, bool fill_height) {
    heading(tr("panel.fit"));
    if (fill_height) size = std::min(size, ImGui::GetContentRegionAvail().y);
    std::vector<float> curve;
    output_curve(model_.trainer(), kFitPoints, 0.0, curve);
    const Dataset& d = model_.trainer().data();
    float lo = INFINITY, hi = -INFINITY;
    for (float v : curve) if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    for (const auto* pts : {&d.train, &d.test})
        for (const Point& p : *pts) lo = std::min(lo, float(p.label)), hi = std::max(hi, float(p.label));
    if (!std::isfinite(lo) || hi - lo < 1e-6f) lo = std::isfinite(lo) ? lo - 1 : -1, hi = lo + 2;
    const std::vector<double> y_ticks = linear_ticks(lo, hi, 5);
    const float line_h = ImGui::GetTextLineHeight();
    float left = 0;
    for (double v : y_ticks) left = std::max(left, ImGui::CalcTextSize(readable(v, 3).c_str()).x);
    left += 8;
    const ImVec2 corner = ImGui::GetCursorScreenPos();
    const float w = std::max(60.0f, size - left - 6), h = std::max(60.0f, std::min(w, size - line_h - 8));
    const ImVec2 a(corner.x + left, corner.y), b(a.x + w, a.y + h);  // the data area
    ImGui::Dummy(ImVec2(size, h + line_h + 8));
    output_rect_ = ImVec4(a.x, a.y, w, h);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, b, IM_COL32(20, 22, 27, 255));
    auto sx = [&](double x1) { return a.x + float((x1 + kPlaneExtent) / (2 * kPlaneExtent)) * w; };
    auto sy = [&](double y) { return b.y - float((y - lo) / (hi - lo)) * h; };
    for (double v : linear_ticks(-kPlaneExtent, kPlaneExtent, 7)) {
        const std::string text = readable(v, 3);
        const float tw = ImGui::CalcTextSize(text.c_str()).x;
        dl->AddLine(ImVec2(sx(v), a.y), ImVec2(sx(v), b.y + 3), kGrid);
        add_text(dl, ImVec2(std::clamp(sx(v) - tw / 2, a.x - 4, b.x - tw), b.y + 3), kAxisText, text.c_str());
    }
    for (double v : y_ticks) {
        const std::string text = readable(v, 3);
        dl->AddLine(ImVec2(a.x - 3, sy(v)), ImVec2(b.x, sy(v)), kGrid);
        add_text(dl, ImVec2(a.x - 5 - ImGui::CalcTextSize(text.c_str()).x, std::clamp(sy(v) - line_h / 2, a.y - 2, b.y - line_h + 2)),
                 kAxisText, text.c_str());
    }
    add_text(dl, ImVec2(b.x - ImGui::CalcTextSize("x1").x - 4, b.y - line_h - 2), kAxisText, "x1");
    add_text(dl, ImVec2(a.x + 4, a.y + 2), kAxisText, "y");
    dl->PushClipRect(a, b, true);
    auto draw_points = [&](const std::vector<Point>& pts, ImU32 outline) {
        for (const Point& p : pts) {
            const ImVec2 c(sx(p.x1), sy(p.label));
            add_dot(dl, c, 3.0f, diverging_rgba(float(p.label)), outline);
        }
    };
    draw_points(d.train, IM_COL32(255, 255, 255, 220));
    if (show_test_) draw_points(d.test, IM_COL32(0, 0, 0, 255));
    std::vector<ImVec2> line;
    for (std::size_t i = 0; i < curve.size(); ++i)
        if (std::isfinite(curve[i])) line.push_back(ImVec2(sx(-kPlaneExtent + 2 * kPlaneExtent * double(i) / double(curve.size() - 1)), sy(curve[i])));
    dl->AddPolyline(line.data(), int(line.size()), kFitCurve, 0, 2.5f);
    dl->PopClipRect();
    if (ImGui::IsMouseHoveringRect(a, b) && ImGui::IsWindowHovered()) {
        const double x1 = -kPlaneExtent + 2 * kPlaneExtent * double(ImGui::GetIO().MousePos.x - a.x) / w;
        const std::size_t i = std::size_t(std::clamp(std::lround((x1 + kPlaneExtent) / (2 * kPlaneExtent) * double(curve.size() - 1)), 0L, long(curve.size()) - 1));
        ImGui::SetTooltip("%s", msg_now("output.tip_fit", {{"x1", readable(x1, 3)}, {"v", readable(curve[i], 3)}}).c_str());
    }
}

void Playground::draw_loss_view(float width, float plot_height) {
    heading(tr("panel.loss"));
    const auto& h = model_.trainer().history();
    std::vector<float> train, test, epochs;  // the history is thinned past 4096 epochs: x from each record
    train.reserve(h.size());
    test.reserve(h.size());
    epochs.reserve(h.size());
    for (const EpochRecord& r : h)
        train.push_back(float(r.train_loss)), test.push_back(float(r.test_loss)), epochs.push_back(float(r.epoch));
    const EpochRecord& last = h.back();
    // The numbers, the accuracy and the log switch on one row, wrapping when narrow (an embed).
    const std::string train_text = msg_now("loss.train", {{"v", readable(last.train_loss)}}), test_text = msg_now("loss.test", {{"v", readable(last.test_loss)}});
    Flow flow;
    flow.next(ImGui::CalcTextSize(train_text.c_str()).x);
    ImGui::TextUnformatted(train_text.c_str());
    flow.next(ImGui::CalcTextSize(test_text.c_str()).x);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kTestLine), "%s", test_text.c_str());
    if (model_.trainer().has_accuracy()) {
        const std::string acc = msg_now("loss.acc", {{"train", percent(last.train_acc)}, {"test", percent(last.test_acc)}});
        flow.next(ImGui::CalcTextSize(acc.c_str()).x);
        ImGui::TextUnformatted(acc.c_str());
    }
    flow.next(checkbox_width(tr("loss.log")));
    ImGui::Checkbox(tr("loss.log"), &log_loss_);
    if (!model_.page().embed) draw_kept_runs();
    // Kept runs compared: their training loss beside the run now's (its test line left out).
    const KeptComparison compared = compare_kept_runs(model_.kept(), model_.page().embed ? std::vector<int>{} : model_.compared());
    std::vector<std::vector<float>> kept_loss(compared.runs.size()), kept_epochs(compared.runs.size());
    std::vector<PlotLine> lines = {{&train, kTrainLine, tr("loss.train_line"), 1, 0, &epochs}};
    if (compared.runs.empty()) lines.push_back({&test, kTestLine, tr("loss.test_line"), 1, 0, &epochs});
    for (std::size_t i = 0; i < compared.runs.size(); ++i) {
        for (const EpochRecord& r : compared.runs[i]->curve)
            kept_loss[i].push_back(float(r.train_loss)), kept_epochs[i].push_back(float(r.epoch));
        constexpr std::size_t kKeptColor[] = {0, 1, 3, 4};  // line_color 2 is near the train line's white
        lines.push_back({&kept_loss[i], line_color(kKeptColor[i % 4]), compared.labels[i].c_str(), 1, 0, &kept_epochs[i]});
    }
    const PlotOptions options{log_loss_, tr("loss.epoch_axis"), !compared.runs.empty()};
    // The legend's rows come out of the plot's height: a comparison gets them back.
    const float legend = compared.runs.empty() ? 0 : 2 * ImGui::GetTextLineHeightWithSpacing();
    draw_line_plot("loss", lines, options, ImVec2(width, plot_height > 0 ? plot_height + legend : std::max(70.0f, ImGui::GetContentRegionAvail().y - 4)));
}

void Playground::draw_callouts() {
    const std::vector<Finding> found = model_.callouts();
    if (found.empty() && model_.page().embed) {
        heading(tr("panel.callouts"));
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        wrapped_text(tr("callouts.nothing"));
        ImGui::PopStyleColor();
    }
    for (const Finding& f : found) {
        const ImU32 color = f.level == Finding::Level::Problem ? kDanger
                            : f.level == Finding::Level::Warning ? kWarning
                                                                 : kPanelText;
        ImGui::PushStyleColor(ImGuiCol_Text, color);
        wrapped_text(f.text.c_str());
        ImGui::PopStyleColor();
    }
}

}  // namespace bp
