// Line plots, histograms and strips on ImGui draw lists, with their axes: tick labels sit
// in margins outside the data area (no line covers them) and every number goes through
// readable(). Series are thinned by plot_math.h's decimate() before drawing.
#include "plot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <unordered_map>

#include "clip_report.h"
#include "colors.h"
#include "line_raster.h"
#include "plot_math.h"
#include "text_util.h"
#include "messages.h"
#include "textures.h"

// Long runs and wide networks make draw lists past 65,535 vertices, which 16-bit indices
// cannot address on WebGL2 (docs/toolchain.md): imgui must be configured by imconfig_bp.h.
static_assert(sizeof(ImDrawIdx) == 4, "imgui.h was included without IMGUI_USER_CONFIG=imconfig_bp.h");

namespace bp {

namespace {

constexpr ImU32 kPlotBg = IM_COL32(20, 22, 27, 255);
constexpr ImU32 kShade = IM_COL32(255, 190, 60, 45);  // kWarning, faint
// Ticks are round values: digits enough that readable() writes 1000 as "1000", not "1e3".
constexpr int kTickDigits = 6;

struct Tick {
    float at;  // in plot units (log10 of the value on a log axis)
    std::string text;
};

float plotted(float v, bool log_y) { return log_y ? (v > 0 ? std::log10(v) : NAN) : v; }
float plotted(const PlotLine& l, float v, bool log_y) { return l.log10_values ? (log_y ? v : std::pow(10.0f, v)) : plotted(v, log_y); }
float value_of(const PlotLine& l, float v) { return l.log10_values ? std::pow(10.0f, v) : v; }
float x_of(const PlotLine& l, std::size_t i) { return l.xs ? (*l.xs)[i] : l.x0 + l.x_step * float(i); }

void y_range(const std::vector<PlotLine>& lines, bool log_y, float& lo, float& hi) {
    lo = INFINITY, hi = -INFINITY;
    for (const PlotLine& l : lines)
        for (float v : *l.values) {
            const float p = plotted(l, v, log_y);
            if (std::isfinite(p)) lo = std::min(lo, p), hi = std::max(hi, p);
        }
    if (!std::isfinite(lo)) lo = 0, hi = 1;
    if (!log_y) lo = std::min(lo, 0.0f);
    if (hi - lo < 1e-6f) hi = lo + 1;
}

void x_range(const std::vector<PlotLine>& lines, float& lo, float& hi) {
    lo = INFINITY, hi = -INFINITY;
    for (const PlotLine& l : lines)
        if (!l.values->empty()) lo = std::min(lo, x_of(l, 0)), hi = std::max(hi, x_of(l, l.values->size() - 1));
    if (!std::isfinite(lo)) lo = 0, hi = 1;
    if (hi - lo < 1e-6f) hi = lo + 1;
}

// Round values inside [lo, hi] (powers of ten on a log axis); the two ends when fewer than
// two round values fall inside, so an axis always reads.
std::vector<Tick> y_ticks(float lo, float hi, bool log_y, int max_ticks) {
    std::vector<Tick> ticks;
    if (log_y) {
        for (int k : decade_ticks(lo, hi, max_ticks)) ticks.push_back({float(k), readable(std::pow(10.0, k), kTickDigits)});
        if (ticks.size() < 2 && max_ticks >= 3) {  // less than two decades: 1, 2 and 5 x 10^k
            ticks.clear();
            for (int k = int(std::floor(lo)); k <= int(std::ceil(hi)); ++k)
                for (double m : {1.0, 2.0, 5.0}) {
                    const float at = float(std::log10(m) + k);
                    if (at >= lo && at <= hi) ticks.push_back({at, readable(m * std::pow(10.0, k), kTickDigits)});
                }
            if (int(ticks.size()) > max_ticks) ticks.clear();
        }
    } else {
        for (double v : linear_ticks(lo, hi, max_ticks)) ticks.push_back({float(v), readable(v, kTickDigits)});
    }
    if (ticks.size() < 2) {
        auto value = [log_y](float p) { return log_y ? std::pow(10.0, double(p)) : double(p); };
        ticks = {{lo, readable(value(lo), 3)}, {hi, readable(value(hi), 3)}};
    }
    return ticks;
}

// The title, then the legend's entries (a short line in the colour, then the label), in rows
// that wrap at `width`; draws them when `dl` is given. Returns the height used.
float legend(const std::vector<PlotLine>& lines, const PlotOptions& o, ImVec2 at, float width, ImDrawList* dl) {
    const float line_h = ImGui::GetTextLineHeight(), swatch = 12, gap = 10;
    float x = 0, y = 0;
    if (o.title) {  // wrapped at spaces when wider than the plot (a narrow embed)
        auto measure = [](std::string_view s) { return double(ImGui::CalcTextSize(s.data(), s.data() + s.size()).x); };
        const std::vector<std::string_view> rows = wrap_at_spaces(o.title, width, measure);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const std::string row(rows[i]);
            if (dl) add_text(dl, ImVec2(at.x, at.y + y), kPanelText, row.c_str());
            x = float(measure(rows[i])) + 2 * gap;
            if (i + 1 < rows.size()) y += line_h;
        }
    }
    for (const PlotLine& l : lines) {
        if (!o.legend) break;
        const float w = swatch + 3 + ImGui::CalcTextSize(l.label).x;
        if (x > 0 && x + w > width) x = 0, y += line_h;
        if (dl) {
            const float mid = at.y + y + line_h / 2;
            dl->AddLine(ImVec2(at.x + x, mid), ImVec2(at.x + x + swatch, mid), l.color, 2.5f);
            add_text(dl, ImVec2(at.x + x + swatch + 3, at.y + y), l.color, l.label);
        }
        x += w + gap;
    }
    return x > 0 ? y + line_h : 0;
}

// Each line's label at its right end (the last finite value), where it fits inside the data
// area [a, b] clear of the labels placed before it: above the end, else below it.
template <class ScreenY>
void end_labels(ImDrawList* dl, const std::vector<PlotLine>& lines, bool log_y, ImVec2 a, ImVec2 b, ScreenY screen_y) {
    std::vector<ImVec4> placed;  // x0, y0, x1, y1
    const float line_h = ImGui::GetTextLineHeight();
    for (const PlotLine& l : lines) {
        float end = NAN;
        for (std::size_t i = l.values->size(); i-- > 0 && !std::isfinite(end);) end = plotted(l, (*l.values)[i], log_y);
        if (!std::isfinite(end)) continue;
        const float y = screen_y(end), w = ImGui::CalcTextSize(l.label).x, x0 = b.x - w - 2;
        for (const float top : {y - line_h - 1, y + 2}) {
            const ImVec4 r(x0 - 1, top, b.x, top + line_h);
            const bool inside = r.y >= a.y && r.w <= b.y && r.x >= a.x;
            const bool clear = std::none_of(placed.begin(), placed.end(), [&](const ImVec4& p) {
                return r.x < p.z && p.x < r.z && r.y < p.w && p.y < r.w;
            });
            if (!inside || !clear) continue;
            dl->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.z, r.w), IM_COL32(20, 22, 27, 200));
            add_text(dl, ImVec2(x0, top), l.color, l.label);
            placed.push_back(r);
            break;
        }
    }
}

// The x ticks under the data area [x0, x1] and the unit at the right end; a label that
// would overlap its neighbour or the unit is left out.
void x_axis(ImDrawList* dl, float lo, float hi, float x0, float x1, float y, const char* unit) {
    const float unit_w = ImGui::CalcTextSize(unit).x;
    const float unit_x = x1 - unit_w;
    add_text(dl, ImVec2(unit_x, y), kAxisText, unit);
    float free_from = x0 - 1e9f;
    for (double v : linear_ticks(lo, hi, std::max(2, int((x1 - x0) / 70)))) {
        if (v != std::floor(v)) continue;  // x counts steps or epochs: no tick at epoch 0.2
        const std::string text = readable(v, kTickDigits);
        const float sx = x0 + (x1 - x0) * float((v - lo) / (hi - lo));
        const float w = ImGui::CalcTextSize(text.c_str()).x;
        const float left = std::clamp(sx - w / 2, x0, x1 - w);
        dl->AddLine(ImVec2(sx, y - 3), ImVec2(sx, y), kAxisText);
        if (left < free_from || left + w > unit_x - 8) continue;
        add_text(dl, ImVec2(left, y), kAxisText, text.c_str());
        free_from = left + w + 8;
    }
}

// One line, thinned to the data area's pixel columns, as the polylines between its breaks.
std::vector<std::vector<ImVec2>> series_runs(const PlotLine& l, bool log_y, float x_lo, float x_hi, ImVec2 lo, ImVec2 hi,
                                             float y_lo, float y_hi) {
    const std::size_t n = l.values->size();
    std::vector<float> xs(n), ys(n);
    for (std::size_t i = 0; i < n; ++i) xs[i] = x_of(l, i), ys[i] = plotted(l, (*l.values)[i], log_y);
    std::vector<std::vector<ImVec2>> runs(1);
    // Min and max of every two pixels: about one point per pixel, whatever the run length.
    for (const PlotPoint& p : decimate(xs, ys, x_lo, x_hi, std::max(1, int((hi.x - lo.x) / 2)))) {
        if (!std::isfinite(p.y)) {
            if (!runs.back().empty()) runs.emplace_back();
            continue;
        }
        runs.back().push_back(ImVec2(lo.x + (hi.x - lo.x) * (p.x - x_lo) / (x_hi - x_lo),
                                     hi.y - (hi.y - lo.y) * (p.y - y_lo) / (y_hi - y_lo)));
    }
    return runs;
}

constexpr float kSeriesWidth = 1.0f;  // an integer width: ImGui's textured lines, 2 vertices a point
TextureStore* g_line_images = nullptr;

// The lines' runs in `box` (screen units) as one image at the framebuffer's pixels.
void draw_series_image(ImDrawList* dl, const std::vector<std::pair<ImU32, std::vector<std::vector<ImVec2>>>>& series,
                       ImVec2 box_lo, ImVec2 box_hi) {
    static std::unordered_map<ImGuiID, int> slots;  // a plot keeps its texture
    static LineImage image;
    static std::vector<float> xy;
    const ImVec2 s = ImGui::GetIO().DisplayFramebufferScale;
    const float x0 = std::floor(box_lo.x * s.x), y0 = std::floor(box_lo.y * s.y);
    const float x1 = std::ceil(box_hi.x * s.x), y1 = std::ceil(box_hi.y * s.y);
    image.clear(int(x1 - x0), int(y1 - y0));
    for (const auto& [color, runs] : series)
        for (const std::vector<ImVec2>& run : runs) {
            xy.clear();
            for (const ImVec2& p : run) xy.push_back(p.x * s.x - x0), xy.push_back(p.y * s.y - y0);
            image.polyline(xy, color, kSeriesWidth * s.x);
        }
    const ImGuiID id = ImGui::GetID("lines");
    const auto slot = slots.emplace(id, kPlotImageSlots + int(slots.size())).first->second;
    const ImTextureID tex = g_line_images->upload(slot, image.width(), image.height(), image.pixels().data());
    dl->AddImage(tex, ImVec2(x0 / s.x, y0 / s.y), ImVec2(x1 / s.x, y1 / s.y));
}

void draw_readout(const std::vector<PlotLine>& lines, float x, const char* x_label) {
    ImGui::BeginTooltip();
    ImGui::Text("%s %s", x_label, readable(std::round(x), 6).c_str());
    for (const PlotLine& l : lines) {
        const std::size_t n = l.values->size();
        if (n == 0) continue;
        std::size_t i = 0;
        if (l.xs) i = std::size_t(std::lower_bound(l.xs->begin(), l.xs->end(), x) - l.xs->begin());
        else i = std::size_t(std::max(0.0f, std::round((x - l.x0) / l.x_step)));
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(l.color), "%s: %s", l.label,
                           readable(value_of(l, (*l.values)[std::min(i, n - 1)])).c_str());
    }
    ImGui::EndTooltip();
}

}  // namespace

void set_plot_line_images(TextureStore* store) { g_line_images = store; }

void draw_line_plot(const char* id, const std::vector<PlotLine>& lines, const PlotOptions& o, ImVec2 size) {
    ImGui::PushID(id);
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("plot", size);
    const ImVec2 p1(p0.x + size.x, p0.y + size.y);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p0, p1, kPlotBg);
    const float line_h = ImGui::GetTextLineHeight();
    const float top = p0.y + 3 + (o.legend || o.title ? legend(lines, o, ImVec2(p0.x + 6, p0.y + 3), size.x - 12, nullptr) + 3 : 0);
    const float bottom = p1.y - line_h - 3;  // the x axis' labels below
    float lo, hi, x_lo, x_hi;
    y_range(lines, o.log_y, lo, hi);
    x_range(lines, x_lo, x_hi);
    const std::vector<Tick> ticks = y_ticks(lo, hi, o.log_y, std::max(2, int((bottom - top) / (line_h * 1.05f))));
    float label_w = 0;
    for (const Tick& t : ticks) label_w = std::max(label_w, ImGui::CalcTextSize(t.text.c_str()).x);
    const ImVec2 a(p0.x + label_w + 8, top + line_h / 2), b(p1.x - 6, bottom - 2);  // the data area
    if (o.legend || o.title) legend(lines, o, ImVec2(p0.x + 6, p0.y + 3), size.x - 12, dl);
    auto screen_y = [&](float y) { return b.y - (b.y - a.y) * (y - lo) / (hi - lo); };
    for (const Tick& t : ticks) {
        const float y = screen_y(t.at);
        dl->AddLine(ImVec2(a.x, y), ImVec2(b.x, y), kGrid);
        const float w = ImGui::CalcTextSize(t.text.c_str()).x;
        add_text(dl, ImVec2(a.x - 5 - w, std::clamp(y - line_h / 2, p0.y, bottom - line_h)), kAxisText, t.text.c_str());
    }
    dl->AddLine(ImVec2(a.x, b.y + 1), ImVec2(b.x, b.y + 1), kAxisText);
    x_axis(dl, x_lo, x_hi, a.x, b.x, b.y + 3, o.x_label);
    const ImVec2 clip_lo(a.x, a.y - 2), clip_hi(b.x + 1, b.y + 1);
    dl->PushClipRect(clip_lo, clip_hi, true);
    std::vector<std::pair<ImU32, std::vector<std::vector<ImVec2>>>> series;
    for (const PlotLine& l : lines) series.emplace_back(l.color, series_runs(l, o.log_y, x_lo, x_hi, a, b, lo, hi));
    if (g_line_images) {
        if (ImGui::IsRectVisible(clip_lo, clip_hi)) draw_series_image(dl, series, clip_lo, clip_hi);  // scrolled away: no image to make
    } else {
        for (const auto& [color, runs] : series)
            for (const std::vector<ImVec2>& run : runs)
                if (run.size() >= 2) dl->AddPolyline(run.data(), int(run.size()), color, ImDrawFlags_None, kSeriesWidth);
    }
    dl->PopClipRect();
    if (o.legend) end_labels(dl, lines, o.log_y, a, b, [&](float v) { return screen_y(v); });
    if (ImGui::IsItemHovered()) {
        const float mx = std::clamp(ImGui::GetIO().MousePos.x, a.x, b.x);
        dl->AddLine(ImVec2(mx, a.y), ImVec2(mx, b.y), kGrid);
        draw_readout(lines, x_lo + (mx - a.x) / (b.x - a.x) * (x_hi - x_lo), o.x_label);
    }
    ImGui::PopID();
}

const std::vector<float>& SmoothedLog::update(const Series& series, float alpha) {
    const std::vector<float>& v = series.values();
    const bool extends = series.stride() == stride_ && v.size() >= out_.size() && !out_.empty() &&
                         v.front() == first_ && v[out_.size() - 1] == last_;
    if (!extends) out_.clear(), avg_ = NAN;
    stride_ = series.stride();
    for (std::size_t i = out_.size(); i < v.size(); ++i) {
        if (v[i] > 0) {
            const float l = std::log10(v[i]);
            avg_ = std::isfinite(avg_) ? avg_ + alpha * (l - avg_) : l;
        }
        out_.push_back(avg_);
    }
    first_ = v.empty() ? NAN : v.front();
    last_ = v.empty() ? NAN : v.back();
    return out_;
}

void draw_histogram(const char* id, const Histogram& h, ImU32 color, ImVec2 size, float shade_beyond,
                    const char* shade_label) {
    ImGui::PushID(id);
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("hist", size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float line_h = ImGui::GetTextLineHeight();
    const ImVec2 a(p0.x, p0.y), b(p0.x + size.x, p0.y + size.y - line_h - 4);  // the bars; labels below
    dl->AddRectFilled(a, b, kPlotBg);
    const float range = h.hi - h.lo;
    auto screen_x = [&](float v) { return a.x + (b.x - a.x) * (v - h.lo) / range; };
    const bool has_range = range > 0 && std::isfinite(range);
    if (has_range && std::isfinite(shade_beyond)) {  // |x| > shade_beyond, inside the range
        if (h.lo < -shade_beyond) dl->AddRectFilled(a, ImVec2(screen_x(-shade_beyond), b.y), kShade);
        if (h.hi > shade_beyond) dl->AddRectFilled(ImVec2(screen_x(shade_beyond), a.y), b, kShade);
    }
    const int top = std::max(1, *std::max_element(h.counts.begin(), h.counts.end()));
    const float w = (b.x - a.x) / Histogram::kBins;
    for (int i = 0; i < Histogram::kBins; ++i) {
        const float bh = (b.y - a.y - 2) * float(h.counts[std::size_t(i)]) / float(top);
        dl->AddRectFilled(ImVec2(a.x + i * w + 1, b.y - bh), ImVec2(a.x + (i + 1) * w, b.y), color);
    }
    dl->AddLine(ImVec2(a.x, b.y), ImVec2(b.x, b.y), kAxisText);
    const bool none = !has_range && h.lo == 0 && h.hi == 0;  // nothing finite to count (a diverged step): a dash, not "0 0"
    const std::string lo_text = none ? "-" : readable(h.lo, 3), hi_text = none ? "-" : readable(h.hi, 3);
    const float hi_w = ImGui::CalcTextSize(hi_text.c_str()).x, lo_w = ImGui::CalcTextSize(lo_text.c_str()).x;
    add_text(dl, ImVec2(a.x, b.y + 2), kAxisText, lo_text.c_str());
    add_text(dl, ImVec2(b.x - hi_w, b.y + 2), kAxisText, hi_text.c_str());
    if (has_range && h.lo < 0 && h.hi > 0) {  // the 0 tick
        const float x0 = screen_x(0), zero_w = ImGui::CalcTextSize("0").x;
        dl->AddLine(ImVec2(x0, a.y), ImVec2(x0, b.y + 3), IM_COL32(255, 255, 255, 90));
        if (x0 - zero_w / 2 > a.x + lo_w + 4 && x0 + zero_w / 2 < b.x - hi_w - 4)
            add_text(dl, ImVec2(x0 - zero_w / 2, b.y + 2), kAxisText, "0");
    }
    if (ImGui::IsItemHovered() && has_range) {
        const int bin = std::clamp(int((ImGui::GetIO().MousePos.x - a.x) / w), 0, Histogram::kBins - 1);
        const float bw = range / Histogram::kBins;
        ImGui::BeginTooltip();
        ImGui::TextUnformatted(msg_now("plot.bin_tip", {{"lo", readable(h.lo + bin * bw, 3)}, {"hi", readable(h.lo + (bin + 1) * bw, 3)},
                                                    {"n", std::to_string(h.counts[std::size_t(bin)])}}).c_str());
        if (shade_label) ImGui::TextUnformatted(shade_label);
        ImGui::EndTooltip();
    }
    ImGui::PopID();
}

void draw_strip(const char* label, float label_width, const std::vector<const Series*>& rows, ImU32 color, ImVec2 size,
                const char* tip) {
    ImGui::PushID(label);
    const float x0 = ImGui::GetCursorScreenPos().x;
    ImGui::TextUnformatted(label);
    ImGui::SameLine();
    ImGui::SetCursorScreenPos(ImVec2(x0 + label_width, ImGui::GetCursorScreenPos().y));
    size.x -= label_width;  // the strip fills the rest
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);  // no control, only a tooltip: a finger's target size does not apply
    if (ImGui::IsItemHovered() && tip) ImGui::SetTooltip("%s", tip);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p0, ImVec2(p0.x + size.x, p0.y + size.y), kPlotBg);
    const float rh = size.y / float(std::max<std::size_t>(1, rows.size()));
    const ImVec4 c = ImGui::ColorConvertU32ToFloat4(color);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const auto& v = rows[r]->values();
        const int cols = std::min<int>(int(v.size()), int(size.x / 2));  // two pixels per column at most
        const std::vector<float> top = column_max(v, cols);
        auto level = [&](int i) { return i < cols ? std::round(std::clamp(top[std::size_t(i)], 0.0f, 1.0f) * 32) / 32 : -1.0f; };
        for (int i = 0; i < cols;) {  // one rectangle per run of columns at the same level
            const float a = level(i);
            int j = i + 1;
            while (j < cols && level(j) == a) ++j;
            if (a > 0) {
                const float x0 = p0.x + size.x * float(i) / float(cols), x1 = p0.x + size.x * float(j) / float(cols);
                dl->AddRectFilled(ImVec2(x0, p0.y + r * rh), ImVec2(x1, p0.y + (r + 1) * rh - 1),
                                  ImGui::ColorConvertFloat4ToU32(ImVec4(c.x, c.y, c.z, a)));
            }
            i = j;
        }
    }
    ImGui::PopID();
}

}  // namespace bp
