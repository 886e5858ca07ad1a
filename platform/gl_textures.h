// TextureStore on OpenGL 3 / WebGL2: one GL texture per slot, re-uploaded in place when its
// pixels changed; each texture's version counts those changes (what Damage compares).
#pragma once
#include <cstdint>
#include <vector>

#include "textures.h"

namespace bp {

class GlTextures : public TextureStore {
public:
    ~GlTextures() override;
    ImTextureID upload(int slot, int w, int h, const std::uint32_t* rgba) override;
    long uploads() const { return uploads_; }  // so far: pixels that differed from the slot's
    std::uint32_t version(ImTextureID id) const;  // changes with each upload into it; 0 for others

private:
    struct Slot {
        unsigned id = 0;
        int w = 0, h = 0;
        std::uint64_t hash = 0;  // of the pixels uploaded last
        std::uint32_t version = 0;
    };
    std::vector<Slot> slots_;
    long uploads_ = 0;
};

}  // namespace bp
