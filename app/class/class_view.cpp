// ClassView (class_view.h): the open button, the progress bar and the table of records.
#include "class_view.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "colors.h"
#include "imgui.h"
#include "plot.h"
#include "messages.h"
#include "text_util.h"
#include "widgets.h"

namespace bp {

void ClassView::update() {
    if (room_.busy()) room_.work(kBudgetMs);
}

void ClassView::draw() {
    wrapped_text(tr("class.intro"));
    if (ImGui::Button(tr("class.open")))
        host_.open_files(".json", [this](const std::string& name, const std::string& text) {
            add(name.empty() ? msg_now("class.unnamed", {{"n", std::to_string(room_.rows().size() + 1)}}) : name, text);
        });
    ImGui::SameLine();
    if (ImGui::Button(tr("class.open_task")))
        host_.open_text(".json", [this](const std::string& text) { set_task(text); });
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("class.open_task_tip"));
    ImGui::SameLine();
    if (ImGui::Button(tr("class.save_csv"))) message_ = host_.save_text("class.csv", room_.csv(), "text/csv");
    ImGui::SameLine();
    if (ImGui::Button(tr("class.clear"))) room_.clear();
    if (!message_.empty()) wrapped_text(relang(message_).c_str());
    std::size_t done = 0;
    for (const ClassRow& row : room_.rows()) done += row.verdict ? 1 : 0;
    const std::string label = msg_now("class.progress", {{"done", std::to_string(done)}, {"total", std::to_string(room_.rows().size())}});
    ImGui::ProgressBar(float(room_.progress()), ImVec2(-1, 0), label.c_str());
    const bool curves = std::any_of(room_.rows().begin(), room_.rows().end(), [](const ClassRow& r) { return r.selected; });
    const float plot_h = curves ? std::max(120.0f, ImGui::GetContentRegionAvail().y * 0.35f) : 0;
    draw_table(ImGui::GetContentRegionAvail().y - plot_h - (curves ? ImGui::GetStyle().ItemSpacing.y : 0));
    if (curves) draw_curves(plot_h);
}

std::string ClassView::set_task(const std::string& text) {
    const std::string problem = room_.set_task(text);
    message_ = problem.empty() ? msg("class.task_loaded") : problem;
    return problem;
}

// The selected rows' training loss as handed in (a verified row's is the replayed one, bit for bit).
void ClassView::draw_curves(float height) {
    std::vector<std::vector<float>> loss, epochs;
    std::vector<const ClassRow*> shown;
    for (const ClassRow& r : room_.rows())
        if (r.selected) shown.push_back(&r);
    loss.resize(shown.size()), epochs.resize(shown.size());
    std::vector<PlotLine> lines;
    for (std::size_t i = 0; i < shown.size(); ++i) {
        for (const EpochRecord& e : shown[i]->curve) loss[i].push_back(float(e.train_loss)), epochs[i].push_back(float(e.epoch));
        lines.push_back({&loss[i], line_color(i), shown[i]->file.c_str(), 1, 0, &epochs[i]});
    }
    draw_line_plot("class curves", lines, PlotOptions{true, tr("loss.epoch_axis"), true, tr("class.curves")}, ImVec2(ImGui::GetContentRegionAvail().x, height));
}

namespace {
std::string metric_text(const Json& row, const char* key) {
    const Json* v = row.find(key);
    return v && v->is_number() ? readable(v->as_number()) : "-";
}
}  // namespace

// Click a column's header to sort by it (the room reorders its rows, so bp.class.table() reads
// as shown); click a row to overlay its loss curve under the table.
void ClassView::draw_table(float height) {
    const Json table = room_.table();
    const char* columns[] = {"class.file", "class.verified", "class.reason", "class.lesson", "class.epoch",
                             "class.test_loss", "class.test_acc", "class.differences"};
    const char* keys[] = {"file", "verified", "reason", "lesson", "epoch", "test_loss", "test_acc", "differences"};
    // Not resizable: the short columns fit their widest cell every frame; the reason and the
    // differences share what is left and wrap, so nothing runs off a laptop's window.
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_Sortable |
                                  ImGuiTableFlags_SortTristate;  // no default sort: the files stay in the order given until a header is clicked
    if (!ImGui::BeginTable("records", int(std::size(columns)), flags, ImVec2(0, std::max(60.0f, height)))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (std::size_t c = 0; c < std::size(columns); ++c) {
        const bool wraps = std::string_view(keys[c]) == "reason" || std::string_view(keys[c]) == "differences";
        ImGui::TableSetupColumn(tr(columns[c]), (wraps ? ImGuiTableColumnFlags_WidthStretch : ImGuiTableColumnFlags_None) |
                                                    (std::string_view(keys[c]) == "differences" ? ImGuiTableColumnFlags_NoSort : 0));
    }
    ImGui::TableHeadersRow();
    if (ImGuiTableSortSpecs* sort = ImGui::TableGetSortSpecs(); sort && sort->SpecsDirty) {
        if (sort->SpecsCount > 0)
            room_.sort_by(keys[sort->Specs[0].ColumnIndex], sort->Specs[0].SortDirection == ImGuiSortDirection_Descending);
        sort->SpecsDirty = false;
        ImGui::EndTable();
        return;  // the rows moved: drawn from the next frame
    }
    std::size_t index = 0;
    for (const Json& row : table.items()) {
        ImGui::TableNextRow();
        const Json& verified = *row.find("verified");
        ImGui::TableNextColumn();
        ImGui::PushID(int(index));
        if (ImGui::Selectable(row.find("file")->as_string().c_str(), row.find("selected")->as_bool(), ImGuiSelectableFlags_SpanAllColumns))
            room_.select(index, !row.find("selected")->as_bool());
        ImGui::PopID();
        ++index;
        ImGui::TableNextColumn();
        if (verified.is_null()) ImGui::TextDisabled("%s", tr("class.replaying"));
        else if (verified.as_bool()) ImGui::TextColored(ImVec4(0.45f, 0.85f, 0.45f, 1), "%s", tr("class.yes"));
        else ImGui::TextColored(ImVec4(1.0f, 0.55f, 0.45f, 1), "%s", tr("class.no"));
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", row.find("reason")->as_string().c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(row.find("lesson")->as_string().c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(metric_text(row, "epoch").c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(metric_text(row, "test_loss").c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(metric_text(row, "test_acc").c_str());
        ImGui::TableNextColumn();
        std::string diffs;
        for (const Json& d : row.find("differences")->items()) diffs += (diffs.empty() ? "" : "; ") + d.as_string();
        ImGui::TextWrapped("%s", diffs.empty() ? "-" : diffs.c_str());
    }
    ImGui::EndTable();
}

}  // namespace bp
