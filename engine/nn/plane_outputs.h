// The network's outputs over the plane [-6, 6]^2, computed on a Trainer's current weights for
// a figure or a test: the output grid behind the heatmap, every hidden unit's grid, and the
// output along a line (the fit plot). Forward-only graphs, recorded once per size and kept in
// the Trainer's TapeCache (dropped with its network). A UI frame uses FrameGrids instead,
// which computes its pictures from a copy of the weights within the frame's budget.
#pragma once
#include <Eigen/Core>
#include <vector>

#include "input_features.h"
#include "mlp.h"

namespace bp {

class Trainer;

// The inputs the functions below keep between calls (a Trainer member, empty until used).
struct PlaneInputs {
    Eigen::MatrixXf grid_features;  // (features, n*n) of the last grid
    int grid_n = 0;
    std::vector<Feature> grid_feature_set;
    Eigen::MatrixXf curve_features;  // output_curve's inputs
};

// Grids over the plane, n x n, row-major, row 0 at the top (x2 = +6): the network's output
// (probability of class 1, regression value, or the winning class's probability with its
// class in `classes`), and every hidden unit's activation (and derivative): hidden[l] is
// (units, n*n).
void output_grid(Trainer& t, int n, std::vector<float>& out, std::vector<int>* classes = nullptr);
void hidden_grids(Trainer& t, int n, std::vector<Eigen::MatrixXf>& activations,
                  std::vector<Eigen::MatrixXf>* derivatives = nullptr);
// The output along the line x2 = `x2`: n points with x1 from -6 to 6 (ends included), for
// the fit plot of a regression on one input.
void output_curve(Trainer& t, int n, double x2, std::vector<float>& out);

}  // namespace bp
