// Native desktop entry: the same App in an SDL2 + OpenGL3 window.
// `bp_desktop [--hash "dataset=spiral&lr=0.1"] [--frames N] [--png FILE]` starts with those
// settings, draws N frames and exits (the smoke test under Xvfb), saving the last as FILE.
#include <SDL.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "app.h"
#include "gl_textures.h"
#include "png_file.h"
#include "sdl_window.h"
#include "messages.h"

namespace {
// Files natively: save into the working directory; open reads the file saved last under
// that extension's default name (dataset.csv for ".csv", config.json for ".json"). A link
// is the hash, for --hash; pictures are read from the framebuffer after a frame is drawn.
class DesktopHost : public bp::Host {
public:
    std::string save_text(const std::string& name, const std::string& text, const char*) override {
        std::ofstream out(name, std::ios::binary);
        out << text;
        return bp::msg(out ? "files.saved" : "host.write_failed", {{"name", "./" + name}});
    }
    void open_text(const char* accept, std::function<void(const std::string&)> done) override {
        const std::string name = std::string(std::strcmp(accept, ".csv") == 0 ? "dataset" : "config") + accept;
        std::ifstream in(name, std::ios::binary);
        if (!in) return done(bp::msg("host.read_failed", {{"name", "./" + name}}));
        std::stringstream text;
        text << in.rdbuf();
        done(text.str());
    }
    std::string copy_link(const std::string& hash) override {
        SDL_SetClipboardText(hash.c_str());
        return bp::msg("host.copied_desktop", {{"hash", hash}});
    }
    std::string open_full(const std::string&) override { return bp::msg("host.is_full"); }
    void save_png(const std::string& name) override { png_name = name; }

    std::string png_name;
};

int usage(const char* problem) {
    std::fprintf(stderr, "bp_desktop: %s\nusage: bp_desktop [--hash SETTINGS] [--lang en|es|ru] [--frames N] [--png FILE]\n", problem);
    return 2;
}
}  // namespace

int main(int argc, char** argv) {
    long max_frames = -1;
    std::string hash, png_at_exit, lang;
    for (int i = 1; i < argc; ++i) {
        const bool has_value = i + 1 < argc;
        if (std::strcmp(argv[i], "--frames") == 0 && has_value) {
            char* end = nullptr;
            max_frames = std::strtol(argv[++i], &end, 10);
            if (*end != '\0' || max_frames < 0) return usage("--frames needs a whole number >= 0");
        } else if (std::strcmp(argv[i], "--hash") == 0 && has_value) {
            hash = argv[++i];
        } else if (std::strcmp(argv[i], "--lang") == 0 && has_value) {
            lang = argv[++i];
        } else if (std::strcmp(argv[i], "--png") == 0 && has_value) {
            png_at_exit = argv[++i];
        } else {
            return usage((std::string("unknown or incomplete argument '") + argv[i] + "'").c_str());
        }
    }
    // The system's language (LANG=es_ES.UTF-8) when no lang is given; --lang is a choice, as lang= in --hash.
    if (const char* env = std::getenv("LANG"))
        if (const auto l = bp::language_from_tags({env})) bp::set_default_language(*l);
    if (!lang.empty()) hash += (hash.empty() ? "lang=" : "&lang=") + lang;
    bp::SdlWindow window;
    if (!window.open({})) return 1;
    {
        bp::GlTextures textures;
        DesktopHost host;
        bp::App app(textures, host);
        app.start(hash);
        for (const auto& m : app.model().messages()) std::fprintf(stderr, "bp_desktop: --hash: %s\n", m.c_str());
        for (long n = 0; max_frames < 0 || n < max_frames; ++n) {
            if (n + 1 == max_frames && !png_at_exit.empty()) host.png_name = png_at_exit;
            const bool open = window.frame([&] { app.playground().set_touch(window.touch(), window.press_travel(), window.press_moved()), app.frame(); }, [&] {
                if (host.png_name.empty()) return;
                const std::string error = bp::write_png(host.png_name, window.read_pixels());
                if (!error.empty()) std::fprintf(stderr, "bp_desktop: %s\n", error.c_str());
                host.png_name.clear();
            });
            if (!open) break;
        }
    }  // textures go before the GL context
    window.close();
    return 0;
}
