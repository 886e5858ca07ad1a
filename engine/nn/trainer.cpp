// Trainer: applying a config (set_config: what a change rebuilds), building the data and the
// model, editing the points, the SGD loop over shuffled mini-batches with its divergence
// checks (train_batch, apply_gradients), and evaluation into the loss history. The member
// types it drives are in their own files (trainer.h lists them).
#include "trainer.h"
#include "messages.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace bp {

Trainer::Trainer(const Config& config) : config_(config) {
    build_data();
    build_model();
}

void Trainer::set_config(const Config& config) {
    const Config old = config_;
    config_ = config;
    switch (change_between(old, config)) {
        case Change::None: return;
        case Change::Data:
            build_data();
            build_model();
            return;
        case Change::Model:
            refresh_matrices();
            build_model();
            return;
        case Change::Training:
            if (old.opt.kind != config.opt.kind) optimizer_.reset_state();
            if (old.batch != config.batch) {
                diagnostics_.settle(model_);  // before its graph goes
                tapes_.drop_train();
            }
            diverged_at_ = -1;  // the weights are the last finite ones: training may go on
            divergence_.clear();
            RunEdit edit;
            edit.config = config;
            log_edit(std::move(edit));
    }
}

void Trainer::rebuild(const Config& config) {
    config_ = config;
    build_data();
    build_model();
}

void Trainer::build_data() {
    set_.set(generate(config_.data_spec()));
    data_edited_ = false;
    refresh_matrices();
}

// Feature and target matrices of both sets. The recorded graphs are sized for the old sets
// (whole-set evaluation, the last partial batch): dropped, or every click on the plane would
// leave one more behind.
void Trainer::refresh_matrices() {
    diagnostics_.settle(model_);  // before its graph goes
    tapes_.drop();
    set_.refresh(config_.features, config_.head);
    cursor_ = order_.size();  // the next step starts a fresh epoch order
}

void Trainer::build_model() {
    const Head head = head_for(data().task, config_.head);
    model_.build(int(config_.features.size()), config_.layers, config_.activations,
                 head == Head::Softmax ? data().classes : 1, head);
    Rng init_rng(config_.seed ^ 0x5eed1417a11ce5ULL);
    model_.init(config_.init, config_.init_scale, init_rng);
    weights_.attach(model_);
    weights_loaded_ = false;
    optimizer_.attach(weights_.params());
    diagnostics_.rebuild(model_);  // a new network: its stats start afresh
    tapes_.restart();
    reset();
}

void Trainer::reset() {
    diagnostics_.settle(model_);  // of the weights it was probed with
    weights_.restore_initial();
    optimizer_.reset_state();
    shuffle_rng_.reseed(config_.seed + 0x9e3779b97f4a7c15ULL);
    order_.resize(data().train.size());
    cursor_ = order_.size();
    epoch_ = 0;
    steps_ = examples_ = 0;
    diverged_at_ = -1;
    divergence_.clear();
    diagnostics_.clear();
    history_.clear();
    history_.record(evaluate());
    log_.start = config_;
    log_.data = data_edited_ ? std::optional<Dataset>(data()) : std::nullopt;
    log_.weights = weights_loaded_ ? std::optional<std::vector<Mat>>(weights_.initial()) : std::nullopt;
    log_.edits.clear();
    log_.layer_view_steps = 0;
}

void Trainer::log_edit(RunEdit edit) {
    if (steps_ == 0) return reset();
    edit.step = steps_;
    log_.edits.push_back(std::move(edit));
}

// ---- editing the points and the weights

void Trainer::restart_order() {
    order_.resize(data().train.size());
    cursor_ = order_.size();
}

void Trainer::add_point(Point p) {
    set_.add(p);
    refresh_matrices();
    restart_order();
    data_edited_ = true;
    RunEdit edit;
    edit.kind = RunEdit::Kind::AddPoint;
    edit.point = p;
    log_edit(std::move(edit));
}

bool Trainer::erase_near(double x1, double x2, double radius) {
    if (!set_.erase_near(x1, x2, radius)) return false;
    refresh_matrices();
    restart_order();
    data_edited_ = true;
    RunEdit edit;
    edit.kind = RunEdit::Kind::Erase;
    edit.x1 = x1, edit.x2 = x2, edit.radius = radius;
    log_edit(std::move(edit));
    return true;
}

void Trainer::set_data(Dataset data) {
    const bool new_head = data.task != this->data().task || data.classes != this->data().classes;
    set_.set(std::move(data));
    data_edited_ = true;
    refresh_matrices();
    if (new_head) return build_model();
    restart_order();
    RunEdit edit;
    edit.kind = RunEdit::Kind::Data;
    edit.data = this->data();
    log_edit(std::move(edit));
}

void Trainer::set_weights(const std::vector<Mat>& params) {
    weights_.set_initial(params);
    weights_loaded_ = true;
    reset();
}

// ---- the step loop

long Trainer::steps_left_in_epoch() const {
    if (cursor_ >= order_.size()) return steps_per_epoch();
    const long left = long(order_.size() - cursor_), b = std::max(1, config_.batch);
    return (left + b - 1) / b;
}

double Trainer::current_lr() const {
    const double n = double(std::max<std::size_t>(1, order_.size()));
    const double progress = cursor_ >= order_.size() ? 0 : double(cursor_) / n;
    return learning_rate_at(config_.schedule, config_.lr, epoch_ + progress);
}

void Trainer::step(int batches) {
    for (int i = 0; i < batches && !diverged() && !at_stop_epoch() && !data().train.empty(); ++i) train_batch();
}

void Trainer::run_epochs(int n) {
    const int target = epoch_ + n;
    while (epoch_ < target && !diverged() && !data().train.empty()) train_batch();
}

int Trainer::start_batch() {
    if (cursor_ >= order_.size()) {  // a new epoch: a new shuffled order
        std::iota(order_.begin(), order_.end(), 0);
        shuffle_rng_.shuffle(order_);
        cursor_ = 0;
    }
    return int(std::min<std::size_t>(std::size_t(config_.batch), order_.size() - cursor_));
}

std::vector<int> Trainer::full_batch_order() const {
    std::vector<int> order(data().train.size());
    std::iota(order.begin(), order.end(), 0);
    Rng rng = shuffle_rng_;  // a copy: nothing drawn from the run's own
    rng.shuffle(order);
    return order;
}

std::vector<int> Trainer::next_batch() {
    if (data().train.empty()) return {};
    const int batch = start_batch();
    return std::vector<int>(order_.begin() + long(cursor_), order_.begin() + long(cursor_) + batch);
}

void Trainer::train_batch() {
    const int batch = start_batch();
    if (!diagnostics_.due(steps_)) diagnostics_.settle(model_);  // this step overwrites its values; a probed one supersedes it
    MlpGraph<float>& g = tapes_.graph(model_, GraphUse::Train, batch);
    set_.fill(g, order_.data() + cursor_);  // the batch's columns, in this epoch's shuffled order
    const float loss = g.run(true);  // forward, backward into dW, db
    apply_gradients(g, loss, true);
}

void Trainer::apply_gradients(MlpGraph<float>& g, float loss, bool next_batch) {
    const int batch = g.batch();
    const bool probed = diagnostics_.due(steps_);
    if (!probed) diagnostics_.settle(model_);  // of the weights it was probed with, before the update
    for (auto& layer : model_.layers()) add_penalty_grad(config_.reg, config_.reg_rate, layer.W, layer.dW);
    const double norm = clip_grad_norm(weights_.params(), config_.clip);
    if (!std::isfinite(loss) || !std::isfinite(norm))
        return mark_diverged(std::isfinite(loss) ? "trainer.gradients_not_finite"
                                                 : "trainer.loss_not_finite");
    weights_.save_before();
    optimizer_.step(config_.opt, current_lr());
    if (!weights_.finite()) {
        weights_.restore_before();  // last good weights
        return mark_diverged("trainer.update_not_finite");
    }
    if (probed) diagnostics_.probe(model_, weights_.before(), g);
    if (probed && !next_batch) diagnostics_.settle(model_);  // the layer view's graph is not the Trainer's to keep
    if (!next_batch) ++log_.layer_view_steps;
    ++steps_;
    examples_ += batch;
    if (!next_batch) return;
    cursor_ += std::size_t(batch);
    if (cursor_ >= order_.size()) finish_epoch();
}

void Trainer::finish_epoch() {
    ++epoch_;
    history_.record(evaluate());
    const EpochRecord& r = history_.back();
    if (!std::isfinite(r.train_loss) || !std::isfinite(r.test_loss)) mark_diverged("trainer.loss_not_finite");
}

// `what` is the message key of what became infinite or NaN.
void Trainer::mark_diverged(const std::string& what) {
    // The stats the last probed step left unread are taken now (a run can diverge before any
    // frame read them): from that step's values or, in the same graph, from this step's on the
    // last finite weights. What is not finite there reads as a dash in the views, never as 0.
    diagnostics_.settle(model_);
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

// ---- evaluation

EpochRecord Trainer::evaluate() {
    EpochRecord r;
    r.epoch = epoch_;
    if (!data().train.empty()) {
        MlpGraph<float>& g = tapes_.graph(model_, GraphUse::Evaluate, int(data().train.size()));
        r.train_loss = set_metrics(g, set_.X_train(), set_.Y_train(), data().train, r.train_acc);
        diagnostics_.probe_dead_units(model_, g);
    }
    if (!data().test.empty()) {
        MlpGraph<float>& g = tapes_.graph(model_, GraphUse::Evaluate, int(data().test.size()));
        r.test_loss = set_metrics(g, set_.X_test(), set_.Y_test(), data().test, r.test_acc);
    }
    return r;
}

double Trainer::set_metrics(MlpGraph<float>& g, const Mat& X, const Mat& Y, const std::vector<Point>& points,
                            double& accuracy) {
    const double loss = set_loss(g, X, Y);
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
