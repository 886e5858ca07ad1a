// Browser entry: the Emscripten main loop around the shared SDL2/WebGL2 window, the canvas
// following the browser window, the page's address following the settings (and the other
// way round), and the Host the UI saves files, copies links and saves pictures through.
// The C functions behind window.bp are here and in graph_api.cpp and course_api.cpp.
#include <emscripten.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string>

#include "app.h"
#include "gl_textures.h"
#include "imgui.h"
#include "plot.h"
#include "sdl_window.h"
#include "text_util.h"
#include "messages.h"

namespace {
std::string g_base_url;  // this page's address without the hash

// Files in the browser: a Blob download, and a file picker whose text comes back through
// bp_file_opened. Links are this page's address with a hash; pictures come from the canvas.
class WebHost : public bp::Host {
public:
    std::string save_text(const std::string& name, const std::string& text, const char* mime) override {
        EM_ASM({ bpDownload(UTF8ToString($0), UTF8ToString($1), UTF8ToString($2)); }, name.c_str(), text.c_str(), mime);
        return bp::msg("host.downloaded", {{"name", name}});
    }
    void open_text(const char* accept, std::function<void(const std::string&)> done) override {
        pending = std::move(done);
        EM_ASM({ bpPickFile(UTF8ToString($0)); }, accept);
    }
    void open_files(const char* accept, std::function<void(const std::string&, const std::string&)> done) override {
        pending_files = std::move(done);
        EM_ASM({ bpPickFiles(UTF8ToString($0)); }, accept);
    }
    std::string copy_link(const std::string& hash) override {
        const std::string url = g_base_url + "#" + hash;
        EM_ASM({ bpCopyText(UTF8ToString($0)); }, url.c_str());
        return url;
    }
    std::string open_full(const std::string& hash) override {
        const std::string url = g_base_url + "#" + hash;
        EM_ASM({ window.open(UTF8ToString($0), '_blank', 'noopener'); }, url.c_str());
        return bp::msg("host.opened", {{"url", url}});
    }
    void save_png(const std::string& name) override { png_name = name; }
    // localStorage, which a sandboxed iframe or a privacy setting may refuse: then nothing is kept.
    std::string load_pref(const std::string& key) override {
        const int n = EM_ASM_INT({
            try { var v = localStorage.getItem('bp.' + UTF8ToString($0)); return v === null ? 0 : lengthBytesUTF8(v); }
            catch (e) { return 0; }
        }, key.c_str());
        std::string value(std::size_t(n), '\0');
        if (n > 0)
            EM_ASM({ stringToUTF8(localStorage.getItem('bp.' + UTF8ToString($0)), $1, $2); }, key.c_str(), value.data(), n + 1);
        return value;
    }
    void save_pref(const std::string& key, const std::string& value) override {
        EM_ASM({ try { localStorage.setItem('bp.' + UTF8ToString($0), UTF8ToString($1)); } catch (e) {} }, key.c_str(), value.c_str());
    }

    std::function<void(const std::string&)> pending;
    std::function<void(const std::string&, const std::string&)> pending_files;  // open_files: each file's name and text
    std::string png_name;  // saved after this frame is drawn, while its pixels are there
};

WebHost g_host;
bp::SdlWindow g_window;
bp::GlTextures* g_textures = nullptr;
bp::App* g_app = nullptr;
int g_frames = 0;   // drawn: a frame whose picture equals the one shown is not (SdlWindow)
int g_updates = 0;  // the app's frames, drawn or not
int g_max_list_vertices = 0;  // the largest draw list of the last frame, in vertices
std::string g_out;  // the last string handed to JS (valid until the next call)
std::string g_hash_shown, g_hash_pending;  // in the address bar; changed but not yet written
double g_hash_changed_at = 0;

// The address bar follows the settings, once they have stayed put for a moment (dragging a
// slider would otherwise rewrite the history entry every frame, which browsers throttle).
void sync_hash() {
    static int version = -1;
    if (g_app->model().settings_version() == version && g_hash_pending.empty()) return;  // nothing new
    version = g_app->model().settings_version();
    const std::string h = bp::to_hash(g_app->model().settings());
    if (h == g_hash_shown) {
        g_hash_pending.clear();
        return;
    }
    if (h != g_hash_pending) {
        g_hash_pending = h;
        g_hash_changed_at = emscripten_get_now();
        return;
    }
    if (emscripten_get_now() - g_hash_changed_at < 250) return;
    EM_ASM({ history.replaceState(history.state, '', '#' + UTF8ToString($0)); }, h.c_str());
    g_hash_shown = h;
}

void frame() {
    const int w = EM_ASM_INT({ return window.innerWidth; });
    const int h = EM_ASM_INT({ return window.innerHeight; });
    g_window.set_logical_size(w, h);
    g_window.frame(
        [] {
            g_app->playground().set_touch(g_window.touch(), g_window.press_travel(), g_window.press_moved()), g_app->frame();
        },
        [] {
            const ImDrawData* data = ImGui::GetDrawData();
            g_max_list_vertices = 0;
            for (int i = 0; data && i < data->CmdListsCount; ++i)
                g_max_list_vertices = std::max(g_max_list_vertices, data->CmdLists[i]->VtxBuffer.Size);
        });
    ++g_updates;
    if (!g_host.png_name.empty()) {  // the canvas holds a picture only in the frame that drew it
        if (g_window.drawn()) EM_ASM({ bpSaveCanvas(UTF8ToString($0)); }, g_host.png_name.c_str()), g_host.png_name.clear();
        else g_window.mark_changed();
    }
    sync_hash();
    static bp::Language page_lang = bp::Language(-1);  // the page's <html lang> and title follow the setting
    if (g_app->model().page().lang != page_lang) {
        page_lang = g_app->model().page().lang;
        EM_ASM({ if (window.bpPageLanguage) window.bpPageLanguage(UTF8ToString($0)); }, bp::name_of(page_lang));
    }
    if (g_window.drawn() && ++g_frames == 1) EM_ASM({ if (Module.onFirstFrame) Module.onFirstFrame(); });
}

// The GL renderer's name, from a throwaway WebGL2 context (WEBGL_debug_renderer_info where the
// browser offers it), and whether it is a software rasterizer: SwiftShader (Chromium without a
// usable GPU), llvmpipe, softpipe or lavapipe (Mesa), Microsoft's Basic Render Driver (WARP).
std::string g_renderer;
bool g_software_gl = false;
void detect_renderer() {
    const int n = EM_ASM_INT({
        var name = '';
        try {
            var gl = document.createElement('canvas').getContext('webgl2');
            if (gl) {
                var info = gl.getExtension('WEBGL_debug_renderer_info');
                name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
                var lose = gl.getExtension('WEBGL_lose_context');
                if (lose) lose.loseContext();
            }
        } catch (e) {}
        Module.bpRendererName = name;
        return lengthBytesUTF8(name);
    });
    g_renderer.assign(std::size_t(n), '\0');
    EM_ASM({ stringToUTF8(Module.bpRendererName, $0, $1); }, g_renderer.data(), n + 1);
    std::string lower = g_renderer;
    for (char& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
    g_software_gl = false;
    for (const char* soft : {"swiftshader", "llvmpipe", "softpipe", "lavapipe", "software", "basic render"})
        g_software_gl |= lower.find(soft) != std::string::npos;
}

const char* out(std::string s) {
    g_out = std::move(s);
    return g_out.c_str();
}

bp::Playground& pg() { return g_app->playground(); }
bp::PlaygroundModel& model() { return g_app->model(); }

// navigator.languages, e.g. "es-ES,es,en"
std::string browser_languages() {
    std::string s(std::size_t(EM_ASM_INT({ return lengthBytesUTF8((navigator.languages || [navigator.language || '']).join(',')); })), '\0');
    EM_ASM({ stringToUTF8((navigator.languages || [navigator.language || '']).join(','), $0, $1); }, s.data(), int(s.size() + 1));
    return s;
}

// The page's address (before the hash) has ?key=value: the renderer's switches for comparisons.
bool address_asks(const char* key, const char* value) {
    return EM_ASM_INT({ return new URLSearchParams(location.search).get(UTF8ToString($0)) === UTF8ToString($1) ? 1 : 0; }, key, value) != 0;
}

std::string page_string(int which) {  // 0: the address without the hash, 1: the hash
    std::string s(std::size_t(EM_ASM_INT({ var h = location.href.split('#'); return lengthBytesUTF8($0 ? (h[1] || '') : h[0]); }, which)), '\0');
    EM_ASM({ var h = location.href.split('#'); stringToUTF8($0 ? (h[1] || '') : h[0], $1, $2); }, which, s.data(), int(s.size() + 1));
    return s;
}
}  // namespace

bp::App& wasm_app() { return *g_app; }  // for the other files of the JS API
const char* wasm_out(std::string s) { return out(std::move(s)); }

extern "C" {
EMSCRIPTEN_KEEPALIVE int bp_frames() { return g_frames; }
EMSCRIPTEN_KEEPALIVE int bp_updates() { return g_updates; }
EMSCRIPTEN_KEEPALIVE const char* bp_renderer() {
    bp::Json r = bp::Json::object();
    r.set("name", g_renderer);
    r.set("software", g_software_gl);
    return out(r.dump());
}
EMSCRIPTEN_KEEPALIVE float bp_pixel_ratio() { return g_window.pixel_ratio(); }
EMSCRIPTEN_KEEPALIVE const char* bp_get_state() { return out(bp::to_json(model().settings()).dump()); }
EMSCRIPTEN_KEEPALIVE const char* bp_get_hash() { return out(bp::to_hash(model().settings())); }
EMSCRIPTEN_KEEPALIVE const char* bp_set_state(const char* text) {
    bp::Json warnings = bp::Json::array();
    for (const auto& w : model().set_state(text)) warnings.push(w);
    return out(warnings.dump());
}
// The user edited the address (or went back): load it, showing what was rejected.
EMSCRIPTEN_KEEPALIVE void bp_hash_changed(const char* hash) {
    std::string h = hash;
    if (!h.empty() && h[0] == '#') h.erase(0, 1);
    if (h == g_hash_shown) return;
    model().load(h, "link");
    g_hash_shown = h;  // sync_hash writes the complete form a moment later
}
EMSCRIPTEN_KEEPALIVE void bp_save_png() { g_host.save_png("playground.png"); }
EMSCRIPTEN_KEEPALIVE void bp_files_opened(const char* name, const char* text) {
    if (g_host.pending_files) g_host.pending_files(name, text);
}
EMSCRIPTEN_KEEPALIVE void bp_file_opened(const char* text) {
    if (g_host.pending) g_host.pending(text);
    g_host.pending = nullptr;
}
EMSCRIPTEN_KEEPALIVE const char* bp_export_csv() { return out(model().export_csv()); }
EMSCRIPTEN_KEEPALIVE const char* bp_import_csv(const char* text) { return out(model().import_csv(text)); }
EMSCRIPTEN_KEEPALIVE void bp_play() {  // what the Play button does when it does not read "Pause"
    if (!model().playing()) model().press_play();
}
EMSCRIPTEN_KEEPALIVE void bp_pause() { model().pause(); }
// bp.step(n): bp.js turns NaN, negatives and non-numbers into 0. n is a double, so a huge
// one arrives as itself instead of wrapped by JS's ToInt32; more than kMaxApiSteps in one
// call would freeze the tab, so it runs that many and says so on the console.
EMSCRIPTEN_KEEPALIVE void bp_step(double n) {
    constexpr double kMaxApiSteps = 100000;
    if (n > kMaxApiSteps) std::fprintf(stderr, "bp.step(%.17g): at most 100000 steps a call; ran 100000\n", n);
    model().step(int(std::clamp(n == n ? n : 0.0, 0.0, kMaxApiSteps)));
}
EMSCRIPTEN_KEEPALIVE void bp_reset() { model().reset(); }
EMSCRIPTEN_KEEPALIVE int bp_playing() { return model().playing(); }
EMSCRIPTEN_KEEPALIVE const char* bp_metrics() { return out(model().metrics().dump()); }
EMSCRIPTEN_KEEPALIVE const char* bp_frame_stats() {
    bp::Json s = bp::Json::object();
    s.set("fps", double(ImGui::GetIO().Framerate));
    s.set("engineMs", pg().frame_stats().engine_ms);
    s.set("landscapeMs", pg().frame_stats().landscape_ms);  // part of engineMs
    s.set("uploadMs", pg().frame_stats().upload_ms);
    s.set("drawMs", pg().frame_stats().draw_ms);
    s.set("gridMacs", double(pg().frame_stats().grid_macs));
    s.set("outputPictures", double(pg().frame_stats().pictures));
    // A draw list must stay within what its index type addresses (the WebGL2 backend cannot
    // offset vertices): at most 2^(8 * indexBytes) vertices.
    s.set("maxListVertices", g_max_list_vertices);
    s.set("indexBytes", int(sizeof(ImDrawIdx)));
    s.set("overdraw", g_window.overdraw());
    s.set("redrawnShare", g_window.redrawn_share());
    s.set("redrawnRects", g_window.redrawn_rects());
    s.set("drawCalls", g_window.draw_calls());
    s.set("drawnTriangles", double(g_window.drawn_triangles()));
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
    // A software rasterizer draws at one framebuffer pixel per CSS pixel (the browser scales
    // it up): at DPR 2 that is a quarter of the pixels to shade (README, Speed without a GPU).
    // The page's address may ask for full density anyway: index.html?render=full.
    detect_renderer();
    const bool full = address_asks("render", "full");
    // And ?redraw=all: every drawn frame drawn whole, not only the rectangles that changed.
    const bool all = address_asks("redraw", "all");
    bp::WindowOptions options{"Backprop Playground", w, h, full || !g_software_gl, true, g_software_gl && !full && !all};
    options.texture_version = [](ImTextureID id) { return g_textures ? g_textures->version(id) : 0u; };
    // ?redraw=now: every change in the frame it happens (no turns for the large ones).
    options.defer_changes = !address_asks("redraw", "now");
    if (!g_window.open(options)) {
        EM_ASM({ if (Module.onStartFailed) Module.onStartFailed(); });
        return 1;
    }
    // A touch screen before the first touch: the browser says its main pointer is coarse.
    g_window.set_touch(EM_ASM_INT({ return window.matchMedia('(pointer: coarse)').matches ? 1 : 0; }) != 0);
    g_base_url = page_string(0);
    // Without lang= in the hash the page speaks the browser's first language of en, es, ru,
    // written into no link: a link opens in its reader's language unless it names one.
    const std::string languages = browser_languages();
    std::vector<std::string> tags;
    for (std::string_view tag : bp::split(languages, ',')) tags.emplace_back(tag);
    if (const auto lang = bp::language_from_tags(tags)) bp::set_default_language(*lang);

    g_textures = new bp::GlTextures();  // both live as long as the page
    // And the plots' lines as images drawn on the CPU, unless ?lines=triangles.
    if (g_software_gl && !address_asks("lines", "triangles")) bp::set_plot_line_images(g_textures);
    g_app = new bp::App(*g_textures, g_host);
    g_app->start(page_string(1), EM_ASM_INT({
        return window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 1 : 0;
    }) != 0);
    emscripten_set_main_loop(frame, 0, false);
    return 0;
}
