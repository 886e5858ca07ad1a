// Mlp construction and initialisation, the MLP's recorded tape graph, and the head's
// output mapping. Explicitly instantiated for float (the product) and double (checks).
#include "mlp.h"

#include <cassert>
#include <cmath>
#include <type_traits>

#include "det_math.h"

namespace bp {

template <class T>
void Mlp<T>::build(int n_in, const std::vector<int>& hidden, const std::vector<Activation>& acts, int n_out,
                   Head head) {
    assert(acts.size() == hidden.size());
    n_in_ = n_in;
    head_ = head;
    layers_.clear();
    int fan_in = n_in;
    for (std::size_t l = 0; l <= hidden.size(); ++l) {
        const int fan_out = l < hidden.size() ? hidden[l] : n_out;
        DenseLayer<T> layer;
        layer.W = Mat::Zero(fan_out, fan_in);
        layer.dW = Mat::Zero(fan_out, fan_in);
        layer.b = Mat::Zero(fan_out, 1);
        layer.db = Mat::Zero(fan_out, 1);
        layer.act = l < hidden.size() ? acts[l] : Activation::Linear;
        layers_.push_back(std::move(layer));
        fan_in = fan_out;
    }
}

template <class T>
void Mlp<T>::init(InitKind kind, double scale, Rng& rng) {
    for (auto& layer : layers_) {
        init_weights(kind, scale, rng, layer.W);
        layer.b.setZero();
    }
}

template <class T>
std::vector<ParamRef<T>> Mlp<T>::params() {
    std::vector<ParamRef<T>> p;
    for (auto& layer : layers_) {
        p.push_back({&layer.W, &layer.dW});
        p.push_back({&layer.b, &layer.db});
    }
    return p;
}

template <class T>
void MlpGraph<T>::record(Mlp<T>& mlp, int batch, GraphUse use) {
    if (X.rows() != mlp.n_in() || X.cols() != batch) X = Mat::Zero(mlp.n_in(), batch);
    if (Y.rows() != mlp.n_out() || Y.cols() != batch) Y = Mat::Zero(mlp.n_out(), batch);
    mlp_ = &mlp;
    use_ = use;
    ++recordings;
    tape.clear();
    z_ids.clear();
    a_ids.clear();
    w_ids.clear();
    b_ids.clear();
    int a = x_id = tape.input(&X);
    auto& layers = mlp.layers();
    for (std::size_t l = 0; l < layers.size(); ++l) {
        auto& layer = layers[l];
        const bool grads = use == GraphUse::Train || use == GraphUse::Explain;  // else the weights are constants
        const int W = grads ? tape.param(&layer.W, &layer.dW) : tape.input(&layer.W);
        const int b = grads ? tape.param(&layer.b, &layer.db) : tape.input(&layer.b);
        w_ids.push_back(W);
        b_ids.push_back(b);
        // z = W a + b: one affine node, or for the layer view its product and its bias add
        // apart (the same bits)
        const int z = use == GraphUse::Explain ? tape.add_bias(tape.matmul(W, a), b) : tape.affine(W, a, b);
        z_ids.push_back(z);
        if (l + 1 == layers.size()) break;
        a = tape.activation(z, layer.act);  // a = f(z)
        a_ids.push_back(a);
    }
    out_id = z_ids.back();
    loss_id = -1;
    if (use == GraphUse::Predict) return;
    const int y = y_id = tape.input(&Y);
    switch (mlp.head()) {
        case Head::Regression: loss_id = tape.mse(out_id, y); break;
        case Head::SigmoidBce: loss_id = tape.bce_with_logits(out_id, y); break;
        case Head::TanhMse: loss_id = tape.mse(tape.activation(out_id, Activation::Tanh), y); break;
        case Head::Softmax: loss_id = tape.softmax_ce(out_id, y); break;
    }
}

template <class T>
T MlpGraph<T>::run(bool with_backward) {
    if (tape.mode() == TapeMode::Dynamic) {
        record(*mlp_, batch(), use_);  // the values are computed while recording
    } else {
        tape.forward();
        ++replays;
    }
    if (loss_id < 0) return T(0);
    if (with_backward) tape.backward(loss_id);
    return tape.value(loss_id)(0, 0);
}

template <class T>
double head_output(Head head, const Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>& logits, Eigen::Index col,
                   int* cls) {
    const double z = double(logits(0, col));
    if (cls) *cls = predicted_class(head, logits, col);
    switch (head) {
        case Head::Regression: return z;
        case Head::SigmoidBce: return activate(Activation::Sigmoid, z);
        case Head::TanhMse: return (activate(Activation::Tanh, z) + 1) / 2;
        case Head::Softmax: {  // softmax of the winner: exp(0) / sum exp(z - max)
            const T top = logits.col(col).maxCoeff();
            return 1 / double((logits.col(col).array() - top).unaryExpr([](T v) { return det::exp(v); }).sum());
        }
    }
    return z;
}

template <class T>
void head_outputs(Head head, const Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>& logits, float* out, int* classes) {
    if constexpr (std::is_same_v<T, float>) {
        if (head == Head::SigmoidBce) {  // P(class 1) = sigma(z) on SIMD packets (the grids' common case)
            // One row, so the logits are contiguous: mapped as such, Eigen runs whole packets
            // (a row expression's runtime stride kept it element by element, 3x slower).
            assert(logits.rows() == 1);
            const Eigen::Map<const Eigen::ArrayXf> z(logits.data(), logits.cols());
            Eigen::Map<Eigen::ArrayXf>(out, logits.cols()) = z.unaryExpr(ActivateOp<Activation::Sigmoid, float>{});
            if (classes)
                for (Eigen::Index j = 0; j < logits.cols(); ++j) classes[j] = predicted_class(head, logits, j);
            return;
        }
    }
    for (Eigen::Index j = 0; j < logits.cols(); ++j)
        out[j] = float(head_output(head, logits, j, classes ? classes + j : nullptr));
}

template class Mlp<float>;
template class Mlp<double>;
template class MlpGraph<float>;
template class MlpGraph<double>;
template double head_output(Head, const Eigen::MatrixXf&, Eigen::Index, int*);
template double head_output(Head, const Eigen::MatrixXd&, Eigen::Index, int*);
template int predicted_class(Head, const Eigen::MatrixXf&, Eigen::Index);
template int predicted_class(Head, const Eigen::MatrixXd&, Eigen::Index);
template void head_outputs(Head, const Eigen::MatrixXf&, float*, int*);
template void head_outputs(Head, const Eigen::MatrixXd&, float*, int*);

}  // namespace bp
