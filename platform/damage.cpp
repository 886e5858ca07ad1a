// Damage: a frame's triangles against the frame shown, as multisets of keys; the boxes of the
// ones that differ, merged into a few rectangles; and the draw data restricted to them.
#include "damage.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <iterator>

namespace bp {
namespace {

PixelRect intersect(const PixelRect& a, const PixelRect& b) {
    return {std::max(a.x0, b.x0), std::max(a.y0, b.y0), std::min(a.x1, b.x1), std::min(a.y1, b.y1)};
}
bool empty(const PixelRect& r) { return r.x1 <= r.x0 || r.y1 <= r.y0; }
PixelRect unite(const PixelRect& a, const PixelRect& b) {
    return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

// The pixels the OpenGL3 backend's scissor covers for `clip` (its own integer arithmetic,
// top-down rows), so a partial redraw cuts exactly the full frame's pixels.
PixelRect scissor_pixels(const ImVec4& clip, const ImDrawData& d, int fb_h) {
    const ImVec2 off = d.DisplayPos, s = d.FramebufferScale;
    const ImVec2 lo((clip.x - off.x) * s.x, (clip.y - off.y) * s.y), hi((clip.z - off.x) * s.x, (clip.w - off.y) * s.y);
    if (hi.x <= lo.x || hi.y <= lo.y) return {};
    const int x = int(lo.x), w = int(hi.x - lo.x), gl_y = int(float(fb_h) - hi.y), h = int(hi.y - lo.y);
    return {x, fb_h - gl_y - h, x + w, fb_h - gl_y};
}

// The pixels a triangle can touch (its box, a pixel wider each way), within `scissor`.
PixelRect triangle_box(const ImDrawVert& a, const ImDrawVert& b, const ImDrawVert& c, const ImDrawData& d,
                       const PixelRect& scissor) {
    const ImVec2 off = d.DisplayPos, s = d.FramebufferScale;
    const float x0 = std::min({a.pos.x, b.pos.x, c.pos.x}), x1 = std::max({a.pos.x, b.pos.x, c.pos.x});
    const float y0 = std::min({a.pos.y, b.pos.y, c.pos.y}), y1 = std::max({a.pos.y, b.pos.y, c.pos.y});
    const PixelRect box{int(std::floor((x0 - off.x) * s.x)) - 1, int(std::floor((y0 - off.y) * s.y)) - 1,
                        int(std::ceil((x1 - off.x) * s.x)) + 1, int(std::ceil((y1 - off.y) * s.y)) + 1};
    return intersect(box, scissor);
}

std::uint64_t mix(std::uint64_t h, const void* data, std::size_t n) {  // FNV-1a, 64 bit, over 32-bit words
    static_assert(sizeof(ImDrawVert) % 4 == 0 && sizeof(PixelRect) % 4 == 0, "whole words");
    const unsigned char* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i + 4 <= n; i += 4) {
        std::uint32_t word;
        std::memcpy(&word, p + i, 4);
        h = (h ^ word) * 0x100000001b3ULL;
    }
    for (std::size_t i = n - n % 4; i < n; ++i) h = (h ^ p[i]) * 0x100000001b3ULL;
    return h;
}

}  // namespace

Damage::Frame Damage::update(const ImDrawData& d, const TextureVersion& version, bool force_whole) {
    const int w = int(d.DisplaySize.x * d.FramebufferScale.x), h = int(d.DisplaySize.y * d.FramebufferScale.y);
    const PixelRect screen{0, 0, w, h};
    next_.clear();
    bool callbacks = false;
    for (int l = 0; l < d.CmdListsCount; ++l) {
        const ImDrawList& list = *d.CmdLists[l];
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            callbacks |= cmd.UserCallback != nullptr;
            const PixelRect scissor = intersect(scissor_pixels(cmd.ClipRect, d, h), screen);
            if (empty(scissor)) continue;
            const std::uint32_t tex_version = version(cmd.TextureId);
            std::uint64_t base = mix(0xcbf29ce484222325ULL, &l, sizeof l);  // the window's place in the order
            base = mix(base, &cmd.TextureId, sizeof cmd.TextureId);
            base = mix(base, &tex_version, sizeof tex_version);
            base = mix(base, &scissor, sizeof scissor);
            for (unsigned i = 0; i + 2 < cmd.ElemCount; i += 3) {
                const ImDrawIdx* t = &list.IdxBuffer[int(cmd.IdxOffset + i)];
                const ImDrawVert& a = list.VtxBuffer[int(cmd.VtxOffset + t[0])];
                const ImDrawVert& b = list.VtxBuffer[int(cmd.VtxOffset + t[1])];
                const ImDrawVert& c = list.VtxBuffer[int(cmd.VtxOffset + t[2])];
                const PixelRect box = triangle_box(a, b, c, d, scissor);
                if (empty(box)) continue;  // clipped away: never shows
                std::uint64_t key = mix(base, &a, sizeof a);
                key = mix(key, &b, sizeof b);
                next_.push_back({mix(key, &c, sizeof c), box});
            }
        }
    }
    std::sort(next_.begin(), next_.end(), [](const Tri& x, const Tri& y) { return x.key < y.key; });
    Frame f;
    f.triangles = long(next_.size());
    f.whole = force_whole || callbacks || w != width_ || h != height_;
    ++frame_;
    std::vector<Tri> gone, came;  // on screen but not in this frame; in this frame but not on screen
    if (!f.whole) {
        std::size_t i = 0, j = 0;  // walk both sorted multisets: what only one of them holds changed
        while (i < shown_.size() || j < next_.size()) {
            if (j == next_.size() || (i < shown_.size() && shown_[i].key < next_[j].key)) gone.push_back(shown_[i++]);
            else if (i == shown_.size() || next_[j].key < shown_[i].key) came.push_back(next_[j++]);
            else ++i, ++j;
        }
        std::vector<PixelRect> boxes;
        for (const Tri& t : gone) boxes.push_back(t.box);
        for (const Tri& t : came) boxes.push_back(t.box);
        f.rects = merge_rects(std::move(boxes), 8, kMaxRects);
        const std::vector<bool> now = choose(f.rects, long(w) * h);
        std::vector<PixelRect> drawn, later;
        for (std::size_t r = 0; r < f.rects.size(); ++r) (now[r] ? drawn : later).push_back(f.rects[r]);
        f.rects = std::move(drawn);
        long area = 0;
        for (const PixelRect& r : f.rects) area += r.area();
        f.share = double(area) / std::max(1.0, double(w) * h);
        f.whole = f.share > kWholeShare;
        if (f.whole) later.clear();
        else if (!later.empty()) keep_waiting(gone, came, later);
        std::vector<Waiting> waiting;
        for (const PixelRect& r : later) waiting.push_back({r, waiting_since(r)});
        waiting_ = std::move(waiting);
    }
    if (f.whole) f.rects = {screen}, f.share = 1, waiting_.clear();
    std::swap(shown_, next_);
    width_ = w, height_ = h;
    return f;
}

// What shows in a waiting rectangle is what was shown: next_ (this frame) less the new triangles
// in `later`, plus the old ones there. Each changed triangle's box lies within one rectangle.
void Damage::keep_waiting(const std::vector<Tri>& gone, const std::vector<Tri>& came, const std::vector<PixelRect>& later) {
    auto waits = [&later](const Tri& t) {
        return std::any_of(later.begin(), later.end(), [&t](const PixelRect& r) {
            return r.x0 <= t.box.x0 && r.y0 <= t.box.y0 && t.box.x1 <= r.x1 && t.box.y1 <= r.y1;
        });
    };
    std::vector<Tri> kept, old;
    std::size_t c = 0;  // `came` is in key order, as next_
    for (const Tri& t : next_) {
        while (c < came.size() && came[c].key < t.key) ++c;
        const bool is_new = c < came.size() && came[c].key == t.key;
        if (is_new) ++c;
        if (!(is_new && waits(t))) kept.push_back(t);
    }
    for (const Tri& t : gone)  // in key order, as shown_
        if (waits(t)) old.push_back(t);
    const auto by_key = [](const Tri& x, const Tri& y) { return x.key < y.key; };
    next_.clear();
    std::merge(kept.begin(), kept.end(), old.begin(), old.end(), std::back_inserter(next_), by_key);
}

// A rectangle waits since the oldest wait it overlaps (this frame if none).
long Damage::waiting_since(const PixelRect& r) const {
    long since = frame_;
    for (const Waiting& old : waiting_)
        if (old.rect.x0 < r.x1 && r.x0 < old.rect.x1 && old.rect.y0 < r.y1 && r.y0 < old.rect.y1) since = std::min(since, old.since);
    return since;
}

std::vector<bool> Damage::choose(const std::vector<PixelRect>& rects, long window_area) {
    std::vector<bool> now(rects.size(), true);
    if (!defer_) return now;
    auto age = [&](const PixelRect& r) { return frame_ - waiting_since(r); };
    std::vector<std::size_t> large;
    double drawn = 0;
    for (std::size_t i = 0; i < rects.size(); ++i) {
        const double share = double(rects[i].area()) / double(std::max(1L, window_area));
        if (share < kSmallShare || age(rects[i]) >= kMaxAge) drawn += share < kSmallShare ? 0 : share;
        else large.push_back(i), now[i] = false;
    }
    std::stable_sort(large.begin(), large.end(), [&](std::size_t a, std::size_t b) { return age(rects[a]) > age(rects[b]); });
    bool any = drawn > 0;
    for (std::size_t i : large) {
        const double share = double(rects[i].area()) / double(std::max(1L, window_area));
        if (any && drawn + share > kFrameShare) continue;
        now[i] = true, drawn += share, any = true;
    }
    return now;
}

std::vector<PixelRect> merge_rects(std::vector<PixelRect> rects, int near, int max) {
    auto close = [near](const PixelRect& a, const PixelRect& b) {
        return a.x0 <= b.x1 + near && b.x0 <= a.x1 + near && a.y0 <= b.y1 + near && b.y0 <= a.y1 + near;
    };
    std::sort(rects.begin(), rects.end(), [](const PixelRect& a, const PixelRect& b) { return a.y0 < b.y0 || (a.y0 == b.y0 && a.x0 < b.x0); });
    for (bool merged = true; merged;) {  // until no two are close: each pass folds rects into the first close one
        merged = false;
        std::vector<PixelRect> out;
        for (const PixelRect& r : rects) {
            auto into = std::find_if(out.begin(), out.end(), [&](const PixelRect& o) { return close(o, r); });
            if (into == out.end()) out.push_back(r);
            else *into = unite(*into, r), merged = true;
        }
        rects = std::move(out);
    }
    while (int(rects.size()) > max) {  // the pair whose union adds the least area
        std::size_t best_a = 0, best_b = 1;
        long best = -1;
        for (std::size_t a = 0; a < rects.size(); ++a)
            for (std::size_t b = a + 1; b < rects.size(); ++b) {
                const long added = unite(rects[a], rects[b]).area() - rects[a].area() - rects[b].area();
                if (best < 0 || added < best) best = added, best_a = a, best_b = b;
            }
        rects[best_a] = unite(rects[best_a], rects[best_b]);
        rects.erase(rects.begin() + long(best_b));
    }
    return rects;
}

ImDrawData partial_draw_data(const ImDrawData& d, const std::vector<PixelRect>& rects,
                             std::vector<ImDrawList>& lists, std::vector<ImDrawList*>& pointers) {
    const int h = int(d.DisplaySize.y * d.FramebufferScale.y);
    const ImVec2 off = d.DisplayPos, s = d.FramebufferScale;
    lists.assign(std::size_t(d.CmdListsCount), ImDrawList(ImGui::GetDrawListSharedData()));
    pointers.clear();
    ImDrawData out;
    out.Valid = true;
    out.DisplayPos = d.DisplayPos, out.DisplaySize = d.DisplaySize, out.FramebufferScale = d.FramebufferScale;
    std::vector<int> moved;  // a source vertex's place in the part's list (-1: not taken yet)
    for (int l = 0; l < d.CmdListsCount; ++l) {
        const ImDrawList& src = *d.CmdLists[l];
        ImDrawList& dst = lists[std::size_t(l)];
        moved.assign(std::size_t(src.VtxBuffer.Size), -1);
        auto take = [&](unsigned v) {  // only the vertices the part draws are sent to the GPU
            int& at = moved[v];
            if (at < 0) at = dst.VtxBuffer.Size, dst.VtxBuffer.push_back(src.VtxBuffer[int(v)]);
            dst.IdxBuffer.push_back(static_cast<ImDrawIdx>(at));
        };
        for (const ImDrawCmd& cmd : src.CmdBuffer) {
            const PixelRect scissor = scissor_pixels(cmd.ClipRect, d, h);
            for (const PixelRect& r : rects) {
                const PixelRect cut = intersect(scissor, r);
                if (empty(cut)) continue;
                ImDrawCmd part = cmd;
                // Whole pixels in the display's units: the backend's arithmetic gives back `cut`.
                part.ClipRect = ImVec4(float(cut.x0) / s.x + off.x, float(cut.y0) / s.y + off.y,
                                       float(cut.x1) / s.x + off.x, float(cut.y1) / s.y + off.y);
                part.IdxOffset = unsigned(dst.IdxBuffer.Size);
                part.VtxOffset = 0;
                for (unsigned i = 0; i + 2 < cmd.ElemCount; i += 3) {
                    const ImDrawIdx* t = &src.IdxBuffer[int(cmd.IdxOffset + i)];
                    const unsigned a = cmd.VtxOffset + t[0], b = cmd.VtxOffset + t[1], c = cmd.VtxOffset + t[2];
                    const PixelRect box = triangle_box(src.VtxBuffer[int(a)], src.VtxBuffer[int(b)], src.VtxBuffer[int(c)], d, cut);
                    if (!empty(box)) take(a), take(b), take(c);
                }
                part.ElemCount = unsigned(dst.IdxBuffer.Size) - part.IdxOffset;
                if (part.ElemCount) dst.CmdBuffer.push_back(part);
            }
        }
        if (dst.CmdBuffer.empty()) continue;
        pointers.push_back(&dst);
        out.TotalVtxCount += dst.VtxBuffer.Size;
        out.TotalIdxCount += dst.IdxBuffer.Size;
    }
    out.CmdLists = pointers.data();
    out.CmdListsCount = int(pointers.size());
    return out;
}

}  // namespace bp
