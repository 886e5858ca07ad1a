// The notation card: the lab's names for a layer's quantities (x, h = z_prev W + b, z = f(h),
// dh, dW = z_prev^T dh) said once, with the other names the lecture notes use, in the current
// language (messages "notation.*"). A button in the Playground's gradient views, the Layers
// view and the graph lab opens it (keyboard: Tab to the button, Space); it is drawn once per
// frame at the app's top level as a modal that Escape or Close shuts.
#pragma once
#include <string>
#include <vector>

namespace bp {

float notation_button_width();
void notation_button();                 // the button, beside the last item or in a Flow
void request_notation_card();           // opens the card from the next frame (the button, bp.notation(true))
void draw_notation_card();              // App::frame, after the views
bool notation_card_open();              // drawn last frame
std::vector<std::string> notation_lines();  // the card's lines, in the current language

}  // namespace bp
