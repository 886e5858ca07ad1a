// Tape<T>: recording (shapes and buffers), the per-op forward and backward rules (one switch
// each, shared by the dynamic and the static mode), and the explicit instantiations for
// float (the product) and double (gradient checks).
#include "tape.h"

#include <cassert>
#include <cmath>

#include "det_math.h"

namespace bp {

// Matrix products use Eigen's own choice: coefficient by coefficient when rows + cols + depth
// < 20, its GEMM otherwise. Measured in instructions per step (callgrind), that beat a cut at
// 4096 multiply-adds by 15% on net B's step and 25% on net A's full-set evaluation (500
// columns), and lost 2% on net C. The choice depends on shapes only, so a replay and a fresh
// recording take the same path and give the same bits.

void pin_eigen_cache_sizes() {
    static const bool pinned = (Eigen::setCpuCacheSizes(32 * 1024, 1024 * 1024, 8 * 1024 * 1024), true);
    (void)pinned;
}

// ---- recording ----

template <class T>
int Tape<T>::push(Op op, int a, int b, Eigen::Index rows, Eigen::Index cols) {
    assert(a >= -1 && a < count_ && b >= -1 && b < count_);
    if (count_ == int(nodes_.size())) nodes_.emplace_back();
    Node& n = nodes_[count_];
    n.op = op;
    n.a = a;
    n.b = b;
    n.act = bp::Activation::Linear;
    n.c = T(0);
    n.rows = rows;
    n.cols = cols;
    n.ext_value = nullptr;
    n.ext_grad = nullptr;
    n.has_grad = false;
    n.needs_grad = (a >= 0 && nodes_[a].needs_grad) || (b >= 0 && nodes_[b].needs_grad);
    if (op != Op::Input && op != Op::Param) {
        n.value.setZero(rows, cols);
        if (n.needs_grad) n.grad.setZero(rows, cols);
    }
    return count_++;
}

template <class T>
int Tape<T>::input(const Mat* x) {
    assert(x);
    const int id = push(Op::Input, -1, -1, x->rows(), x->cols());
    nodes_[id].ext_value = x;
    return id;
}

template <class T>
int Tape<T>::param(const Mat* value, Mat* grad) {
    assert(value && grad);
    const int id = push(Op::Param, -1, -1, value->rows(), value->cols());
    Node& n = nodes_[id];
    n.ext_value = value;
    n.ext_grad = grad;
    n.needs_grad = true;
    if (grad->rows() != value->rows() || grad->cols() != value->cols()) grad->setZero(value->rows(), value->cols());
    return id;
}

// In dynamic mode an op computes its value as soon as it is recorded.
template <class T>
int Tape<T>::recorded(int id) {
    if (mode_ == TapeMode::Dynamic) forward_node(nodes_[id]);
    return id;
}

template <class T>
int Tape<T>::matmul(int a, int b) {
    assert(nodes_[a].cols == nodes_[b].rows);
    const int id = push(Op::MatMul, a, b, nodes_[a].rows, nodes_[b].cols);
    return recorded(id);
}

template <class T>
int Tape<T>::add_bias(int z, int b) {
    assert(nodes_[b].rows == nodes_[z].rows && nodes_[b].cols == 1);
    const int id = push(Op::AddBias, z, b, nodes_[z].rows, nodes_[z].cols);
    return recorded(id);
}

template <class T>
int Tape<T>::activation(int x, Activation act) {
    const int id = push(Op::Activation, x, -1, nodes_[x].rows, nodes_[x].cols);
    nodes_[id].act = act;
    return recorded(id);
}

template <class T>
int Tape<T>::add(int a, int b) {
    assert(nodes_[a].rows == nodes_[b].rows && nodes_[a].cols == nodes_[b].cols);
    const int id = push(Op::Add, a, b, nodes_[a].rows, nodes_[a].cols);
    return recorded(id);
}

template <class T>
int Tape<T>::sub(int a, int b) {
    assert(nodes_[a].rows == nodes_[b].rows && nodes_[a].cols == nodes_[b].cols);
    const int id = push(Op::Sub, a, b, nodes_[a].rows, nodes_[a].cols);
    return recorded(id);
}

template <class T>
int Tape<T>::mul(int a, int b) {
    assert(nodes_[a].rows == nodes_[b].rows && nodes_[a].cols == nodes_[b].cols);
    const int id = push(Op::Mul, a, b, nodes_[a].rows, nodes_[a].cols);
    return recorded(id);
}

template <class T>
int Tape<T>::scale(int a, T c) {
    const int id = push(Op::Scale, a, -1, nodes_[a].rows, nodes_[a].cols);
    nodes_[id].c = c;
    return recorded(id);
}

template <class T>
int Tape<T>::sum(int a) {
    const int id = push(Op::Sum, a, -1, 1, 1);
    return recorded(id);
}

template <class T>
int Tape<T>::mean(int a) {
    assert(nodes_[a].rows * nodes_[a].cols > 0);
    const int id = push(Op::Mean, a, -1, 1, 1);
    return recorded(id);
}

template <class T>
int Tape<T>::mse(int pred, int target) {
    assert(nodes_[pred].rows == nodes_[target].rows && nodes_[pred].cols == nodes_[target].cols);
    assert(nodes_[pred].cols > 0);
    const int id = push(Op::Mse, pred, target, 1, 1);
    return recorded(id);
}

template <class T>
int Tape<T>::bce_with_logits(int logits, int target) {
    assert(nodes_[logits].rows == nodes_[target].rows && nodes_[logits].cols == nodes_[target].cols);
    assert(nodes_[logits].cols > 0);
    const int id = push(Op::BceWithLogits, logits, target, 1, 1);
    return recorded(id);
}

template <class T>
int Tape<T>::softmax_ce(int logits, int onehot) {
    assert(nodes_[logits].rows == nodes_[onehot].rows && nodes_[logits].cols == nodes_[onehot].cols);
    assert(nodes_[logits].rows > 0 && nodes_[logits].cols > 0);
    const int id = push(Op::SoftmaxCe, logits, onehot, 1, 1);
    Node& n = nodes_[id];
    n.scratch.setZero(nodes_[logits].rows, nodes_[logits].cols);
    n.scratch_row.setZero(1, nodes_[logits].cols);
    return recorded(id);
}

template <class T>
int Tape<T>::l2(int w) {
    const int id = push(Op::L2, w, -1, 1, 1);
    return recorded(id);
}

template <class T>
int Tape<T>::l1(int w) {
    const int id = push(Op::L1, w, -1, 1, 1);
    return recorded(id);
}

// ---- access ----

template <class T>
const typename Tape<T>::Mat& Tape<T>::value(int id) const {
    assert(id >= 0 && id < count_);
    return val(id);
}

template <class T>
const typename Tape<T>::Mat& Tape<T>::grad(int id) const {
    assert(id >= 0 && id < count_);
    const Node& n = nodes_[id];
    if (!n.needs_grad) return empty_;
    return n.ext_grad ? *n.ext_grad : n.grad;
}

template <class T>
std::size_t Tape<T>::bytes_held() const {
    std::size_t entries = 0;
    for (const Node& n : nodes_) entries += std::size_t(n.value.size() + n.grad.size() + n.scratch.size() + n.scratch_row.size());
    return nodes_.capacity() * sizeof(Node) + entries * sizeof(T);
}

// ---- forward: the one place each op's value is computed ----

template <class T>
void Tape<T>::forward_node(Node& n) {
    Mat& v = n.value;  // (n.rows, n.cols)
    switch (n.op) {
        case Op::Input:
        case Op::Param:
            assert(n.ext_value->rows() == n.rows && n.ext_value->cols() == n.cols);  // leaf kept its shape
            break;
        case Op::MatMul: {  // C = A B
            const Mat& A = val(n.a);  // (m, k)
            const Mat& B = val(n.b);  // (k, n)
            v.noalias() = A * B;
            break;
        }
        case Op::AddBias: {  // Z = A + b 1^T
            const Mat& A = val(n.a);  // (n, batch)
            const Mat& b = val(n.b);  // (n, 1)
            v = A;
            v.colwise() += b.col(0);
            break;
        }
        case Op::Activation: activate(n.act, val(n.a), v); break;
        case Op::Add: v = val(n.a) + val(n.b); break;
        case Op::Sub: v = val(n.a) - val(n.b); break;
        case Op::Mul: v = val(n.a).cwiseProduct(val(n.b)); break;
        case Op::Scale: v = n.c * val(n.a); break;
        case Op::Sum: v(0, 0) = val(n.a).sum(); break;
        case Op::Mean: v(0, 0) = val(n.a).mean(); break;
        case Op::Mse: {  // (1/batch) sum (p - t)^2
            const Mat& P = val(n.a);  // (n_out, batch)
            const Mat& Y = val(n.b);  // (n_out, batch)
            v(0, 0) = (P - Y).squaredNorm() / T(P.cols());
            break;
        }
        case Op::BceWithLogits: {  // (1/batch) sum max(z,0) - z t + log1p(exp(-|z|))
            const auto Z = val(n.a).array();  // (n_out, batch)
            const auto Y = val(n.b).array();  // (n_out, batch)
            const auto softplus_neg_abs = (-Z.abs()).unaryExpr(det::ExpOp<T>{}).unaryExpr(det::Log1pOp<T>{});
            v(0, 0) = (Z.max(T(0)) - Z * Y + softplus_neg_abs).sum() / T(Z.cols());  // SIMD for float
            break;
        }
        case Op::SoftmaxCe: {  // (1/batch) sum_cols sum_k t_k (lse - z_k); keeps softmax in scratch
            const Mat& Z = val(n.a);  // (k, batch)
            const Mat& Y = val(n.b);  // (k, batch)
            Mat& P = n.scratch;       // (k, batch): softmax(z) per column
            Mat& lse = n.scratch_row; // (1, batch): log sum exp z per column
            T total = 0;
            for (Eigen::Index j = 0; j < Z.cols(); ++j) {
                const T m = Z.col(j).maxCoeff();  // exp(z - max) <= 1: no overflow
                P.col(j) = (Z.col(j).array() - m).unaryExpr([](T v) { return det::exp(v); }).matrix();
                const T s = P.col(j).sum();
                P.col(j) /= s;
                lse(0, j) = m + det::log(s);
                total += (Y.col(j).array() * (lse(0, j) - Z.col(j).array())).sum();
            }
            v(0, 0) = total / T(Z.cols());
            break;
        }
        case Op::L2: v(0, 0) = T(0.5) * val(n.a).squaredNorm(); break;
        case Op::L1: v(0, 0) = val(n.a).cwiseAbs().sum(); break;
    }
}

template <class T>
void Tape<T>::forward() {
    for (int i = 0; i < count_; ++i) forward_node(nodes_[i]);
}

// ---- backward: the one place each op's derivative is applied ----

// The matrix a backward rule writes d(child) into (nullptr if the child needs no grad), and
// whether to add to it: params always add (zeroed at the start of backward); an op node's
// grad is assigned by its first contribution in this pass and added to by the others.
template <class T>
typename Tape<T>::Mat* Tape<T>::grad_target(int child, bool& add) {
    Node& c = nodes_[child];
    if (!c.needs_grad) return nullptr;
    add = c.ext_grad || c.has_grad;
    c.has_grad = true;
    return c.ext_grad ? c.ext_grad : &c.grad;
}

// d(child) += e (or = e, see grad_target).
template <class T>
template <class Expr>
void Tape<T>::accumulate(int child, const Expr& e) {
    bool add = false;
    Mat* d = grad_target(child, add);
    if (!d) return;
    if (add) d->noalias() += e;
    else d->noalias() = e;
}

template <class T>
void Tape<T>::backward_node(Node& n) {
    const Mat& dC = n.grad;  // (n.rows, n.cols): d loss / d this node
    switch (n.op) {
        case Op::Input:
        case Op::Param: break;
        case Op::MatMul: {  // C = A B:  dA += dC B^T,  dB += A^T dC
            const Mat& A = val(n.a);  // (m, k)
            const Mat& B = val(n.b);  // (k, n)
            accumulate(n.a, dC * B.transpose());  // evaluated only if A needs a grad
            accumulate(n.b, A.transpose() * dC);
            break;
        }
        case Op::AddBias: {  // Z = A + b 1^T:  dA += dZ,  db += dZ summed over the batch
            accumulate(n.a, dC);
            accumulate(n.b, dC.rowwise().sum());
            break;
        }
        case Op::Activation: {  // Y = f(X):  dX += dY f'(X)  (diagonal Jacobian)
            bool add = false;
            if (Mat* dX = grad_target(n.a, add)) activation_backward(n.act, val(n.a), n.value, dC, *dX, add);
            break;
        }
        case Op::Add:  // C = A + B:  dA += dC,  dB += dC
            accumulate(n.a, dC);
            accumulate(n.b, dC);
            break;
        case Op::Sub:  // C = A - B:  dA += dC,  dB -= dC
            accumulate(n.a, dC);
            accumulate(n.b, -dC);
            break;
        case Op::Mul:  // C = A * B:  dA += dC * B,  dB += dC * A
            accumulate(n.a, dC.cwiseProduct(val(n.b)));
            accumulate(n.b, dC.cwiseProduct(val(n.a)));
            break;
        case Op::Scale:  // C = c A:  dA += c dC
            accumulate(n.a, n.c * dC);
            break;
        case Op::Sum: {  // s = sum A:  dA += ds (every entry)
            const Node& a = nodes_[n.a];
            accumulate(n.a, Mat::Constant(a.rows, a.cols, dC(0, 0)));
            break;
        }
        case Op::Mean: {  // s = mean A:  dA += ds / size
            const Node& a = nodes_[n.a];
            accumulate(n.a, Mat::Constant(a.rows, a.cols, dC(0, 0) / T(a.rows * a.cols)));
            break;
        }
        case Op::Mse: {  // L = (1/batch) sum (p - t)^2:  dp += 2 (p - t) / batch,  dt -= same
            const Mat& P = val(n.a);  // (n_out, batch)
            const Mat& Y = val(n.b);  // (n_out, batch)
            const T g = dC(0, 0) * T(2) / T(P.cols());
            accumulate(n.a, g * (P - Y));
            accumulate(n.b, -g * (P - Y));
            break;
        }
        case Op::BceWithLogits: {  // dz += (sigma(z) - t) / batch,  dt += -z / batch
            const Mat& Z = val(n.a);  // (n_out, batch)
            const Mat& Y = val(n.b);  // (n_out, batch)
            const T g = dC(0, 0) / T(Z.cols());
            accumulate(n.a, g * (Z.unaryExpr(ActivateOp<bp::Activation::Sigmoid, T>{}) - Y));
            accumulate(n.b, -g * Z);
            break;
        }
        case Op::SoftmaxCe: {  // dz += (softmax(z) sum_k t_k - t) / batch,  dt_k += (lse - z_k) / batch
            const Mat& Z = val(n.a);      // (k, batch)
            const Mat& Y = val(n.b);      // (k, batch)
            const Mat& P = n.scratch;     // (k, batch)
            const Mat& lse = n.scratch_row;  // (1, batch)
            const T g = dC(0, 0) / T(Z.cols());
            bool add = false;
            if (Mat* dZ = grad_target(n.a, add)) {  // (k, batch); sum_k t_k = 1 for one-hot: softmax - onehot
                for (Eigen::Index j = 0; j < Z.cols(); ++j) {
                    const T t_sum = Y.col(j).sum();
                    if (add) dZ->col(j) += g * (P.col(j) * t_sum - Y.col(j));
                    else dZ->col(j) = g * (P.col(j) * t_sum - Y.col(j));
                }
            }
            accumulate(n.b, g * (lse.replicate(Z.rows(), 1) - Z));
            break;
        }
        case Op::L2:  // 0.5 sum w^2:  dw += w
            accumulate(n.a, dC(0, 0) * val(n.a));
            break;
        case Op::L1:  // sum |w|:  dw += sign(w), 0 at 0
            accumulate(n.a, dC(0, 0) * val(n.a).cwiseSign());
            break;
    }
}

template <class T>
void Tape<T>::backward(int loss) {
    assert(loss >= 0 && loss < count_);
    for (int i = 0; i < count_; ++i) {
        Node& n = nodes_[i];
        n.has_grad = false;
        if (n.op == Op::Param) n.ext_grad->setZero();
    }
    Node& root = nodes_[loss];
    if (root.op == Op::Param) {
        root.ext_grad->setOnes();  // d loss / d loss = 1
    } else if (root.needs_grad) {
        root.grad.setOnes();
        root.has_grad = true;
    }
    // Reverse recorded order is reverse topological order: a node's grad is complete
    // before it is passed on. Only nodes up to `loss` can have received a grad.
    for (int i = count_ - 1; i >= 0; --i) {
        Node& n = nodes_[i];
        if (!n.needs_grad || n.op == Op::Param) continue;
        if (n.has_grad) backward_node(n);
        else n.grad.setZero();  // no path to the loss
    }
}

template class Tape<float>;
template class Tape<double>;

}  // namespace bp
