// GlTextures: uploads heatmap pixels when they changed; same-size updates use glTexSubImage2D
// (no realloc).
#include "gl_textures.h"

#include <cstdint>

#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#else
#include <SDL_opengl.h>
#endif

namespace bp {

GlTextures::~GlTextures() {
    for (Slot& s : slots_)
        if (s.id) glDeleteTextures(1, &s.id);
}

ImTextureID GlTextures::upload(int slot, int w, int h, const std::uint32_t* rgba) {
    if (slot >= int(slots_.size())) slots_.resize(std::size_t(slot) + 1);
    Slot& s = slots_[std::size_t(slot)];
    if (!s.id) {
        glGenTextures(1, &s.id);
        glBindTexture(GL_TEXTURE_2D, s.id);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    }
    std::uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a over the pixels: an unchanged picture is not sent
    for (long i = 0; i < long(w) * h; ++i) hash = (hash ^ rgba[i]) * 0x100000001b3ULL;
    const auto id = reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(s.id));
    if (s.w == w && s.h == h && hash == s.hash && s.version) return id;
    s.hash = hash;
    ++s.version;
    ++uploads_;
    glBindTexture(GL_TEXTURE_2D, s.id);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    if (s.w != w || s.h != h) {
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
        s.w = w;
        s.h = h;
    } else {
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
    }
    return id;
}

std::uint32_t GlTextures::version(ImTextureID id) const {
    for (const Slot& s : slots_)
        if (reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(s.id)) == id) return s.version;
    return 0;
}

}  // namespace bp
