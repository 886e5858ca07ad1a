// Trainer: turns a Config into data, a model and an optimizer, and trains in small
// slices (step(n), epochs) so a UI frame never waits. It keeps the history the views
// plot, probes every layer (probe.h), evaluates grids for heatmaps, and stops with a
// message when anything becomes NaN or Inf instead of passing it on.
#pragma once
#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config.h"
#include "dataset.h"
#include "mlp.h"
#include "probe.h"
#include "run_log.h"

namespace bp {

struct EpochRecord {
    int epoch = 0;
    double train_loss = 0, test_loss = 0;  // mean data loss (no penalty term)
    double train_acc = 0, test_acc = 0;    // fraction correct; 0 for regression
};

class Trainer {
public:
    using Mat = Eigen::MatrixXf;

    explicit Trainer(const Config& config = Config());

    // Applies a new config: data or model changes rebuild (and reset); learning rate,
    // optimizer, schedule, regularisation, clipping and batch size take effect in place.
    void set_config(const Config& config);
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
        const long n = long(data_.train.size()), b = std::max(1, config_.batch);
        return std::max(1L, (n + b - 1) / b);
    }
    double current_lr() const;
    bool has_accuracy() const { return data_.task != Task::Regression; }
    // One record per epoch (epoch 0 = before training), always ending on the current one.
    // Past kHistoryCap records it keeps every other epoch and doubles its stride, as Series
    // does, so an hours-long run keeps the curve's shape in fixed memory.
    static constexpr std::size_t kHistoryCap = 4096;
    const std::vector<EpochRecord>& history() const { return history_; }
    int history_stride() const { return history_stride_; }  // epochs between kept records
    EpochRecord evaluate();   // loss and accuracy on train and test right now

    bool diverged() const { return diverged_at_ >= 0; }
    long diverged_at() const { return diverged_at_; }
    const std::string& divergence() const { return divergence_; }
    // The rate a diverged run names as the likely fix (a tenth of the current one), or 0 when
    // the rate is small enough (below 0.3) that it is not the likely cause.
    double suggested_lr() const { return config_.lr >= 0.3 ? config_.lr / 10 : 0; }

    // Diagnostics: latest per-layer stats (hidden layers, then the output layer), and
    // per-layer plot series (one value per probed step). A probed step computes what the
    // series need (gradient norm, update ratio, saturated units); the rest of the stats
    // (histograms, means, norms) are computed from that step's values when first read.
    int probe_every = 1;
    const std::vector<LayerStats>& layer_stats() const {
        if (snapshot_graph_) take_snapshot();
        return stats_;
    }
    const std::vector<Series>& grad_norm_series() const { return grad_norm_series_; }
    const std::vector<Series>& update_ratio_series() const { return update_ratio_series_; }
    const std::vector<Series>& saturated_series() const { return saturated_series_; }
    const std::vector<Series>& dead_series() const { return dead_series_; }

    // Grids over the plane [-6, 6]^2, n x n, row-major, row 0 at the top (x2 = +6):
    // the network's output (probability of class 1, regression value, or the winning
    // class's probability with its class in `classes`), and every hidden unit's
    // activation (and derivative): hidden[l] is (units, n*n).
    void output_grid(int n, std::vector<float>& out, std::vector<int>* classes = nullptr);
    void hidden_grids(int n, std::vector<Mat>& activations, std::vector<Mat>* derivatives = nullptr);
    // The output along the line x2 = `x2`: n points with x1 from -6 to 6 (ends included), for
    // the fit plot of a regression on one input.
    void output_curve(int n, double x2, std::vector<float>& out);

    const Dataset& data() const { return data_; }
    void add_point(Point p);                        // keeps the model, refreshes the data
    bool erase_near(double x1, double x2, double radius);
    void set_data(Dataset data);                    // e.g. an imported CSV
    // New weights (W0, b0, W1, b1, ... of this network's shapes, e.g. a loaded file) become
    // the run's starting point: training starts again from them at epoch 0, and reset()
    // returns to them until the network or the data is rebuilt.
    void set_weights(const std::vector<Mat>& params);
    std::size_t cached_graphs() const {  // recorded tapes
        return train_graphs_.size() + eval_graphs_.size() + grid_graphs_.size();
    }

    // The tape's mode for this run (static: each batch size's graph recorded once and
    // replayed; dynamic: recorded again at every pass). The numbers are the same bits.
    void set_tape_mode(TapeMode mode);
    TapeMode tape_mode() const { return tape_mode_; }
    struct TapeCounts {
        long recordings = 0, replays = 0;  // since the run was built (graphs dropped included)
        std::size_t bytes_held = 0;        // by the tapes kept now
    };
    TapeCounts tape_counts() const;

    // The layer view's step, on a batch it chose and recorded itself on model():
    // next_batch() gives the training indices the next step() would use (starting the
    // epoch's shuffled order if due); apply_gradients() then makes the step's own update from
    // the dW, db that `g`'s backward pass left in the model (regularisation, clipping, the
    // optimizer at current_lr(), the divergence checks, the probe), counting one step of
    // g.batch() examples; `next_batch` says g holds next_batch() (the epoch's position moves on).
    std::vector<int> next_batch();
    void fill_examples(MlpGraph<float>& g, const int* indices) const;  // g.batch() training examples into g.X, g.Y
    void apply_gradients(MlpGraph<float>& g, float loss, bool next_batch);
    const Optimizer<float>& optimizer() const { return optimizer_; }
    const std::vector<Mat>& params_before_update() const { return before_; }  // W0, b0, ... before the last update
    Mlp<float>& model() { return model_; }
    const Mlp<float>& model() const { return model_; }
    const std::vector<Mat>& initial_params() const { return initial_; }  // W0, b0, W1, ... as first initialised
    // How this run started and what was edited while it trained (run_log.h): a run record
    // replays it. An edit before the first step changes the start instead (the run restarts).
    const RunLog& run_log() const { return log_; }

private:
    void build_data();
    void build_model();
    void refresh_matrices();
    void record_graphs();
    void fill_batch(MlpGraph<float>& g, std::size_t start);
    void train_batch();
    int start_batch();  // the next batch's size, shuffling at an epoch's start
    void drop_graphs();
    void finish_epoch();
    void record_epoch(const EpochRecord& r);
    void probe(MlpGraph<float>& g);
    void take_snapshot() const;
    bool probed_step() const;  // the step about to run is probed (probe_every)
    void probe_dead_units(MlpGraph<float>& g);
    bool update_is_finite();
    void mark_diverged(const std::string& what);
    void log_edit(RunEdit edit);  // at step 0 the run starts again from its new state instead
    double set_metrics(MlpGraph<float>& g, const Mat& X, const Mat& Y, const std::vector<Point>& points,
                       double& accuracy);
    Mat targets(const std::vector<Point>& points) const;
    MlpGraph<float>& run_grid(int n);
    MlpGraph<float>& graph_for(std::map<int, std::unique_ptr<MlpGraph<float>>>& cache, int batch, GraphUse use);

    Config config_;
    Dataset data_;
    Mat X_train_, Y_train_, X_test_, Y_test_;  // (features, N), (outputs, N)
    Mlp<float> model_;
    std::vector<ParamRef<float>> params_;  // model_.params(), cached: a step allocates nothing
    std::vector<Mat> initial_;   // W0, b0, W1, ... as initialised (or loaded): reset() goes back to them
    std::vector<Mat> before_;    // parameters before the last update
    Optimizer<float> optimizer_;
    std::map<int, std::unique_ptr<MlpGraph<float>>> train_graphs_, eval_graphs_, grid_graphs_;
    TapeMode tape_mode_ = TapeMode::Static;
    TapeCounts dropped_;  // recordings and replays of graphs dropped since the run was built
    Rng shuffle_rng_;
    std::vector<int> order_;     // shuffled training indices of this epoch
    std::size_t cursor_ = 0;     // next index into order_
    int epoch_ = 0;
    long steps_ = 0, examples_ = 0;
    long diverged_at_ = -1;
    std::string divergence_;
    std::vector<EpochRecord> history_;
    RunLog log_;
    bool data_edited_ = false;     // the data is not what config_ generates (points added, a CSV)
    bool weights_loaded_ = false;  // initial_ came from set_weights, not from the seed
    int history_stride_ = 1;
    mutable std::vector<LayerStats> stats_;
    Eigen::VectorXf unit_max_;  // (units): probe_dead_units' largest activation per unit
    mutable const MlpGraph<float>* snapshot_graph_ = nullptr;  // a probed step whose snapshot is not taken yet
    std::vector<Series> grad_norm_series_, update_ratio_series_, saturated_series_, dead_series_;
    Mat grid_features_;
    Mat curve_features_;  // output_curve's inputs  // (features, n*n) of the last grid
    int grid_n_ = 0;
    std::vector<Feature> grid_feature_set_;
};

Head head_for(Task task, BinaryHead binary_head);

// Vanishing-gradient measure: ||dL/dW||_F of the first hidden layer over that of the last
// hidden layer, each the mean of its last `recent` stored grad_norm_series() values (a
// Series stores every probed step until it holds 2048 values, then every 2nd, 4th, ...).
// nullopt with fewer than two hidden layers, before the first probed step, or when the
// last hidden layer's gradient is 0.
std::optional<double> first_last_grad_ratio(const Trainer& trainer, std::size_t recent = 1);

}  // namespace bp
