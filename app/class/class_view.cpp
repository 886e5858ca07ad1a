// ClassView (class_view.h): the open button, the progress bar and the table of records.
#include "class_view.h"

#include <string>
#include <string_view>

#include "imgui.h"
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
    if (ImGui::Button(tr("class.clear"))) room_.clear();
    std::size_t done = 0;
    for (const ClassRow& row : room_.rows()) done += row.verdict ? 1 : 0;
    const std::string label = msg_now("class.progress", {{"done", std::to_string(done)}, {"total", std::to_string(room_.rows().size())}});
    ImGui::ProgressBar(float(room_.progress()), ImVec2(-1, 0), label.c_str());
    draw_table();
}

namespace {
std::string metric_text(const Json& row, const char* key) {
    const Json* v = row.find(key);
    return v && v->is_number() ? readable(v->as_number()) : "-";
}
}  // namespace

void ClassView::draw_table() {
    const Json table = room_.table();
    const char* columns[] = {"class.file", "class.verified", "class.reason", "class.lesson", "class.epoch",
                             "class.test_loss", "class.test_acc", "class.differences"};
    // Not resizable: the short columns fit their widest cell every frame; the reason and the
    // differences share what is left and wrap, so nothing runs off a laptop's window.
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("records", int(std::size(columns)), flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const char* c : columns) {
        const bool wraps = std::string_view(c) == "class.reason" || std::string_view(c) == "class.differences";
        ImGui::TableSetupColumn(tr(c), wraps ? ImGuiTableColumnFlags_WidthStretch : ImGuiTableColumnFlags_None);
    }
    ImGui::TableHeadersRow();
    for (const Json& row : table.items()) {
        ImGui::TableNextRow();
        const Json& verified = *row.find("verified");
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(row.find("file")->as_string().c_str());
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
