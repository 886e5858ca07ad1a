// The whole UI: a tab bar over the two views, the training playground and the graph
// lab, filling the window. Platform-free: the entries in wasm/ and desktop/ own the
// window and the TextureStore, and call App::frame() once a frame.
#pragma once
#include "graph_lab.h"
#include "playground.h"
#include "textures.h"

namespace bp {

class App {
public:
    App(TextureStore& textures, FileHost& files) : playground_(textures, files), graph_lab_(files, playground_) {}
    void frame();  // engine work, then the UI inside one full-window ImGui window

    Playground& playground() { return playground_; }
    GraphLab& graph_lab() { return graph_lab_; }

private:
    Playground playground_;
    GraphLab graph_lab_;
};

}  // namespace bp
