// Small ImGui helpers shared by the panels: a combo over an enum's options, a finger-sized
// small button, a hover help marker, a section heading, a flow layout that wraps items onto
// the next line, text wrapped only at spaces, a check line with a drawn mark, and a picker of
// one training point.
#pragma once
#include <algorithm>
#include <string>
#include <vector>

#include "enum_names.h"
#include "imgui.h"
#include "messages.h"

namespace bp {

struct Point;  // engine/data/dataset.h

// Combo over every value of E (its EnumNames table), each shown by its label in the current
// language (label_of); returns true when *value changed.
template <class E>
bool enum_combo(const char* label, E* value) {
    bool changed = false;
    if (ImGui::BeginCombo(label, label_of(*value))) {
        for (E e : enum_values<E>()) {
            const bool selected = *value == e;
            if (ImGui::Selectable(label_of(e), selected) && !selected) *value = e, changed = true;
        }
        ImGui::EndCombo();
    }
    return changed;
}

// The widest of E's labels (in the page's language) in a combo: the text, the arrow button and the frame's padding.
template <class E>
float enum_combo_width() {
    float w = 0;
    for (E e : enum_values<E>()) w = std::max(w, ImGui::CalcTextSize(label_of(e)).x);
    return w + ImGui::GetFrameHeight() + 2 * ImGui::GetStyle().FramePadding.x;
}

// Taller frames and wider gaps, so a finger hits the control it means: every control of a touch
// screen's page (App::frame) and of a phone's one column. Pop with PopStyleVar(kFingerStyleVars).
void push_finger_style();
constexpr int kFingerStyleVars = 3;
// ImGui::SmallButton, but a finger's target (at least kFingerTarget square) where the finger
// style is on.
bool small_button(const char* label);
// The left button's or finger's press as the window's events saw it (SdlWindow::press_travel,
// press_moved), set by the platform each frame: how far it travelled and where it is less
// where it went down. A drag whose first move arrives in the frame of the press (ImGui then
// sees the press where the move ended) still counts from where it went down.
struct PointerPress {
    ImVec2 travel{0, 0}, moved{0, 0};
};
PointerPress& pointer_press();
float small_button_width(const char* label);  // the width small_button(label) takes now
constexpr float kFingerTarget = 44;  // CSS pixels, WCAG 2.5.5
// ImGui::InputInt in the next item's width; where its - and + buttons would leave the number
// less than a finger's width (the finger style), it shows the number alone (typed, not stepped).
bool input_int(const char* label, int* v, int step = 1, int step_fast = 100);

// ImGui::BeginCombo, noting in clip_report() when `preview` does not fit the combo's width.
bool begin_combo(const char* label, const char* preview);

void help_marker(const char* text, bool same_line = true);  // a "(?)" whose tooltip is `text`, beside the last item
void heading(const char* text);      // a section title with a little space above

// `text` wrapped to the available width at spaces (and '\n') only, never inside a word, so a
// number such as 0.01 or 1,234 stays whole (ImGui's TextWrapped may break after '.' or ',').
// A word wider than the whole width gets a line of its own.
void wrapped_text(const char* text, float width = 0);  // width 0: the available width
void wrapped_textf(const char* format, ...) IM_FMTARGS(1);  // printf-style, then wrapped_text
// A drawn check mark (passed) or cross, one line high, in the current text colour, then
// `text` wrapped beside it (the UI fonts have no U+2713 / U+2717 glyphs).
void check_line(bool passed, const char* text);

// Lays items out left to right, starting a new line when the next item would not fit the
// window's width (toolbars on a phone). Call next(width of the item) before each item;
// `after_last_item`: the first item may go on the line of the item drawn before the Flow.
class Flow {
public:
    explicit Flow(bool after_last_item = false) : first_(!after_last_item) {}
    void next(float width);
private:
    bool first_ = true;
};
float button_width(const char* label);    // of ImGui::Button(label) at its natural size
float checkbox_width(const char* label);  // of ImGui::Checkbox(label), box and label

// The training points over the plane, `selected` ringed; a click picks the nearest into
// `selected`. Returns true on a pick (the graph lab's Live network, the layer view).
bool point_picker(const std::vector<Point>& points, int classes, int& selected);

}  // namespace bp
