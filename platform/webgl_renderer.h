// Draws Dear ImGui's draw data with WebGL2, in place of the OpenGL3 backend's renderer in the
// browser. That backend saves and restores the GL state it touches each frame, 13 glGet calls
// that each wait for the GPU process to finish all earlier work: the page's thread idles while
// a software rasterizer draws. This renderer owns the state it needs and sets it every frame,
// reading nothing back. Its fragment shader also skips the texture for solid fills (the font
// atlas' white pixel, which samples as 1): the same colours, a software rasterizer's cheaper path.
#pragma once
#include "imgui.h"

namespace bp {

class WebGlRenderer {
public:
    bool init();  // false (with a message on stderr) if the shaders do not build
    void render(const ImDrawData& d, int fb_w, int fb_h);
    ~WebGlRenderer();

private:
    unsigned program_ = 0, vao_ = 0, vbo_ = 0, ebo_ = 0;
    int proj_ = -1, texture_ = -1, white_ = -1, font_ = -1;
};

}  // namespace bp
