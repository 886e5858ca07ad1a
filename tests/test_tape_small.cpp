// The tape's small-layer paths: small_product (the packet kernel for weight matrices up to
// kSmallSide wide) against products summed in double, and the fused affine op against
// add_bias(matmul) bit for bit, forward and backward, with its gradients against central
// differences in double.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <vector>

#include "gradcheck.h"
#include "tape.h"

using namespace bp;

namespace {
// Deterministic test values: scale * sin(1.7 k + phase), k the column-major index.
template <class M>
M fixed(Eigen::Index rows, Eigen::Index cols, double scale = 1.0, double phase = 0.0) {
    M m(rows, cols);
    for (Eigen::Index k = 0; k < m.size(); ++k) m.data()[k] = typename M::Scalar(scale * std::sin(1.7 * double(k) + phase));
    return m;
}
template <class M>
bool same_bits(const M& a, const M& b) {
    return a.rows() == b.rows() && a.cols() == b.cols() &&
           std::memcmp(a.data(), b.data(), sizeof(typename M::Scalar) * std::size_t(a.size())) == 0;
}
}  // namespace

TEST_CASE("small_product: C = A B, with a bias, and dW += dZ X^T, every shape up to 8 x 8, within float rounding of double sums") {
    for (int m = 1; m <= 8; ++m)
        for (int k = 1; k <= 8; ++k)
            for (int n : {1, 3, 4, 7, 10}) {
                CAPTURE(m);
                CAPTURE(k);
                CAPTURE(n);
                const Eigen::MatrixXf A = fixed<Eigen::MatrixXf>(m, k), B = fixed<Eigen::MatrixXf>(k, n, 1, 0.5);
                const Eigen::MatrixXf C0 = fixed<Eigen::MatrixXf>(m, k, 1, 2);
                const Eigen::MatrixXf bias = fixed<Eigen::MatrixXf>(m, 1, 1, 3);
                Eigen::MatrixXf C(m, n), E(m, n);
                small_product(A.data(), m, k, B.data(), 1, k, C.data(), n, false);
                small_product(A.data(), m, k, B.data(), 1, k, E.data(), n, false, bias.data());
                const Eigen::MatrixXd Cd = A.cast<double>() * B.cast<double>();
                const Eigen::MatrixXd Ed = Cd + bias.cast<double>().replicate(1, n);
                for (Eigen::Index i = 0; i < C.size(); ++i) {
                    CHECK(std::abs(C.data()[i] - Cd.data()[i]) <= 1e-5 * (1 + std::abs(Cd.data()[i])));
                    CHECK(E.data()[i] == float(C.data()[i] + bias(i % m, 0)));  // the bias after the sum
                    CHECK(std::abs(E.data()[i] - Ed.data()[i]) <= 1e-5 * (1 + std::abs(Ed.data()[i])));
                }
                // dW += dZ X^T: X (k, n) read transposed (rs = k, cs = 1)
                Eigen::MatrixXf W = C0;
                const Eigen::MatrixXf X = fixed<Eigen::MatrixXf>(k, n, 1, 1.1);
                small_product(C.data(), m, n, X.data(), k, 1, W.data(), k, true);
                const Eigen::MatrixXd Wd = C0.cast<double>() + C.cast<double>() * X.cast<double>().transpose();
                for (Eigen::Index i = 0; i < W.size(); ++i)
                    CHECK(std::abs(W.data()[i] - Wd.data()[i]) <= 1e-5 * (1 + std::abs(Wd.data()[i])));
            }
}

TEST_CASE("affine is add_bias(matmul) bit for bit, forward and backward, small and Eigen-sized layers") {
    for (int width : {3, 8, 12}) {  // 12 > kSmallSide: Eigen's product
        CAPTURE(width);
        const int batch = 10, n_in = 5;
        Eigen::MatrixXf X = fixed<Eigen::MatrixXf>(n_in, batch), W = fixed<Eigen::MatrixXf>(width, n_in, 0.7, 1);
        Eigen::MatrixXf b = fixed<Eigen::MatrixXf>(width, 1, 0.3, 2), R = fixed<Eigen::MatrixXf>(width, batch, 1, 3);
        Eigen::MatrixXf W2 = W, b2 = b;
        Eigen::MatrixXf dW1, db1, dW2, db2;
        Tape<float> one, two;
        const int z1 = one.affine(one.param(&W, &dW1), one.input(&X), one.param(&b, &db1));
        const int l1 = one.sum(one.mul(one.activation(z1, Activation::Tanh), one.input(&R)));
        const int z2 = two.add_bias(two.matmul(two.param(&W2, &dW2), two.input(&X)), two.param(&b2, &db2));
        const int l2 = two.sum(two.mul(two.activation(z2, Activation::Tanh), two.input(&R)));
        one.forward(), two.forward();
        one.backward(l1), two.backward(l2);
        CHECK(same_bits(one.value(z1), two.value(z2)));
        CHECK(same_bits(dW1, dW2));
        CHECK(same_bits(db1, db2));
        CHECK(one.value(l1)(0, 0) == two.value(l2)(0, 0));
    }
}

TEST_CASE("affine gradients match central differences (double), including dx through a second layer") {
    for (int width : {4, 11}) {
        CAPTURE(width);
        Eigen::MatrixXd X = fixed<Eigen::MatrixXd>(3, 6), W1 = fixed<Eigen::MatrixXd>(width, 3, 0.8, 1);
        Eigen::MatrixXd b1 = fixed<Eigen::MatrixXd>(width, 1, 0.2, 2), W2 = fixed<Eigen::MatrixXd>(2, width, 0.6, 3);
        Eigen::MatrixXd b2 = fixed<Eigen::MatrixXd>(2, 1, 0.1, 4), R = fixed<Eigen::MatrixXd>(2, 6, 1, 5);
        Eigen::MatrixXd dW1, db1, dW2, db2;
        Tape<double> t;
        const int h = t.activation(t.affine(t.param(&W1, &dW1), t.input(&X), t.param(&b1, &db1)), Activation::Tanh);
        const int z = t.affine(t.param(&W2, &dW2), h, t.param(&b2, &db2));
        const int loss = t.sum(t.mul(z, t.input(&R)));
        t.forward();
        t.backward(loss);
        const std::vector<std::pair<Eigen::MatrixXd*, Eigen::MatrixXd*>> leaves{{&W1, &dW1}, {&b1, &db1}, {&W2, &dW2}, {&b2, &db2}};
        for (const auto& leaf : leaves) {  // no structured binding: clang 14 cannot capture one in a lambda
            Eigen::MatrixXd* v = leaf.first;
            const Eigen::MatrixXd analytic = *leaf.second;
            for (Eigen::Index k = 0; k < v->size(); ++k) {
                const double x0 = v->data()[k];
                const double numeric = central_difference([&](double x) {
                    v->data()[k] = x;
                    t.forward();
                    return t.value(loss)(0, 0);
                }, x0);
                v->data()[k] = x0;
                CHECK(relative_error(analytic.data()[k], numeric) < 1e-6);
            }
        }
    }
}
