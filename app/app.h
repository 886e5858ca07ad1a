// The whole UI: a message bar (what a URL hash or a file got wrong), then either the full
// layout (a tab bar over the training playground, the graph lab and the layer view) or, in embed mode, the
// compact layout course pages put in an iframe. Platform-free: the entries in wasm/ and
// desktop/ own the window, the Host and the TextureStore, and call App::frame() once a frame.
#pragma once
#include <string>
#include <vector>

#include "class_view.h"
#include "graph_lab.h"
#include "host.h"
#include "landscape_view.h"
#include "layer_view.h"
#include "playground.h"
#include "textures.h"

namespace bp {

class App {
public:
    // Needs the ImGui context: turns on keyboard navigation with a visible focus ring.
    App(TextureStore& textures, Host& host);
    void frame();  // engine work, then the UI inside one full-window ImGui window

    // The first load of the page: the URL hash's settings (what was rejected is shown in the
    // message bar), then training starts if they autoplay. A visitor who asked for reduced
    // motion gets no autoplay unless the hash names `autoplay` itself.
    void start(const std::string& hash, bool reduced_motion = false);

    Playground& playground() { return playground_; }
    PlaygroundModel& model() { return playground_.model(); }  // the state every view shares
    GraphLab& graph_lab() { return graph_lab_; }
    LayerView& layer_view() { return layer_view_; }
    ClassView& class_view() { return class_view_; }
    LandscapeView& landscape_view() { return landscape_view_; }

private:
    void handle_shortcuts();
    void draw_messages();
    void draw_tabs();
    void draw_embed();

    Host& host_;
    Playground playground_;
    GraphLab graph_lab_;
    LayerView layer_view_;
    ClassView class_view_;
    LandscapeView landscape_view_;
    std::string link_message_;
    View shown_view_ = View::Playground;  // the tab drawn last frame
};

}  // namespace bp
