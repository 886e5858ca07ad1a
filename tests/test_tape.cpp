// Tensor tape: every op's gradient against central differences (double, through the leaf
// pointers and forward() replays), losses against hand values, the lecture's linear-layer
// formulas, static (define-then-run) vs dynamic (define-by-run) bit for bit over SGD
// steps, no NaN for huge logits, and no heap allocation during a static replay.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <utility>
#include <vector>

#include "alloc_test_util.h"
#include "gradcheck.h"
#include "tape.h"

using namespace bp;

namespace {

using MatD = Eigen::MatrixXd;

// Deterministic test values: scale * sin(1.3 k + phase), k the column-major index.
MatD fixed(Eigen::Index rows, Eigen::Index cols, double scale = 1.0, double phase = 0.0) {
    MatD m(rows, cols);
    for (Eigen::Index k = 0; k < m.size(); ++k) m.data()[k] = scale * std::sin(1.3 * double(k) + phase);
    return m;
}

struct Leaf {
    MatD value, grad;
};

// A value to perturb and the grad the tape wrote for it.
struct GradRef {
    GradRef(Leaf* l) : value(&l->value), grad(&l->grad) {}
    GradRef(MatD* v, const MatD* g) : value(v), grad(g) {}
    MatD* value;
    const MatD* grad;
};

// Central-difference check of d value(loss) / d leaf for every entry of every leaf, each
// perturbed through its pointer and re-evaluated by forward(); returns the worst relative error.
double max_grad_error(Tape<double>& tape, int loss, std::vector<GradRef> leaves) {
    tape.forward();
    tape.backward(loss);
    std::vector<MatD> analytic;
    for (const GradRef& l : leaves) analytic.push_back(*l.grad);
    double worst = 0;
    for (std::size_t p = 0; p < leaves.size(); ++p) {
        MatD& v = *leaves[p].value;
        for (Eigen::Index k = 0; k < v.size(); ++k) {
            const double x0 = v.data()[k];
            const double numeric = central_difference(
                [&](double x) {
                    v.data()[k] = x;
                    tape.forward();
                    return tape.value(loss)(0, 0);
                },
                x0);
            v.data()[k] = x0;
            worst = std::max(worst, relative_error(analytic[p].data()[k], numeric));
        }
    }
    tape.forward();
    return worst;
}

// loss = sum(out .* R) with fixed weights R: every entry of `out` gets its own upstream slope.
int weighted_sum(Tape<double>& t, int out, const MatD* R) { return t.sum(t.mul(out, t.input(R))); }

}  // namespace

TEST_CASE("every tape op's gradient matches central differences (double)") {
    Leaf A{fixed(3, 4, 0.9, 0.1), {}}, B{fixed(3, 4, 1.1, 2.0), {}};
    const MatD R = fixed(3, 4, 1.0, 0.5);
    auto check = [&](const char* what, auto build, std::vector<GradRef> leaves) {
        Tape<double> t;
        const int loss = build(t);
        INFO(what);
        CHECK(t.value(loss).rows() == 1);
        CHECK(t.value(loss).cols() == 1);
        CHECK(max_grad_error(t, loss, leaves) < 1e-6);
    };

    Leaf M{fixed(4, 2, 0.8, 1.0), {}};
    const MatD R32 = fixed(3, 2, 1.0, 0.3);
    check("matmul", [&](Tape<double>& t) {
        return weighted_sum(t, t.matmul(t.param(&A.value, &A.grad), t.param(&M.value, &M.grad)), &R32);
    }, {&A, &M});
    Leaf bias{fixed(3, 1, 0.5, 3.0), {}};
    check("add_bias", [&](Tape<double>& t) {
        return weighted_sum(t, t.add_bias(t.param(&A.value, &A.grad), t.param(&bias.value, &bias.grad)), &R);
    }, {&A, &bias});
    check("add", [&](Tape<double>& t) {
        return weighted_sum(t, t.add(t.param(&A.value, &A.grad), t.param(&B.value, &B.grad)), &R);
    }, {&A, &B});
    check("sub", [&](Tape<double>& t) {
        return weighted_sum(t, t.sub(t.param(&A.value, &A.grad), t.param(&B.value, &B.grad)), &R);
    }, {&A, &B});
    check("mul", [&](Tape<double>& t) {
        return t.sum(t.mul(t.param(&A.value, &A.grad), t.param(&B.value, &B.grad)));
    }, {&A, &B});
    check("scale", [&](Tape<double>& t) { return weighted_sum(t, t.scale(t.param(&A.value, &A.grad), -1.7), &R); },
          {&A});
    check("sum", [&](Tape<double>& t) { return t.sum(t.param(&A.value, &A.grad)); }, {&A});
    check("mean", [&](Tape<double>& t) { return t.mean(t.param(&A.value, &A.grad)); }, {&A});
    check("l2", [&](Tape<double>& t) { return t.l2(t.param(&A.value, &A.grad)); }, {&A});
    check("l1", [&](Tape<double>& t) { return t.l1(t.param(&A.value, &A.grad)); }, {&A});
    for (const Activation act : enum_values<Activation>()) {
        INFO(name_of(act));
        check("activation", [&](Tape<double>& t) {
            return weighted_sum(t, t.activation(t.param(&A.value, &A.grad), act), &R);
        }, {&A});
    }
    // Losses, differentiated in both arguments.
    Leaf P{fixed(2, 5, 1.5, 0.2), {}}, Y{fixed(2, 5, 1.0, 1.9), {}};
    check("mse", [&](Tape<double>& t) { return t.mse(t.param(&P.value, &P.grad), t.param(&Y.value, &Y.grad)); },
          {&P, &Y});
    Leaf prob{(fixed(2, 5, 0.5, 0.7).array() + 0.5).matrix(), {}};  // targets in [0, 1]
    check("bce_with_logits", [&](Tape<double>& t) {
        return t.bce_with_logits(t.param(&P.value, &P.grad), t.param(&prob.value, &prob.grad));
    }, {&P, &prob});
    Leaf logits{fixed(3, 5, 2.0, 0.4), {}};
    Leaf onehot{MatD::Zero(3, 5), {}};
    for (int j = 0; j < 5; ++j) onehot.value(j % 3, j) = 1;
    check("softmax_ce (one-hot)", [&](Tape<double>& t) {
        return t.softmax_ce(t.param(&logits.value, &logits.grad), t.param(&onehot.value, &onehot.grad));
    }, {&logits, &onehot});
    Leaf soft{(fixed(3, 5, 0.3, 1.1).array() + 0.4).matrix(), {}};  // columns not summing to 1
    check("softmax_ce (soft targets)", [&](Tape<double>& t) {
        return t.softmax_ce(t.param(&logits.value, &logits.grad), t.param(&soft.value, &soft.grad));
    }, {&logits, &soft});
}

TEST_CASE("several paths: gradients add up over every use of a node") {
    // L = sum(h .* h) + sum(h + a) + 0.3 l2(a), h = tanh(a): a reaches L along four paths.
    Leaf a{fixed(2, 3, 0.8, 0.6), {}};
    Tape<double> t;
    const int A = t.param(&a.value, &a.grad);
    const int h = t.activation(A, Activation::Tanh);
    const int loss = t.add(t.add(t.sum(t.mul(h, h)), t.sum(t.add(h, A))), t.scale(t.l2(A), 0.3));
    CHECK(max_grad_error(t, loss, {&a}) < 1e-6);
    // Closed form: dL/da = (2h + 1)(1 - h^2) + 1 + 0.3 a.
    const MatD H = a.value.array().tanh().matrix();
    const MatD expected = ((2 * H.array() + 1) * (1 - H.array().square()) + 1 + 0.3 * a.value.array()).matrix();
    t.backward(loss);
    CHECK(a.grad.isApprox(expected, 1e-14));
    // The same matrix as two param nodes (tied weights): both contributions land in one grad.
    Tape<double> tied;
    const int loss2 = tied.sum(tied.mul(tied.param(&a.value, &a.grad), tied.param(&a.value, &a.grad)));
    tied.forward();
    tied.backward(loss2);
    CHECK(a.grad.isApprox(2 * a.value, 1e-15));  // d sum(a^2) = 2a
}

TEST_CASE("backward zeroes param grads first: two backward passes give the same grads") {
    Leaf w{fixed(2, 2, 1.0, 0.0), {}};
    Tape<double> t;
    const int loss = t.l2(t.param(&w.value, &w.grad));
    t.forward();
    t.backward(loss);
    const MatD once = w.grad;
    t.backward(loss);
    CHECK(w.grad == once);
    CHECK(once == w.value);  // d 0.5 sum w^2 = w
    // A param that does not reach the loss gets a zero grad (its stale grad is cleared).
    Leaf other{fixed(2, 2), MatD::Constant(2, 2, 7.0)};
    Tape<double> t2;
    t2.param(&other.value, &other.grad);
    const int l2 = t2.l2(t2.param(&w.value, &w.grad));
    t2.forward();
    t2.backward(l2);
    CHECK(other.grad == MatD::Zero(2, 2));
}

TEST_CASE("losses and reductions by hand") {
    Tape<double> t(TapeMode::Dynamic);  // values are there as soon as an op is recorded
    MatD p1(2, 1), zero21 = MatD::Zero(2, 1);
    p1 << 1, 2;
    // One example with two outputs: (1^2 + 2^2) / 1 = 5.
    CHECK(t.value(t.mse(t.input(&p1), t.input(&zero21)))(0, 0) == 5.0);
    // Two examples with one output each: (1 + 4) / 2 = 2.5.
    const MatD p2 = p1.transpose(), zero12 = MatD::Zero(1, 2);
    CHECK(t.value(t.mse(t.input(&p2), t.input(&zero12)))(0, 0) == 2.5);
    // bce at z = 0 is log 2 whatever the label; at z = 2, t = 1 it is log(1 + e^-2).
    const MatD z0 = MatD::Zero(1, 3), labels = (MatD(1, 3) << 0, 1, 0.5).finished();
    CHECK(t.value(t.bce_with_logits(t.input(&z0), t.input(&labels)))(0, 0) ==
          doctest::Approx(0.6931471805599453).epsilon(1e-15));
    const MatD z2 = MatD::Constant(1, 1, 2.0), one = MatD::Ones(1, 1);
    CHECK(t.value(t.bce_with_logits(t.input(&z2), t.input(&one)))(0, 0) ==
          doctest::Approx(0.1269280110429725).epsilon(1e-15));
    // softmax_ce of equal logits over k classes is log k (here k = 3, 4 examples).
    const MatD equal = MatD::Constant(3, 4, 0.7);
    MatD onehot = MatD::Zero(3, 4);
    for (int j = 0; j < 4; ++j) onehot(j % 3, j) = 1;
    CHECK(t.value(t.softmax_ce(t.input(&equal), t.input(&onehot)))(0, 0) ==
          doctest::Approx(1.0986122886681098).epsilon(1e-15));
    // logits (1, 2, 3), label 2: -log(e^3 / (e + e^2 + e^3)) = log(1 + e^-1 + e^-2).
    const MatD z123 = (MatD(3, 1) << 1, 2, 3).finished(), label2 = (MatD(3, 1) << 0, 0, 1).finished();
    CHECK(t.value(t.softmax_ce(t.input(&z123), t.input(&label2)))(0, 0) ==
          doctest::Approx(0.4076059644443804).epsilon(1e-15));
    // l2([3, 4]) = 0.5 (9 + 16) = 12.5;  l1([3, -4]) = 7;  sum, mean of 1..4 = 10, 2.5.
    const MatD w34 = (MatD(2, 1) << 3, 4).finished(), w3m4 = (MatD(1, 2) << 3, -4).finished();
    CHECK(t.value(t.l2(t.input(&w34)))(0, 0) == 12.5);
    CHECK(t.value(t.l1(t.input(&w3m4)))(0, 0) == 7.0);
    const MatD m1234 = (MatD(2, 2) << 1, 2, 3, 4).finished();
    CHECK(t.value(t.sum(t.input(&m1234)))(0, 0) == 10.0);
    CHECK(t.value(t.mean(t.input(&m1234)))(0, 0) == 2.5);
    // matmul, add_bias, scale by hand.
    const MatD w = (MatD(1, 2) << 2, -1).finished(), b = MatD::Constant(1, 1, 0.5);
    const int z = t.add_bias(t.matmul(t.input(&w), t.input(&m1234)), t.input(&b));
    CHECK(t.value(z) == (MatD(1, 2) << 2 * 1 - 3 + 0.5, 2 * 2 - 4 + 0.5).finished());
    CHECK(t.value(t.scale(z, 2.0)) == (MatD(1, 2) << -1, 1).finished());
    CHECK(t.size() > 0);
    t.clear();
    CHECK(t.size() == 0);
}

TEST_CASE("loss gradients by hand: sigma(z) - t, softmax - onehot, 2 (p - t) / batch") {
    Tape<double> t;
    Leaf z{MatD::Zero(1, 2), {}}, p{(MatD(1, 2) << 1, 2).finished(), {}}, s{MatD::Zero(2, 1), {}};
    const MatD labels = (MatD(1, 2) << 1, 0).finished(), targets = MatD::Zero(1, 2);
    const MatD onehot = (MatD(2, 1) << 0, 1).finished();
    const int bce = t.bce_with_logits(t.param(&z.value, &z.grad), t.input(&labels));
    const int mse = t.mse(t.param(&p.value, &p.grad), t.input(&targets));
    const int ce = t.softmax_ce(t.param(&s.value, &s.grad), t.input(&onehot));
    const int total = t.add(t.add(bce, mse), ce);
    t.forward();
    t.backward(total);
    CHECK(z.grad == (MatD(1, 2) << (0.5 - 1) / 2, (0.5 - 0) / 2).finished());  // (sigma(0) - t) / batch
    CHECK(p.grad == (MatD(1, 2) << 2 * 1 / 2.0, 2 * 2 / 2.0).finished());        // 2 (p - t) / batch
    CHECK(s.grad == (MatD(2, 1) << 0.5, 0.5 - 1).finished());                    // softmax - onehot
}

TEST_CASE("huge logits: no NaN in losses, sigmoid or their gradients") {
    Tape<double> t;
    Leaf z{(MatD(1, 4) << 1000, -1000, 1000, -1000).finished(), {}};
    const MatD labels = (MatD(1, 4) << 1, 0, 0, 1).finished();
    const int bce = t.bce_with_logits(t.param(&z.value, &z.grad), t.input(&labels));
    Leaf k{(MatD(3, 2) << 1000, 1000, 0, 1000, -1000, 1000).finished(), {}};
    const MatD onehot = (MatD(3, 2) << 1, 0, 0, 1, 0, 0).finished();
    const int ce = t.softmax_ce(t.param(&k.value, &k.grad), t.input(&onehot));
    Leaf x{MatD::Constant(1, 1, -1000), {}};
    const int sig = t.activation(t.param(&x.value, &x.grad), Activation::Sigmoid);
    const int total = t.add(t.add(bce, ce), t.sum(sig));
    t.forward();
    t.backward(total);
    // bce per example: right side 0, wrong side 1000; mean over 4 = (0 + 0 + 1000 + 1000) / 4.
    CHECK(t.value(bce)(0, 0) == 500.0);
    // ce: column 0 (1000, 0, -1000), label 0 -> 0; column 1 all 1000, label 1 -> log 3. Mean over 2.
    CHECK(t.value(ce)(0, 0) == doctest::Approx(std::log(3.0) / 2).epsilon(1e-12));
    CHECK(t.value(sig)(0, 0) == 0.0);
    CHECK(std::isfinite(t.value(total)(0, 0)));
    CHECK(z.grad.allFinite());
    CHECK(k.grad.allFinite());
    CHECK(x.grad(0, 0) == 0.0);  // saturated: sigma'(-1000) = 0
    CHECK(z.grad == (MatD(1, 4) << 0, 0, 0.25, -0.25).finished());  // (sigma(z) - t) / 4
    // And in float.
    Tape<float> tf;
    Eigen::MatrixXf zf = z.value.cast<float>(), lf = labels.cast<float>(), gzf;
    Eigen::MatrixXf kf = k.value.cast<float>(), of = onehot.cast<float>(), gkf;
    const int totf = tf.add(tf.bce_with_logits(tf.param(&zf, &gzf), tf.input(&lf)),
                            tf.softmax_ce(tf.param(&kf, &gkf), tf.input(&of)));
    tf.forward();
    tf.backward(totf);
    CHECK(std::isfinite(tf.value(totf)(0, 0)));
    CHECK(gzf.allFinite());
    CHECK(gkf.allFinite());
}

TEST_CASE("linear layer: dJ/db = sum over batch of dz, dJ/dW = dz x^T, dJ/dx = W^T dz") {
    Leaf X{fixed(3, 4, 1.0, 0.2), {}}, W{fixed(2, 3, 0.7, 1.4), {}}, b{fixed(2, 1, 0.3, 2.2), {}};
    const MatD G = fixed(2, 4, 1.3, 0.9);  // the upstream gradient dJ/dz (2, 4)
    Tape<double> t;
    const int z = t.add_bias(t.matmul(t.param(&W.value, &W.grad), t.param(&X.value, &X.grad)),
                             t.param(&b.value, &b.grad));
    const int J = t.sum(t.mul(z, t.input(&G)));  // J = sum(z .* G), so dJ/dz = G
    t.forward();
    t.backward(J);
    CHECK(t.grad(z) == G);
    const MatD db = G.rowwise().sum();
    const MatD dW = G * X.value.transpose();
    const MatD dX = W.value.transpose() * G;
    CHECK(b.grad.isApprox(db, 1e-14));
    CHECK(W.grad.isApprox(dW, 1e-14));
    CHECK(X.grad.isApprox(dX, 1e-14));
    CHECK(t.value(z).isApprox((W.value * X.value).colwise() + b.value.col(0), 1e-14));
}

namespace {

// A 2-3-1 tanh network with a sigmoid/BCE head, its weights from a fixed list.
template <class T>
struct TinyNet {
    using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
    Mat W1 = (Mat(3, 2) << 0.5, -0.3, 0.8, 0.2, -0.6, 0.9).finished(), dW1;  // (3, 2)
    Mat b1 = (Mat(3, 1) << 0.1, -0.2, 0.05).finished(), db1;                 // (3, 1)
    Mat W2 = (Mat(1, 3) << 0.7, -1.1, 0.4).finished(), dW2;                  // (1, 3)
    Mat b2 = (Mat(1, 1) << -0.15).finished(), db2;                           // (1, 1)
    Mat X = Mat::Zero(2, 4), Y = Mat::Zero(1, 4);                            // batch of 4
    int z1 = -1, a1 = -1, z2 = -1, loss = -1;

    void record(Tape<T>& t) {
        const int x = t.input(&X);
        z1 = t.add_bias(t.matmul(t.param(&W1, &dW1), x), t.param(&b1, &db1));
        a1 = t.activation(z1, Activation::Tanh);
        z2 = t.add_bias(t.matmul(t.param(&W2, &dW2), a1), t.param(&b2, &db2));
        loss = t.bce_with_logits(z2, t.input(&Y));
    }
    // Batch `step`: four points of the XOR-like set, rotated, written into the buffers in place.
    void fill(int step) {
        const T pts[4][3] = {{0.9, 0.8, 0}, {-0.7, 0.6, 1}, {0.5, -0.9, 1}, {-0.8, -0.4, 0}};
        for (int j = 0; j < 4; ++j) {
            const auto& p = pts[(j + step) % 4];
            X(0, j) = p[0] + T(0.01) * T(step);
            X(1, j) = p[1];
            Y(0, j) = p[2];
        }
    }
    void sgd(T lr) {
        W1 -= lr * dW1;
        b1 -= lr * db1;
        W2 -= lr * dW2;
        b2 -= lr * db2;
    }
};

}  // namespace

TEST_CASE_TEMPLATE("static replay and dynamic re-recording agree bit for bit over SGD steps", T, float, double) {
    TinyNet<T> s, d;  // two copies of the same network: one per mode
    Tape<T> st(TapeMode::Static), dt(TapeMode::Dynamic);
    s.record(st);  // define once
    T first_loss = 0, last_loss = 0;
    for (int step = 0; step < 6; ++step) {
        s.fill(step);
        d.fill(step);
        st.forward();  // then run
        st.backward(s.loss);
        dt.clear();  // define by run
        d.record(dt);
        dt.backward(d.loss);
        INFO("step ", step);
        CHECK(st.value(s.loss) == dt.value(d.loss));
        CHECK(st.value(s.a1) == dt.value(d.a1));
        CHECK(st.value(s.z2) == dt.value(d.z2));
        CHECK(st.grad(s.z1) == dt.grad(d.z1));
        CHECK(s.dW1 == d.dW1);
        CHECK(s.db1 == d.db1);
        CHECK(s.dW2 == d.dW2);
        CHECK(s.db2 == d.db2);
        CHECK(s.dW1.norm() > 0);
        if (step == 0) first_loss = st.value(s.loss)(0, 0);
        last_loss = st.value(s.loss)(0, 0);
        s.sgd(T(0.5));  // update the weights in place; the static tape sees them on replay
        d.sgd(T(0.5));
    }
    CHECK(s.W1 == d.W1);
    CHECK(first_loss != last_loss);  // the weights and the batch really changed under the tape
}

TEST_CASE("tiny MLP gradients match central differences") {
    TinyNet<double> n;
    n.fill(1);
    Tape<double> t;
    n.record(t);
    CHECK(max_grad_error(t, n.loss, {{&n.W1, &n.dW1}, {&n.b1, &n.db1}, {&n.W2, &n.dW2}, {&n.b2, &n.db2}}) < 1e-6);
}

namespace {

// An MLP with hidden tanh layers on a static tape: BCE head for one output, softmax-CE for more.
template <class T>
struct MlpFixture {
    using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
    std::vector<Mat> W, b, dW, db;
    Mat X, Y;
    Tape<T> tape;
    int loss = -1;

    MlpFixture(const std::vector<int>& sizes, int batch) {
        const std::size_t L = sizes.size() - 1;
        W.resize(L), b.resize(L), dW.resize(L), db.resize(L);
        for (std::size_t l = 0; l < L; ++l) {
            W[l] = fixed(sizes[l + 1], sizes[l], 1.0 / std::sqrt(double(sizes[l])), double(l)).cast<T>();
            b[l] = fixed(sizes[l + 1], 1, 0.1, 0.5 + double(l)).cast<T>();
        }
        X = fixed(sizes[0], batch, 1.0, 0.3).cast<T>();
        const int k = sizes.back();
        Y = Mat::Zero(k, batch);
        for (int j = 0; j < batch; ++j) Y(k == 1 ? 0 : j % k, j) = T(k == 1 ? j % 2 : 1);
        int a = tape.input(&X);
        for (std::size_t l = 0; l < L; ++l) {
            a = tape.add_bias(tape.matmul(tape.param(&W[l], &dW[l]), a), tape.param(&b[l], &db[l]));
            if (l + 1 < L) a = tape.activation(a, Activation::Tanh);
        }
        const int y = tape.input(&Y);
        loss = k == 1 ? tape.bce_with_logits(a, y) : tape.softmax_ce(a, y);
    }
};

// Heap allocations (malloc calls) made by fn, with Eigen's own malloc guard armed as well.
template <class Fn>
long mallocs_during(Fn&& fn) {
    Eigen::internal::set_is_malloc_allowed(false);
    const long n = malloc_calls_during(fn);
    Eigen::internal::set_is_malloc_allowed(true);
    return n;
}

}  // namespace

TEST_CASE_TEMPLATE("a static replay (forward + backward) allocates nothing", T, float, double) {
    const std::vector<std::vector<int>> nets = {{2, 8, 8, 1}, {2, 8, 8, 3}, {2, 64, 64, 1}};
    const std::vector<int> batches = {10, 10, 256};
    for (std::size_t i = 0; i < nets.size(); ++i) {
        MlpFixture<T> f(nets[i], batches[i]);
        INFO("net ", i, ", batch ", batches[i]);
        const long n = mallocs_during([&] {
            for (int rep = 0; rep < 3; ++rep) {
                f.X *= T(0.99);  // a refilled batch and updated weights are read through the leaves
                f.W[0] *= T(1.01);
                f.tape.forward();
                f.tape.backward(f.loss);
            }
        });
        CHECK(n == 0);
        CHECK(std::isfinite(double(f.tape.value(f.loss)(0, 0))));
        CHECK(f.dW[0].norm() > 0);
    }
    if (!alloc_counting()) MESSAGE("malloc counting needs glibc; only Eigen's debug-build guard was armed");
}

TEST_CASE("the malloc counter sees Eigen allocations (so the zero above can fail)" *
          doctest::test_suite(BP_MALLOC_COUNT_SUITE)) {
    BP_SKIP_WITHOUT_MALLOC_COUNT();
    Eigen::MatrixXf a = Eigen::MatrixXf::Ones(8, 8);
    const long before = malloc_calls();
    Eigen::MatrixXf b = a * a;  // a fresh matrix: one allocation
    CHECK(malloc_calls() - before >= 1);
    CHECK(b(0, 0) == 8.0f);
}

TEST_CASE("dynamic mode re-records into the kept buffers: no allocation after the first step") {
    MlpFixture<float> f({2, 8, 8, 1}, 10);  // only for its matrices
    Tape<float> t(TapeMode::Dynamic);
    auto record = [&] {
        t.clear();
        int a = t.input(&f.X);
        for (std::size_t l = 0; l < f.W.size(); ++l) {
            a = t.add_bias(t.matmul(t.param(&f.W[l], &f.dW[l]), a), t.param(&f.b[l], &f.db[l]));
            if (l + 1 < f.W.size()) a = t.activation(a, Activation::Tanh);
        }
        const int loss = t.bce_with_logits(a, t.input(&f.Y));
        t.backward(loss);
        return loss;
    };
    const int loss = record();
    const float first = t.value(loss)(0, 0);
    CHECK(mallocs_during(record) == 0);
    CHECK(t.value(loss)(0, 0) == first);
}
