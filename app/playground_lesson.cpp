// Lessons in the playground: the toolbar's picker, and the lesson panel (what to look at,
// a question, the set-ups to compare, and once the epoch budget is reached whether the
// effect the lesson is about shows). Lessons and their checks come from engine/lesson.h.
#include <cstdio>

#include "imgui.h"
#include "lesson.h"
#include "playground.h"
#include "widgets.h"

namespace bp {

void Playground::open_lesson(const Lesson& lesson, int variant) {
    Config c = lesson_config(lesson, variant);
    c.page = config_.page;
    c.page.lesson = lesson.id;
    apply(c);
    restart_lesson(variant);
    play();
    remember_first_visit();  // the visitor found the lessons
}

// A lesson starts from its seed's initial weights, even when only the lr changed, and
// remembers the set-up it starts from (for "settings changed since").
void Playground::restart_lesson(int variant) {
    reset();
    lesson_variant_ = variant;
    lesson_hash_ = to_hash(config_);
}

void Playground::draw_lesson_picker(float width) {
    const Lesson* current = find_lesson(config_.page.lesson);
    ImGui::SetNextItemWidth(width);
    if (!ImGui::BeginCombo("##lesson", current ? current->title.c_str() : "Lessons")) return;
    if (ImGui::Selectable("(no lesson)", current == nullptr)) {
        Config c = config_;
        c.page.lesson.clear();
        apply(c);
    }
    for (const Lesson& l : builtin_lessons())
        if (ImGui::Selectable(l.title.c_str(), current == &l)) open_lesson(l, -1);
    ImGui::EndCombo();
}

LessonStatus Playground::lesson_status() const {
    LessonStatus st;
    st.lesson = find_lesson(config_.page.lesson);
    if (!st.lesson) return st;
    st.variant = lesson_variant_;
    st.epoch = trainer_.epoch();
    st.budget = st.lesson->epochs;
    st.stopped = stopped();
    const bool early = st.epoch < st.budget;
    st.checked = !early || st.stopped != Stopped::No;
    char note[200];
    if (!st.checked)
        std::snprintf(note, sizeof note, "At epoch %d the effect is checked (now %d).", st.budget, st.epoch);
    else if (early && st.stopped == Stopped::Diverged)
        std::snprintf(note, sizeof note, "Training diverged at epoch %d, before epoch %d: the checks, as it stopped.",
                      st.epoch, st.budget);
    else if (early)
        std::snprintf(note, sizeof note, "Training stopped at epoch %d, before epoch %d: the checks, as it stopped.",
                      st.epoch, st.budget);
    else
        std::snprintf(note, sizeof note, "Epoch %d reached: the checks.", st.budget);
    st.note = note;
    if (st.checked) st.checks = evaluate_checks(*st.lesson, st.variant, trainer_);
    return st;
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
    if (lesson_seen_version_ != config_version_) {  // print the hash only when something changed
        lesson_seen_version_ = config_version_;
        lesson_changed_ = !lesson_hash_.empty() && to_hash(config_) != lesson_hash_;
    }
    if (lesson_changed_)
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
