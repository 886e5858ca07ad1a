// The benchmark's yardstick: a hand-written Eigen MLP training step (forward, backward,
// SGD update) with no autodiff machinery. The engine's static-tape step is compared
// against this in the same run.
#pragma once
#include <Eigen/Core>
#include <vector>

#include "activations.h"
#include "rng.h"

namespace bp {

class ReferenceMlp {
public:
    using Mat = Eigen::MatrixXf;

    // sizes = {n_in, hidden..., n_out}; act for hidden layers, linear output, square loss.
    ReferenceMlp(const std::vector<int>& sizes, Activation act, int batch, std::uint64_t seed) : act_(act) {
        Rng rng(seed);
        const int L = int(sizes.size()) - 1;
        W_.resize(L), b_.resize(L), dW_.resize(L), db_.resize(L), Z_.resize(L), A_.resize(L + 1), dZ_.resize(L);
        for (int l = 0; l < L; ++l) {
            W_[l] = Mat(sizes[l + 1], sizes[l]);
            for (Eigen::Index k = 0; k < W_[l].size(); ++k) W_[l].data()[k] = float(rng.normal(0, 1.0 / std::sqrt(sizes[l])));
            b_[l] = Mat::Zero(sizes[l + 1], 1);
            dW_[l] = Mat::Zero(sizes[l + 1], sizes[l]);
            db_[l] = Mat::Zero(sizes[l + 1], 1);
            Z_[l] = Mat::Zero(sizes[l + 1], batch);
            dZ_[l] = Mat::Zero(sizes[l + 1], batch);
            A_[l + 1] = Mat::Zero(sizes[l + 1], batch);
        }
    }

    // One step on X (n_in, batch), Y (n_out, batch); returns the mean square loss.
    float step(const Mat& X, const Mat& Y, float lr) {
        const int L = int(W_.size());
        const Mat* a = &X;
        for (int l = 0; l < L; ++l) {  // z = W a + b;  a' = f(z)
            Z_[l].noalias() = W_[l] * *a;
            Z_[l].colwise() += b_[l].col(0);
            if (l + 1 < L) activate(act_, Z_[l], A_[l + 1]);
            else A_[l + 1] = Z_[l];
            a = &A_[l + 1];
        }
        const float n = float(X.cols());
        dZ_[L - 1] = (A_[L] - Y) * (2 / n);  // d mean (y - t)^2 = 2 (y - t) / n
        const float loss = (A_[L] - Y).squaredNorm() / n;
        for (int l = L - 1; l >= 0; --l) {  // dW = dz a^T, db = sum dz, da = W^T dz
            const Mat& a_in = l == 0 ? X : A_[l];
            dW_[l].noalias() = dZ_[l] * a_in.transpose();
            db_[l] = dZ_[l].rowwise().sum();
            if (l > 0) {
                dZ_[l - 1].noalias() = W_[l].transpose() * dZ_[l];
                activation_backward(act_, Z_[l - 1], A_[l], dZ_[l - 1], dZ_[l - 1]);
            }
            W_[l] -= lr * dW_[l];
            b_[l] -= lr * db_[l];
        }
        return loss;
    }

private:
    Activation act_;
    std::vector<Mat> W_, b_, dW_, db_, Z_, A_, dZ_;
};

}  // namespace bp
