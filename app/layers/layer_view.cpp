// LayerView: the tab's frame (what it shows, the batch, the stepping controls, the SGD
// step's order), the side panels (the selected node, the update, static vs dynamic, the
// check) and the summary shown instead of a network too large to draw. Every string the
// student reads is in layer_texts() (layer_text.h), in the current language.
#include "layer_view.h"

#include <algorithm>
#include <cstdio>

#include "colors.h"
#include "layer_printed.h"
#include "layer_scalar.h"
#include "layer_text.h"
#include "notation_card.h"
#include "text_util.h"
#include "widgets.h"

namespace bp {

namespace {

constexpr ImU32 kCurrent = IM_COL32(255, 214, 60, 255), kDim = IM_COL32(120, 124, 134, 255);
constexpr ImU32 kDone = IM_COL32(120, 220, 140, 255);
constexpr float kNarrow = 700;  // narrower windows (phones) stack the canvas over the panels

std::string shape_text(const Eigen::MatrixXf& m) {
    return "(" + std::to_string(m.rows()) + " x " + std::to_string(m.cols()) + ")";
}

// A matrix as rows of numbers, for the side panel, with the digits the canvas prints it with.
std::string matrix_text(const Eigen::MatrixXf& m, const std::vector<int>& digits = {}) {
    std::string s;
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        for (Eigen::Index j = 0; j < m.cols(); ++j) {
            char cell[32];
            std::snprintf(cell, sizeof cell, "%12s", printed_entry(m, i, j, digits).c_str());
            s += cell;
        }
        s += "\n";
    }
    return s;
}

}  // namespace

std::string LayerView::open(int point) {
    playground_.model().pause();  // the step holds the weights as they are now
    checks_.clear();
    agreement_.clear();
    if (auto e = graph_.open(trainer(), point)) return message_ = e->message;
    point_ = point >= 0 ? point : point_;
    selected_ = -1;
    return message_ = "";
}

std::string LayerView::sgd_step() {
    if (auto e = graph_.sgd_step()) return message_ = e->message;
    checks_.clear();
    return message_ = "";
}

std::string LayerView::set_mode(const std::string& name) {
    const LayerTexts texts = layer_texts();
    if (name != "static" && name != "dynamic") {
        char text[320];
        std::snprintf(text, sizeof text, texts.bad_mode, name.substr(0, 100).c_str());
        return text;
    }
    trainer().tapes().set_mode(name == "static" ? TapeMode::Static : TapeMode::Dynamic);
    return "";
}

// The batch and stepping controls, wrapped onto more lines where the window is narrow.
void LayerView::draw_controls(bool embed) {
    const LayerTexts texts = layer_texts();
    const auto& points = trainer().data().train;
    Flow flow;
    if (embed && graph_.is_open()) return draw_steps(embed);  // the lesson chose the step: only the steps
    flow.next(110 + ImGui::CalcTextSize(texts.point_label).x);
    ImGui::SetNextItemWidth(110);
    input_int(texts.point_label, &point_);
    point_ = std::clamp(point_, 0, std::max(0, int(points.size()) - 1));
    if (!points.empty()) {
        const Point& p = points[std::size_t(point_)];
        char where_text[192];
        std::snprintf(where_text, sizeof where_text, texts.where, readable(p.x1, 3).c_str(), readable(p.x2, 3).c_str(),
                      readable(p.label, 3).c_str());
        const std::string where = where_text;
        flow.next(ImGui::CalcTextSize(where.c_str()).x);
        ImGui::TextDisabled("%s", where.c_str());
    }
    auto button = [&](const char* label) {
        flow.next(button_width(label));
        return ImGui::Button(label);
    };
    if (button(texts.open_point)) open(point_);
    if (button(texts.open_batch)) open(LayerGraph::kNextBatch);
    flow.next(notation_button_width());
    notation_button();
    if (graph_.is_open()) draw_steps(embed);
}

// The step buttons and the progress (in an embed also the SGD step's stages), wrapping.
void LayerView::draw_steps(bool embed) {
    const LayerTexts texts = layer_texts();
    Flow flow;
    auto button = [&](const char* label) {
        flow.next(button_width(label));
        return ImGui::Button(label);
    };
    if (button(texts.reset)) graph_.reset();
    if (button(texts.forward)) graph_.forward_step();
    if (button(texts.backward)) graph_.backward_step();
    if (button(texts.run_all)) graph_.run_all();
    if (button(texts.sgd)) sgd_step();
    if (button(texts.next)) {
        if (auto e = graph_.next_step()) message_ = e->message;
    }
    char progress[240];
    std::snprintf(progress, sizeof progress, texts.progress, graph_.forward_done(),
                  graph_.nodes().size(), graph_.backward_done(), graph_.backward_total(), graph_.batch());
    flow.next(ImGui::CalcTextSize(progress).x);
    ImGui::TextUnformatted(progress);
    if (embed) draw_order(flow);
}

// The SGD step's four stages, the current one highlighted.
void LayerView::draw_order(Flow& flow) {
    const LayerTexts texts = layer_texts();
    const std::string phase = graph_.phase();
    const int at = phase == "zeroed" ? 0 : phase == "forward" ? 1 : phase == "backward" ? 2 : 3;
    if (!playground_.model().page().embed) {  // an embed: the four stages alone, after the progress
        flow.next(ImGui::CalcTextSize(texts.order_title).x);
        ImGui::TextUnformatted(texts.order_title);
    }
    for (int i = 0; i < 4; ++i) {
        flow.next(ImGui::CalcTextSize(texts.order[i]).x);
        ImGui::PushStyleColor(ImGuiCol_Text, i == at ? kCurrent : i < at ? kDone : kDim);
        ImGui::TextUnformatted(texts.order[i]);
        ImGui::PopStyleColor();
    }
}

void LayerView::draw() {
    const LayerTexts texts = layer_texts();
    const bool embed = playground_.model().page().embed;  // an embed: the steps and the canvas (the app drew the lesson's title)
    if (!embed && !playground_.draw_view_lesson(View::Layers)) {  // a lesson's text says what the view is
        ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x - 30);
        ImGui::TextUnformatted(texts.summary);
        ImGui::PopTextWrapPos();
        ImGui::SameLine();
        help_marker(texts.intro);
    }
    if (embed) ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(4, 1));
    draw_controls(embed);
    if (embed) ImGui::PopStyleVar();
    if (!message_.empty()) ImGui::TextColored(ImVec4(1, 0.45f, 0.4f, 1), "%s", message_.c_str());
    if (!graph_.is_open()) {
        if (LayerGraph::widest_layer(trainer()) > LayerGraph::kMaxUnits) return draw_summary();
        wrapped_text(texts.nothing_open);
        if (point_picker(trainer().data().train, trainer().data().classes, point_)) open(point_);
        return;
    }
    if (!embed) {
        Flow flow;
        draw_order(flow);
    }
    if (graph_.stale()) ImGui::TextColored(ImVec4(1, 0.75f, 0.25f, 1), "%s", texts.stale);
    if (embed) {  // the canvas takes the rest of the frame, with a thin margin inside its border
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(2, 2));
        draw_canvas(ImGui::GetContentRegionAvail());
        ImGui::PopStyleVar();
        return;
    }
    if (ImGui::GetContentRegionAvail().x < kNarrow) {  // a phone: the canvas over the panels, which scroll
        const float h = ImGui::GetContentRegionAvail().y;
        draw_canvas({0, h * 0.55f});
        ImGui::BeginChild("layer panels", {0, 0}, false);
        draw_side();
        ImGui::EndChild();
        return;
    }
    const float h = ImGui::GetContentRegionAvail().y - 2 * ImGui::GetStyle().CellPadding.y;
    if (!ImGui::BeginTable("layers split", 2, ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV)) return;
    ImGui::TableSetupColumn("network", ImGuiTableColumnFlags_WidthStretch, 0.78f);  // the canvas first: a laptop shows the step whole
    ImGui::TableSetupColumn("panels", ImGuiTableColumnFlags_WidthStretch, 0.22f);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    draw_canvas({ImGui::GetContentRegionAvail().x, h});
    ImGui::TableNextColumn();
    ImGui::BeginChild("layer panels", {0, h}, false);
    draw_side();
    ImGui::EndChild();
    ImGui::EndTable();
}

// Instead of the graph: each weight layer's shapes, and the limits.
void LayerView::draw_summary() {
    const LayerTexts texts = layer_texts();
    heading(texts.summary_title);
    wrapped_textf(texts.summary_limit, LayerGraph::kMaxUnits, LayerGraph::kMaxBatch, LayerGraph::widest_layer(trainer()));
    const Mlp<float>& mlp = trainer().model();
    char x_text[96];
    std::snprintf(x_text, sizeof x_text, texts.summary_x, mlp.n_in());
    std::string a = x_text;
    for (std::size_t l = 0; l < mlp.layers().size(); ++l) {
        const auto& W = mlp.layers()[l].W;
        const std::string k = std::to_string(l + 1);
        ImGui::BulletText(texts.summary_layer, k.c_str(), a.c_str(), k.c_str(), int(W.cols()),
                          int(W.rows()), k.c_str(), int(W.rows()),
                          l + 1 < mlp.layers().size() ? (std::string(texts.summary_then) + name_of(mlp.layers()[l].act)).c_str() : "");
        a = "z" + k;
    }
}

void LayerView::draw_side() {
    const LayerTexts texts = layer_texts();
    heading(texts.batch_title);
    if (point_picker(trainer().data().train, trainer().data().classes, point_)) open(point_);
    draw_selected();
    draw_scalar_check();
    draw_update();
    draw_modes();
}

void LayerView::draw_selected() {
    const LayerTexts texts = layer_texts();
    heading(texts.selected_title);
    if (selected_ < 0 || selected_ >= int(graph_.nodes().size())) return wrapped_text(texts.click_a_node);
    const LayerNode& n = graph_.nodes()[std::size_t(selected_)];
    ImGui::Text("%s  %s  %s", n.label.c_str(), n.op.c_str(), shape_text(n.value).c_str());
    if (!n.formula.empty()) wrapped_textf(texts.forward_rule, n.formula.c_str());
    for (const std::string& r : n.edge_rules) wrapped_textf(texts.backward_rule, r.c_str());
    const bool small = n.value.size() <= 64;
    if (graph_.value_known(n.id) && small) ImGui::Text(texts.value_block, matrix_text(n.value, n.value_digits).c_str());
    if (graph_.grad_known(n.id) && small) ImGui::Text(texts.grad_block, matrix_text(n.grad, n.grad_digits).c_str());
    if (!n.param) return;
    if (ImGui::Button(texts.check)) {
        auto c = graph_.check(n.id);
        if (c) checks_.push_back(c.value());
        else message_ = c.error().message;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", texts.check_help);
    for (const LayerCheck& c : checks_)
        if (c.node == n.id)
            ImGui::Text(texts.check_result, readable(c.relative_error, 2).c_str());
}

// For one training point: the tape's gradients against the graph lab's scalar graph.
void LayerView::draw_scalar_check() {
    const LayerTexts texts = layer_texts();
    if (graph_.batch() != 1) return;
    if (ImGui::Button(texts.compare)) {
        const auto a = scalar_graph_agreement(graph_, trainer());
        agreement_ = a ? "" : a.error().message;
        if (a) {
            char line[400];
            std::snprintf(line, sizeof line, texts.compared, a->compared, readable(a->max_relative, 2).c_str());
            agreement_ = line;
        }
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", texts.compare_help);
    if (!agreement_.empty()) wrapped_text(agreement_.c_str());
}

void LayerView::draw_update() {
    const LayerTexts texts = layer_texts();
    heading(texts.update_title);
    const auto& u = graph_.update();
    if (!u) return wrapped_text(texts.no_update);
    const LayerNode* sel = selected_ >= 0 && selected_ < int(graph_.nodes().size()) ? &graph_.nodes()[std::size_t(selected_)] : nullptr;
    const int layer = sel && sel->layer > 0 ? sel->layer : 1;
    const LayerUpdate& l = u->layers[std::size_t(layer - 1)];
    wrapped_textf(texts.loss_moved, u->optimizer.c_str(), readable(u->lr).c_str(),
                  readable(u->loss_before).c_str(), readable(u->loss_after).c_str());
    wrapped_textf(texts.update_shown, layer, layer, u->optimizer == "sgd" ? "W <- W - lr dW" : texts.optimizer_rule);
    if (l.before.size() > 64) return ImGui::TextDisabled(texts.too_many, shape_text(l.before).c_str());
    ImGui::Text(texts.w_before, layer, matrix_text(l.before, l.before_digits).c_str());
    ImGui::Text(texts.dw, layer, matrix_text(l.grad, l.grad_digits).c_str());
    ImGui::Text(texts.w_after, layer, matrix_text(l.after, l.after_digits).c_str());
    const std::string& o = u->optimizer;  // the state each optimizer keeps (optimizer.h)
    const bool velocity = o == "momentum" || o == "nesterov", adam = o == "adam" || o == "adamw";
    if (velocity) ImGui::Text("%s\n%s", texts.state_velocity, matrix_text(l.m).c_str());
    if (adam) ImGui::Text("%s\n%s", texts.state_first, matrix_text(l.m).c_str());
    if (adam || o == "rmsprop" || o == "adagrad") ImGui::Text("%s\n%s", texts.state_second, matrix_text(l.v).c_str());
}

void LayerView::draw_modes() {
    const LayerTexts texts = layer_texts();
    heading(texts.modes_title);
    const bool dynamic = trainer().tapes().mode() == TapeMode::Dynamic;
    if (ImGui::RadioButton(texts.static_mode, !dynamic)) set_mode("static");
    if (ImGui::RadioButton(texts.dynamic_mode, dynamic)) set_mode("dynamic");
    const TapeCache::Counts c = trainer().tapes().counts();
    wrapped_textf(texts.counters, c.recordings, c.replays,
                  readable(double(c.bytes_held), 3).c_str());
    wrapped_text(texts.modes_text);
    wrapped_text(texts.bench_text);
}

}  // namespace bp
