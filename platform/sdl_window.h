// The one SDL2 + OpenGL3 (desktop) / WebGL2 (browser) window both entries share:
// creates the window and GL context, sets up Dear ImGui's SDL2 and OpenGL3 backends,
// loads the embedded fonts at the device pixel ratio, and runs one frame at a time.
#pragma once
#include <functional>
#include <vector>

#include "imgui.h"

union SDL_Event;

struct SDL_Window;

namespace bp {

struct WindowOptions {
    const char* title = "Backprop Playground";
    int width = 1280, height = 800;  // logical (CSS) pixels
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
    void track_press(const SDL_Event& event);  // press_travel_ from one event
    SDL_Window* window_ = nullptr;
    void* gl_context_ = nullptr;
    float pixel_ratio_ = 1;
    bool touch_ = false;
    int fingers_ = 0;        // touching the screen now
    int lifted_frames_ = 0;  // frames since the last finger was lifted
    bool pressed_ = false;
    ImVec2 press_at_{0, 0}, press_travel_{0, 0}, press_moved_{0, 0};  // where the press began; its largest |dx|, |dy| since
};

}  // namespace bp
