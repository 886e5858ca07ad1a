// LayerView: the tab's frame (what it shows, the batch, the stepping controls, the SGD
// step's order), the side panels (the selected node, the update, static vs dynamic, the
// check) and the summary shown instead of a network too large to draw. Every string the
// student reads is in kText below (one table, to move into the message tables later).
#include "layer_view.h"

#include <algorithm>
#include <cstdio>

#include "colors.h"
#include "graph_lab.h"
#include "layer_scalar.h"
#include "text_util.h"
#include "widgets.h"

namespace bp {

namespace {

// The view's texts, in one place.
struct Texts {
    const char* summary;
    const char* intro;
    const char* open_point;
    const char* open_batch;
    const char* point_label;
    const char* reset;
    const char* forward;
    const char* backward;
    const char* run_all;
    const char* sgd;
    const char* next;
    const char* order_title;
    const char* order[4];
    const char* stale;
    const char* nothing_open;
    const char* selected_title;
    const char* click_a_node;
    const char* check;
    const char* check_help;
    const char* update_title;
    const char* no_update;
    const char* modes_title;
    const char* static_mode;
    const char* dynamic_mode;
    const char* modes_text;
    const char* bench_text;
    const char* summary_title;
    const char* batch_title;
    const char* summary_limit;
    const char* compare;
    const char* compare_help;
    const char* compared;
};

const Texts kText = {
    "One training step of the playground's network, as matrices, as the engine's tape records it",
    "The playground's network at the matrix level, one training step as the engine's tape records it. "
    "Rows are examples: x is (batch, features), h = x W + b, z = f(h). Each box is a node: its value, "
    "and after the backward pass its gradient, as a heatmap (orange negative, blue positive; hover for "
    "the numbers). Each edge states the rule that sends the gradient back.",
    "Open this point",
    "Open the next mini-batch",
    "point",
    "Reset",
    "Forward step",
    "Backward step",
    "Run all",
    "Update (SGD step)",
    "Record the next step",
    "One SGD step, in order:",
    {"1 zero the gradients", "2 forward", "3 backward", "4 update"},
    "The network's weights changed since this step was recorded (training went on): record it again.",
    "Pick a training point (batch 1, the same example as the graph lab's Live network) or the next "
    "mini-batch, and open its training step.",
    "Selected node",
    "Click a node to see its numbers in full.",
    "Check (central differences)",
    "Central differences of the loss on this batch, in double precision, against the tape's gradient shown",
    "The update",
    "After the backward pass, Update applies the run's own optimizer step to the playground's network.",
    "Static or dynamic graph",
    "static (define, then run)",
    "dynamic (define by run)",
    "Static: the graph of a batch size is recorded once (shapes and buffers) and replayed for every "
    "batch; nothing is allocated per step. Dynamic: the graph is recorded again at every pass, each "
    "op computing as it is recorded (as PyTorch does), so it can change from step to step. Both give "
    "the same numbers, bit for bit; the counters show which one runs.",
    "Measured with bp bench (examples per second, static / dynamic): net A (4,2 tanh, batch 10) "
    "2.81M / 1.26M, net B (8,8,8,8,8,8 tanh, batch 10) 1.09M / 0.84M, net C (64,64,64 relu, batch "
    "256) 172k / 170k. Recording costs most on small nets; on large batches the products dominate.",
    "The network is too large to draw as matrices",
    "The batch: click a training point to open its step",
    "The layer view draws networks whose layers have at most %d units (features and outputs included) and "
    "batches of at most %d examples; this network has a layer of %d. Its layers, as the notes write them:",
    "Compare with the graph lab's scalar graph",
    "The graph lab's Live network writes this network at this point as one scalar formula, one variable "
    "per weight and bias, and runs its backward pass: each variable's gradient should equal its matrix entry here",
    "%d weights and biases compared: the largest difference is %s of the largest gradient",
};

constexpr ImU32 kCurrent = IM_COL32(255, 214, 60, 255), kDim = IM_COL32(120, 124, 134, 255);
constexpr ImU32 kDone = IM_COL32(120, 220, 140, 255);

std::string shape_text(const Eigen::MatrixXf& m) {
    return "(" + std::to_string(m.rows()) + " x " + std::to_string(m.cols()) + ")";
}

// A matrix as rows of numbers, for the side panel.
std::string matrix_text(const Eigen::MatrixXf& m) {
    std::string s;
    for (Eigen::Index i = 0; i < m.rows(); ++i) {
        for (Eigen::Index j = 0; j < m.cols(); ++j) {
            char cell[24];
            std::snprintf(cell, sizeof cell, "%10s", readable(double(m(i, j)), 4).c_str());
            s += cell;
        }
        s += "\n";
    }
    return s;
}

}  // namespace

std::string LayerView::open(int point) {
    playground_.pause();  // the step holds the weights as they are now
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
    if (name != "static" && name != "dynamic") return "mode '" + name + "': expected static or dynamic";
    trainer().set_tape_mode(name == "static" ? TapeMode::Static : TapeMode::Dynamic);
    return "";
}

void LayerView::draw_controls() {
    const auto& points = trainer().data().train;
    ImGui::SetNextItemWidth(110);
    ImGui::InputInt(kText.point_label, &point_);
    point_ = std::clamp(point_, 0, std::max(0, int(points.size()) - 1));
    if (!points.empty()) {
        const Point& p = points[std::size_t(point_)];
        ImGui::SameLine();
        ImGui::TextDisabled("(%s, %s), label %s", readable(p.x1, 3).c_str(), readable(p.x2, 3).c_str(), readable(p.label, 3).c_str());
    }
    ImGui::SameLine();
    if (ImGui::Button(kText.open_point)) open(point_);
    ImGui::SameLine();
    if (ImGui::Button(kText.open_batch)) open(LayerGraph::kNextBatch);
    if (!graph_.is_open()) return;
    if (ImGui::Button(kText.reset)) graph_.reset();
    ImGui::SameLine();
    if (ImGui::Button(kText.forward)) graph_.forward_step();
    ImGui::SameLine();
    if (ImGui::Button(kText.backward)) graph_.backward_step();
    ImGui::SameLine();
    if (ImGui::Button(kText.run_all)) graph_.run_all();
    ImGui::SameLine(0, 24);
    ImGui::BeginDisabled(graph_.update().has_value());
    if (ImGui::Button(kText.sgd)) sgd_step();
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button(kText.next)) {
        if (auto e = graph_.next_step()) message_ = e->message;
    }
    ImGui::SameLine(0, 24);
    ImGui::Text("forward %d/%zu   backward %d/%d   batch %d", graph_.forward_done(), graph_.nodes().size(),
                graph_.backward_done(), graph_.backward_total(), graph_.batch());
}

// The SGD step's four stages, the current one highlighted.
void LayerView::draw_order() {
    const std::string phase = graph_.phase();
    const int at = phase == "zeroed" ? 0 : phase == "forward" ? 1 : phase == "backward" ? 2 : 3;
    ImGui::TextUnformatted(kText.order_title);
    for (int i = 0; i < 4; ++i) {
        ImGui::SameLine(0, 14);
        ImGui::PushStyleColor(ImGuiCol_Text, i == at ? kCurrent : i < at ? kDone : kDim);
        ImGui::TextUnformatted(kText.order[i]);
        ImGui::PopStyleColor();
    }
}

void LayerView::draw() {
    playground_.draw_view_lesson(View::Layers);
    ImGui::TextUnformatted(kText.summary);
    ImGui::SameLine();
    help_marker(kText.intro);
    draw_controls();
    if (!message_.empty()) ImGui::TextColored(ImVec4(1, 0.45f, 0.4f, 1), "%s", message_.c_str());
    if (!graph_.is_open()) {
        if (LayerGraph::widest_layer(trainer()) > LayerGraph::kMaxUnits) return draw_summary();
        wrapped_text(kText.nothing_open);
        if (point_picker(trainer().data().train, trainer().data().classes, point_)) open(point_);
        return;
    }
    draw_order();
    if (graph_.stale()) ImGui::TextColored(ImVec4(1, 0.75f, 0.25f, 1), "%s", kText.stale);
    const float h = ImGui::GetContentRegionAvail().y - 2 * ImGui::GetStyle().CellPadding.y;
    if (!ImGui::BeginTable("layers split", 2, ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV)) return;
    ImGui::TableSetupColumn("network", ImGuiTableColumnFlags_WidthStretch, 0.7f);
    ImGui::TableSetupColumn("panels", ImGuiTableColumnFlags_WidthStretch, 0.3f);
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
    heading(kText.summary_title);
    wrapped_textf(kText.summary_limit, LayerGraph::kMaxUnits, LayerGraph::kMaxBatch, LayerGraph::widest_layer(trainer()));
    const Mlp<float>& mlp = trainer().model();
    std::string a = "x (batch x " + std::to_string(mlp.n_in()) + ")";
    for (std::size_t l = 0; l < mlp.layers().size(); ++l) {
        const auto& W = mlp.layers()[l].W;
        const std::string k = std::to_string(l + 1);
        ImGui::BulletText("layer %s: %s W%s (%d x %d) + b%s (1 x %d)%s", k.c_str(), a.c_str(), k.c_str(), int(W.cols()),
                          int(W.rows()), k.c_str(), int(W.rows()),
                          l + 1 < mlp.layers().size() ? (std::string(", then ") + name_of(mlp.layers()[l].act)).c_str() : "");
        a = "z" + k;
    }
}

void LayerView::draw_side() {
    heading(kText.batch_title);
    if (point_picker(trainer().data().train, trainer().data().classes, point_)) open(point_);
    draw_selected();
    draw_scalar_check();
    draw_update();
    draw_modes();
}

void LayerView::draw_selected() {
    heading(kText.selected_title);
    if (selected_ < 0 || selected_ >= int(graph_.nodes().size())) return wrapped_text(kText.click_a_node);
    const LayerNode& n = graph_.nodes()[std::size_t(selected_)];
    ImGui::Text("%s  %s  %s", n.label.c_str(), n.op.c_str(), shape_text(n.value).c_str());
    if (!n.formula.empty()) wrapped_textf("forward: %s", n.formula.c_str());
    for (const std::string& r : n.edge_rules) wrapped_textf("backward: %s", r.c_str());
    const bool small = n.value.size() <= 64;
    if (graph_.value_known(n.id) && small) ImGui::Text("value\n%s", matrix_text(n.value).c_str());
    if (graph_.grad_known(n.id) && small) ImGui::Text("grad\n%s", matrix_text(n.grad).c_str());
    if (!n.param) return;
    if (ImGui::Button(kText.check)) {
        auto c = graph_.check(n.id);
        if (c) checks_.push_back(c.value());
        else message_ = c.error().message;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", kText.check_help);
    for (const LayerCheck& c : checks_)
        if (c.node == n.id)
            ImGui::Text("relative error %s (central differences vs the tape)", readable(c.relative_error, 2).c_str());
}

// For one training point: the tape's gradients against the graph lab's scalar graph.
void LayerView::draw_scalar_check() {
    if (graph_.batch() != 1) return;
    if (ImGui::Button(kText.compare)) {
        const auto a = scalar_graph_agreement(graph_, trainer());
        agreement_ = a ? "" : a.error().message;
        if (a) {
            char line[200];
            std::snprintf(line, sizeof line, kText.compared, a->compared, readable(a->max_relative, 2).c_str());
            agreement_ = line;
        }
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", kText.compare_help);
    if (!agreement_.empty()) wrapped_text(agreement_.c_str());
}

void LayerView::draw_update() {
    heading(kText.update_title);
    const auto& u = graph_.update();
    if (!u) return wrapped_text(kText.no_update);
    const LayerNode* sel = selected_ >= 0 && selected_ < int(graph_.nodes().size()) ? &graph_.nodes()[std::size_t(selected_)] : nullptr;
    const int layer = sel && sel->layer > 0 ? sel->layer : 1;
    const LayerUpdate& l = u->layers[std::size_t(layer - 1)];
    wrapped_textf("%s, lr %s: the loss on this batch went from %s to %s.", u->optimizer.c_str(), readable(u->lr).c_str(),
                  readable(u->loss_before).c_str(), readable(u->loss_after).c_str());
    wrapped_textf("W%d before, the gradient used, and W%d after (W <- W - lr dW for SGD; select a node of "
                  "another layer to see its W):", layer, layer);
    if (l.before.size() > 64) return ImGui::TextDisabled("(%s: too many numbers to print)", shape_text(l.before).c_str());
    ImGui::Text("W%d before\n%s", layer, matrix_text(l.before).c_str());
    ImGui::Text("dW%d\n%s", layer, matrix_text(l.grad).c_str());
    ImGui::Text("W%d after\n%s", layer, matrix_text(l.after).c_str());
    if (u->optimizer != "sgd") {
        ImGui::Text("optimizer state m (velocity or first moment)\n%s", matrix_text(l.m).c_str());
        ImGui::Text("optimizer state v (squared gradients)\n%s", matrix_text(l.v).c_str());
    }
}

void LayerView::draw_modes() {
    heading(kText.modes_title);
    const bool dynamic = trainer().tape_mode() == TapeMode::Dynamic;
    if (ImGui::RadioButton(kText.static_mode, !dynamic)) set_mode("static");
    ImGui::SameLine();
    if (ImGui::RadioButton(kText.dynamic_mode, dynamic)) set_mode("dynamic");
    const Trainer::TapeCounts c = trainer().tape_counts();
    ImGui::Text("recordings %ld   replays %ld   bytes held %s", c.recordings, c.replays,
                readable(double(c.bytes_held), 3).c_str());
    wrapped_text(kText.modes_text);
    wrapped_text(kText.bench_text);
}

}  // namespace bp
