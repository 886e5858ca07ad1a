// Line plots, histograms and strips on ImGui draw lists.
#include "plot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "colors.h"

namespace bp {

namespace {

float plotted(float v, bool log_y) { return log_y ? (v > 0 ? std::log10(v) : NAN) : v; }

void y_range(const std::vector<PlotLine>& lines, bool log_y, float& lo, float& hi) {
    lo = INFINITY, hi = -INFINITY;
    for (const PlotLine& l : lines)
        for (float v : *l.values) {
            const float p = plotted(v, log_y);
            if (std::isfinite(p)) lo = std::min(lo, p), hi = std::max(hi, p);
        }
    if (!std::isfinite(lo)) lo = 0, hi = 1;
    if (!log_y) lo = std::min(lo, 0.0f);
    if (hi - lo < 1e-6f) hi = lo + 1;
}

void draw_readout(const std::vector<PlotLine>& lines, float x, const char* x_label) {
    ImGui::BeginTooltip();
    ImGui::Text("%s %.0f", x_label, x);
    for (const PlotLine& l : lines) {
        const int i = int(std::lround(x / l.x_step));
        if (i < 0 || i >= int(l.values->size())) continue;
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(l.color), "%s: %.4g", l.label, (*l.values)[std::size_t(i)]);
    }
    ImGui::EndTooltip();
}

}  // namespace

void draw_line_plot(const char* id, const std::vector<PlotLine>& lines, bool log_y, ImVec2 size, const char* x_label) {
    ImGui::PushID(id);
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("plot", size);
    const ImVec2 p1(p0.x + size.x, p0.y + size.y);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p0, p1, IM_COL32(20, 22, 27, 255));
    float lo, hi, x_max = 1;
    y_range(lines, log_y, lo, hi);
    for (const PlotLine& l : lines) x_max = std::max(x_max, l.x_step * float(l.values->size() - 1));
    auto to_screen = [&](float x, float y) {
        return ImVec2(p0.x + 4 + (size.x - 8) * x / x_max, p1.y - 4 - (size.y - 8) * (y - lo) / (hi - lo));
    };
    for (const PlotLine& l : lines) {
        ImVec2 prev;
        bool has_prev = false;
        for (std::size_t i = 0; i < l.values->size(); ++i) {
            const float y = plotted((*l.values)[i], log_y);
            if (!std::isfinite(y)) { has_prev = false; continue; }
            const ImVec2 p = to_screen(l.x_step * float(i), y);
            if (has_prev) dl->AddLine(prev, p, l.color, 1.5f);
            prev = p, has_prev = true;
        }
    }
    char text[64];
    std::snprintf(text, sizeof text, "%.3g", log_y ? std::pow(10.0f, hi) : hi);
    dl->AddText(ImVec2(p0.x + 4, p0.y + 2), IM_COL32(160, 165, 175, 255), text);
    std::snprintf(text, sizeof text, "%.3g", log_y ? std::pow(10.0f, lo) : lo);
    dl->AddText(ImVec2(p0.x + 4, p1.y - ImGui::GetTextLineHeight() - 2), IM_COL32(160, 165, 175, 255), text);
    if (ImGui::IsItemHovered()) {
        const float mx = ImGui::GetIO().MousePos.x;
        dl->AddLine(ImVec2(mx, p0.y), ImVec2(mx, p1.y), kGrid);
        draw_readout(lines, std::max(0.0f, (mx - p0.x - 4) / (size.x - 8) * x_max), x_label);
    }
    ImGui::PopID();
}

std::vector<float> smooth_log(const std::vector<float>& values, float alpha) {
    std::vector<float> out(values.size());
    float avg = NAN;
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (values[i] > 0) {
            const float l = std::log10(values[i]);
            avg = std::isfinite(avg) ? avg + alpha * (l - avg) : l;
        }
        out[i] = std::isfinite(avg) ? std::pow(10.0f, avg) : values[i];
    }
    return out;
}

void draw_histogram(const char* id, const Histogram& h, ImU32 color, ImVec2 size) {
    ImGui::PushID(id);
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("hist", size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p0, ImVec2(p0.x + size.x, p0.y + size.y), IM_COL32(20, 22, 27, 255));
    const int top = std::max(1, *std::max_element(h.counts.begin(), h.counts.end()));
    const float w = size.x / Histogram::kBins;
    for (int i = 0; i < Histogram::kBins; ++i) {
        const float bh = (size.y - 2) * float(h.counts[std::size_t(i)]) / float(top);
        dl->AddRectFilled(ImVec2(p0.x + i * w + 1, p0.y + size.y - bh), ImVec2(p0.x + (i + 1) * w, p0.y + size.y), color);
    }
    if (ImGui::IsItemHovered()) {
        const int bin = std::clamp(int((ImGui::GetIO().MousePos.x - p0.x) / w), 0, Histogram::kBins - 1);
        const float bw = (h.hi - h.lo) / Histogram::kBins;
        ImGui::SetTooltip("[%.3g, %.3g): %d values", h.lo + bin * bw, h.lo + (bin + 1) * bw, h.counts[std::size_t(bin)]);
    }
    ImGui::PopID();
}

void draw_strip(const char* id, const std::vector<const Series*>& rows, ImU32 color, ImVec2 size) {
    ImGui::PushID(id);
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("strip", size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p0, ImVec2(p0.x + size.x, p0.y + size.y), IM_COL32(20, 22, 27, 255));
    const float rh = size.y / float(std::max<std::size_t>(1, rows.size()));
    const ImVec4 c = ImGui::ColorConvertU32ToFloat4(color);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const auto& v = rows[r]->values();
        const int cols = std::min<int>(int(v.size()), int(size.x));  // one pixel per column at most
        for (int i = 0; i < cols; ++i) {
            const std::size_t k = v.size() * std::size_t(i) / std::size_t(std::max(1, cols));
            const float a = std::clamp(v[k], 0.0f, 1.0f);
            if (a <= 0) continue;
            const float x0 = p0.x + size.x * float(i) / float(cols), x1 = p0.x + size.x * float(i + 1) / float(cols);
            dl->AddRectFilled(ImVec2(x0, p0.y + r * rh), ImVec2(x1, p0.y + (r + 1) * rh - 1),
                              ImGui::ColorConvertFloat4ToU32(ImVec4(c.x, c.y, c.z, a)));
        }
    }
    ImGui::PopID();
}

}  // namespace bp
