// The whole UI: a tab bar over the two views, the training playground and the formula
// lab, filling the window. Platform-free: the entries in wasm/ and desktop/ own the
// window and the TextureStore, and call App::frame() once a frame.
#pragma once
#include "formula_view.h"
#include "playground.h"
#include "textures.h"

namespace bp {

class App {
public:
    App(TextureStore& textures, FileHost& files) : playground_(textures, files) {}
    void frame();  // engine work, then the UI inside one full-window ImGui window

    Playground& playground() { return playground_; }
    FormulaView& formula_view() { return formula_; }

private:
    Playground playground_;
    FormulaView formula_;
};

}  // namespace bp
