// The playground's layouts: three columns on a wide window, two on a tablet (controls
// beside one scrolling column of views), one column on a phone (views first, then the
// controls, larger touch targets, drag to scroll). Also the bars under the toolbar: the
// stopped state with its ways out, and the first visitor's "start here".
#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>

#include "clip_report.h"
#include "colors.h"
#include "imgui.h"
#include "imgui_internal.h"  // ClearActiveID: a finger's vertical drag takes over from a widget
#include "playground.h"
#include "text_util.h"
#include "widgets.h"
#include "messages.h"

namespace bp {

namespace {
constexpr float kOneColumnBelow = 700;    // CSS pixels: phones in portrait
constexpr float kThreeColumnsFrom = 1000;  // below it (tablets): controls beside the views
}  // namespace

// Where a panel was drawn, and the part of it the window it is in shows (a scrolled column
// shows part of one, or none).
void Playground::record_panel(Panel panel, ImVec2 pos, ImVec2 size) {
    const ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 lo = dl->GetClipRectMin(), hi = dl->GetClipRectMax();
    const float x0 = std::max(pos.x, lo.x), y0 = std::max(pos.y, lo.y);
    const float x1 = std::max(x0, std::min(pos.x + size.x, hi.x)), y1 = std::max(y0, std::min(pos.y + size.y, hi.y));
    drawn_panels_.push_back({panel, ImVec4(pos.x, pos.y, size.x, size.y), ImVec4(x0, y0, x1 - x0, y1 - y0)});
}

// Draws one panel at the cursor, `width` wide, and records where it went.
void Playground::place(Panel panel, float width, const std::function<void()>& draw) {
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::BeginGroup();
    draw();
    ImGui::EndGroup();
    const ImVec2 p1 = ImGui::GetItemRectMax();
    record_panel(panel, p0, ImVec2(std::max(width, p1.x - p0.x), p1.y - p0.y));
}

void Playground::draw() {
    draw_lesson_list();
    const float width = ImGui::GetContentRegionAvail().x;
    if (width < kOneColumnBelow) return draw_one_column();
    draw_toolbar();
    draw_first_visit();
    draw_stopped_banner();
    ImGui::Separator();
    draw_columns(width < kThreeColumnsFrom ? 2 : 3);
}

void Playground::draw_controls_column(bool with_lesson) {
    const float w = ImGui::GetContentRegionAvail().x;
    if (with_lesson && !model_.page().lesson.empty()) place(Panel::Lesson, w, [&] { draw_lesson_panel(); });
    place(Panel::Data, w, [&] { draw_data_panel(); });
    place(Panel::Features, w, [&] { draw_features_panel(); });
    place(Panel::Training, w, [&] { draw_training_panel(); });
}

// Three columns: controls | network and gradients | output, loss and callouts. Two: the
// controls beside one scrolling column of every view.
void Playground::draw_columns(int count) {
    // A mouse may drag the column borders; on touch an 8 px border is no target (and a drag scrolls).
    const ImGuiTableFlags flags = (touch_ ? 0 : ImGuiTableFlags_Resizable) | ImGuiTableFlags_BordersInnerV;
    if (!ImGui::BeginTable(model_.page().lang == Language::En ? "layout" : model_.page().lang == Language::Es ? "layout es" : "layout ru", count, flags)) return;
    const float right = std::min(420.0f, ImGui::GetContentRegionAvail().x * 0.34f);
    // Wide enough for a widget of 130 beside the longest label of the language (250 in English);
    // each language has its own table, so switching applies its width.
    const float controls = std::max(250.0f, 130 + panel_label_width() + 2 * ImGui::GetStyle().WindowPadding.x);
    ImGui::TableSetupColumn("controls", ImGuiTableColumnFlags_WidthFixed, controls);
    ImGui::TableSetupColumn("views", ImGuiTableColumnFlags_WidthStretch);
    if (count == 3) ImGui::TableSetupColumn("output", ImGuiTableColumnFlags_WidthFixed, right);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    begin_column("left");
    draw_controls_column(true);
    end_column();
    ImGui::TableNextColumn();
    begin_column("middle");
    float w = ImGui::GetContentRegionAvail().x;
    if (count == 2) draw_output_column(std::min(w, 460.0f));
    const float network_h = std::max(260.0f, ImGui::GetContentRegionAvail().y * 0.5f);
    place(Panel::Network, w, [&] { draw_network_view(ImVec2(w, count == 2 ? 300.0f : network_h)); });
    place(Panel::Gradients, w, [&] { draw_gradient_view(w); });
    end_column();
    if (count == 3) {
        ImGui::TableNextColumn();
        begin_column("right");
        draw_output_column(ImGui::GetContentRegionAvail().x);
        end_column();
    }
    ImGui::EndTable();
}

void Playground::draw_output_column(float w) {
    if (fit_plot()) place(Panel::Fit, w, [&] { draw_fit_view(w); });
    else place(Panel::Boundary, w, [&] { draw_output_view(w); });
    place(Panel::Loss, w, [&] { draw_loss_view(w, 110); });
    place(Panel::Callouts, w, [&] { draw_callouts(); });
}

// A column of the two- or three-column layout. On touch it has no scrollbar (an 8 px bar is no
// finger's target): a finger scrolls it by dragging, as on a phone.
void Playground::begin_column(const char* name) {
    ImGui::BeginChild(name, ImVec2(0, 0), false, touch_ ? ImGuiWindowFlags_NoScrollbar : 0);
    if (touch_) clip_report().note_drag_scrolled();
}

void Playground::end_column() {
    if (touch_) touch_scroll();
    ImGui::EndChild();
}

// A phone: one scrolling column, an open lesson first (scrolled to when it opens: its text,
// then at the budget its checks, right above the output they talk about), the views (what
// training does), then the controls, finger-sized.
void Playground::draw_one_column() {
    ImGui::BeginChild("page", ImVec2(0, 0), false, touch_ ? ImGuiWindowFlags_NoScrollbar : 0);
    if (touch_) clip_report().note_drag_scrolled();
    push_finger_style();  // every button, box and combo of the page a finger's size (App does it on touch)
    draw_toolbar();
    draw_first_visit();
    draw_stopped_banner();
    ImGui::Separator();
    const float w = ImGui::GetContentRegionAvail().x;
    const std::string lesson = model_.page().lesson.empty() ? "" : model_.page().lesson + "/" + std::to_string(model_.lesson_variant());
    if (!lesson.empty()) {
        if (lesson != scrolled_to_lesson_) ImGui::SetScrollY(0.0f);  // the page's top: the toolbar, then the lesson
        place(Panel::Lesson, w, [&] { draw_lesson_panel(); });
        ImGui::Separator();
    }
    scrolled_to_lesson_ = lesson;
    draw_output_column(w);
    place(Panel::Network, w, [&] { draw_network_view(ImVec2(w, std::max(220.0f, w * 0.8f))); });
    place(Panel::Gradients, w, [&] { draw_gradient_view(w); });
    draw_controls_column(false);
    ImGui::PopStyleVar(kFingerStyleVars);
    touch_scroll();
    ImGui::EndChild();
}

// Drag to scroll the one-column page (and on touch each column). A finger scrolls from anywhere once its drag is
// clearly vertical (taking over from the widget it started on); a mouse scrolls when the
// drag started on the background, not on a widget.
void Playground::touch_scroll() {
    const ImGuiIO& io = ImGui::GetIO();
    if (!io.MouseDown[0]) {  // a flick whose whole path came within one frame: ImGui saw a click, the window a drag
        const bool flick = std::abs(pointer_press().moved.y) > 8 && std::abs(pointer_press().moved.y) > 2 * std::abs(pointer_press().moved.x);
        const bool here = ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows);
        if (touch_ && !touch_scrolling_ && flick && here && ImGui::IsMouseReleased(ImGuiMouseButton_Left))
            ImGui::SetScrollY(std::clamp(ImGui::GetScrollY() - pointer_press().moved.y, 0.0f, ImGui::GetScrollMaxY()));
        touch_scrolling_ = 0;
        return;
    }
    const ImGuiID window = ImGui::GetCurrentWindow()->ID;
    if (!touch_scrolling_) {
        const ImVec2 d = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0);
        const bool vertical = std::abs(d.y) > 8 && std::abs(d.y) > 2 * std::abs(d.x);
        const bool started_here = ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows | ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
        if (vertical && started_here && (touch_ || !ImGui::IsAnyItemActive())) {
            touch_scrolling_ = window;
            ImGui::ClearActiveID();
        }
    }
    if (touch_scrolling_ == window) ImGui::SetScrollY(std::clamp(ImGui::GetScrollY() - io.MouseDelta.y, 0.0f, ImGui::GetScrollMaxY()));
}

// Diverged: what happened and why, the likely fix as a button, and Reset. (Play reads
// "Restart" meanwhile.)
void Playground::draw_stopped_banner() {
    if (model_.stopped() != Stopped::Diverged) return;
    std::string text = relang(model_.trainer().divergence());
    if (!text.empty()) text[0] = char(std::toupper(static_cast<unsigned char>(text[0])));
    ImGui::PushStyleColor(ImGuiCol_Text, kDanger);
    wrapped_text(msg_now("stopped.banner", {{"what", text}}).c_str());
    ImGui::PopStyleColor();
    if (ImGui::Button(tr("controls.reset"))) model_.reset();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("stopped.reset_tip"));
    const double lr = model_.trainer().suggested_lr();
    if (lr > 0) {
        ImGui::SameLine();
        const std::string label = msg_now("stopped.lower_lr", {{"lr", readable(lr)}});
        if (ImGui::Button(label.c_str())) model_.restart_with_lr(lr);
    }
}

// A first visit: one obvious next step, the first lesson. Starting it or "Not now" is
// remembered by the host.
void Playground::draw_first_visit() {
    if (!model_.first_visit()) return;
    const Lesson& first = builtin_lessons().front();
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(150, 205, 255, 255));
    wrapped_text(msg_now("first.welcome", {{"title", first.title.get()}}).c_str());
    ImGui::PopStyleColor();
    ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(40, 110, 70, 255));  // the one step to take: stands out
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, IM_COL32(55, 140, 90, 255));
    if (ImGui::Button(tr("first.start"))) model_.open_lesson(first, -1);  // remembers the visit
    ImGui::PopStyleColor(2);
    toolbar_item("start-lesson-1");
    ImGui::SameLine();
    if (ImGui::Button(tr("first.not_now"))) model_.remember_first_visit();
    toolbar_item("not-now");
}

}  // namespace bp
