// How the UI shows images (heatmaps, unit thumbnails) without knowing the graphics API:
// it hands RGBA pixels to a TextureStore, which the platform layer implements with GL.
#pragma once
#include <cstdint>

#include "imgui.h"

namespace bp {

class TextureStore {
public:
    virtual ~TextureStore() = default;
    // Creates or updates the texture in `slot` with w x h RGBA pixels (row-major, row 0
    // at the top) and returns the id ImGui::Image draws.
    virtual ImTextureID upload(int slot, int w, int h, const std::uint32_t* rgba) = 0;
};

}  // namespace bp
