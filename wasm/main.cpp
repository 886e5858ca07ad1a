// Browser entry: the Emscripten main loop around the shared SDL2/WebGL2 window, the canvas
// following the browser window, and the C functions web/bp.js wraps as window.bp.
#include <emscripten.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "app.h"
#include "gl_textures.h"
#include "sdl_window.h"

namespace {
// Files in the browser: a Blob download, and a file picker whose text comes back
// through bp_file_opened.
class WebFiles : public bp::FileHost {
public:
    std::string save_text(const std::string& name, const std::string& text, const char* mime) override {
        EM_ASM({ bpDownload(UTF8ToString($0), UTF8ToString($1), UTF8ToString($2)); }, name.c_str(), text.c_str(), mime);
        return "downloaded " + name;
    }
    void open_text(const char* accept, std::function<void(const std::string&)> done) override {
        pending = std::move(done);
        EM_ASM({ bpPickFile(UTF8ToString($0)); }, accept);
    }
    std::function<void(const std::string&)> pending;
};

WebFiles g_files;
bp::SdlWindow g_window;
bp::GlTextures* g_textures = nullptr;
bp::App* g_app = nullptr;
int g_frames = 0;
std::string g_out;  // the last string handed to JS (valid until the next call)

void frame() {
    const int w = EM_ASM_INT({ return window.innerWidth; });
    const int h = EM_ASM_INT({ return window.innerHeight; });
    g_window.set_logical_size(w, h);
    g_window.frame([] { g_app->frame(); });
    if (++g_frames == 1) EM_ASM({ if (Module.onFirstFrame) Module.onFirstFrame(); });
}

const char* out(std::string s) {
    g_out = std::move(s);
    return g_out.c_str();
}

bp::Playground& pg() { return g_app->playground(); }
}  // namespace

bp::App& wasm_app() { return *g_app; }  // for the other files of the JS API (graph_api.cpp)

extern "C" {
EMSCRIPTEN_KEEPALIVE int bp_frames() { return g_frames; }
EMSCRIPTEN_KEEPALIVE float bp_pixel_ratio() { return g_window.pixel_ratio(); }
EMSCRIPTEN_KEEPALIVE const char* bp_get_state() { return out(bp::to_json(pg().config()).dump()); }
EMSCRIPTEN_KEEPALIVE const char* bp_get_hash() { return out(bp::to_hash(pg().config())); }
EMSCRIPTEN_KEEPALIVE const char* bp_set_state(const char* text) {
    bp::Json warnings = bp::Json::array();
    for (const auto& w : pg().set_state(text)) warnings.push(w);
    return out(warnings.dump());
}
EMSCRIPTEN_KEEPALIVE void bp_file_opened(const char* text) {
    if (g_files.pending) g_files.pending(text);
    g_files.pending = nullptr;
}
EMSCRIPTEN_KEEPALIVE const char* bp_export_csv() { return out(pg().export_csv()); }
EMSCRIPTEN_KEEPALIVE const char* bp_import_csv(const char* text) { return out(pg().import_csv(text)); }
EMSCRIPTEN_KEEPALIVE void bp_play() { pg().play(); }
EMSCRIPTEN_KEEPALIVE void bp_pause() { pg().pause(); }
// bp.step(n): bp.js turns NaN, negatives and non-numbers into 0. n is a double, so a huge
// one arrives as itself instead of wrapped by JS's ToInt32; more than kMaxApiSteps in one
// call would freeze the tab, so it runs that many and says so on the console.
EMSCRIPTEN_KEEPALIVE void bp_step(double n) {
    constexpr double kMaxApiSteps = 100000;
    if (n > kMaxApiSteps) std::fprintf(stderr, "bp.step(%.17g): at most 100000 steps a call; ran 100000\n", n);
    pg().step(int(std::clamp(n == n ? n : 0.0, 0.0, kMaxApiSteps)));
}
EMSCRIPTEN_KEEPALIVE void bp_reset() { pg().reset(); }
EMSCRIPTEN_KEEPALIVE int bp_playing() { return pg().playing(); }
EMSCRIPTEN_KEEPALIVE const char* bp_metrics() { return out(pg().metrics().dump()); }
EMSCRIPTEN_KEEPALIVE const char* bp_frame_stats() {
    bp::Json s = bp::Json::object();
    s.set("fps", double(ImGui::GetIO().Framerate));
    s.set("engineMs", pg().frame_stats().engine_ms);
    s.set("uploadMs", pg().frame_stats().upload_ms);
    s.set("drawMs", pg().frame_stats().draw_ms);
    return out(s.dump());
}
EMSCRIPTEN_KEEPALIVE const char* bp_output_rect() {
    const ImVec4 r = pg().output_rect();
    return out(bp::Json::array({r.x, r.y, r.z, r.w}).dump());
}
}

int main() {
    const int w = EM_ASM_INT({ return window.innerWidth; });
    const int h = EM_ASM_INT({ return window.innerHeight; });
    if (!g_window.open({"Backprop Playground", w, h})) {
        EM_ASM({ if (Module.onStartFailed) Module.onStartFailed(); });
        return 1;
    }
    g_textures = new bp::GlTextures();  // both live as long as the page
    g_app = new bp::App(*g_textures, g_files);
    emscripten_set_main_loop(frame, 0, false);
    return 0;
}
