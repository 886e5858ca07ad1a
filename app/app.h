// The playground UI: one full-window ImGui layout drawn each frame. Platform-free:
// the entries in wasm/ and desktop/ own the window and call App::draw() once a frame.
#pragma once
#include "formula_view.h"

namespace bp {

class App {
public:
    void draw();  // the whole UI, filling the ImGui display area
    FormulaView& formula_view() { return formula_; }

private:
    FormulaView formula_;
};

}  // namespace bp
