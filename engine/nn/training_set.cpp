// TrainingSet: the feature and target matrices of a run's points, and the copy of a batch's
// columns into a recorded graph's inputs; a whole set's loss.
#include "training_set.h"

#include <algorithm>

#include "config.h"

namespace bp {

Head head_for(Task task, BinaryHead binary_head) {
    switch (task) {
        case Task::Regression: return Head::Regression;
        case Task::Binary: return binary_head == BinaryHead::SigmoidBce ? Head::SigmoidBce : Head::TanhMse;
        case Task::Multiclass: return Head::Softmax;
    }
    return Head::SigmoidBce;
}

void TrainingSet::refresh(const std::vector<Feature>& features, BinaryHead binary_head) {
    feature_matrix(features, data_.train, X_train_);
    feature_matrix(features, data_.test, X_test_);
    Y_train_ = targets(data_.train, binary_head);
    Y_test_ = targets(data_.test, binary_head);
}

TrainingSet::Mat TrainingSet::targets(const std::vector<Point>& points, BinaryHead binary_head) const {
    const Head head = head_for(data_.task, binary_head);
    const int n_out = head == Head::Softmax ? data_.classes : 1;
    Mat Y = Mat::Zero(n_out, Eigen::Index(points.size()));
    for (std::size_t j = 0; j < points.size(); ++j) {
        const auto col = Eigen::Index(j);
        const float label = float(points[j].label);
        if (head == Head::Softmax) Y(Eigen::Index(label), col) = 1;   // one-hot
        else if (head == Head::TanhMse) Y(0, col) = 2 * label - 1;   // 0/1 -> -1/+1
        else Y(0, col) = label;
    }
    return Y;
}

void TrainingSet::fill(MlpGraph<float>& g, const int* indices) const {
    const Eigen::Index nx = g.X.rows(), ny = g.Y.rows();  // columns are contiguous: plain copies
    for (Eigen::Index j = 0; j < g.X.cols(); ++j) {
        const Eigen::Index idx = indices[j];
        std::copy_n(X_train_.data() + idx * nx, nx, g.X.data() + j * nx);
        std::copy_n(Y_train_.data() + idx * ny, ny, g.Y.data() + j * ny);
    }
}

float set_loss(MlpGraph<float>& g, const Eigen::MatrixXf& X, const Eigen::MatrixXf& Y) {
    g.X = X;
    g.Y = Y;
    return g.run(false);
}

}  // namespace bp
