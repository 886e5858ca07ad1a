// SDL2 window + GL context + ImGui backends, shared by wasm/main.cpp and desktop/main.cpp.
// The only platform difference is the GL flavour: OpenGL 3.2 core natively, WebGL2
// (OpenGL ES 3.0) in the browser. Fonts are baked at the device pixel ratio so text is crisp.
#include "sdl_window.h"

#include <SDL.h>
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

#include "backends/imgui_impl_opengl3.h"
#include "backends/imgui_impl_sdl.h"
#include "dots.h"
#include "fonts.h"
#include "imgui.h"
#include "messages.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#include <SDL_opengles2.h>
#include <GLES3/gl3.h>
#else
#include <SDL_opengl.h>
#endif

namespace bp {

static const char* choose_gl_version() {
#ifdef __EMSCRIPTEN__
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
    return "#version 300 es";
#else
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, SDL_GL_CONTEXT_FORWARD_COMPATIBLE_FLAG);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 2);
    return "#version 150";
#endif
}

bool SdlWindow::open(const WindowOptions& o) {
#ifdef __EMSCRIPTEN__
    // Keys reach the app only while the canvas has the focus: the page's other controls (the
    // accessible mirror, a course page around an embed) keep Space and Tab to themselves.
    SDL_SetHint(SDL_HINT_EMSCRIPTEN_KEYBOARD_ELEMENT, "#canvas");
#endif
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
        std::fprintf(stderr, "SDL_Init failed: %s\n", SDL_GetError());
        return false;
    }
    const char* glsl = choose_gl_version();
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    options_ = o;
    damage_.set_deferral(o.skip_unchanged && o.redraw_changed_only && o.defer_changes);
#ifdef __EMSCRIPTEN__
    // Emscripten's EGL makes the WebGL2 context: a partial redraw needs the pixels kept.
    if (o.skip_unchanged && o.redraw_changed_only) EM_ASM({ EGL.contextAttributes.preserveDrawingBuffer = true; });
#endif
    const auto flags = SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | (o.high_dpi ? SDL_WINDOW_ALLOW_HIGHDPI : 0);
    window_ = SDL_CreateWindow(o.title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, o.width,
                               o.height, flags);
    if (!window_) {
        std::fprintf(stderr, "SDL_CreateWindow failed: %s\n", SDL_GetError());
        return false;
    }
    gl_context_ = SDL_GL_CreateContext(window_);
    if (!gl_context_) {
        std::fprintf(stderr, "SDL_GL_CreateContext failed: %s\n", SDL_GetError());
        return false;
    }
    SDL_GL_MakeCurrent(window_, gl_context_);
    SDL_GL_SetSwapInterval(1);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // layout comes from code, not a file
    ImGui_ImplSDL2_InitForOpenGL(window_, gl_context_);
    ImGui_ImplOpenGL3_Init(glsl);
#ifdef __EMSCRIPTEN__
    if (!renderer_.init()) return false;
#endif
    int fb_w = 0, win_w = 0, h = 0;
    SDL_GL_GetDrawableSize(window_, &fb_w, &h);
    SDL_GetWindowSize(window_, &win_w, &h);
    load_fonts(win_w > 0 ? float(fb_w) / float(win_w) : 1.0f);
    return true;
}

// Bake the fonts at the framebuffer's pixel density and draw them scaled back, so text
// is sharp at device pixel ratio 1, 2 or 3 instead of an upscaled bitmap.
void SdlWindow::load_fonts(float ratio) {
    if (ratio < 1) ratio = 1;
    pixel_ratio_ = ratio;
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;  // the bytes live in the binary
    const float size = 16.0f * ratio;
    // Only the characters the message tables and lessons use (Latin-1, Cyrillic, a few
    // punctuation marks; tests/test_messages.cpp checks that they cover every text): the
    // whole of both fonts would make the atlas several times larger at DPR 3.
    const ImWchar* ranges = glyph_ranges();
    io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(font_ui_data), int(font_ui_size),
                                   size, &config, ranges);
    io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(font_mono_data),
                                   int(font_mono_size), size, &config, ranges);
    reserve_dot_sprites(*io.Fonts, ratio);
    bake_dot_sprites(*io.Fonts);
    io.FontGlobalScale = 1.0f / ratio;
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    changed_ = true;
}

namespace {
// The area of the draw data's triangles, in framebuffer pixels.
double shaded_pixels(const ImDrawData& d) {
    double area = 0;
    for (int l = 0; l < d.CmdListsCount; ++l) {
        const ImDrawList& list = *d.CmdLists[l];
        for (const ImDrawCmd& cmd : list.CmdBuffer)
            for (unsigned i = 0; i + 2 < cmd.ElemCount; i += 3) {
                const ImDrawIdx* t = &list.IdxBuffer[int(cmd.IdxOffset + i)];
                const ImVec2 a = list.VtxBuffer[int(t[0])].pos, b = list.VtxBuffer[int(t[1])].pos, c = list.VtxBuffer[int(t[2])].pos;
                area += 0.5 * std::abs(double(b.x - a.x) * (c.y - a.y) - double(c.x - a.x) * (b.y - a.y));
            }
    }
    return area * d.FramebufferScale.x * d.FramebufferScale.y;
}
}  // namespace

void SdlWindow::set_logical_size(int width, int height) {
    int w = 0, h = 0;
    SDL_GetWindowSize(window_, &w, &h);
    if (w != width || h != height) SDL_SetWindowSize(window_, width, height);
}

void SdlWindow::track_press(const SDL_Event& event) {
    if (event.type == SDL_MOUSEBUTTONDOWN && event.button.button == SDL_BUTTON_LEFT) {
        pressed_ = true;
        press_at_ = ImVec2(float(event.button.x), float(event.button.y));
        press_travel_ = press_moved_ = ImVec2(0, 0);
    }
    if (event.type == SDL_MOUSEBUTTONUP && event.button.button == SDL_BUTTON_LEFT) pressed_ = false;
    const bool moved = event.type == SDL_MOUSEMOTION || event.type == SDL_MOUSEBUTTONUP;
    if (moved && (pressed_ || event.type == SDL_MOUSEBUTTONUP)) {
        const ImVec2 at = event.type == SDL_MOUSEMOTION ? ImVec2(float(event.motion.x), float(event.motion.y))
                                                       : ImVec2(float(event.button.x), float(event.button.y));
        press_moved_ = ImVec2(at.x - press_at_.x, at.y - press_at_.y);
        press_travel_ = ImVec2(std::max(press_travel_.x, std::abs(at.x - press_at_.x)), std::max(press_travel_.y, std::abs(at.y - press_at_.y)));
    }
}

bool SdlWindow::frame(const std::function<void()>& ui, const std::function<void()>& drawn) {
    bool running = true;
    SDL_Event event;
    while (SDL_PollEvent(&event)) {
        ImGui_ImplSDL2_ProcessEvent(&event);
        if (event.type == SDL_QUIT) running = false;
        // SDL turns a finger into mouse events too (from SDL_TOUCH_MOUSEID): remember which it was.
        if (event.type == SDL_FINGERDOWN) touch_ = true, fingers_ += 1;
        if (event.type == SDL_FINGERUP) fingers_ = std::max(0, fingers_ - 1), lifted_frames_ = 0;
        if (event.type == SDL_MOUSEBUTTONDOWN) touch_ = event.button.which == SDL_TOUCH_MOUSEID;
        track_press(event);
    }
    int fb_w = 0, fb_h = 0, win_w = 0, win_h = 0;
    SDL_GL_GetDrawableSize(window_, &fb_w, &fb_h);
    SDL_GetWindowSize(window_, &win_w, &win_h);
    const float ratio = win_w > 0 ? float(fb_w) / float(win_w) : 1.0f;
    if (ratio != pixel_ratio_) load_fonts(ratio);  // moved to another screen, or zoomed
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    // A lifted finger hovers nothing (no tooltips left behind), once ImGui has seen its release
    // where it was: a tap's down and up can arrive in one frame, the release shows the next.
    lifted_frames_ = std::min(lifted_frames_ + 1, 3);
    if (touch_ && fingers_ == 0 && lifted_frames_ > 2) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    ImGui::NewFrame();
    ui();
    ImGui::Render();
    const ImDrawData& data = *ImGui::GetDrawData();
    Damage::Frame f;
    f.whole = true;
    if (options_.skip_unchanged) f = damage_.update(data, options_.texture_version, changed_);
    drawn_ = f.whole || !f.rects.empty();
    if (!drawn_) return running;  // the browser keeps showing the last picture
    changed_ = false;
    draw(f, fb_w, fb_h);
    if (drawn) drawn();
    SDL_GL_SwapWindow(window_);
    return running;
}

// The whole frame, or (when the canvas keeps its pixels) only the rectangles that changed: each
// cleared to the background and drawn again with every triangle that reaches it, in order.
void SdlWindow::draw(const Damage::Frame& f, int fb_w, int fb_h) {
    ImDrawData* data = ImGui::GetDrawData();
    const bool partial = !f.whole && options_.redraw_changed_only && data->FramebufferScale.x == 1 && data->FramebufferScale.y == 1;
    ImDrawData part;
    if (partial) part = partial_draw_data(*data, f.rects, partial_lists_, partial_pointers_);
    ImDrawData& drawn = partial ? part : *data;
    overdraw_ = shaded_pixels(drawn) / std::max(1.0, double(fb_w) * fb_h);
    redrawn_share_ = partial ? f.share : 1;
    redrawn_rects_ = partial ? int(f.rects.size()) : 1;
    draw_calls_ = 0, drawn_triangles_ = 0;
    for (int l = 0; l < drawn.CmdListsCount; ++l) {
        draw_calls_ += drawn.CmdLists[l]->CmdBuffer.Size;
        drawn_triangles_ += drawn.CmdLists[l]->IdxBuffer.Size / 3;
    }
    glViewport(0, 0, fb_w, fb_h);
    // The app's full-window ImGui window draws no background of its own (App::frame): the
    // clear is its background, WindowBg over the page's colour, one full-window blend fewer.
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    auto over_page = [&bg](float window, float page) { return window * bg.w + page * (1 - bg.w); };
    glClearColor(over_page(bg.x, 0.11f), over_page(bg.y, 0.12f), over_page(bg.z, 0.14f), 1.0f);
    if (partial) {
        glEnable(GL_SCISSOR_TEST);
        for (const PixelRect& r : f.rects) glScissor(r.x0, fb_h - r.y1, r.x1 - r.x0, r.y1 - r.y0), glClear(GL_COLOR_BUFFER_BIT);
        glDisable(GL_SCISSOR_TEST);
    } else {
        glClear(GL_COLOR_BUFFER_BIT);
    }
#ifdef __EMSCRIPTEN__
    renderer_.render(drawn, fb_w, fb_h);
#else
    ImGui_ImplOpenGL3_RenderDrawData(&drawn);
#endif
}

Pixels SdlWindow::read_pixels() const {
    Pixels p;
    SDL_GL_GetDrawableSize(window_, &p.width, &p.height);
    std::vector<unsigned char> bottom_up(std::size_t(p.width) * std::size_t(p.height) * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, p.width, p.height, GL_RGBA, GL_UNSIGNED_BYTE, bottom_up.data());
    const std::size_t row = std::size_t(p.width) * 4;
    p.rgba.resize(bottom_up.size());
    for (int y = 0; y < p.height; ++y)  // GL's rows start at the bottom
        std::copy_n(&bottom_up[std::size_t(p.height - 1 - y) * row], row, &p.rgba[std::size_t(y) * row]);
    return p;
}

void SdlWindow::close() {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
    if (gl_context_) SDL_GL_DeleteContext(gl_context_);
    if (window_) SDL_DestroyWindow(window_);
    SDL_Quit();
}

}  // namespace bp
