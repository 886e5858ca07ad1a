// Lessons in the playground: the toolbar's picker, and the lesson panel (what to look at,
// a question, the set-ups to compare, and once the epoch budget is reached whether the
// effect the lesson is about shows). Lessons and their checks come from engine/course/lesson.h.
#include <cstdio>

#include "imgui.h"
#include "lesson.h"
#include "playground.h"
#include "widgets.h"

namespace bp {

void Playground::draw_lesson_picker(float width) {
    const Lesson* current = find_lesson(page_.lesson);
    ImGui::SetNextItemWidth(width);
    if (!ImGui::BeginCombo("##lesson", current ? current->title.c_str() : "Lessons")) return;
    if (ImGui::Selectable("(no lesson)", current == nullptr)) {
        PageSettings p = page_;
        p.lesson.clear();
        set_page(p);
    }
    for (const Lesson& l : builtin_lessons())
        if (ImGui::Selectable(l.title.c_str(), current == &l)) open_lesson(l, -1);
    ImGui::EndCombo();
}

// The lessons as a list in a modal window (the L shortcut): arrow keys move, Space
// opens one, Escape closes.
void Playground::draw_lesson_list() {
    if (lesson_list_requested_) ImGui::OpenPopup("Lessons##list");
    lesson_list_requested_ = false;
    if (!ImGui::BeginPopupModal("Lessons##list", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    ImGui::TextDisabled("Arrow keys move, Space opens, Escape closes.");
    const Lesson* current = find_lesson(page_.lesson);
    for (const Lesson& l : builtin_lessons()) {
        if (ImGui::Selectable(l.title.c_str(), current == &l)) open_lesson(l, -1), ImGui::CloseCurrentPopup();
        if (current == &l || (!current && &l == &builtin_lessons().front())) ImGui::SetItemDefaultFocus();
    }
    if (ImGui::Button("Close") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

void Playground::draw_lesson_panel() {
    const LessonStatus st = lesson_status();
    if (!st.lesson) return void(ImGui::TextDisabled("No lesson: pick one from the toolbar's Lessons list."));
    const Lesson* l = st.lesson;
    heading(l->title.c_str());
    wrapped_textf("%s", l->text.c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 210, 120, 255));
    wrapped_textf("Think: %s", l->question.c_str());
    ImGui::PopStyleColor();
    ImGui::TextDisabled("Compare:");
    if (ImGui::RadioButton("the lesson's set-up", lesson_variant_ == -1)) open_lesson(*l, -1);
    for (std::size_t i = 0; i < l->variants.size(); ++i)
        if (ImGui::RadioButton(l->variants[i].label.c_str(), lesson_variant_ == int(i))) open_lesson(*l, int(i));
    if (lesson_changed())
        wrapped_textf("(settings changed since: the checks are for the set-up chosen above)");
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
