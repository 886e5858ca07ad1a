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

// Up to four packets of rows of NC columns of C at once, in registers: each packet of A is
// loaded once for the NC columns.
template <class T, int NP, int NC>
static void small_block(const T* A, Eigen::Index m, Eigen::Index K, const T* b, Eigen::Index rs, Eigen::Index cs, T* c,
                        bool add, const T* bias) {
    using namespace Eigen::internal;
    using P = typename packet_traits<T>::type;
    constexpr Eigen::Index L = packet_traits<T>::size;
    P acc[NC][NP], a[NP];
    for (int q = 0; q < NP; ++q) a[q] = ploadu<P>(A + q * L);
    for (int j = 0; j < NC; ++j) {  // p = 0
        const P b0 = pset1<P>(b[j * cs]);
        for (int q = 0; q < NP; ++q) acc[j][q] = pmul(a[q], b0);
    }
    for (Eigen::Index p = 1; p < K; ++p) {
        for (int q = 0; q < NP; ++q) a[q] = ploadu<P>(A + p * m + q * L);
        for (int j = 0; j < NC; ++j) {
            const P bp = pset1<P>(b[p * rs + j * cs]);
            for (int q = 0; q < NP; ++q) acc[j][q] = padd(acc[j][q], pmul(a[q], bp));
        }
    }
    for (int j = 0; j < NC; ++j)
        for (int q = 0; q < NP; ++q) {
            T* cq = c + j * m + q * L;
            pstoreu(cq, add ? padd(ploadu<P>(cq), acc[j][q]) : bias ? padd(acc[j][q], ploadu<P>(bias + q * L)) : acc[j][q]);
        }
}

// Rows [i, i + NP L) of C, columns by blocks of NC (four, or two when NP > 2) then one by one.
template <class T, int NP>
static void small_rows(const T* A, Eigen::Index m, Eigen::Index K, const T* B, Eigen::Index rs, Eigen::Index cs, T* C,
                       Eigen::Index n, bool add, const T* bias) {
    constexpr int NC = NP <= 2 ? 4 : 2;
    Eigen::Index j = 0;
    for (; j + NC <= n; j += NC) small_block<T, NP, NC>(A, m, K, B + j * cs, rs, cs, C + j * m, add, bias);
    for (; j < n; ++j) small_block<T, NP, 1>(A, m, K, B + j * cs, rs, cs, C + j * m, add, bias);
}

template <class T>
void small_product(const T* A, Eigen::Index m, Eigen::Index K, const T* B, Eigen::Index rs, Eigen::Index cs, T* C,
                   Eigen::Index n, bool add, const T* bias) {
    constexpr Eigen::Index L = Eigen::internal::packet_traits<T>::size;
    assert(K > 0);
    Eigen::Index i = 0;
    auto at = [bias](Eigen::Index i) { return bias ? bias + i : nullptr; };
    for (; i + 4 * L <= m; i += 4 * L) small_rows<T, 4>(A + i, m, K, B, rs, cs, C + i, n, add, at(i));
    switch ((m - i) / L) {
        case 3: small_rows<T, 3>(A + i, m, K, B, rs, cs, C + i, n, add, at(i)), i += 3 * L; break;
        case 2: small_rows<T, 2>(A + i, m, K, B, rs, cs, C + i, n, add, at(i)), i += 2 * L; break;
        case 1: small_rows<T, 1>(A + i, m, K, B, rs, cs, C + i, n, add, at(i)), i += L; break;
        default: break;
    }
    for (; i < m; ++i)  // the rows past the last whole packet, in the same order
        for (Eigen::Index j = 0; j < n; ++j) {
            const T* b = B + j * cs;
            T acc = A[i] * b[0];
            for (Eigen::Index p = 1; p < K; ++p) acc = acc + A[i + p * m] * b[p * rs];
            T& c = C[i + j * m];
            c = add ? c + acc : bias ? acc + bias[i] : acc;
        }
}

template void small_product(const float*, Eigen::Index, Eigen::Index, const float*, Eigen::Index, Eigen::Index, float*,
                            Eigen::Index, bool, const float*);
template void small_product(const double*, Eigen::Index, Eigen::Index, const double*, Eigen::Index, Eigen::Index,
                            double*, Eigen::Index, bool, const double*);

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
    n.bias = -1;
    n.small = false;
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
    plan_product(nodes_[id]);
    return recorded(id);
}

// Whether a product takes small_product, by the shape of its left factor (a weight matrix).
template <class T>
void Tape<T>::plan_product(Node& n) {
    const Node& a = nodes_[n.a];
    n.small = a.rows <= kSmallSide && a.cols <= kSmallSide && a.cols > 0;
    if (n.small && nodes_[n.b].needs_grad) n.scratch.setZero(a.cols, a.rows);  // A^T for dB
}

template <class T>
int Tape<T>::affine(int w, int x, int b) {
    assert(nodes_[w].cols == nodes_[x].rows && nodes_[b].rows == nodes_[w].rows && nodes_[b].cols == 1);
    const int id = push(Op::Affine, w, x, nodes_[w].rows, nodes_[x].cols);
    Node& n = nodes_[id];
    n.bias = b;
    if (nodes_[b].needs_grad && !n.needs_grad) {
        n.needs_grad = true;
        n.grad.setZero(n.rows, n.cols);
    }
    plan_product(n);
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

// ---- forward: each op's value (products and losses: below, beside their backward) ----

template <class T>
void Tape<T>::forward_node(Node& n) {
    Mat& v = n.value;  // (n.rows, n.cols)
    switch (n.op) {
        case Op::Input:
        case Op::Param:
            assert(n.ext_value->rows() == n.rows && n.ext_value->cols() == n.cols);  // leaf kept its shape
            break;
        case Op::MatMul: forward_product(n, nullptr); break;           // C = A B
        case Op::Affine: forward_product(n, &val(n.bias)); break;      // Z = A B + b 1^T
        case Op::AddBias: {  // Z = A + b 1^T
            const Mat& A = val(n.a);  // (n, batch)
            const Mat& b = val(n.b);  // (n, 1)
            v.noalias() = A.colwise() + b.col(0);  // one pass
            break;
        }
        case Op::Activation: activate(n.act, val(n.a), v); break;
        case Op::Add: v = val(n.a) + val(n.b); break;
        case Op::Sub: v = val(n.a) - val(n.b); break;
        case Op::Mul: v = val(n.a).cwiseProduct(val(n.b)); break;
        case Op::Scale: v = n.c * val(n.a); break;
        case Op::Sum: v(0, 0) = val(n.a).sum(); break;
        case Op::Mean: v(0, 0) = val(n.a).mean(); break;
        case Op::Mse: forward_mse(n); break;
        case Op::BceWithLogits: forward_bce(n); break;
        case Op::SoftmaxCe: forward_softmax_ce(n); break;
        case Op::L2: v(0, 0) = T(0.5) * val(n.a).squaredNorm(); break;
        case Op::L1: v(0, 0) = val(n.a).cwiseAbs().sum(); break;
    }
}

template <class T>
void Tape<T>::forward() {
    for (int i = 0; i < count_; ++i) forward_node(nodes_[i]);
}

// ---- backward: each op's derivative applied (products and losses: below) ----

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
        case Op::MatMul: backward_product(n); break;  // C = A B:  dA += dC B^T,  dB += A^T dC
        case Op::Affine:  // Z = A B + b 1^T:  as MatMul, and db += dZ summed over the batch
            accumulate(n.bias, dC.rowwise().sum());
            backward_product(n);
            break;
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
        case Op::Mse: backward_mse(n); break;
        case Op::BceWithLogits: backward_bce(n); break;
        case Op::SoftmaxCe: backward_softmax_ce(n); break;
        case Op::L2:  // 0.5 sum w^2:  dw += w
            accumulate(n.a, dC(0, 0) * val(n.a));
            break;
        case Op::L1:  // sum |w|:  dw += sign(w), 0 at 0
            accumulate(n.a, dC(0, 0) * val(n.a).cwiseSign());
            break;
    }
}

// ---- products and losses: each op's forward next to its backward ----

template <class T>
void Tape<T>::forward_product(Node& n, const Mat* bias) {
    const Mat& A = val(n.a);  // (m, k)
    const Mat& B = val(n.b);  // (k, n)
    Mat& v = n.value;         // (m, n)
    if (n.small) {
        small_product(A.data(), A.rows(), A.cols(), B.data(), 1, B.rows(), v.data(), B.cols(), false,
                      bias ? bias->data() : nullptr);
        return;
    }
    v.noalias() = A * B;
    if (bias) v.colwise() += bias->col(0);  // (m, 1) over the columns
}

template <class T>
void Tape<T>::backward_product(Node& n) {
    const Mat& dC = n.grad;   // (m, n)
    const Mat& A = val(n.a);  // (m, k)
    const Mat& B = val(n.b);  // (k, n)
    if (!n.small) {
        accumulate(n.a, dC * B.transpose());  // evaluated only if A needs a grad
        accumulate(n.b, A.transpose() * dC);
        return;
    }
    bool add = false;
    if (Mat* dA = grad_target(n.a, add))  // dA (m, k): dC (m, n) times B^T, B (k, n) read transposed
        small_product(dC.data(), dC.rows(), dC.cols(), B.data(), B.rows(), 1, dA->data(), B.rows(), add);
    if (Mat* dB = grad_target(n.b, add)) {  // dB (k, n) = A^T (k, m) dC (m, n)
        n.scratch = A.transpose();
        small_product(n.scratch.data(), A.cols(), A.rows(), dC.data(), 1, dC.rows(), dB->data(), dC.cols(), add);
    }
}

template <class T>
void Tape<T>::forward_mse(Node& n) {  // (1/batch) sum (p - t)^2
    Mat& v = n.value;  // (1, 1)
    const Mat& P = val(n.a);  // (n_out, batch)
    const Mat& Y = val(n.b);  // (n_out, batch)
    v(0, 0) = (P - Y).squaredNorm() / T(P.cols());
}

template <class T>
void Tape<T>::backward_mse(Node& n) {  // L = (1/batch) sum (p - t)^2:  dp += 2 (p - t) / batch,  dt -= same
    const Mat& dC = n.grad;  // (1, 1)
    const Mat& P = val(n.a);  // (n_out, batch)
    const Mat& Y = val(n.b);  // (n_out, batch)
    const T g = dC(0, 0) * T(2) / T(P.cols());
    accumulate(n.a, g * (P - Y));
    accumulate(n.b, -g * (P - Y));
}

template <class T>
void Tape<T>::forward_bce(Node& n) {  // (1/batch) sum max(z,0) - z t + log1p(exp(-|z|))
    Mat& v = n.value;  // (1, 1)
    const auto Z = val(n.a).array();  // (n_out, batch)
    const auto Y = val(n.b).array();  // (n_out, batch)
    const auto softplus_neg_abs = (-Z.abs()).unaryExpr(det::ExpOp<T>{}).unaryExpr(det::Log1pOp<T>{});
    v(0, 0) = (Z.max(T(0)) - Z * Y + softplus_neg_abs).sum() / T(Z.cols());  // SIMD for float
}

template <class T>
void Tape<T>::backward_bce(Node& n) {  // dz += (sigma(z) - t) / batch,  dt += -z / batch
    const Mat& dC = n.grad;  // (1, 1)
    const Mat& Z = val(n.a);  // (n_out, batch)
    const Mat& Y = val(n.b);  // (n_out, batch)
    const T g = dC(0, 0) / T(Z.cols());
    accumulate(n.a, g * (Z.unaryExpr(ActivateOp<bp::Activation::Sigmoid, T>{}) - Y));
    accumulate(n.b, -g * Z);
}

template <class T>
void Tape<T>::forward_softmax_ce(Node& n) {  // (1/batch) sum_cols sum_k t_k (lse - z_k); keeps softmax in scratch
    Mat& v = n.value;  // (1, 1)
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
}

template <class T>
void Tape<T>::backward_softmax_ce(Node& n) {  // dz += (softmax(z) sum_k t_k - t) / batch,  dt_k += (lse - z_k) / batch
    const Mat& dC = n.grad;  // (1, 1)
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
