// WeightCopies: a network's parameters (W0, b0, W1, b1, ...) as the optimizer sees them, and
// the two copies a run keeps besides them: where the run starts (as initialised, or loaded
// from a file: reset() returns there) and the values before the last update (the probe's
// update ratio, the layer view's "before", and the last good weights when an update is not
// finite). Copies are made in place: a step allocates nothing.
#pragma once
#include <Eigen/Core>
#include <vector>

#include "mlp.h"

namespace bp {

class WeightCopies {
public:
    using Mat = Eigen::MatrixXf;

    void attach(Mlp<float>& net);  // net's parameters, as they are now, are the start
    // New start values of the same shapes (asserted), e.g. a loaded file.
    void set_initial(const std::vector<Mat>& params);
    void restore_initial();  // parameters = the start values
    void save_before();      // before = parameters (ahead of an update)
    void restore_before();   // parameters = before (the update is undone)
    bool finite() const;     // every parameter is a finite number

    std::vector<ParamRef<float>>& params() { return params_; }
    const std::vector<Mat>& initial() const { return initial_; }  // as first initialised or loaded
    const std::vector<Mat>& before() const { return before_; }    // before the last update

private:
    std::vector<ParamRef<float>> params_;  // net.params(), cached
    std::vector<Mat> initial_, before_;
};

}  // namespace bp
