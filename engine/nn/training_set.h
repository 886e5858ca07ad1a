// TrainingSet: a run's points (a Dataset: training and test sets) and the matrices the network
// reads, one example per column: the features of each point and its target in the head's form.
// The matrices follow the points, the features and the head; nothing here trains.
#pragma once
#include <Eigen/Core>
#include <vector>

#include "dataset.h"
#include "input_features.h"
#include "mlp.h"

namespace bp {

enum class BinaryHead;

// The output head a task trains with (binary_head chooses for two classes).
Head head_for(Task task, BinaryHead binary_head);

class TrainingSet {
public:
    using Mat = Eigen::MatrixXf;

    const Dataset& data() const { return data_; }
    bool has_accuracy() const { return data_.task != Task::Regression; }

    // Changing the points: the matrices are stale until the next refresh().
    void set(Dataset data) { data_ = std::move(data); }
    void add(Point p) { data_.train.push_back(p); }
    bool erase_near(double x1, double x2, double radius) { return bp::erase_near(data_, x1, x2, radius); }

    // The feature and target matrices of both sets, from the points.
    void refresh(const std::vector<Feature>& features, BinaryHead binary_head);
    const Mat& X_train() const { return X_train_; }  // (features, N)
    const Mat& Y_train() const { return Y_train_; }  // (outputs, N)
    const Mat& X_test() const { return X_test_; }
    const Mat& Y_test() const { return Y_test_; }

    // g.batch() training examples (by index) into g.X, g.Y.
    void fill(MlpGraph<float>& g, const int* indices) const;

private:
    Mat targets(const std::vector<Point>& points, BinaryHead binary_head) const;

    Dataset data_;
    Mat X_train_, Y_train_, X_test_, Y_test_;
};

// The mean data loss of the examples X (features, n), targets Y (outputs, n) through g, an
// Evaluate graph of n examples: the one way a whole set's loss is computed (the Trainer's
// evaluate() and the loss landscape's points), so that both give the same bits.
float set_loss(MlpGraph<float>& g, const Eigen::MatrixXf& X, const Eigen::MatrixXf& Y);

}  // namespace bp
