// The output view (decision boundary heatmap with the data points, click to add, right-
// click to erase, hover for the network's output), the loss view and the callouts.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "colors.h"
#include "findings.h"
#include "imgui.h"
#include "playground.h"
#include "plot.h"
#include "text_util.h"
#include "widgets.h"

namespace bp {

namespace {
ImVec2 to_screen(ImVec2 p0, float size, double x1, double x2) {
    return ImVec2(p0.x + float((x1 + kPlaneExtent) / (2 * kPlaneExtent)) * size,
                  p0.y + float((kPlaneExtent - x2) / (2 * kPlaneExtent)) * size);
}
void from_screen(ImVec2 p0, float size, ImVec2 m, double& x1, double& x2) {
    x1 = -kPlaneExtent + 2 * kPlaneExtent * double(m.x - p0.x) / size;
    x2 = kPlaneExtent - 2 * kPlaneExtent * double(m.y - p0.y) / size;
}
}  // namespace

void Playground::draw_output_view(float size) {
    heading("Output");
    ImGui::Checkbox("discretize", &discretize_);
    ImGui::SameLine();
    ImGui::Checkbox("show test data", &show_test_);
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::Image(output_tex_, ImVec2(size, size));
    output_rect_ = ImVec4(p0.x, p0.y, size, size);
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const Dataset& d = trainer_.data();
    const bool regression = d.task == Task::Regression;
    auto draw_points = [&](const std::vector<Point>& pts, ImU32 outline) {
        for (const Point& p : pts) {
            const ImU32 fill = regression ? diverging_rgba(float(p.label)) : class_color(int(p.label));
            const ImVec2 c = to_screen(p0, size, p.x1, p.x2);
            dl->AddCircleFilled(c, 3.5f, fill);
            dl->AddCircle(c, 3.5f, outline, 0, 1.0f);
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
    if (regression) ImGui::SetTooltip("(%.2f, %.2f)\noutput %.3f", x1, x2, grid_[k]);
    else if (d.classes == 2) ImGui::SetTooltip("(%.2f, %.2f)\nP(class 1) = %.3f", x1, x2, grid_[k]);
    else ImGui::SetTooltip("(%.2f, %.2f)\nclass %d, p = %.3f", x1, x2, grid_class_[k], grid_[k]);
    // A finger adds a point when it lifts without having moved (a drag scrolls the page).
    const bool tap = touch_ ? ImGui::IsMouseReleased(ImGuiMouseButton_Left) && ImGui::GetIO().MouseDragMaxDistanceSqr[0] < 100
                            : ImGui::IsMouseClicked(ImGuiMouseButton_Left);
    if (tap && !regression) trainer_.add_point({x1, x2, double(add_class_)});
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Right)) trainer_.erase_near(x1, x2, 0.4);
}

void Playground::draw_loss_view(float width, float plot_height) {
    heading("Loss");
    const auto& h = trainer_.history();
    std::vector<float> train, test;
    train.reserve(h.size());
    test.reserve(h.size());
    for (const EpochRecord& r : h) train.push_back(float(r.train_loss)), test.push_back(float(r.test_loss));
    const EpochRecord& last = h.back();
    ImGui::Text("train %s", readable(last.train_loss).c_str());
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kTestLine), "test %s", readable(last.test_loss).c_str());
    auto same_line_if_room = [](float w) {  // else the next item starts a new line (narrow embeds)
        ImGui::SameLine();
        if (ImGui::GetContentRegionAvail().x < w) ImGui::NewLine();
    };
    if (trainer_.has_accuracy()) {
        char acc[64];
        std::snprintf(acc, sizeof acc, " acc %.1f%% / %.1f%%", 100 * last.train_acc, 100 * last.test_acc);
        same_line_if_room(ImGui::CalcTextSize(acc).x);
        ImGui::TextUnformatted(acc);
    }
    same_line_if_room(ImGui::GetFrameHeight() + ImGui::CalcTextSize("log").x + 8);
    ImGui::Checkbox("log", &log_loss_);
    draw_line_plot("loss", {{&train, kTrainLine, "train"}, {&test, kTestLine, "test"}}, log_loss_,
                   ImVec2(width, plot_height > 0 ? plot_height : std::max(50.0f, ImGui::GetContentRegionAvail().y - 4)), "epoch");
}

std::vector<Finding> Playground::callouts() const {
    const Lesson* lesson = find_lesson(config_.page.lesson);
    return findings(trainer_, lesson ? lesson->mute : std::vector<std::string>{});
}

void Playground::draw_callouts() {
    const std::vector<Finding> found = callouts();
    if (found.empty() && config_.page.embed) {
        heading("Callouts");
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        wrapped_text("Nothing to point out now: vanishing gradients, saturated units, dead ReLUs, a learning rate "
                     "that overshoots and a diverging run are called out here when they hold up training.");
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
