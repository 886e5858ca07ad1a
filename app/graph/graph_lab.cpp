// GraphLab: the tab's frame (formula, variables, controls, then the canvas beside the
// side panels), keeping its caches in step with the session, and SVG export.
#include "graph_lab.h"


#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>

#include "colors.h"
#include "graph_presets.h"
#include "graph_svg.h"
#include "messages.h"
#include "notation_card.h"
#include "widgets.h"

namespace bp {

namespace {
ImFont* mono_font() {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    return atlas->Fonts.Size > 1 ? atlas->Fonts[1] : nullptr;
}
}  // namespace

GraphLab::GraphLab(Host& host, Playground& playground)
    : host_(host), playground_(playground), session_(playground.model().graph()) {}

std::string GraphLab::export_svg() {
    if (!session_.has_graph()) return file_message_ = msg("graph.no_graph");
    return file_message_ = host_.save_text("graph.svg", graph_svg(session_), "image/svg+xml");
}

// The formula box shows the last text given (a preset, the JS API), errors included; the
// gradient check, reference gradients and final gradient and edge texts are made once per graph.
void GraphLab::sync() {
    if (session_.edits() != edits_ && session_.typed() != text_)
        std::snprintf(text_, sizeof text_, "%s", session_.typed().c_str());
    edits_ = session_.edits();
    if (session_.generation() == generation_ || !session_.has_graph()) return;
    generation_ = session_.generation();
    Graph g = session_.graph();
    checks_ = g.check_gradients();  // runs backward() too
    reference_grads_.clear();
    for (const Node& n : g.nodes()) reference_grads_.push_back(n.grad);
    std::map<std::string, double> values;  // the same graph, run to the end: the texts boxes must hold
    for (const std::string& name : session_.variables()) values[name] = session_.value_of(name);
    GraphSession done;
    final_grad_text_.assign(std::size_t(g.size()), "");
    final_edge_text_.assign(session_.layout().edges.size(), "");
    if (!done.set_formula(session_.formula(), values)) {
        done.run_all();
        for (int id = 0; id < g.size(); ++id) final_grad_text_[std::size_t(id)] = grad_text(done, id);
        const std::vector<LayoutEdge>& edges = done.layout().edges;
        for (std::size_t i = 0; i < edges.size() && i < final_edge_text_.size(); ++i)
            final_edge_text_[i] = edge_label(done, edges[i]);
    }
    const bool still_there = path_var_ >= 0 && path_var_ < g.size() && g.node(path_var_).op == Op::Var;
    if (!still_there) {
        path_var_ = -1;
        for (int id = 0; id < g.size() && path_var_ < 0; ++id)
            if (g.node(id).op == Op::Var) path_var_ = id;
    }
}

void GraphLab::draw_formula() {
    ImGui::TextUnformatted(tr("graph.presets"));
    Flow flow;
    for (const GraphPreset& p : graph_presets()) {
        const char* label = tr(p.label);  // a formula-like label is no key: tr() gives it back
        flow.next(small_button_width(label));
        ImGui::PushID(p.label.c_str());
        if (small_button(label)) session_.set_formula(p.formula, p.values);
        ImGui::PopID();
    }
    ImGui::PushFont(mono_font());
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputText("##formula", text_, sizeof text_)) session_.set_formula(text_);
    const auto& error = session_.error();
    if (error) {  // a caret under the offending character
        const int pos = std::clamp(error->pos, 0, int(std::strlen(text_)));
        const float x = ImGui::GetStyle().FramePadding.x + ImGui::CalcTextSize(text_, text_ + pos).x;
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + x);
        ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "^");
    }
    ImGui::PopFont();
    if (error) {
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 102, 102, 255));
        wrapped_text(msg_now("graph.error_last_good", {{"problem", relang(error->message)}}).c_str());
        ImGui::PopStyleColor();
    }
}

// One field per variable, wrapped; many variables (the live network) scroll in two rows.
void GraphLab::draw_variables() {
    const auto& vars = session_.variables();
    const bool many = vars.size() > 12;
    const float field = many ? 90 : 150, row = ImGui::GetFrameHeightWithSpacing();
    if (many) ImGui::BeginChild("variables", {0, 2 * row + 6}, false);
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    bool first = true;
    for (const std::string& name : vars) {
        const float w = field + ImGui::CalcTextSize(name.c_str()).x + ImGui::GetStyle().ItemSpacing.x * 2;
        if (!first && ImGui::GetItemRectMax().x + w < right) ImGui::SameLine();
        first = false;
        double v = session_.value_of(name);
        ImGui::SetNextItemWidth(field);
        if (ImGui::DragScalar(name.c_str(), ImGuiDataType_Double, &v, 0.01f, nullptr, nullptr, "%.4g"))
            session_.set_values({{name, v}});
    }
    if (many) ImGui::EndChild();
}

// The step buttons (in an embed only those, slimmer, and the progress on the same rows).
void GraphLab::draw_controls(bool embed) {
    if (embed) ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(4, 1));
    draw_steps_row(embed);
    if (embed) ImGui::PopStyleVar();
}

void GraphLab::draw_steps_row(bool embed) {
    GraphSession& s = session_;
    Flow flow;  // the row wraps where a window (or a longer language) has no room
    auto button = [&](const char* key) {
        flow.next(button_width(tr(key)));
        return ImGui::Button(tr(key));
    };
    if (button("graph.reset")) s.reset();
    if (button("graph.forward_step")) s.forward_step();
    if (button("graph.run_forward")) s.run_forward();
    if (button("graph.backward_step")) s.backward_step();
    if (button("graph.run_all")) s.run_all();
    const float radio = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x;
    const float algo_w = ImGui::CalcTextSize(tr("graph.backward")).x + 2 * radio + ImGui::CalcTextSize(tr("graph.iterative")).x +
                         ImGui::CalcTextSize(tr("graph.recursive")).x + 3 * ImGui::GetStyle().ItemSpacing.x;
    flow.next(algo_w);
    ImGui::BeginGroup();
    ImGui::TextUnformatted(tr("graph.backward"));
    int a = int(s.algorithm());
    ImGui::SameLine();
    if (ImGui::RadioButton(tr("graph.iterative"), &a, int(Algorithm::Iterative))) s.set_algorithm(Algorithm::Iterative);
    ImGui::SameLine();
    if (ImGui::RadioButton(tr("graph.recursive"), &a, int(Algorithm::Recursive))) s.set_algorithm(Algorithm::Recursive);
    ImGui::EndGroup();
    if (embed) {
        if (!s.has_graph()) return;
        const std::string progress = msg_now("graph.progress", {{"f", std::to_string(s.forward_done())}, {"b", std::to_string(s.backward_done())},
                                                               {"n", std::to_string(s.forward_order().size())}});
        flow.next(ImGui::CalcTextSize(progress.c_str()).x);
        ImGui::TextUnformatted(progress.c_str());
        return;
    }
    if (button("graph.export_svg")) export_svg();
    if (button("toolbar.copy_link"))
        file_message_ = msg("toolbar.link_copied", {{"url", host_.copy_link(to_hash(playground_.model().settings()))}});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("graph.copy_link_tip"));
    flow.next(notation_button_width());
    notation_button();
    if (!file_message_.empty()) {
        const std::string shown = relang(file_message_);
        flow.next(ImGui::CalcTextSize(shown.c_str()).x);
        ImGui::TextDisabled("%s", shown.c_str());
    }
    if (!s.has_graph()) return;
    const int n = int(s.forward_order().size());
    ImGui::TextUnformatted(msg_now("graph.progress", {{"f", std::to_string(s.forward_done())}, {"b", std::to_string(s.backward_done())},
                                                  {"n", std::to_string(n)}}).c_str());
    if (s.current() >= 0) {
        ImGui::SameLine(0, 24);
        ImGui::TextUnformatted(msg_now("graph.current", {{"id", std::to_string(s.current())},
                                                     {"label", node_label(s.graph().node(s.current()))}}).c_str());
    }
    if (s.recursive_error() && s.algorithm() == Algorithm::Recursive) {
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 102, 102, 255));
        wrapped_text(relang(s.recursive_error()->message).c_str());
        ImGui::PopStyleColor();
    }
}

void GraphLab::draw() {
    const bool embed = playground_.model().page().embed;  // an embed: the steps and the canvas (the app drew the lesson's title)
    if (!embed) playground_.draw_view_lesson(bp::View::Graph);
    sync();
    if (!embed) draw_formula();
    if (!embed) draw_variables();
    draw_controls(embed);
    sync();  // a preset, a new formula or value above made a new graph: caches first
    if (!session_.has_graph()) return;
    if (embed) {  // the canvas takes the rest of the frame, with a thin margin inside its border
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(2, 2));
        draw_canvas(ImGui::GetContentRegionAvail());
        ImGui::PopStyleVar();
        return;
    }
    // The canvas (with the order strips under it) beside the panels; the border between
    // them can be dragged. Exactly as tall as the room left (the table's cell padding
    // included), so the window never scrolls when the wheel zooms the canvas.
    const float h = ImGui::GetContentRegionAvail().y - 2 * ImGui::GetStyle().CellPadding.y;
    if (!ImGui::BeginTable("lab split", 2, ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV)) return;
    ImGui::TableSetupColumn("graph", ImGuiTableColumnFlags_WidthStretch, 0.74f);
    ImGui::TableSetupColumn("panels", ImGuiTableColumnFlags_WidthStretch, 0.26f);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const float w = ImGui::GetContentRegionAvail().x;
    const float orders_h = ImGui::GetTextLineHeightWithSpacing() * 4 + 12;
    draw_canvas({w, h - orders_h - ImGui::GetStyle().ItemSpacing.y});
    ImGui::BeginChild("orders", {w, orders_h}, true);
    draw_orders();
    ImGui::EndChild();
    ImGui::TableNextColumn();
    draw_side({ImGui::GetContentRegionAvail().x, h});
    ImGui::EndTable();
}

}  // namespace bp
