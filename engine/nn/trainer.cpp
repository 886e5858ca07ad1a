// Trainer: data and model set-up, the SGD loop over shuffled mini-batches with
// divergence checks, and evaluation. Diagnostics and grids are in trainer_probe.cpp.
#include "trainer.h"
#include "messages.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "input_features.h"

namespace bp {

Head head_for(Task task, BinaryHead binary_head) {
    switch (task) {
        case Task::Regression: return Head::Regression;
        case Task::Binary: return binary_head == BinaryHead::SigmoidBce ? Head::SigmoidBce : Head::TanhMse;
        case Task::Multiclass: return Head::Softmax;
    }
    return Head::SigmoidBce;
}

Trainer::Trainer(const Config& config) : config_(config) {
    build_data();
    build_model();
}

void Trainer::build_data() {
    data_ = generate(config_.data_spec());
    data_edited_ = false;
    refresh_matrices();
}

// Feature and target matrices of both sets, one example per column. The recorded graphs
// are sized for the old sets (whole-set evaluation, the last partial batch): dropped, or
// every click on the plane would leave one more behind.
void Trainer::refresh_matrices() {
    if (snapshot_graph_) take_snapshot();  // before its graph goes
    drop_graphs();
    feature_matrix(config_.features, data_.train, X_train_);
    feature_matrix(config_.features, data_.test, X_test_);
    Y_train_ = targets(data_.train);
    Y_test_ = targets(data_.test);
    cursor_ = order_.size();  // the next step starts a fresh epoch order
}

Trainer::Mat Trainer::targets(const std::vector<Point>& points) const {
    const Head head = head_for(data_.task, config_.head);
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

void Trainer::build_model() {
    const Head head = head_for(data_.task, config_.head);
    model_.build(int(config_.features.size()), config_.layers, config_.activations,
                 head == Head::Softmax ? data_.classes : 1, head);
    Rng init_rng(config_.seed ^ 0x5eed1417a11ce5ULL);
    model_.init(config_.init, config_.init_scale, init_rng);
    params_ = model_.params();
    initial_.clear();
    for (const auto& p : params_) initial_.push_back(*p.value);
    weights_loaded_ = false;
    before_ = initial_;
    optimizer_.attach(params_);
    snapshot_graph_ = nullptr;  // a new network: its stats start afresh below
    drop_graphs();
    grid_graphs_.clear();
    dropped_ = TapeCounts{};
    stats_.assign(model_.layers().size(), LayerStats());
    for (std::size_t l = 0; l < stats_.size(); ++l) {
        stats_[l].unit_saturated.assign(std::size_t(model_.layers()[l].W.rows()), 0);
        stats_[l].unit_dead.assign(std::size_t(model_.layers()[l].W.rows()), 0);
    }
    for (auto* s : {&grad_norm_series_, &update_ratio_series_, &saturated_series_, &dead_series_})
        s->assign(model_.layers().size(), Series());
    reset();
}

void Trainer::reset() {
    if (snapshot_graph_) take_snapshot();  // of the weights it was probed with
    for (std::size_t i = 0; i < params_.size(); ++i) *params_[i].value = initial_[i];
    optimizer_.reset_state();
    shuffle_rng_.reseed(config_.seed + 0x9e3779b97f4a7c15ULL);
    order_.resize(data_.train.size());
    cursor_ = order_.size();
    epoch_ = 0;
    steps_ = examples_ = 0;
    diverged_at_ = -1;
    divergence_.clear();
    for (auto* group : {&grad_norm_series_, &update_ratio_series_, &saturated_series_, &dead_series_})
        for (Series& s : *group) s.clear();
    history_.clear();
    history_stride_ = 1;
    record_epoch(evaluate());
    log_.start = config_;
    log_.data = data_edited_ ? std::optional<Dataset>(data_) : std::nullopt;
    log_.weights = weights_loaded_ ? std::optional<std::vector<Mat>>(initial_) : std::nullopt;
    log_.edits.clear();
    log_.layer_view_steps = 0;
}

void Trainer::log_edit(RunEdit edit) {
    if (steps_ == 0) return reset();
    edit.step = steps_;
    log_.edits.push_back(std::move(edit));
}

MlpGraph<float>& Trainer::graph_for(std::map<int, std::unique_ptr<MlpGraph<float>>>& cache, int batch,
                                    GraphUse use) {
    auto& slot = cache[batch];
    if (!slot) {
        slot = std::make_unique<MlpGraph<float>>();
        slot->tape.set_mode(tape_mode_);
        slot->record(model_, batch, use);
    }
    return *slot;
}

void Trainer::drop_graphs() {
    for (auto* cache : {&train_graphs_, &eval_graphs_}) {
        for (const auto& [batch, g] : *cache) dropped_.recordings += g->recordings, dropped_.replays += g->replays;
        cache->clear();
    }
}

void Trainer::set_tape_mode(TapeMode mode) {
    tape_mode_ = mode;
    for (auto* cache : {&train_graphs_, &eval_graphs_})
        for (auto& [batch, g] : *cache) g->tape.set_mode(mode);  // dynamic: the next pass records again
}

Trainer::TapeCounts Trainer::tape_counts() const {
    TapeCounts c = dropped_;
    c.bytes_held = 0;
    for (const auto* cache : {&train_graphs_, &eval_graphs_})
        for (const auto& [batch, g] : *cache) {
            c.recordings += g->recordings;
            c.replays += g->replays;
            c.bytes_held += g->tape.bytes_held() + std::size_t(g->X.size() + g->Y.size()) * sizeof(float);
        }
    return c;
}

double Trainer::current_lr() const {
    const double n = double(std::max<std::size_t>(1, order_.size()));
    const double progress = cursor_ >= order_.size() ? 0 : double(cursor_) / n;
    return learning_rate_at(config_.schedule, config_.lr, epoch_ + progress);
}

void Trainer::step(int batches) {
    for (int i = 0; i < batches && !diverged() && !at_stop_epoch() && !data_.train.empty(); ++i) train_batch();
}

void Trainer::run_epochs(int n) {
    const int target = epoch_ + n;
    while (epoch_ < target && !diverged() && !data_.train.empty()) train_batch();
}

// Copies the batch's columns (in this epoch's shuffled order) into the graph's inputs.
void Trainer::fill_batch(MlpGraph<float>& g, std::size_t start) { fill_examples(g, order_.data() + start); }

void Trainer::fill_examples(MlpGraph<float>& g, const int* indices) const {
    const Eigen::Index nx = g.X.rows(), ny = g.Y.rows();  // columns are contiguous: plain copies
    for (Eigen::Index j = 0; j < g.X.cols(); ++j) {
        const Eigen::Index idx = indices[j];
        std::copy_n(X_train_.data() + idx * nx, nx, g.X.data() + j * nx);
        std::copy_n(Y_train_.data() + idx * ny, ny, g.Y.data() + j * ny);
    }
}

int Trainer::start_batch() {
    if (cursor_ >= order_.size()) {  // a new epoch: a new shuffled order
        std::iota(order_.begin(), order_.end(), 0);
        shuffle_rng_.shuffle(order_);
        cursor_ = 0;
    }
    return int(std::min<std::size_t>(std::size_t(config_.batch), order_.size() - cursor_));
}

std::vector<int> Trainer::next_batch() {
    if (data_.train.empty()) return {};
    const int batch = start_batch();
    return std::vector<int>(order_.begin() + long(cursor_), order_.begin() + long(cursor_) + batch);
}

bool Trainer::probed_step() const { return probe_every > 0 && steps_ % probe_every == 0; }

void Trainer::train_batch() {
    const int batch = start_batch();
    if (snapshot_graph_ && !probed_step()) take_snapshot();  // this step overwrites its values; a probed one supersedes it
    MlpGraph<float>& g = graph_for(train_graphs_, batch, GraphUse::Train);
    fill_batch(g, cursor_);
    const float loss = g.run(true);  // forward, backward into dW, db
    apply_gradients(g, loss, true);
}

void Trainer::apply_gradients(MlpGraph<float>& g, float loss, bool next_batch) {
    const int batch = g.batch();
    const bool probed = probed_step();
    if (snapshot_graph_ && !probed) take_snapshot();  // of the weights it was probed with, before the update
    for (auto& layer : model_.layers()) add_penalty_grad(config_.reg, config_.reg_rate, layer.W, layer.dW);
    const double norm = clip_grad_norm(params_, config_.clip);
    if (!std::isfinite(loss) || !std::isfinite(norm))
        return mark_diverged(std::isfinite(loss) ? "trainer.gradients_not_finite"
                                                 : "trainer.loss_not_finite");
    for (std::size_t i = 0; i < params_.size(); ++i) before_[i] = *params_[i].value;
    OptimizerSettings settings = config_.opt;
    settings.kind = config_.optimizer;
    optimizer_.step(settings, current_lr());
    if (!update_is_finite()) {
        for (std::size_t i = 0; i < params_.size(); ++i) *params_[i].value = before_[i];  // last good weights
        return mark_diverged("trainer.update_not_finite");
    }
    if (probed) probe(g);
    if (probed && !next_batch) take_snapshot();  // the layer view's graph is not the Trainer's to keep
    if (!next_batch) ++log_.layer_view_steps;
    ++steps_;
    examples_ += batch;
    if (!next_batch) return;
    cursor_ += std::size_t(batch);
    if (cursor_ >= order_.size()) finish_epoch();
}

// w * 0 is 0 for a finite w and NaN for an infinite or NaN one: one vectorized sum per
// parameter (allFinite() is not vectorized and took 4% of net B's step).
bool Trainer::update_is_finite() {
    for (const auto& p : params_)
        if (!((p.value->array() * 0.f).sum() == 0.f)) return false;
    return true;
}

void Trainer::finish_epoch() {
    ++epoch_;
    record_epoch(evaluate());
    const EpochRecord& r = history_.back();
    if (!std::isfinite(r.train_loss) || !std::isfinite(r.test_loss)) mark_diverged("trainer.loss_not_finite");
}

// Keeps the epochs on the stride and the latest one; thins to every other kept epoch when
// full. Reuses the vector's storage, so past the first thinning nothing is allocated.
void Trainer::record_epoch(const EpochRecord& r) {
    if (history_.size() > 1 && history_.back().epoch % history_stride_ != 0) history_.pop_back();
    history_.push_back(r);
    if (history_.size() <= kHistoryCap) return;
    history_stride_ *= 2;
    const int stride = history_stride_;
    auto off_stride = [stride](const EpochRecord& e) { return e.epoch % stride != 0; };
    history_.erase(std::remove_if(history_.begin(), history_.end() - 1, off_stride), history_.end() - 1);
}

// `what` is the message key of what became infinite or NaN.
void Trainer::mark_diverged(const std::string& what) {
    // The stats the last probed step left unread are taken now (a run can diverge before any
    // frame read them): from that step's values or, in the same graph, from this step's on the
    // last finite weights. What is not finite there reads as a dash in the views, never as 0.
    if (snapshot_graph_) take_snapshot();
    diverged_at_ = steps_ + 1;
    std::string cause;
    if (suggested_lr() > 0)
        cause = msg("trainer.cause_lr", {{"lr", format_number(config_.lr)}, {"try", format_number(suggested_lr())}});
    else if (config_.clip == 0)
        cause = msg("trainer.cause_exploded");
    else
        cause = msg("trainer.cause_smaller_lr");
    divergence_ = msg("trainer.diverged", {{"step", std::to_string(diverged_at_)}, {"what", msg(what)}, {"cause", cause}});
}

EpochRecord Trainer::evaluate() {
    EpochRecord r;
    r.epoch = epoch_;
    if (!data_.train.empty()) {
        MlpGraph<float>& g = graph_for(eval_graphs_, int(data_.train.size()), GraphUse::Evaluate);
        r.train_loss = set_metrics(g, X_train_, Y_train_, data_.train, r.train_acc);
        probe_dead_units(g);
    }
    if (!data_.test.empty()) {
        MlpGraph<float>& g = graph_for(eval_graphs_, int(data_.test.size()), GraphUse::Evaluate);
        r.test_loss = set_metrics(g, X_test_, Y_test_, data_.test, r.test_acc);
    }
    return r;
}

double Trainer::set_metrics(MlpGraph<float>& g, const Mat& X, const Mat& Y, const std::vector<Point>& points,
                            double& accuracy) {
    g.X = X;
    g.Y = Y;
    const double loss = g.run(false);
    accuracy = 0;
    if (!has_accuracy()) return loss;
    const Mat& logits = g.tape.value(g.out_id);
    int correct = 0;
    for (std::size_t j = 0; j < points.size(); ++j)
        correct += predicted_class(model_.head(), logits, Eigen::Index(j)) == int(points[j].label);
    accuracy = double(correct) / double(points.size());
    return loss;
}

}  // namespace bp
