// Browser entry: the Emscripten main loop around the shared SDL2/WebGL2 window, the canvas
// following the browser window, and the C functions that web/bp.js wraps as window.bp.
#include <emscripten.h>

#include "app.h"
#include "sdl_window.h"

namespace {
bp::SdlWindow g_window;
bp::App* g_app = nullptr;
int g_frames = 0;

void frame() {
    const int w = EM_ASM_INT({ return window.innerWidth; });
    const int h = EM_ASM_INT({ return window.innerHeight; });
    g_window.set_logical_size(w, h);
    g_window.frame([] { g_app->draw(); });
    if (++g_frames == 1) EM_ASM({ if (Module.onFirstFrame) Module.onFirstFrame(); });
}
}  // namespace

extern "C" {
EMSCRIPTEN_KEEPALIVE int bp_frames() { return g_frames; }
EMSCRIPTEN_KEEPALIVE float bp_pixel_ratio() { return g_window.pixel_ratio(); }
}

int main() {
    const int w = EM_ASM_INT({ return window.innerWidth; });
    const int h = EM_ASM_INT({ return window.innerHeight; });
    if (!g_window.open({"Backprop Playground", w, h})) {
        EM_ASM({ if (Module.onStartFailed) Module.onStartFailed(); });
        return 1;
    }
    g_app = new bp::App();  // lives as long as the page
    emscripten_set_main_loop(frame, 0, false);
    return 0;
}
