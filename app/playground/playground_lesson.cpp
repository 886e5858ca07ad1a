// Lessons in the playground: the toolbar's picker, and the lesson panel (what to look at,
// a question, the set-ups to compare, and once the epoch budget is reached whether the
// effect the lesson is about shows). Lessons and their checks come from engine/course/lesson.h.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "imgui.h"
#include "lesson.h"
#include "playground.h"
#include "widgets.h"
#include "messages.h"
#include "text_util.h"

namespace bp {

// The picker as wide as its longest entry in the page's language (the text, the arrow, the padding).
float Playground::lesson_picker_width() const {
    float w = std::max(ImGui::CalcTextSize(tr("lessons.picker")).x, ImGui::CalcTextSize(tr("lessons.none")).x);
    for (const Lesson& l : builtin_lessons()) w = std::max(w, ImGui::CalcTextSize(l.title.get().c_str()).x);
    for (const Lesson* l : loaded_lessons()) w = std::max(w, ImGui::CalcTextSize(l->title.get().c_str()).x);
    return w + ImGui::GetFrameHeight() + 2 * ImGui::GetStyle().FramePadding.x;
}

void Playground::draw_lesson_picker(float width) {
    const Lesson* current = find_lesson(model_.page().lesson);
    ImGui::SetNextItemWidth(width);
    if (!begin_combo("##lesson", current ? current->title.get().c_str() : tr("lessons.picker"))) return;
    if (ImGui::Selectable(tr("lessons.none"), current == nullptr)) model_.close_lesson();
    for (const Lesson& l : builtin_lessons())
        if (ImGui::Selectable(l.title.get().c_str(), current == &l)) model_.open_lesson(l, -1);
    const auto loaded = loaded_lessons();
    if (!loaded.empty()) ImGui::TextDisabled("%s", tr("lessons.loaded"));
    for (const Lesson* l : loaded)
        if (ImGui::Selectable(l->title.get().c_str(), current == l)) model_.open_lesson(*l, -1);
    ImGui::EndCombo();
}

// A graph or layer lesson above its view: title, text, question and the checks on what
// the view shows now, in a child that scrolls when long.
bool Playground::draw_view_lesson(View view, float title_right) {
    const LessonStatus st = model_.lesson_status();
    if (!st.lesson || st.lesson->view != view) return false;
    if (model_.page().embed) {  // the canvas needs the frame: the title, and a button for the rest
        if (ImGui::ArrowButton("##lesson text", embed_lesson_open_ ? ImGuiDir_Down : ImGuiDir_Right)) embed_lesson_open_ = !embed_lesson_open_;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(embed_lesson_open_ ? "lessons.fold_tip" : "lessons.unfold_tip"));
        ImGui::SameLine();
        ImGui::PushTextWrapPos(title_right);
        ImGui::TextUnformatted(st.lesson->title.get().c_str());
        ImGui::PopTextWrapPos();
        if (!embed_lesson_open_) return true;
    }
    const float share = model_.page().embed ? 0.4f : 0.25f;
    const float lines = ImGui::GetContentRegionAvail().y < 700 ? 5.0f : 7.0f;  // a laptop's 720 px: the canvas needs the rest
    const float h = std::min(ImGui::GetTextLineHeightWithSpacing() * lines, ImGui::GetContentRegionAvail().y * share);
    ImGui::BeginChild("view lesson", {0, h}, true);
    if (!model_.page().embed) ImGui::TextUnformatted(st.lesson->title.get().c_str());
    wrapped_textf("%s", st.lesson->text.get().c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 210, 120, 255));
    wrapped_text(msg_now("lessons.think", {{"question", st.lesson->question.get()}}).c_str());
    ImGui::PopStyleColor();
    for (const CheckOutcome& o : st.checks) {
        if (o.pending) {  // its passes have not run in the view: no verdict, what to do
            ImGui::TextDisabled("   %s", o.sentence.c_str());
            continue;
        }
        ImGui::PushStyleColor(ImGuiCol_Text, o.passed ? IM_COL32(120, 220, 140, 255) : IM_COL32(255, 120, 100, 255));
        check_line(o.passed, o.sentence.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::EndChild();
    return true;
}

// The lessons as a list in a modal window (the L shortcut): arrow keys move, Space or
// Enter opens one, Escape closes.
void Playground::draw_lesson_list() {
    if (lesson_list_requested_) ImGui::OpenPopup((std::string(tr("lessons.picker")) + "###list").c_str());
    lesson_list_requested_ = false;
    if (!ImGui::BeginPopupModal((std::string(tr("lessons.picker")) + "###list").c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    ImGui::TextDisabled("%s", tr("lessons.list_help"));
    const Lesson* current = find_lesson(model_.page().lesson);
    std::vector<const Lesson*> all = loaded_lessons();
    for (auto it = builtin_lessons().rbegin(); it != builtin_lessons().rend(); ++it) all.insert(all.begin(), &*it);
    for (const Lesson* l : all) {
        const bool enter = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter));
        if (ImGui::Selectable(l->title.get().c_str(), current == l) || (enter && ImGui::IsItemFocused()))
            model_.open_lesson(*l, -1), ImGui::CloseCurrentPopup();
        if (current == l || (!current && l == all.front())) ImGui::SetItemDefaultFocus();
    }
    if (ImGui::Button(tr("lessons.close")) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

namespace {
// A setting the task lets the student change, as the controls name it, with its key: "learning rate (lr)".
std::string setting_words(const std::string& key) {
    const std::string k = key == "layers" ? "lessons.task_layers_word" : "controls." + key;
    const std::string words = tr(k);
    return words == k ? key : words + " (" + key + ")";
}
}  // namespace

// A task's limits, each with where the run is now, and the last edit it refused.
void Playground::draw_task_limits(const LessonTask& task) {
    heading(tr("lessons.task"));
    const std::string keys = task.allow.empty() ? "-" : join(task.allow, ", ", setting_words);
    wrapped_text(msg_now("lessons.task_allow", {{"keys", keys}}).c_str());
    const Config& c = model_.config();
    const int units = std::accumulate(c.layers.begin(), c.layers.end(), 0);
    const std::pair<int, std::pair<const char*, int>> limits[] = {
        {task.max_units, {"lessons.task_units", units}},
        {task.max_layers, {"lessons.task_layers", int(c.layers.size())}},
        {task.max_epochs, {"lessons.task_epochs", model_.trainer().epoch()}}};
    for (const auto& [max, what] : limits)
        if (max) {
            ImGui::Bullet();
            wrapped_text(msg_now(what.first, {{"max", std::to_string(max)}, {"now", std::to_string(what.second)}}).c_str());
        }
    if (model_.task_message().empty()) return;
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 120, 100, 255));
    wrapped_text(msg_now("lessons.task_refused", {{"problem", relang(model_.task_message())}}).c_str());
    ImGui::PopStyleColor();
}

void Playground::draw_lesson_panel() {
    const LessonStatus st = model_.lesson_status();
    if (!st.lesson) return void(ImGui::TextDisabled("%s", tr("lessons.no_lesson")));
    const Lesson* l = st.lesson;
    heading(l->title.get().c_str());
    wrapped_textf("%s", l->text.get().c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 210, 120, 255));
    wrapped_text(msg_now("lessons.think", {{"question", l->question.get()}}).c_str());
    ImGui::PopStyleColor();
    if (l->task) draw_task_limits(*l->task);
    if (!l->variants.empty()) {
        ImGui::TextDisabled("%s", tr("lessons.compare"));
        if (ImGui::RadioButton(tr("lessons.own_setup"), model_.lesson_variant() == -1)) model_.open_lesson(*l, -1);
        for (std::size_t i = 0; i < l->variants.size(); ++i)
            if (ImGui::RadioButton(l->variants[i].label.get().c_str(), model_.lesson_variant() == int(i))) model_.open_lesson(*l, int(i));
    }
    if (model_.lesson_changed() && !l->task)  // a task's goal is checked on the run as the student changed it
        wrapped_text(tr("lessons.changed_since"));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    wrapped_textf("%s", st.note.c_str());
    ImGui::PopStyleColor();
    for (const CheckOutcome& o : st.checks) {
        ImGui::PushStyleColor(ImGuiCol_Text, o.passed ? IM_COL32(120, 220, 140, 255) : IM_COL32(255, 120, 100, 255));
        check_line(o.passed, o.sentence.c_str());
        ImGui::PopStyleColor();
    }
}

}  // namespace bp
