// GraphLab's linked view: pick one of the playground's training points, open the live
// network's loss at that point as a scalar graph (engine: mlp_scalar), step through its
// backward pass, then apply the SGD update to the playground's network (engine: apply_sgd)
// and see the loss at the point, and the decision boundary in the Playground tab, move.
#include <algorithm>
#include <cstdio>
#include <string>

#include "colors.h"
#include "graph_lab.h"
#include "mlp_scalar.h"
#include "trainer.h"
#include "widgets.h"
#include "messages.h"
#include "text_util.h"

namespace bp {

void GraphLab::open_linked() {
    Trainer& t = playground_.model().trainer();
    const auto& points = t.data().train;
    if (points.empty()) return void(linked_message_ = msg("linked.no_points"));
    linked_point_ = std::clamp(linked_point_, 0, int(points.size()) - 1);
    playground_.model().pause();  // the graph holds the weights as they are now
    auto net = mlp_scalar(t.model(), t.config().features, points[std::size_t(linked_point_)]);
    if (!net) return void(linked_message_ = net.error().message);
    if (auto e = session_.set_formula(net->formula, net->values)) return void(linked_message_ = e->message);
    linked_formula_ = net->formula;
    linked_message_ = msg("linked.opened", {{"point", std::to_string(linked_point_)}, {"n", std::to_string(session_.variables().size())}});
}

// SGD with the gradients the lab computed, into the playground's network; then the graph
// is opened again with the new weights, so the loss at the point can be compared.
void GraphLab::apply_linked_update() {
    const Graph& g = session_.graph();
    std::vector<std::pair<std::string, double>> grads;
    for (int id = 0; id < g.size(); ++id)
        if (g.node(id).op == Op::Var && session_.grad_known(id)) grads.emplace_back(g.node(id).name, session_.grad(id));
    const double before = g.node(g.output()).value, lr = playground_.model().config().lr;
    const int n = apply_sgd(playground_.model().trainer().model(), grads, lr);
    open_linked();
    linked_message_ = msg("linked.updated", {{"n", std::to_string(n)}, {"lr", readable(lr)}, {"before", readable(before, 6)},
                                             {"after", readable(session_.graph().node(session_.graph().output()).value, 6)}});
}

void GraphLab::draw_linked() {
    Trainer& t = playground_.model().trainer();
    const auto& points = t.data().train;
    wrapped_text(tr("linked.intro"));
    if (points.empty()) return ImGui::TextDisabled("%s", tr("linked.no_points_short"));
    point_picker(points, t.data().classes, linked_point_);
    linked_point_ = std::clamp(linked_point_, 0, int(points.size()) - 1);
    const Point& p = points[std::size_t(linked_point_)];
    ImGui::SetNextItemWidth(100);
    input_int(tr("linked.point"), &linked_point_);
    linked_point_ = std::clamp(linked_point_, 0, int(points.size()) - 1);
    ImGui::SameLine();
    ImGui::TextUnformatted(msg_now("linked.point_label", {{"x1", readable(p.x1, 3)}, {"x2", readable(p.x2, 3)}, {"label", readable(p.label, 3)}}).c_str());
    if (ImGui::Button(tr("linked.open"))) open_linked();
    const bool linked = !linked_formula_.empty() && session_.formula() == linked_formula_;
    if (linked) {
        ImGui::SameLine();
        ImGui::BeginDisabled(!session_.backward_complete());
        if (ImGui::Button(tr("linked.apply"))) apply_linked_update();
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (session_.backward_complete()) ImGui::TextDisabled("%s", msg_now("linked.lr", {{"lr", readable(playground_.model().config().lr)}}).c_str());
        else ImGui::TextDisabled("%s", tr("linked.after_backward"));
    }
    if (!linked_message_.empty()) wrapped_text(relang(linked_message_).c_str());
    if (linked) wrapped_text(tr("linked.follows"));
}

}  // namespace bp
