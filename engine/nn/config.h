// Config: the one value type that holds every setting of a training run (data, features,
// network, training), and its field table: each key, its limits, what its change touches.
// The page's settings and the hash/JSON forms live in settings.h. Every field is checked:
// a bad value gives a warning naming the field and what is allowed, and keeps the old value.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "activations.h"
#include "dataset.h"
#include "field_table.h"
#include "init.h"
#include "input_features.h"
#include "json.h"
#include "optimizer.h"
#include "schedule.h"

namespace bp {

// Output head for two classes: sigmoid + binary cross-entropy, or tanh + MSE on labels
// -1/+1 as TensorFlow Playground does. Regression is always linear + MSE, k classes
// always softmax + cross-entropy.
enum class BinaryHead { SigmoidBce, TanhMse };
template <>
struct EnumNames<BinaryHead> {
    static constexpr std::array names{"sigmoid-bce", "tanh-mse"};
};

struct Config {
    // data
    DatasetKind dataset = DatasetKind::Circle;
    int points = 300;
    double noise = 0.1;
    double train_ratio = 0.5;
    int classes = 3;
    std::uint32_t seed = 1;
    // features
    std::vector<Feature> features = {Feature::X1, Feature::X2};
    // network: hidden layer widths and one activation per hidden layer
    std::vector<int> layers = {4, 2};
    std::vector<Activation> activations = {Activation::Tanh, Activation::Tanh};
    BinaryHead head = BinaryHead::SigmoidBce;
    InitKind init = InitKind::Xavier;
    double init_scale = 0.5;  // uniform half-width or normal std, for those two schemes
    // training
    OptimizerSettings opt;  // the optimizer (opt.kind, the "optimizer" setting) and its constants
    double lr = 0.03;
    Schedule schedule;
    Regularization reg = Regularization::None;
    double reg_rate = 0.001;
    double clip = 0;  // max global gradient norm; 0 = off
    int batch = 10;
    int stop_epoch = 0;  // playing pauses at this epoch; 0 = never
    // The pace while playing, in epochs per second (TF Playground trains one epoch a frame,
    // 60 a second at 60 Hz); the frame's engine budget caps it on a large network. It changes
    // nothing the run computes: the same seed trains the same curve at any pace.
    double speed = 100;

    DataSpec data_spec() const;
    Task task() const { return dataset_task(dataset); }
};

// Limits shared by the UI widgets and the parsers.
constexpr int kMaxLayers = 8, kMaxUnits = 64, kMinPoints = 10, kMaxPoints = 2000;
// The pace's range, epochs per second: the slow end trains a step every few seconds on the
// default set (15 steps an epoch), to watch single updates.
constexpr double kMinSpeed = 0.01, kMaxSpeed = 1000;

// Every setting of a run, in a fixed order (layers before activations): the one place that
// knows each key, its limits and what its change touches (its group, a Change).
const std::vector<Field<Config>>& config_fields();

// The numbers a numeric setting ("lr", "noise", "points", ...) accepts, as the field table
// checks them, so a slider offers what a hash or a file may hold; {0, 0} for any other key.
FieldRange field_range(std::string_view key);

// What an edit touches, least to most: the Trainer rebuilds only what it must.
enum class Change { None, Training, Model, Data };
Change change_between(const Config& before, const Config& after);

// Every value passes its field's check; one that does not keeps `fallback`'s, with a
// warning naming the field, the value and what is allowed.
std::vector<std::string> validate(Config& config, const Config& fallback = Config{});

}  // namespace bp
