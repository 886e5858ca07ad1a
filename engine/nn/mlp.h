// The multilayer perceptron the playground trains: dense layers z = W a + b (W (n_out, n_in),
// b (n_out, 1)), an activation per hidden layer, and an output head chosen by the task.
// MlpGraph records one training step's graph on the tensor tape once (static mode) and
// replays it for every batch of that size; diagnostics read its z and a nodes.
#pragma once
#include <Eigen/Core>
#include <vector>

#include "activations.h"
#include "init.h"
#include "optimizer.h"
#include "rng.h"
#include "tape.h"

namespace bp {

// How outputs become a loss: regression (linear + MSE), two classes (sigmoid + BCE on
// labels 0/1, or tanh + MSE on labels -1/+1), k classes (softmax + cross-entropy).
enum class Head { Regression, SigmoidBce, TanhMse, Softmax };

template <class T>
struct DenseLayer {
    using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
    Mat W, dW;  // (n_out, n_in)
    Mat b, db;  // (n_out, 1)
    Activation act = Activation::Linear;  // the output layer is linear; the head adds the rest
};

template <class T>
class Mlp {
public:
    using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;

    // n_in features -> hidden widths (one activation each) -> n_out outputs.
    void build(int n_in, const std::vector<int>& hidden, const std::vector<Activation>& acts, int n_out,
               Head head);
    void init(InitKind kind, double scale, Rng& rng);  // weights by `kind`, biases zero

    std::vector<DenseLayer<T>>& layers() { return layers_; }
    const std::vector<DenseLayer<T>>& layers() const { return layers_; }
    std::vector<ParamRef<T>> params();  // W0, b0, W1, b1, ...
    Head head() const { return head_; }
    int n_in() const { return n_in_; }
    int n_out() const { return layers_.empty() ? 0 : int(layers_.back().W.rows()); }
    int hidden_layers() const { return int(layers_.size()) - 1; }

private:
    std::vector<DenseLayer<T>> layers_;
    Head head_ = Head::SigmoidBce;
    int n_in_ = 0;
};

// What a recorded graph is for: a training step (weights as params, with gradient buffers,
// and the loss), an evaluation (weights as constant inputs: no gradient buffers, the loss), or
// a prediction (forward only: no gradients, no loss; for the grids over the plane), or a
// training step drawn op by op (the layer view: W a and + b as two nodes).
enum class GraphUse { Train, Evaluate, Predict, Explain };

template <class T>
class MlpGraph {
public:
    using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;

    // Records the forward pass (and loss, unless Predict) for `batch` examples; X and Y are
    // the buffers the tape reads on every replay (kept as they are when they already have the
    // shape, so a dynamic recording computes on the batch filled in before it).
    void record(Mlp<T>& mlp, int batch, GraphUse use = GraphUse::Train);
    int batch() const { return int(X.cols()); }

    // One pass on the batch in X, Y, in the tape's mode: static replays the recorded graph,
    // dynamic records it again (define by run: each op computes as it is recorded). Then
    // backward into the layers' dW, db if asked; returns the mean loss (0 for a Predict
    // graph, which has none).
    T run(bool with_backward);
    long recordings = 0, replays = 0;  // how often the graph was recorded and replayed

    Mat X;  // (n_in, batch)
    Mat Y;  // (n_out, batch): targets in the head's form (0/1, -1/+1, one-hot, values)
    Tape<T> tape;
    int x_id = -1, y_id = -1;  // the batch and the targets
    std::vector<int> w_ids, b_ids;  // per layer: its W and b
    std::vector<int> z_ids;  // per layer: pre-activation (n_out, batch)
    std::vector<int> a_ids;  // per hidden layer: activation (n_out, batch)
    // Layer l's output node: its activation for a hidden layer, its z for the output layer.
    int layer_out_id(std::size_t l) const { return l < a_ids.size() ? a_ids[l] : z_ids[l]; }
    int out_id = -1;         // last layer's z (logits or regression output)
    int loss_id = -1;        // -1 for a Predict graph

private:
    Mlp<T>* mlp_ = nullptr;  // the network recorded (dynamic mode records it again)
    GraphUse use_ = GraphUse::Train;
};

// Output value for one column of logits: P(class 1) for the binary heads (tanh mapped to
// (t + 1) / 2), the regression value, or for k classes the winning class's probability.
template <class T>
double head_output(Head head, const Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>& logits, Eigen::Index col,
                   int* predicted_class = nullptr);
// The class head_output reports, without computing the probability: for the binary heads
// P(class 1) > 1/2 exactly when the logit z > 0; for k classes the largest logit (the first
// of equal ones). 0 for regression.
template <class T>
inline int predicted_class(Head head, const Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>& logits, Eigen::Index col) {
    switch (head) {
        case Head::Regression: return 0;
        case Head::SigmoidBce:
        case Head::TanhMse: return logits(0, col) > 0;  // sigma(z) > 1/2 and (tanh z + 1) / 2 > 1/2 iff z > 0
        case Head::Softmax: {
            Eigen::Index best = 0;
            logits.col(col).maxCoeff(&best);
            return int(best);
        }
    }
    return 0;
}

// head_output of every column of logits (n_out, count) into out[0, count) (and its class into
// classes[0, count) unless null).
template <class T>
void head_outputs(Head head, const Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>& logits, float* out, int* classes);

}  // namespace bp
