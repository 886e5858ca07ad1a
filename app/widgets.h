// Small ImGui helpers shared by the panels: a combo over an enum's names, a hover help
// marker, a section heading, and a flow layout that wraps items onto the next line.
#pragma once
#include <string>
#include <vector>

#include "imgui.h"

namespace bp {

// Combo over names(i) for i in [0, count); returns true when *value changed.
template <class E>
bool enum_combo(const char* label, E* value, int count, const char* (*name)(E)) {
    bool changed = false;
    if (ImGui::BeginCombo(label, name(*value))) {
        for (int i = 0; i < count; ++i) {
            const bool selected = int(*value) == i;
            if (ImGui::Selectable(name(E(i)), selected) && !selected) *value = E(i), changed = true;
        }
        ImGui::EndCombo();
    }
    return changed;
}

void help_marker(const char* text);  // a "(?)" whose tooltip is `text`
void heading(const char* text);      // a section title with a little space above

// Lays items out left to right, starting a new line when the next item would not fit the
// window's width (toolbars on a phone). Call next(width of the item) before each item.
class Flow {
public:
    void next(float width);
private:
    bool first_ = true;
};
float button_width(const char* label);  // of ImGui::Button(label) at its natural size

}  // namespace bp
