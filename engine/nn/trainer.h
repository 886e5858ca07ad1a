// Trainer: one training run. It turns a Config into data, a model and an optimizer, and trains
// in small slices (step(n), epochs) so a UI frame never waits, stopping with a message when
// anything becomes NaN or Inf instead of passing it on. Each other concern is a member type
// with its own file: the points and their matrices (TrainingSet), the recorded graphs
// (TapeCache), the parameters' start and last-update copies (WeightCopies), the loss curve
// (LossHistory), the per-layer probe (Diagnostics), and the inputs of the plane's outputs for
// figures (PlaneInputs, plane_outputs.h). The heatmaps a UI frame shows are FrameGrids', outside.
#pragma once
#include <algorithm>
#include <string>
#include <vector>

#include "config.h"
#include "diagnostics.h"
#include "loss_history.h"
#include "mlp.h"
#include "plane_outputs.h"
#include "run_log.h"
#include "tape_cache.h"
#include "training_set.h"
#include "weight_copies.h"

namespace bp {

class Trainer {
public:
    using Mat = Eigen::MatrixXf;

    explicit Trainer(const Config& config = Config());

    // Applies a new config: data or model changes rebuild (and reset); learning rate,
    // optimizer, schedule, regularisation, clipping and batch size take effect in place.
    void set_config(const Config& config);
    // The run from `config` alone: its data generated, its weights initialised (points added,
    // an imported CSV or loaded weights dropped), epoch 0.
    void rebuild(const Config& config);
    const Config& config() const { return config_; }

    void reset();             // same data, same initial weights, empty history
    void step(int batches);   // up to `batches` SGD steps; none once diverged or at stop_epoch
    bool at_stop_epoch() const { return config_.stop_epoch > 0 && epoch_ >= config_.stop_epoch; }
    void run_epochs(int n);   // whole epochs from the current position

    int epoch() const { return epoch_; }
    long steps() const { return steps_; }
    long examples_seen() const { return examples_; }
    // The steps one epoch takes: every training point once, in batches of config().batch.
    long steps_per_epoch() const {
        const long n = long(data().train.size()), b = std::max(1, config_.batch);
        return std::max(1L, (n + b - 1) / b);
    }
    // The steps until this epoch ends, its last one included (the step that ends an epoch also
    // evaluates both sets: a frame's time budget counts it apart).
    long steps_left_in_epoch() const;
    double current_lr() const;
    bool has_accuracy() const { return set_.has_accuracy(); }
    const LossHistory& history() const { return history_; }
    EpochRecord evaluate();   // loss and accuracy on train and test right now

    bool diverged() const { return diverged_at_ >= 0; }
    long diverged_at() const { return diverged_at_; }
    const std::string& divergence() const { return divergence_; }
    // The rate a diverged run names as the likely fix (a tenth of the current one), or 0 when
    // the rate is small enough (below 0.3) that it is not the likely cause.
    double suggested_lr() const { return config_.lr >= 0.3 ? config_.lr / 10 : 0; }

    // The probe: the latest per-layer stats (hidden layers, then the output layer), complete
    // when read, and (diagnostics()) the series and how often a step is probed.
    const std::vector<LayerStats>& layer_stats() const {
        diagnostics_.settle(model_);
        return diagnostics_.stats();
    }
    const Diagnostics& diagnostics() const { return diagnostics_; }
    Diagnostics& diagnostics() { return diagnostics_; }

    const Dataset& data() const { return set_.data(); }
    const TrainingSet& training_set() const { return set_; }
    void add_point(Point p);                        // keeps the model, refreshes the data
    bool erase_near(double x1, double x2, double radius);
    void set_data(Dataset data);                    // e.g. an imported CSV
    // New weights (W0, b0, W1, b1, ... of this network's shapes, e.g. a loaded file) become
    // the run's starting point: training starts again from them at epoch 0, and reset()
    // returns to them until the network or the data is rebuilt.
    void set_weights(const std::vector<Mat>& params);
    const WeightCopies& weights() const { return weights_; }

    // The recorded graphs and the tape's mode (set_mode: the numbers are the same bits).
    TapeCache& tapes() { return tapes_; }
    const TapeCache& tapes() const { return tapes_; }
    PlaneInputs& plane_inputs() { return plane_; }  // for plane_outputs.h

    // The layer view's step, on a batch it chose and recorded itself on model():
    // next_batch() gives the training indices the next step() would use (starting the
    // epoch's shuffled order if due; training_set().fill() copies them into a graph);
    // apply_gradients() then makes the step's own update from the dW, db that `g`'s backward
    // pass left in the model (regularisation, clipping, the optimizer at current_lr(), the
    // divergence checks, the probe), counting one step of g.batch() examples; `next_batch`
    // says g holds next_batch() (the epoch's position moves on).
    std::vector<int> next_batch();
    // The training indices in the order the next epoch will shuffle them (what a full-batch
    // step at an epoch's start takes), without drawing from the run's shuffle RNG: the loss
    // landscape's full-batch gradient sums in this order to match such a step bit for bit.
    std::vector<int> full_batch_order() const;
    void apply_gradients(MlpGraph<float>& g, float loss, bool next_batch);
    const Optimizer<float>& optimizer() const { return optimizer_; }
    Mlp<float>& model() { return model_; }
    const Mlp<float>& model() const { return model_; }
    // How this run started and what was edited while it trained (run_log.h): a run record
    // replays it. An edit before the first step changes the start instead (the run restarts).
    const RunLog& run_log() const { return log_; }
    bool data_edited() const { return data_edited_; }  // the data is not what config() generates

private:
    void build_data();
    void build_model();
    void refresh_matrices();
    void restart_order();
    void train_batch();
    int start_batch();  // the next batch's size, shuffling at an epoch's start
    void finish_epoch();
    void mark_diverged(const std::string& what);
    void log_edit(RunEdit edit);  // at step 0 the run starts again from its new state instead
    double set_metrics(MlpGraph<float>& g, const Mat& X, const Mat& Y, const std::vector<Point>& points,
                       double& accuracy);

    Config config_;
    TrainingSet set_;
    Mlp<float> model_;
    WeightCopies weights_;
    Optimizer<float> optimizer_;
    TapeCache tapes_;
    PlaneInputs plane_;
    Diagnostics diagnostics_;
    LossHistory history_;
    Rng shuffle_rng_;
    std::vector<int> order_;     // shuffled training indices of this epoch
    std::size_t cursor_ = 0;     // next index into order_
    int epoch_ = 0;
    long steps_ = 0, examples_ = 0;
    long diverged_at_ = -1;
    std::string divergence_;
    RunLog log_;
    bool data_edited_ = false;     // the data is not what config_ generates (points added, a CSV)
    bool weights_loaded_ = false;  // the start weights came from set_weights, not from the seed
};

}  // namespace bp
