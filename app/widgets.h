// Small ImGui helpers shared by the panels: a combo over an enum's names, a hover help
// marker, and a section heading.
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

}  // namespace bp
