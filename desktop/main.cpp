// Native desktop entry: the same App in an SDL2 + OpenGL3 window.
// `bp_desktop --frames N` draws N frames and exits (the smoke test under Xvfb).
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "app.h"
#include "gl_textures.h"
#include "sdl_window.h"

int main(int argc, char** argv) {
    long max_frames = -1;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--frames") == 0 && i + 1 < argc) {
            char* end = nullptr;
            max_frames = std::strtol(argv[++i], &end, 10);
            if (*end != '\0' || max_frames < 0) {
                std::fprintf(stderr, "bp_desktop: --frames needs a whole number >= 0, got '%s'\n", argv[i]);
                return 2;
            }
        } else {
            std::fprintf(stderr, "usage: bp_desktop [--frames N]\n");
            return 2;
        }
    }
    bp::SdlWindow window;
    if (!window.open({})) return 1;
    {
        bp::GlTextures textures;
        bp::App app(textures);
        for (long n = 0; max_frames < 0 || n < max_frames; ++n)
            if (!window.frame([&] { app.frame(); })) break;
    }  // textures go before the GL context
    window.close();
    return 0;
}
