// Damage (platform/damage.h): which rectangles a frame changes against the frame shown, from
// real Dear ImGui draw data, and the draw data cut to those rectangles in whole pixels.
#include <doctest/doctest.h>

#include <cmath>

#include "damage.h"
#include "imgui.h"
#include "imgui_internal.h"

// The build's imgui calls the test-engine item hooks (imconfig_bp.h); the app's record items
// (app/common/item_report.cpp), which this suite does not link: here they do nothing.
void ImGuiTestEngineHook_ItemAdd(ImGuiContext*, const ImRect&, ImGuiID) {}
void ImGuiTestEngineHook_ItemInfo(ImGuiContext*, ImGuiID, const char*, ImGuiItemStatusFlags) {}
void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}
const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext*, ImGuiID) { return nullptr; }

namespace {

// An ImGui context for a 400 x 300 window, its font atlas built.
struct Context {
    Context() {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(400, 300);
        io.IniFilename = nullptr;
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    }
    ~Context() { ImGui::DestroyContext(); }
};

// One frame with a filled square at `x` and an image (texture 7) at the right: the draw data
// as the backend would get it.
struct Ui : Context {
    const ImDrawData& frame(float x) {
        ImGui::NewFrame();
        ImDrawList* dl = ImGui::GetForegroundDrawList();
        dl->AddRectFilled(ImVec2(x, 50), ImVec2(x + 20, 70), IM_COL32(200, 100, 50, 255));
        dl->AddRectFilled(ImVec2(10, 200), ImVec2(110, 220), IM_COL32(20, 30, 40, 255));
        dl->AddImage(reinterpret_cast<ImTextureID>(std::uintptr_t(7)), ImVec2(300, 100), ImVec2(350, 150));
        ImGui::Render();
        return *ImGui::GetDrawData();
    }
};

bool covers(const bp::PixelRect& r, int x0, int y0, int x1, int y1) { return r.x0 <= x0 && r.y0 <= y0 && r.x1 >= x1 && r.y1 >= y1; }

}  // namespace

TEST_CASE("damage: the first frame is whole, the same frame again changes nothing") {
    Ui ui;
    bp::Damage damage;
    auto v = [](ImTextureID) { return 0u; };
    CHECK(damage.update(ui.frame(100), v, false).whole);
    const bp::Damage::Frame same = damage.update(ui.frame(100), v, false);
    CHECK_FALSE(same.whole);
    CHECK(same.rects.empty());
    CHECK(same.triangles == 6);  // three quads
    CHECK(damage.update(ui.frame(100), v, true).whole);  // fonts rebuilt, say
}

TEST_CASE("damage: a moved square redraws where it was and where it is, nothing else") {
    Ui ui;
    bp::Damage damage;
    auto v = [](ImTextureID) { return 0u; };
    damage.update(ui.frame(100), v, false);
    const bp::Damage::Frame f = damage.update(ui.frame(160), v, false);
    REQUIRE_FALSE(f.whole);
    REQUIRE(f.rects.size() == 2);  // 40 px apart: not merged
    CHECK(covers(f.rects[0], 100, 50, 120, 70));
    CHECK(covers(f.rects[1], 160, 50, 180, 70));
    for (const bp::PixelRect& r : f.rects) CHECK(r.area() <= 24 * 24);  // a pixel's margin each way
    CHECK(f.share == doctest::Approx(2.0 * 22 * 22 / (400 * 300)));
}

TEST_CASE("damage: a texture whose pixels changed redraws the image drawn with it") {
    Ui ui;
    bp::Damage damage;
    std::uint32_t version = 1;
    auto v = [&version](ImTextureID id) { return id == reinterpret_cast<ImTextureID>(std::uintptr_t(7)) ? version : 0u; };
    damage.update(ui.frame(100), v, false);
    version = 2;
    const bp::Damage::Frame f = damage.update(ui.frame(100), v, false);
    REQUIRE(f.rects.size() == 1);
    CHECK(covers(f.rects[0], 300, 100, 350, 150));
    CHECK(f.rects[0].area() <= 52 * 52);
}

TEST_CASE("damage: rectangles close together merge, and never more than the limit remain") {
    const std::vector<bp::PixelRect> near{{0, 0, 10, 10}, {14, 0, 20, 10}, {100, 100, 110, 110}};
    const auto merged = bp::merge_rects(near, 8, 12);
    REQUIRE(merged.size() == 2);
    CHECK(covers(merged[0], 0, 0, 20, 10));
    std::vector<bp::PixelRect> many;
    for (int i = 0; i < 40; ++i) many.push_back({i * 30, (i % 5) * 40, i * 30 + 5, (i % 5) * 40 + 5});
    const auto few = bp::merge_rects(many, 2, 12);
    CHECK(few.size() == 12);
    for (const bp::PixelRect& r : many) {  // every rectangle still covered
        bool inside = false;
        for (const bp::PixelRect& m : few) inside |= covers(m, r.x0, r.y0, r.x1, r.y1);
        CHECK(inside);
    }
}

TEST_CASE("damage: the draw data cut to a rectangle keeps only what reaches it, in whole pixels") {
    Ui ui;
    const ImDrawData& d = ui.frame(100.5f);
    std::vector<ImDrawList> lists;
    std::vector<ImDrawList*> pointers;
    const ImDrawData part = bp::partial_draw_data(d, {{95, 45, 130, 75}}, lists, pointers);
    REQUIRE(part.CmdListsCount == 1);
    int triangles = 0;
    for (const ImDrawCmd& cmd : part.CmdLists[0]->CmdBuffer) {
        triangles += int(cmd.ElemCount / 3);
        for (float c : {cmd.ClipRect.x, cmd.ClipRect.y, cmd.ClipRect.z, cmd.ClipRect.w}) CHECK(c == std::floor(c));
        CHECK(cmd.ClipRect.x >= 95);
        CHECK(cmd.ClipRect.z <= 130);
    }
    CHECK(triangles == 2);  // the square's quad; the bar and the image lie elsewhere
    CHECK(part.CmdLists[0]->VtxBuffer.Size == 4);  // and only its vertices, the same ones
    for (const ImDrawVert& v : part.CmdLists[0]->VtxBuffer) {
        CHECK((v.pos.x == 100.5f || v.pos.x == 120.5f));
        CHECK((v.pos.y == 50 || v.pos.y == 70));
    }
    CHECK(part.DisplaySize.x == 400);
}

namespace {
// Two large squares (each over Damage::kSmallShare of the 400 x 300 window) whose colours
// change every frame while `changing`, and a small counter-like square that always changes.
struct Panels : Context {
    const ImDrawData& frame(int left, int right, int counter) {
        ImGui::NewFrame();
        ImDrawList* dl = ImGui::GetForegroundDrawList();
        dl->AddRectFilled(ImVec2(10, 10), ImVec2(190, 190), IM_COL32(left & 255, 0, 0, 255));
        dl->AddRectFilled(ImVec2(210, 10), ImVec2(390, 190), IM_COL32(0, right & 255, 0, 255));
        dl->AddRectFilled(ImVec2(10, 250), ImVec2(20, 260), IM_COL32(0, 0, counter & 255, 255));
        ImGui::Render();
        return *ImGui::GetDrawData();
    }
};
}  // namespace

TEST_CASE("damage with deferral: small changes show at once, large ones take turns and wait at most kMaxAge frames") {
    Panels ui;
    bp::Damage damage;
    damage.set_deferral(true);
    auto v = [](ImTextureID) { return 0u; };
    damage.update(ui.frame(0, 0, 0), v, false);
    // What the screen shows of each square: the value drawn last, and since when it is stale.
    int shown_left = 0, shown_right = 0, stale_left = -1, stale_right = -1;
    for (int k = 1; k <= 30; ++k) {
        const int value = k <= 20 ? k : 20;  // the squares change for 20 frames, then stay
        const bp::Damage::Frame f = damage.update(ui.frame(value, value, k), v, false);
        CAPTURE(k);
        REQUIRE_FALSE(f.whole);
        bool counter = false, left = false, right = false;
        for (const bp::PixelRect& r : f.rects) {
            counter |= covers(r, 10, 250, 20, 260);
            left |= covers(r, 10, 10, 190, 190);
            right |= covers(r, 210, 10, 390, 190);
        }
        CHECK(counter);                      // the small change, every frame
        const bool both = left && right;
        if (k <= 20) CHECK_FALSE(both);  // both large ones exceed a frame's share: one at a time
        if (left) shown_left = value, stale_left = -1;
        if (right) shown_right = value, stale_right = -1;
        if (shown_left != value && stale_left < 0) stale_left = k;
        if (shown_right != value && stale_right < 0) stale_right = k;
        if (stale_left >= 0) CHECK(k - stale_left < bp::Damage::kMaxAge);
        if (stale_right >= 0) CHECK(k - stale_right < bp::Damage::kMaxAge);
    }
    CHECK(shown_left == 20);  // once the squares stop changing, the screen catches up
    CHECK(shown_right == 20);
    const bp::Damage::Frame settled = damage.update(ui.frame(20, 20, 30), v, false);
    CHECK(settled.rects.empty());
}

TEST_CASE("damage without deferral draws every change in its frame") {
    Panels ui;
    bp::Damage damage;
    auto v = [](ImTextureID) { return 0u; };
    damage.update(ui.frame(0, 0, 0), v, false);
    const bp::Damage::Frame f = damage.update(ui.frame(1, 1, 1), v, false);
    REQUIRE(f.rects.size() == 3);
}
