// Dot sprites: a disc and a ring baked at kRadius, drawn scaled to the asked radius (the plots
// use 2.5 to 3.5 units, so bilinear filtering shrinks them by at most 30%).
#include "dots.h"

#include <cmath>
#include <initializer_list>

namespace bp {
namespace {
constexpr float kRadius = 3.5f;  // draw-list units (CSS pixels)
constexpr float kHalf = kRadius + 1.5f;  // half the sprite's side: the ring's outer edge and a blank texel
struct Sprites {
    const ImFontAtlas* atlas = nullptr;  // baked into this atlas (none: draw circles)
    int disc = -1, ring = -1;
    int side = 0;  // texels
    float ratio = 1;
};
Sprites g_sprites;

// The share of texel (x, y) within distance [inner, outer] of the sprite's centre, by 8 x 8 samples.
float coverage(int x, int y, float centre, float inner, float outer) {
    int in = 0;
    for (int i = 0; i < 8; ++i)
        for (int j = 0; j < 8; ++j) {
            const float d = std::hypot(x + (i + 0.5f) / 8 - centre, y + (j + 0.5f) / 8 - centre);
            in += d >= inner && d <= outer;
        }
    return in / 64.0f;
}
}  // namespace

void reserve_dot_sprites(ImFontAtlas& atlas, float ratio) {
    g_sprites = Sprites{};
    g_sprites.ratio = ratio;
    g_sprites.side = 2 * int(std::ceil(kHalf * ratio));
    g_sprites.disc = atlas.AddCustomRectRegular(g_sprites.side, g_sprites.side);
    g_sprites.ring = atlas.AddCustomRectRegular(g_sprites.side, g_sprites.side);
}

void bake_dot_sprites(ImFontAtlas& atlas) {
    unsigned char* pixels = nullptr;
    int width = 0;
    atlas.GetTexDataAsAlpha8(&pixels, &width, nullptr);  // builds the atlas if it is not yet
    const float r = kRadius * g_sprites.ratio, half_line = 0.5f * g_sprites.ratio, centre = 0.5f * float(g_sprites.side);
    for (const int id : {g_sprites.disc, g_sprites.ring}) {
        const ImFontAtlasCustomRect& rect = *atlas.GetCustomRectByIndex(id);
        const float inner = id == g_sprites.disc ? 0 : r - half_line, outer = id == g_sprites.disc ? r : r + half_line;
        for (int y = 0; y < rect.Height; ++y)
            for (int x = 0; x < rect.Width; ++x)
                pixels[(rect.Y + y) * width + rect.X + x] = static_cast<unsigned char>(std::lround(255 * coverage(x, y, centre, inner, outer)));
    }
    g_sprites.atlas = &atlas;
}

void add_dot(ImDrawList* dl, ImVec2 c, float radius, ImU32 fill, ImU32 outline) {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    if (g_sprites.atlas != atlas || !atlas->TexID) {
        dl->AddCircleFilled(c, radius, fill);
        if (outline) dl->AddCircle(c, radius, outline, 0, 1.0f);
        return;
    }
    const float h = 0.5f * float(g_sprites.side) / g_sprites.ratio * radius / kRadius;
    const ImVec2 a(c.x - h, c.y - h), b(c.x + h, c.y + h);
    for (const int id : {g_sprites.disc, g_sprites.ring}) {
        const ImU32 colour = id == g_sprites.disc ? fill : outline;
        if (!colour) continue;
        ImVec2 uv0, uv1;
        atlas->CalcCustomRectUV(atlas->GetCustomRectByIndex(id), &uv0, &uv1);
        dl->AddImage(atlas->TexID, a, b, uv0, uv1, colour);
    }
}

}  // namespace bp
