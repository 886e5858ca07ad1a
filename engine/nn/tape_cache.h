// TapeCache: the graphs a run records on the tape and replays: one training step's graph per
// batch size, one evaluation graph per set size and one forward-only graph per count of points
// on the plane (plane_outputs.h), and the tape's mode (static: recorded
// once and replayed; dynamic: recorded again at every pass; the numbers are the same bits).
// It counts recordings and replays for the layer view's and the lessons' comparisons.
#pragma once
#include <map>
#include <memory>

#include "mlp.h"

namespace bp {

class TapeCache {
public:
    // The graph of `use` (Train, Evaluate or Predict) for `batch` examples on `net`, recorded on
    // first use in the current mode.
    MlpGraph<float>& graph(Mlp<float>& net, GraphUse use, int batch);

    void drop_train();      // the batch size changed
    void drop();            // training and evaluation graphs (the sets changed size), counts kept
    void restart();         // a new network: nothing kept, counts from zero

    void set_mode(TapeMode mode);  // training and evaluation graphs follow at their next pass
    TapeMode mode() const { return mode_; }

    struct Counts {
        long recordings = 0, replays = 0;  // of the training and evaluation graphs since the
                                           // network was built (graphs dropped included)
        std::size_t bytes_held = 0;        // by the tapes kept now
    };
    Counts counts() const;
    std::size_t size() const { return train_.size() + eval_.size() + predict_.size(); }  // graphs kept

private:
    using Cache = std::map<int, std::unique_ptr<MlpGraph<float>>>;
    Cache train_, eval_, predict_;  // by batch size
    TapeMode mode_ = TapeMode::Static;
    Counts dropped_;  // recordings and replays of graphs dropped since the network was built
};

}  // namespace bp
