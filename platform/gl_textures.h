// TextureStore on OpenGL 3 / WebGL2: one GL texture per slot, re-uploaded in place.
#pragma once
#include <vector>

#include "textures.h"

namespace bp {

class GlTextures : public TextureStore {
public:
    ~GlTextures() override;
    ImTextureID upload(int slot, int w, int h, const std::uint32_t* rgba) override;
    long uploads() const { return uploads_; }  // so far: a new one means the picture changed

private:
    struct Slot {
        unsigned id = 0;
        int w = 0, h = 0;
    };
    std::vector<Slot> slots_;
    long uploads_ = 0;
};

}  // namespace bp
