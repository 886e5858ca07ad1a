// The loss panel's kept runs (issue 26.5): Keep this run, and under it the runs this browser
// keeps, each with a box to overlay its curve on the loss plot (up to four), the settings in
// which it differs from the run now, and buttons to reopen or remove it. The model keeps them
// (PlaygroundModel::keep_run and the rest); this file only draws.
#include "playground.h"

#include <algorithm>

#include "kept_runs.h"
#include "messages.h"
#include "text_util.h"
#include "widgets.h"

namespace bp {

void Playground::draw_kept_runs() {
    if (small_button(tr("kept.keep"))) model_.keep_run();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("kept.keep_tip"));
    const auto& runs = model_.kept().runs();
    if (!model_.kept_message().empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        wrapped_text(relang(model_.kept_message()).c_str());
        ImGui::PopStyleColor();
    }
    if (runs.empty()) return;
    const std::string title = msg_now("kept.title", {{"n", std::to_string(runs.size())}}) + "###kept";
    if (!ImGui::TreeNode(title.c_str())) return;
    if (model_.compared().size() < 2) wrapped_text(tr("kept.compare_hint"));
    int open = 0, remove = 0;
    for (const KeptRun& r : runs) {
        ImGui::PushID(r.id);
        bool ticked = std::find(model_.compared().begin(), model_.compared().end(), r.id) != model_.compared().end();
        const std::string row = msg_now("kept.row", {{"id", std::to_string(r.id)}, {"epoch", std::to_string(r.epoch)},
                                                     {"loss", r.curve.empty() ? "-" : readable(r.curve.back().train_loss)}});
        if (ImGui::Checkbox(row.c_str(), &ticked)) model_.toggle_compared(r.id);
        const auto now = config_differences({&model_.config(), &r.config});
        ImGui::Indent();
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        wrapped_text(now.empty() ? tr("kept.row_same") : msg_now("kept.row_now", {{"list", join(now, "; ")}}).c_str());
        if (r.edited) wrapped_text(tr("kept.edited"));
        ImGui::PopStyleColor();
        if (small_button(tr("kept.open"))) open = r.id;
        ImGui::SameLine();
        if (small_button(tr("kept.remove"))) remove = r.id;
        ImGui::Unindent();
        ImGui::PopID();
    }
    const auto c = compare_kept_runs(model_.kept(), model_.compared());
    if (c.runs.size() >= 2)
        wrapped_text(c.differences.empty() ? tr("kept.same_settings") : msg_now("kept.differences", {{"list", join(c.differences, "; ")}}).c_str());
    if (std::any_of(c.runs.begin(), c.runs.end(), [](const KeptRun* r) { return r->edited; })) wrapped_text(tr("kept.edited"));
    ImGui::TreePop();
    if (open) model_.open_kept(open);  // after the loop: it changes what the rows read
    if (remove) model_.remove_kept(remove);
}

}  // namespace bp
