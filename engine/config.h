// Config: the one value type that holds every setting of a training run (data, features,
// network, training). It reads and writes JSON and the compact URL-hash form
// ("dataset=spiral&layers=8,8&activation=relu&lr=0.03&seed=7"). Every field is checked:
// a bad value gives a warning naming the field and what is allowed, and keeps the old value.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <optional>
#include <string_view>
#include <vector>

#include "activations.h"
#include "dataset.h"
#include "init.h"
#include "input_features.h"
#include "json.h"
#include "messages.h"
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

// What the page shows, beside the training run: the view, embed mode for course-page
// iframes (which panels and controls show, compact layout), autoplay, and the lesson whose
// text is shown, and the graph lab's formula. Written to the URL hash only where it differs
// from the default.
enum class View { Playground, Graph };
enum class Panel { Boundary, Loss, Network, Gradients, Data, Features, Training, Callouts, Lesson };
enum class Control { Play, Step, Reset, Seed, Lr, Batch, Optimizer, Activation, Layers, Dataset, Noise, Reg, Speed };
template <>
struct EnumNames<View> {
    static constexpr std::array names{"playground", "graph"};
};
template <>
struct EnumNames<Panel> {
    static constexpr std::array names{"boundary", "loss", "network", "gradients", "data",
                                      "features", "training", "callouts", "lesson"};
};
template <>
struct EnumNames<Control> {
    static constexpr std::array names{"play", "step", "reset", "seed", "lr", "batch", "optimizer",
                                      "activation", "layers", "dataset", "noise", "reg", "speed"};
};

struct PageSettings {
    View view = View::Playground;
    bool embed = false;                                       // compact, chosen panels and controls
    std::vector<Panel> panels = {Panel::Boundary, Panel::Loss};  // shown in embed mode, in this order
    std::vector<Control> controls = {Control::Play, Control::Step, Control::Reset};  // embed mode; may be none
    bool autoplay = true;                                     // training starts when the page loads
    Language lang = default_language();                       // what the page's text is written in
    std::string lesson;                                       // id of the lesson shown, "" = none
    std::string formula;                    // the graph lab's formula, "" = the lab's first preset
    std::map<std::string, double> values;   // and its variables' values ("x:2,z:3" in a hash)
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
    OptimizerKind optimizer = OptimizerKind::Sgd;
    OptimizerSettings opt;  // kind is taken from `optimizer`
    double lr = 0.03;
    Schedule schedule;
    Regularization reg = Regularization::None;
    double reg_rate = 0.001;
    double clip = 0;  // max global gradient norm; 0 = off
    int batch = 10;
    int stop_epoch = 0;  // playing pauses at this epoch; 0 = never
    // the page
    PageSettings page;

    DataSpec data_spec() const;
    Task task() const { return dataset_task(dataset); }
};

// Limits shared by the UI widgets and the parsers.
constexpr int kMaxLayers = 8, kMaxUnits = 64, kMinPoints = 10, kMaxPoints = 2000;

// The numbers a numeric setting ("lr", "noise", "points", ...) accepts, as the field table
// checks them, so a slider offers what a hash or a file may hold; {0, 0} for any other key.
struct FieldRange {
    double lo = 0, hi = 0;
};
FieldRange field_range(std::string_view key);

// Apply settings over `config`; returns one warning per rejected or unknown field.
std::vector<std::string> apply_hash(Config& config, std::string_view hash);
std::vector<std::string> apply_json(Config& config, const Json& json);
std::vector<std::string> apply_json_text(Config& config, std::string_view text);

// Every training field in a fixed order, then the page fields that differ from the default
// (or all of them: applied over any config, that hash gives exactly `config`).
std::string to_hash(const Config& config, bool every_field = false);
Json to_json(const Config& config);

}  // namespace bp
