// The gradient views: per-layer gradient norm and update/weight ratio over the training
// steps (log scale, one line per layer, with a legend), step x layer strips of saturated and
// dead fractions, histograms of one layer's pre-activation h (saturated region shaded), its
// activation z and dL/dW, and a table of the latest numbers.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "colors.h"
#include "imgui.h"
#include "playground.h"
#include "plot.h"
#include "text_util.h"
#include "messages.h"
#include "notation_card.h"
#include "widgets.h"

namespace bp {

namespace {

// One smoothed line per layer (L1 ... Ln, out), over training steps: a Series keeps every
// `stride`-th probe and the Trainer probes every `probe_every`-th step (step counted from 1,
// both restart together), so value i is the probe of step ((i + 1) stride - 1) probe_every + 1.
// `smoothed` and `labels` keep the data the lines point to.
std::vector<PlotLine> series_lines(const std::vector<Series>& series, int probe_every, std::vector<SmoothedLog>& smoothed,
                                   std::vector<std::string>& labels) {
    std::vector<PlotLine> lines;
    labels.resize(series.size());
    smoothed.resize(series.size());
    for (std::size_t l = 0; l < series.size(); ++l) {
        labels[l] = l + 1 == series.size() ? tr("grad.out") : "L" + std::to_string(l + 1);
        const float stride = float(series[l].stride()), every = float(std::max(1, probe_every));
        lines.push_back({&smoothed[l].update(series[l]), line_color(l), labels[l].c_str(), stride * every,
                         (stride - 1) * every + 1, nullptr, true});
    }
    return lines;
}

// The latest numbers per layer; narrower than its headers need (an embed), it scrolls sideways.
void stats_table(const std::vector<LayerStats>& stats, float width) {
    const char* headers[] = {tr("grad.col_layer"), "|dL/dW|", tr("grad.col_mean"), "|dL/dz|", "|W|", tr("grad.col_update"), tr("grad.col_saturated"), tr("grad.col_dead")};
    float need = 0, widths[std::size(headers)];
    for (std::size_t c = 0; c < std::size(headers); ++c)
        need += widths[c] = ImGui::CalcTextSize(headers[c]).x + 2 * ImGui::GetStyle().CellPadding.x + 1;
    const bool scroll = need > width;
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                  (scroll ? ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit : ImGuiTableFlags_SizingStretchProp);
    const float rows = float(stats.size() + 1), height = rows * (ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().CellPadding.y + 1) + ImGui::GetStyle().ScrollbarSize + 2;
    if (!ImGui::BeginTable("layer stats", 8, flags, ImVec2(width, scroll ? height : 0))) return;
    // Stretched in proportion to the headers' widths: each gets at least its header ("media|dL/dW|"
    // was cut when every column had the same share).
    for (std::size_t c = 0; c < std::size(headers); ++c)
        ImGui::TableSetupColumn(headers[c], scroll ? ImGuiTableColumnFlags_None : ImGuiTableColumnFlags_WidthStretch, scroll ? 0 : widths[c]);
    ImGui::TableHeadersRow();
    for (std::size_t l = 0; l < stats.size(); ++l) {
        const LayerStats& s = stats[l];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(l + 1 == stats.size() ? tr("grad.out") : std::to_string(l + 1).c_str());
        for (double v : {s.grad_norm, s.grad_mean_abs, s.act_grad_norm, s.weight_norm, s.update_ratio}) {
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(std::isfinite(v) ? readable(v, 3).c_str() : "-");  // a diverged step's: no number to show
        }
        ImGui::TableNextColumn();
        ImGui::Text("%.0f%%", 100 * s.saturated_frac);
        ImGui::TableNextColumn();
        ImGui::Text("%.0f%%", 100 * s.dead_frac);
    }
    ImGui::EndTable();
}

}  // namespace

void Playground::draw_gradient_view(float width) {
    heading(tr("panel.gradients"));
    std::vector<std::string> labels_a, labels_b;
    const bool stacked = width < 440;  // narrow (an embed): one plot under the other
    const float plot_w = stacked ? width : (width - ImGui::GetStyle().ItemSpacing.x) / 2;
    const int every = model_.trainer().diagnostics().probe_every;
    draw_line_plot("gradnorm", series_lines(model_.trainer().diagnostics().grad_norm_series(), every, smoothed_grad_norm_, labels_a),
                   PlotOptions{true, tr("grad.step_axis"), true, tr("grad.norm_title")}, ImVec2(plot_w, 140));
    if (!stacked) ImGui::SameLine();
    draw_line_plot("update", series_lines(model_.trainer().diagnostics().update_ratio_series(), every, smoothed_update_ratio_, labels_b),
                   PlotOptions{true, tr("grad.step_axis"), true, tr("grad.update_title")}, ImVec2(plot_w, 140));
    const std::size_t hidden = model_.trainer().layer_stats().size() - 1;
    std::vector<const Series*> sat, dead;
    for (std::size_t l = 0; l < hidden; ++l) sat.push_back(&model_.trainer().diagnostics().saturated_series()[l]), dead.push_back(&model_.trainer().diagnostics().dead_series()[l]);
    if (hidden > 0) {
        const float label_w = std::max(ImGui::CalcTextSize(tr("grad.strip_dead")).x, ImGui::CalcTextSize(tr("grad.strip_saturated")).x) + 10,
                    h = std::max(8.0f * float(hidden) + 2, ImGui::GetTextLineHeight());
        draw_strip(tr("grad.strip_saturated"), label_w, sat, kWarning, ImVec2(width, h), tr("grad.strip_saturated_tip"));
        draw_strip(tr("grad.strip_dead"), label_w, dead, kDanger, ImVec2(width, h), tr("grad.strip_dead_tip"));
    }
    const auto& stats = model_.trainer().layer_stats();
    histogram_layer_ = std::clamp(histogram_layer_, 0, int(stats.size()) - 1);
    int shown = histogram_layer_ + 1;  // 1-based for people
    const char* of = tr("grad.histograms_of");
    const bool label_above = 120 + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(of).x > width;  // narrow: the label on its own line
    if (label_above) wrapped_text(of);
    ImGui::SetNextItemWidth(label_above ? width : 120);
    if (ImGui::SliderInt(label_above ? "##of" : of, &shown, 1, int(stats.size()), shown == int(stats.size()) ? tr("grad.output") : "%d"))
        histogram_layer_ = shown - 1;
    Flow(true).next(notation_button_width());  // h, z and dW as the histograms name them
    notation_button();
    const LayerStats& s = stats[std::size_t(histogram_layer_)];
    const float third = (width - 2 * ImGui::GetStyle().ItemSpacing.x) / 3;
    const char* titles[] = {tr("grad.hist_pre"), tr("grad.hist_act"), "dL/dW"};
    const Histogram* hists[] = {&s.pre_activation, &s.activation, &s.gradient};
    // The probe's saturation rule on h (hidden sigmoid/tanh layers): shaded where f'(h) is
    // below kSaturationThreshold of its peak.
    const bool hidden_layer = histogram_layer_ + 1 < int(stats.size());
    const Activation act = model_.trainer().model().layers()[std::size_t(histogram_layer_)].act;
    const float shade = hidden_layer ? float(saturation_z(act)) : NAN;
    std::string shade_text;
    if (std::isfinite(shade))
        shade_text = msg_now("grad.shaded", {{"z", readable(shade, 3)}, {"act", name_of(act)}, {"share", readable(kSaturationThreshold * 100, 3) + "%"}});
    float widest = 0;  // side by side when each title fits a third of the width, else one under another
    for (const char* t : titles) widest = std::max(widest, ImGui::CalcTextSize(t).x);
    const bool beside = widest <= third;
    for (int i = 0; i < 3; ++i) {
        if (i && beside) ImGui::SameLine();
        ImGui::BeginGroup();
        ImGui::TextUnformatted(titles[i]);
        ImGui::PushID(i);
        draw_histogram("hist", *hists[i], IM_COL32(120, 170, 230, 255), ImVec2(beside ? third : width, 60 + ImGui::GetTextLineHeight()),
                       i == 0 ? shade : NAN, shade_text.empty() ? nullptr : shade_text.c_str());
        ImGui::PopID();
        ImGui::EndGroup();
    }
    if (std::isfinite(shade)) {
        ImGui::PushStyleColor(ImGuiCol_Text, kWarning);
        wrapped_text(shade_text.c_str());
        ImGui::PopStyleColor();
    }
    stats_table(stats, width);
}

}  // namespace bp
