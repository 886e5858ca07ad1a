// FormulaView: formula box, variable fields and the node table (values and gradients).
// All math comes from the engine (parse_formula, build_graph, Graph::backward).
#include "formula_view.h"

#include <cstdio>
#include <cstring>

#include "imgui.h"

namespace bp {

namespace {

struct Preset {
    const char* label;
    const char* formula;
    std::map<std::string, double> values;
};

// The worked examples of the lecture notes.
const Preset kPresets[] = {
    {"(x+y)z", "(x + y) * z", {{"x", -2}, {"y", 5}, {"z", -4}}},
    {"(a+b)(b+1)", "(a + b) * (b + 1)", {{"a", 2}, {"b", 1}}},
    {"exp/log/sin", "exp(x*z) + x*z/log(x) + sin(log(x))/(x*z)", {{"x", 2}, {"z", 3}}},
    {"sigmoid ratio", "(x + sigmoid(y)) / (sigmoid(x) + (x+y)^2)", {{"x", 3}, {"y", -4}}},
    {"L = (y - 1/(b+log(xa)))^2", "(y - 1/(b + log(x*a)))^2",
     {{"y", 1}, {"b", 1}, {"x", 2}, {"a", 3}}},
    {"logistic neuron", "sigmoid(w0*x0 + w1*x1 + w2)",
     {{"w0", 2}, {"x0", -1}, {"w1", -3}, {"x1", -2}, {"w2", -3}}},
};

ImFont* mono_font() {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    return atlas->Fonts.Size > 1 ? atlas->Fonts[1] : nullptr;
}

}  // namespace

FormulaView::FormulaView() {
    const Preset& p = kPresets[2];
    set(p.formula, p.values);
}

std::optional<Error> FormulaView::set(const std::string& text,
                                      const std::map<std::string, double>& values) {
    std::snprintf(text_, sizeof text_, "%s", text.c_str());
    for (const auto& [name, v] : values) values_[name] = v;
    rebuild();
    return error_;
}

void FormulaView::rebuild() {
    auto formula = parse_formula(text_);
    if (!formula) {
        error_ = formula.error();
        return;
    }
    variables_ = formula->variables();
    for (const auto& name : variables_) values_.emplace(name, 1.0);
    auto graph = build_graph(formula.value(), values_);
    if (!graph) {
        error_ = graph.error();
        return;
    }
    graph->backward();
    graph_ = std::move(graph.value());
    error_.reset();
}

void FormulaView::draw_input() {
    ImGui::TextUnformatted("Presets:");
    for (const Preset& p : kPresets) {
        ImGui::SameLine();
        if (ImGui::SmallButton(p.label)) set(p.formula, p.values);
    }
    ImGui::PushFont(mono_font());
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputText("##formula", text_, sizeof text_)) rebuild();
    if (error_) {
        // A caret under the offending character, then the message.
        const int pos = error_->pos < 0 ? 0 : error_->pos;
        const float x = ImGui::GetStyle().FramePadding.x + ImGui::CalcTextSize(text_, text_ + pos).x;
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + x);
        ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "^");
    }
    ImGui::PopFont();
    if (error_) ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s", error_->message.c_str());
}

void FormulaView::draw_variables() {
    for (const auto& name : variables_) {
        ImGui::SetNextItemWidth(160);
        double& v = values_[name];
        if (ImGui::DragScalar(name.c_str(), ImGuiDataType_Double, &v, 0.01f, nullptr, nullptr,
                              "%.4g"))
            rebuild();
        ImGui::SameLine();
    }
    ImGui::NewLine();
}

void FormulaView::draw_results() const {
    if (!graph_) return;
    const Graph& g = *graph_;
    ImGui::Text("value = %.10g", g.node(g.output()).value);
    for (const auto& [name, grad] : g.gradients()) ImGui::Text("d/d%s = %.10g", name.c_str(), grad);
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("nodes", 5, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const char* h : {"id", "op", "inputs", "value", "grad"}) ImGui::TableSetupColumn(h);
    ImGui::TableHeadersRow();
    const auto& nodes = g.nodes();
    for (size_t i = 0; i < nodes.size(); ++i) {
        const Node& n = nodes[i];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("%zu", i);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(n.op == Op::Var ? n.name.c_str() : op_name(n.op));
        ImGui::TableNextColumn();
        std::string inputs;
        for (int in : n.inputs) inputs += (inputs.empty() ? "" : ", ") + std::to_string(in);
        ImGui::TextUnformatted(inputs.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%.6g", n.value);
        ImGui::TableNextColumn();
        ImGui::Text("%.6g", n.grad);
    }
    ImGui::EndTable();
}

void FormulaView::draw() {
    draw_input();
    draw_variables();
    ImGui::Separator();
    draw_results();
}

}  // namespace bp
