// GraphLab's side panels: the step log (each forward value; each backward step's locals
// and += contributions), the paths from a variable to the output with their products and
// the work reverse mode saves, the gradient check, and the table of every node.
#include <cstdio>
#include <iterator>
#include <string>

#include "colors.h"
#include "graph_lab.h"
#include "graph_svg.h"
#include "text_util.h"
#include "widgets.h"
#include "messages.h"

namespace bp {

namespace {

constexpr std::size_t kMaxPathsListed = 2000;  // Graph::paths stops here (and says so)

std::string node_name(const Graph& g, int id) { return "#" + std::to_string(id) + " " + node_label(g.node(id)); }

void forward_line(const Graph& g, std::size_t i, const LabStep& st) {
    const Node& n = g.node(st.node);
    const std::string args = join(n.inputs, ", ", [&](int in) { return svg_number(g.node(in).value); });
    char line[512];
    if (n.inputs.empty()) std::snprintf(line, sizeof line, "F%zu  %s = %s", i, node_name(g, st.node).c_str(), svg_number(st.value).c_str());
    else std::snprintf(line, sizeof line, "F%zu  %s(%s) = %s", i, node_name(g, st.node).c_str(), args.c_str(), svg_number(st.value).c_str());
    wrapped_text(line);
}

void backward_lines(const GraphSession& s, std::size_t i, const LabStep& st) {
    const Graph& g = s.graph();
    wrapped_text(msg_now("steps.backward", {{"i", std::to_string(i)}, {"node", node_name(g, st.node)}, {"grad", svg_number(st.grad)}}).c_str());
    ImGui::Indent();
    ImGui::PushStyleColor(ImGuiCol_Text, kTestLine);  // wrapped at spaces: a long line is never cut off
    for (const EdgeStep& e : st.pushed)  // iterative: pushed into each input
        wrapped_text(msg_now("steps.pushed", {{"node", node_name(g, e.input)}, {"grad", svg_number(st.grad)}, {"local", svg_number(e.local)},
                                          {"add", svg_number(e.contribution)}, {"now", svg_number(e.input_grad_after)}}).c_str());
    for (const Contribution& c : st.pulled)  // recursive: pulled from each user
        wrapped_text(msg_now("steps.pulled", {{"node", node_name(g, c.from)}, {"grad", svg_number(s.grad(c.from))},
                                          {"local", svg_number(c.local)}, {"amount", svg_number(c.amount)}}).c_str());
    ImGui::PopStyleColor();
    if (st.pushed.empty() && st.pulled.empty())
        ImGui::TextDisabled("%s", tr(st.node == g.output() ? "steps.seed" : "steps.leaf"));
    ImGui::Unindent();
}

}  // namespace

constexpr const char* kSidePanels[] = {"side.steps", "side.paths", "side.check", "side.nodes", "side.live"};

// The side panels as tabs where their names fit the panel's width whole; else (a tablet's
// finger-sized frames, a long language) as buttons that wrap, so no name is cut to "St...".
void GraphLab::draw_side(ImVec2 size) {
    ImGui::BeginChild("side", size);
    hovered_path_.clear();  // the paths panel sets it again while a row is hovered
    const ImGuiStyle& st = ImGui::GetStyle();
    float tabs = 0;
    for (const char* key : kSidePanels) tabs += ImGui::CalcTextSize(tr(key)).x + 2 * st.FramePadding.x + st.ItemInnerSpacing.x;
    const int count = int(std::size(kSidePanels));
    if (tabs <= ImGui::GetContentRegionAvail().x) {
        if (ImGui::BeginTabBar("graph panels")) {
            for (int i = 0; i < count; ++i)
                if (ImGui::BeginTabItem((std::string(tr(kSidePanels[i])) + "###" + kSidePanels[i]).c_str())) {
                    side_panel_ = i;
                    draw_side_panel();
                    ImGui::EndTabItem();
                }
            ImGui::EndTabBar();
        }
    } else {
        Flow flow;
        for (int i = 0; i < count; ++i) {
            flow.next(button_width(tr(kSidePanels[i])));
            ImGui::PushStyleColor(ImGuiCol_Button, st.Colors[i == side_panel_ ? ImGuiCol_ButtonActive : ImGuiCol_Button]);
            if (ImGui::Button(tr(kSidePanels[i]))) side_panel_ = i;
            ImGui::PopStyleColor();
        }
        ImGui::Separator();
        draw_side_panel();
    }
    ImGui::EndChild();
}

void GraphLab::draw_side_panel() {
    switch (side_panel_) {
        case 0: return draw_steps();
        case 1: return draw_paths();
        case 2: return draw_grad_check();
        case 3: return draw_nodes();
        default: return draw_linked();
    }
}

void GraphLab::draw_steps() {
    const GraphSession& s = session_;
    const Graph& g = s.graph();
    wrapped_text(tr(s.algorithm() == Algorithm::Iterative ? "steps.iterative_help" : "steps.recursive_help"));
    ImGui::Separator();
    ImGui::BeginChild("log");
    std::size_t forward = 0, backward = 0;
    for (const LabStep& st : s.steps()) {
        if (st.forward) forward_line(g, ++forward, st);
        else backward_lines(s, ++backward, st);
    }
    if (s.steps().empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        wrapped_text(tr("steps.nothing"));
        ImGui::PopStyleColor();
    }
    if (s.steps().size() != steps_seen_) ImGui::SetScrollHereY(1.0f);
    steps_seen_ = s.steps().size();
    ImGui::EndChild();
}

void GraphLab::draw_paths() {
    const Graph& g = session_.graph();
    if (path_var_ < 0) return ImGui::TextDisabled("%s", tr("paths.no_variable"));
    ImGui::SetNextItemWidth(120);
    if (begin_combo(tr("paths.from"), g.node(path_var_).name.c_str())) {
        for (int id = 0; id < g.size(); ++id)
            if (g.node(id).op == Op::Var && ImGui::Selectable(g.node(id).name.c_str(), id == path_var_)) path_var_ = id;
        ImGui::EndCombo();
    }
    help_marker(tr("paths.from_help"));
    if (paths_generation_ != session_.generation() || paths_of_ != path_var_) {
        paths_generation_ = session_.generation();
        paths_of_ = path_var_;
        paths_ = g.paths(path_var_, kMaxPathsListed);
        work_ = path_work(g, path_var_);
    }
    double sum = 0;
    for (const Path& p : paths_.paths) sum += p.product;
    const std::string name = g.node(path_var_).name;
    char count[32], sum_text[32], reference[32], path_mults[32], reverse_mults[32], saved[32];
    std::snprintf(count, sizeof count, "%.0f", work_.paths);
    std::snprintf(sum_text, sizeof sum_text, "%.10g", sum);
    std::snprintf(reference, sizeof reference, "%.10g", reference_grads_[std::size_t(path_var_)]);
    std::snprintf(path_mults, sizeof path_mults, "%.0f", work_.path_multiplications);
    std::snprintf(reverse_mults, sizeof reverse_mults, "%.0f", work_.reverse_multiplications);
    std::snprintf(saved, sizeof saved, "%.0f", work_.saved());
    wrapped_text(msg_now("paths.intro", {{"count", count}, {"name", name}}).c_str());
    ImGui::TextUnformatted(msg_now(paths_.truncated ? "paths.sum_listed" : "paths.sum", {{"sum", sum_text}}).c_str());
    ImGui::TextUnformatted(msg_now("paths.backward", {{"grad", reference}}).c_str());
    wrapped_text(msg_now("paths.work", {{"paths", path_mults}, {"reverse", reverse_mults}, {"name", name}, {"saved", saved}}).c_str());
    // One row per path: the nodes, then its local derivatives and their product; hovering
    // a row highlights the path in the graph.
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_ScrollX;
    if (!ImGui::BeginTable("paths", 1, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(tr("paths.column"));
    ImGui::TableHeadersRow();
    ImGuiListClipper clip;
    clip.Begin(int(paths_.paths.size()), 2 * ImGui::GetTextLineHeightWithSpacing());
    while (clip.Step())
        for (int r = clip.DisplayStart; r < clip.DisplayEnd; ++r) {
            const Path& p = paths_.paths[std::size_t(r)];
            const std::string nodes = join(p.nodes, " -> ", [&](int id) { return node_label(g.node(id)); });
            const std::string locals = join(p.locals, " x ", svg_number);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(r);
            ImGui::Selectable(nodes.c_str(), false, ImGuiSelectableFlags_SpanAllColumns);
            if (ImGui::IsItemHovered()) hovered_path_ = p.nodes;
            ImGui::PopID();
            ImGui::TextColored(ImColor(kTestLine), "%s = %s", locals.empty() ? tr("paths.no_edges") : locals.c_str(),
                               svg_number(p.product).c_str());
        }
    ImGui::EndTable();
}

void GraphLab::draw_grad_check() {
    wrapped_text(tr("check.intro"));
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("check", 4, flags)) return;
    for (const char* h : {tr("check.variable"), tr("check.backward"), tr("check.central"), tr("check.relative")}) ImGui::TableSetupColumn(h);
    ImGui::TableHeadersRow();
    for (const GradCheck& c : checks_) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(c.name.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%.10g", c.analytic);
        ImGui::TableNextColumn();
        ImGui::Text("%.10g", c.numeric);
        ImGui::TableNextColumn();
        ImGui::TextColored(ImColor(c.rel_error < 1e-6 ? IM_COL32(120, 220, 140, 255) : kDanger), "%.2e", c.rel_error);
    }
    ImGui::EndTable();
}

void GraphLab::draw_nodes() {
    const GraphSession& s = session_;
    const Graph& g = s.graph();
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("nodes", 5, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const char* h : {"id", tr("nodes.op"), tr("nodes.inputs"), tr("nodes.value"), tr("nodes.grad")}) ImGui::TableSetupColumn(h);
    ImGui::TableHeadersRow();
    for (int id : s.forward_order()) {
        const Node& n = g.node(id);
        const std::string inputs = join(n.inputs, ", ", [](int in) { return std::to_string(in); });
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("%d", id);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(node_label(n).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(inputs.c_str());
        ImGui::TableNextColumn();
        if (s.value_known(id)) ImGui::Text("%.10g", n.value);
        ImGui::TableNextColumn();
        if (s.grad_known(id)) ImGui::Text("%.10g%s", s.grad(id), s.grad_final(id) ? "" : " ...");
    }
    ImGui::EndTable();
}

}  // namespace bp
