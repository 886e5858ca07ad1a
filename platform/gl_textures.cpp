// GlTextures: uploads heatmap pixels; same-size updates use glTexSubImage2D (no realloc).
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
    return reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(s.id));
}

}  // namespace bp
