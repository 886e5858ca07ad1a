// Tape<T>: reverse-mode automatic differentiation over Eigen matrices, the MLP engine's core.
// A flat list of nodes (an op code, child ids, owned value and grad buffers) in the order
// they were recorded, which is a topological order. Forward and backward are one switch
// over the op code per node, each short rule in its case with its formula beside it, the
// longer ones (products, losses) as a forward function beside its backward function; the
// same per-op code serves both modes of the lecture notes:
//   Dynamic (define by run): each op computes its value when it is recorded; clear() and
//     record again every step.
//   Static (define then run): record once (only shapes and buffers), then forward()
//     replays every node from the leaves, reading through their pointers (so updated
//     weights and a refilled batch buffer are seen), and backward(loss) replays the
//     backward pass. A replay allocates nothing: every buffer is made at record time.
// Layout: one example per column. X (n_in, batch), W (n_out, n_in), b (n_out, 1).
#pragma once
#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "activations.h"

namespace bp {

enum class TapeMode { Dynamic, Static };

// Eigen picks the depth of its matrix-product blocks from the L1 cache size (cpuid natively,
// 16 KB assumed in WASM), and that depth decides the order in which a long dot product (dW =
// dZ X^T over a batch of several hundred) is summed. Fixing the sizes once, before the first
// product, keeps one seed's numbers the same on every machine and in the browser.
void pin_eigen_cache_sizes();

// Products whose left factor (a weight matrix) is at most kSmallSide x kSmallSide are computed
// by small_product instead of Eigen's GEMM, whose packing and blocking cost more than the
// arithmetic at these sizes (net B's layers are 8 x 8). Decided by shapes at record time.
inline constexpr Eigen::Index kSmallSide = 8;

// C (m, n) = A op(B), or C += A op(B) when add: A (m, K) column-major, op(B)(p, j) = B[p rs +
// j cs] (rs 1, cs K: B itself; rs n, cs 1: a transposed (n, K) matrix). One pass per column of
// C with Eigen's packets over its rows, no packing; every entry is summed in the order p = 0,
// 1, ..., K - 1 (a SIMD lane and the scalar tail alike), so the bits are the same natively and
// in WASM.
// With `bias` (m entries, not with add), C = A op(B) + bias 1^T: the bias is added to each
// finished sum, as add_bias would.
template <class T>
void small_product(const T* A, Eigen::Index m, Eigen::Index K, const T* B, Eigen::Index rs, Eigen::Index cs, T* C,
                   Eigen::Index n, bool add, const T* bias = nullptr);

template <class T>
class Tape {
public:
    using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;

    explicit Tape(TapeMode mode = TapeMode::Static) : mode_(mode) { pin_eigen_cache_sizes(); }
    TapeMode mode() const { return mode_; }
    void set_mode(TapeMode mode) { mode_ = mode; }  // affects ops recorded afterwards

    // ---- leaves: external storage, read through the pointer on every forward() ----
    // A constant input (a batch, targets). Never differentiated: grad(id) is empty.
    int input(const Mat* x);
    // A parameter. backward() first sets *grad to zero (resized to *value's shape here, at
    // record time), then ACCUMULATES every path's contribution into it, so a matrix used
    // by several param nodes (tied weights) gets the sum. grad(id) is *grad.
    int param(const Mat* value, Mat* grad);

    // ---- ops: each returns the new node's id; shapes are checked by assert ----
    int matmul(int a, int b);               // a (m, k), b (k, n) -> a b (m, n)
    int add_bias(int z, int b);             // z (n, batch) + b (n, 1) broadcast over columns
    // A dense layer's z = W x + b 1^T: W (m, k), x (k, n), b (m, 1) -> (m, n). The same bits as
    // add_bias(matmul(W, x), b), forward and backward, in one node and one pass.
    int affine(int w, int x, int b);
    int activation(int x, Activation act);  // f(x) element-wise, same shape
    int add(int a, int b);                  // a + b, same shapes
    int sub(int a, int b);                  // a - b
    int mul(int a, int b);                  // a * b element-wise (Hadamard)
    int scale(int a, T c);                  // c a
    int sum(int a);                         // (1, 1): sum of all entries
    int mean(int a);                        // (1, 1): mean of all entries
    // Losses, each (1, 1). pred/logits and target are (n_out, batch) and each loss is the
    // MEAN OVER THE BATCH (columns) OF THE SUM OVER OUTPUTS (rows):
    //   mse:             (1/batch) sum (pred - target)^2   (mse of [1; 2] vs [0; 0], one column: 5)
    //   bce_with_logits: (1/batch) sum max(z,0) - z t + log1p(exp(-|z|)),  t in [0, 1]
    //   softmax_ce:      (1/batch) sum_cols sum_k t_k (logsumexp(z) - z_k), t one-hot
    //                    (any t works; for one-hot columns this is -log softmax(z)_label)
    int mse(int pred, int target);
    int bce_with_logits(int logits, int target);
    int softmax_ce(int logits, int onehot);
    // Penalties, each (1, 1): l2 = 0.5 sum w^2, l1 = sum |w|.
    int l2(int w);
    int l1(int w);

    // ---- running ----
    // Recomputes every op node from the leaves, in recorded order (static replay; in
    // dynamic mode the values are already there, and this recomputes the same bits).
    // The leaves must keep the shapes they had when recorded.
    void forward();
    // Reverse pass from `loss` (seeded with ones, i.e. d loss / d loss = 1 for a (1, 1)
    // loss): zeroes every param grad, then visits the nodes in reverse recorded order.
    // Afterwards grad(id) = d loss / d value(id) for every node that depends on a param
    // (zero if it does not reach `loss`); nodes that depend on inputs only have no grad.
    void backward(int loss);

    // value(id): the node's value (for a leaf, the external matrix). grad(id): as above.
    // References stay valid until the next op is recorded.
    const Mat& value(int id) const;
    const Mat& grad(int id) const;
    int size() const { return count_; }
    // Memory the tape keeps: its node list and every value, grad and scratch buffer (also
    // the spare ones clear() keeps for the next recording).
    std::size_t bytes_held() const;
    // Forgets the recorded ops but keeps their buffers, so recording the same graph again
    // (dynamic mode) reuses the memory.
    void clear() { count_ = 0; }

private:
    enum class Op : std::uint8_t {
        Input, Param, MatMul, Affine, AddBias, Activation, Add, Sub, Mul, Scale, Sum, Mean,
        Mse, BceWithLogits, SoftmaxCe, L2, L1
    };
    struct Node {
        Op op = Op::Input;
        int a = -1, b = -1;                 // children (b = -1 for unary ops)
        int bias = -1;                      // affine: the third child, b
        bp::Activation act = bp::Activation::Linear;
        T c = T(0);                         // scale factor
        bool needs_grad = false;            // depends on a param
        bool has_grad = false;              // backward: grad holds a value (else it is stale)
        Eigen::Index rows = 0, cols = 0;    // shape of the value, fixed at record time
        const Mat* ext_value = nullptr;     // leaves: the external value
        Mat* ext_grad = nullptr;            // params: the external grad
        Mat value;                          // ops: (rows, cols)
        Mat grad;                           // ops with needs_grad: (rows, cols)
        bool small = false;                 // matmul: A is at most kSmallSide x kSmallSide (small_product)
        Mat scratch;                        // softmax_ce: probabilities (k, batch); small matmul: A^T
        Mat scratch_row;                    // softmax_ce: log-sum-exp per column (1, batch)
    };

    int push(Op op, int a, int b, Eigen::Index rows, Eigen::Index cols);
    int recorded(int id);
    const Mat& val(int id) const { const Node& n = nodes_[id]; return n.ext_value ? *n.ext_value : n.value; }
    void forward_node(Node& n);   // one switch over the op code; the short rules inline
    void backward_node(Node& n);
    void plan_product(Node& n);
    // The longer rules, each forward beside its backward in tape.cpp.
    void forward_product(Node& n, const Mat* bias);
    void backward_product(Node& n);
    void forward_mse(Node& n);
    void backward_mse(Node& n);
    void forward_bce(Node& n);
    void backward_bce(Node& n);
    void forward_softmax_ce(Node& n);
    void backward_softmax_ce(Node& n);
    Mat* grad_target(int child, bool& add);
    template <class Expr> void accumulate(int child, const Expr& e);

    TapeMode mode_;
    std::vector<Node> nodes_;  // nodes_[0, count_) are recorded; the rest are spare buffers
    int count_ = 0;
    Mat empty_;
};

extern template class Tape<float>;
extern template class Tape<double>;

}  // namespace bp
