// Data points as two textured quads (a disc and its outline ring, baked once into the font atlas)
// instead of two tessellated circles: about 4 triangles a point instead of about 50. A software
// rasterizer pays per triangle, and a plane of 300 points was half of the default page's triangles.
#pragma once

#include "imgui.h"

namespace bp {

// Before the atlas is built (the platform's font loading): room for the sprites at `ratio`
// framebuffer pixels per draw-list unit. After it is built: draws their coverage into it.
void reserve_dot_sprites(ImFontAtlas& atlas, float ratio);
void bake_dot_sprites(ImFontAtlas& atlas);

// A filled circle of `radius` with a one-unit outline (none if `outline` is 0), like
// AddCircleFilled + AddCircle; tessellated circles where no sprites were baked (tests without a window).
void add_dot(ImDrawList* dl, ImVec2 centre, float radius, ImU32 fill, ImU32 outline);

}  // namespace bp
