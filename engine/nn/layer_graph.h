// LayerGraph: one training step of the live network at the matrix level, as the engine's
// tape records it, for the layer view (app/layers/layer_view.cpp) and window.bp.layers. It records
// the Trainer's network on a batch (one training point, or the next mini-batch), runs the
// tape's forward and backward pass, keeps every node's value and gradient so a view reveals
// them node by node in the tape's order, and makes the Trainer's own update. Shapes follow
// the lecture notes' row convention, x (batch, features), W (n_in, n_out), h = x W + b:
// the engine keeps one example per column, so each matrix here is the tape's transposed.
#pragma once
#include <Eigen/Core>
#include <optional>
#include <string>
#include <vector>

#include "result.h"
#include "trainer.h"

namespace bp {

struct LayerNode {
    int id = 0;                // the tape's node id (its recorded, topological order)
    std::string op;            // input, param, matmul, add_bias, activation, mse, bce_with_logits, softmax_ce
    std::string label;         // x, W1, b1, x W1, h1, z1, ..., y, Loss
    std::string formula;       // how the forward pass computes it: "h1 = x W1 + b1" ("" for leaves)
    std::vector<int> inputs;   // the nodes it reads, in the formula's order
    std::vector<std::string> edge_rules;  // per input: the gradient sent back ("dW1 = x^T dh1")
    std::string rule;          // edge_rules joined by "; " ("" for leaves)
    int layer = 0;             // the weight layer (1-based) it belongs to; 0 for x, y and the loss
    bool param = false, data = false;  // a weight or bias; x or y (no gradient)
    Eigen::MatrixXf value;     // (rows, cols) in the notes' convention
    Eigen::MatrixXf grad;      // the same shape; empty for x and y
    Activation act = Activation::Linear;  // an activation node's f
    // Significant digits each entry of its value and gradient is printed with (row-major):
    // the rules of the step hold on the printed numbers (layer_printed.h).
    std::vector<int> value_digits, grad_digits;
};

// The update of one weight layer's W by the last sgd_step, in the notes' shape (n_in, n_out).
struct LayerUpdate {
    int layer = 0;                       // 1-based
    Eigen::MatrixXf before, grad, after;  // grad: what the optimizer used (penalty and clipping included)
    Eigen::MatrixXf m, v;                 // the optimizer's state after the step (see Optimizer)
    std::vector<int> before_digits, grad_digits, after_digits;  // per entry: W after = W before - lr dW holds (SGD)
};

struct StepUpdate {
    std::string optimizer;
    double lr = 0;                        // the rate the step used (the schedule's current one)
    double loss_before = 0, loss_after = 0;  // data loss on this batch, before and after
    std::vector<LayerUpdate> layers;
};

// Gradient check of one parameter matrix: central differences (double precision) of the
// loss on the captured batch, against the tape's gradient shown.
struct LayerCheck {
    int node = -1;
    Eigen::MatrixXd numeric;    // the notes' shape
    double relative_error = 0;  // ||numeric - grad|| / max(||numeric||, ||grad||), Frobenius norms
};

class LayerGraph {
public:
    static constexpr int kNextBatch = -1;  // open(): the Trainer's next mini-batch
    static constexpr int kMaxUnits = 16;   // widest layer (features and outputs included) drawn
    static constexpr int kMaxBatch = 32;   // largest batch drawn

    // point >= 0: that training point alone (batch 1); kNextBatch: the examples the next
    // training step will use. An error (nothing changes) for a point out of range, no
    // training points, a diverged run or a network or batch beyond the limits above.
    std::optional<Error> open(Trainer& trainer, int point);
    // The widest layer of the trainer's network, its features and outputs included (the
    // view draws a summary instead of the graph above kMaxUnits).
    static int widest_layer(const Trainer& trainer);
    bool is_open() const { return trainer_ != nullptr; }
    int point() const { return point_; }                      // kNextBatch for a mini-batch
    const std::vector<int>& examples() const { return examples_; }  // training indices of the batch
    int batch() const { return int(examples_.size()); }
    int generation() const { return generation_; }  // counts the steps recorded: views cache by it
    const std::vector<LayerNode>& nodes() const { return nodes_; }
    int loss_node() const { return nodes_.empty() ? -1 : int(nodes_.size()) - 1; }
    int param_node(int layer, bool bias) const;  // the node of W<layer> (or b<layer>), -1 if none

    // ---- stepping, in the SGD step's order: gradients zeroed (open), forward node by node,
    // backward node by node (reverse recorded order, nodes with a gradient), then sgd_step.
    void reset();          // back to nothing computed (the gradients shown zeroed), same weights
    bool forward_step();   // false when the forward pass is complete
    bool backward_step();  // false when complete; finishes the forward pass first
    void run_all();
    int forward_done() const { return forward_done_; }
    int backward_done() const { return backward_done_; }
    int backward_total() const { return int(backward_order_.size()); }
    bool value_known(int id) const { return id < forward_done_; }
    bool grad_known(int id) const;   // its backward step ran
    int current() const { return current_; }  // the node of the last step, -1 if none
    // "zeroed", "forward", "backward", or "updated" (just after sgd_step, until reset or the
    // next backward step)
    const char* phase() const;

    // Finishes both passes, then the Trainer's own update (Trainer::apply_gradients) from
    // this batch's gradients; for a mini-batch the run moves on to the next. Then the step is
    // recorded again on the new weights (a mini-batch: the next one) with its forward pass
    // shown, so W's node holds update()->after and the gradients read zeroed; update() holds
    // W before and after until the next update or recording. Error: nothing was updated.
    std::optional<Error> sgd_step();
    const std::optional<StepUpdate>& update() const { return update_; }
    // Records the batch again on the network as it is now (for a mini-batch, the next one),
    // back to nothing computed.
    std::optional<Error> next_step();

    // Central differences on the parameter node `id` (an error for other nodes).
    Result<LayerCheck> check(int id) const;
    // The network's weights are no longer those this step recorded (training went on, the
    // network was rebuilt): the view offers to record it again.
    bool stale() const;

private:
    std::optional<Error> capture(MlpGraph<float>& g, int point);
    void describe(const MlpGraph<float>& g);

    Trainer* trainer_ = nullptr;
    int point_ = kNextBatch;
    std::vector<int> examples_;
    std::vector<LayerNode> nodes_;
    std::vector<int> backward_order_;
    Eigen::MatrixXf X_, Y_;  // the batch as the tape read it: (features, batch), (outputs, batch)
    int forward_done_ = 0, backward_done_ = 0, current_ = -1, generation_ = 0;
    std::optional<StepUpdate> update_;
    bool updated_ = false;  // sgd_step ran and nothing was stepped since
    std::vector<Activation> acts_;  // per hidden layer, as captured (the check rebuilds the net)
    Head head_ = Head::SigmoidBce;
};

// The backward rule of each edge in the notes' notation, for the activation `act` between h
// and z ("dh1 = dz1 o z1 o (1 - z1)").
std::string activation_rule(Activation act, const std::string& h, const std::string& z);

}  // namespace bp
