// The one SDL2 + OpenGL3 (desktop) / WebGL2 (browser) window both entries share:
// creates the window and GL context, sets up Dear ImGui's SDL2 and OpenGL3 backends,
// loads the embedded fonts at the device pixel ratio, and runs one frame at a time.
#pragma once
#include <functional>
#include <vector>

#include "damage.h"
#include "imgui.h"
#ifdef __EMSCRIPTEN__
#include "webgl_renderer.h"
#endif

union SDL_Event;

struct SDL_Window;

namespace bp {

struct WindowOptions {
    const char* title = "Backprop Playground";
    int width = 1280, height = 800;  // logical (CSS) pixels
    // Browser: draw at the device pixel ratio (crisp text); off, at one framebuffer pixel per
    // CSS pixel, which the browser scales up (a quarter of the pixels to rasterize at DPR 2).
    bool high_dpi = true;
    // Browser: a frame whose picture would equal the one on screen (the same draw data, no
    // texture changed, the same size) is not drawn: a paused, idle page draws nothing.
    bool skip_unchanged = false;
    // Browser, with skip_unchanged: the canvas keeps its pixels between frames
    // (preserveDrawingBuffer) and a frame redraws only the rectangles that changed (Damage),
    // when drawn at one framebuffer pixel per CSS pixel. For software rasterizers.
    bool redraw_changed_only = false;
    // With redraw_changed_only: large changes take turns (Damage's deferral), each redrawn within a few frames.
    bool defer_changes = false;
    TextureVersion texture_version = [](ImTextureID) { return 0u; };  // the heatmaps' (GlTextures)
};

struct Pixels {
    int width = 0, height = 0;
    std::vector<unsigned char> rgba;  // rows top first
};

class SdlWindow {
public:
    bool open(const WindowOptions& options);  // false (and a message on stderr) on failure
    // Polls events, draws one ImGui frame with `ui`, calls `drawn` (where read_pixels() sees
    // the finished frame), presents it. False once the user quits.
    bool frame(const std::function<void()>& ui, const std::function<void()>& drawn = {});
    Pixels read_pixels() const;  // the framebuffer as drawn so far
    bool drawn() const { return drawn_; }  // the last frame() drew its picture (else it equalled the shown one)
    void mark_changed() { changed_ = true; }  // the next frame draws: something changed besides the draw data
    // Triangles' area in framebuffer pixels over the framebuffer's pixels, in the last frame
    // drawn: how many times over a software rasterizer shades each pixel.
    double overdraw() const { return overdraw_; }
    // The last frame drawn: the share of the window it redrew (1 when whole) and in how many rectangles.
    double redrawn_share() const { return redrawn_share_; }
    int redrawn_rects() const { return redrawn_rects_; }
    // The last frame drawn: its draw calls and triangles (what a software rasterizer sets up).
    int draw_calls() const { return draw_calls_; }
    long drawn_triangles() const { return drawn_triangles_; }
    void set_logical_size(int width, int height);  // browser: follow the canvas' CSS size
    void close();
    float pixel_ratio() const { return pixel_ratio_; }
    bool touch() const { return touch_; }  // the last pointer input came from a touch screen
    void set_touch(bool touch) { touch_ = touch; }  // e.g. the browser reports a coarse pointer
    // How far the left button or finger moved while down, from where it went down (logical
    // pixels): counted from every event, so a flick whose whole path arrives within one frame
    // (which ImGui sees as a click where it ended) still reads as a drag.
    ImVec2 press_travel() const { return press_travel_; }
    ImVec2 press_moved() const { return press_moved_; }  // where it is (or was let go) less where it went down

private:
    void load_fonts(float ratio);
    void draw(const Damage::Frame& f, int fb_w, int fb_h);
    void track_press(const SDL_Event& event);  // press_travel_ from one event
    SDL_Window* window_ = nullptr;
    WindowOptions options_;
    bool drawn_ = false, changed_ = true;
    double overdraw_ = 0, redrawn_share_ = 0;
    int redrawn_rects_ = 0, draw_calls_ = 0;
    long drawn_triangles_ = 0;
    Damage damage_;                       // this frame against the picture on screen
    std::vector<ImDrawList> partial_lists_;  // a partial redraw's draw data
    std::vector<ImDrawList*> partial_pointers_;
#ifdef __EMSCRIPTEN__
    WebGlRenderer renderer_;  // draws the frames (the OpenGL3 backend makes the font atlas' texture)
#endif
    void* gl_context_ = nullptr;
    float pixel_ratio_ = 1;
    bool touch_ = false;
    int fingers_ = 0;        // touching the screen now
    int lifted_frames_ = 0;  // frames since the last finger was lifted
    bool pressed_ = false;
    ImVec2 press_at_{0, 0}, press_travel_{0, 0}, press_moved_{0, 0};  // where the press began; its largest |dx|, |dy| since
};

}  // namespace bp
