// Native desktop entry: the same App in an SDL2 + OpenGL3 window.
// `bp_desktop --frames N` draws N frames and exits (the smoke test under Xvfb).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "app.h"
#include "gl_textures.h"
#include "sdl_window.h"

namespace {
// Files natively: save into the working directory; open reads the file saved last under
// that extension's default name (dataset.csv for ".csv").
class DesktopFiles : public bp::FileHost {
public:
    std::string save_text(const std::string& name, const std::string& text, const char*) override {
        std::ofstream out(name, std::ios::binary);
        out << text;
        return out ? "saved ./" + name : "could not write ./" + name;
    }
    void open_text(const char* accept, std::function<void(const std::string&)> done) override {
        const std::string name = std::string(std::strcmp(accept, ".csv") == 0 ? "dataset" : "config") + accept;
        std::ifstream in(name, std::ios::binary);
        if (!in) return done("cannot read ./" + name);
        std::stringstream text;
        text << in.rdbuf();
        done(text.str());
    }
};
}  // namespace

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
        DesktopFiles files;
        bp::App app(textures, files);
        for (long n = 0; max_frames < 0 || n < max_frames; ++n)
            if (!window.frame([&] { app.frame(); })) break;
    }  // textures go before the GL context
    window.close();
    return 0;
}
