// history_to_csv, weights_to_json, load_weights and layer_stats_json (run_io.h).
#include "run_io.h"

#include <cmath>

namespace bp {

namespace {
constexpr const char* kWeightsFormat = "bp-weights-1";

Error weights_error(const std::string& what) { return Error{"weights file: " + what + " (nothing changed)"}; }

// Reads `json` as exactly `n` finite numbers into `out`, or says what is wrong with `what`.
std::optional<Error> read_numbers(const Json* json, int n, const std::string& what, float* out) {
    if (!json || !json->is_array() || int(json->items().size()) != n)
        return weights_error(what + " must be a list of " + std::to_string(n) + " numbers");
    for (int i = 0; i < n; ++i) {
        const Json& v = json->items()[std::size_t(i)];
        if (!v.is_number() || !std::isfinite(float(v.as_number())))
            return weights_error(what + "[" + std::to_string(i) + "] is not a finite number");
        out[i] = float(v.as_number());
    }
    return std::nullopt;
}
}  // namespace

std::string history_to_csv(const std::vector<EpochRecord>& history, bool has_accuracy) {
    std::string out = "epoch,train_loss,test_loss,train_acc,test_acc\n";
    for (const EpochRecord& r : history) {
        out += std::to_string(r.epoch) + "," + format_number(r.train_loss) + "," + format_number(r.test_loss) + ",";
        if (has_accuracy) out += format_number(r.train_acc) + "," + format_number(r.test_acc);
        else out += ",";
        out += "\n";
    }
    return out;
}

Json epoch_json(const EpochRecord& r, bool has_accuracy) {
    Json j = Json::object();
    j.set("epoch", r.epoch);
    j.set("train_loss", r.train_loss);
    j.set("test_loss", r.test_loss);
    j.set("train_acc", has_accuracy ? Json(r.train_acc) : Json());
    j.set("test_acc", has_accuracy ? Json(r.test_acc) : Json());
    return j;
}

Json weights_to_json(const Trainer& trainer) {
    std::vector<Trainer::Mat> params;
    for (const DenseLayer<float>& l : trainer.model().layers()) params.push_back(l.W), params.push_back(l.b);
    return weights_to_json(trainer, params);
}

Json weights_to_json(const Trainer& trainer, const std::vector<Trainer::Mat>& params) {
    Json out = Json::object();
    out.set("format", kWeightsFormat);
    Json features = Json::array();
    for (Feature f : trainer.config().features) features.push(name_of(f));
    out.set("features", features);
    Json layers = Json::array();
    const auto& model = trainer.model().layers();
    for (std::size_t k = 0; k < model.size(); ++k) {
        const Trainer::Mat &w = params[2 * k], &b = params[2 * k + 1];
        Json W = Json::array();
        for (Eigen::Index r = 0; r < w.rows(); ++r) {
            Json row = Json::array();
            for (Eigen::Index c = 0; c < w.cols(); ++c) row.push(double(w(r, c)));
            W.push(row);
        }
        Json bias = Json::array();
        for (Eigen::Index r = 0; r < b.rows(); ++r) bias.push(double(b(r, 0)));
        Json layer = Json::object();
        layer.set("activation", name_of(model[k].act));
        layer.set("W", W);
        layer.set("b", bias);
        layers.push(layer);
    }
    out.set("layers", layers);
    return out;
}

std::optional<Error> load_weights(Trainer& trainer, std::string_view text) {
    const auto json = parse_json(text);
    if (!json) return weights_error(json.error().message);
    const Json* format = json->is_object() ? json->find("format") : nullptr;
    if (!format || !format->is_string() || format->as_string() != kWeightsFormat)
        return weights_error("not a weights file (expected \"format\": \"" + std::string(kWeightsFormat) + "\")");
    const Json* layers = json->find("layers");
    const auto& model = trainer.model().layers();
    if (!layers || !layers->is_array() || layers->items().size() != model.size())
        return weights_error("the network has " + std::to_string(model.size()) +
                             " weight layers; the file must list as many under \"layers\"");
    std::vector<Trainer::Mat> params;  // W0, b0, W1, b1, ...: only applied once all are read
    for (std::size_t l = 0; l < model.size(); ++l) {
        const Json& layer = layers->items()[l];
        const std::string name = "layer " + std::to_string(l + 1);
        const Eigen::Index rows = model[l].W.rows(), cols = model[l].W.cols();
        const Json* W = layer.is_object() ? layer.find("W") : nullptr;
        if (!W || !W->is_array() || Eigen::Index(W->items().size()) != rows)
            return weights_error(name + ": W must have " + std::to_string(rows) + " rows of " + std::to_string(cols) +
                                 " numbers (this network's " + std::to_string(rows) + "x" + std::to_string(cols) + ")");
        Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> w(rows, cols);
        for (Eigen::Index r = 0; r < rows; ++r)
            if (auto e = read_numbers(&W->items()[std::size_t(r)], int(cols), name + ": W row " + std::to_string(r + 1),
                                      w.row(r).data()))
                return e;
        Trainer::Mat b(rows, 1);
        if (auto e = read_numbers(layer.find("b"), int(rows), name + ": b", b.data())) return e;
        params.push_back(w);
        params.push_back(b);
    }
    trainer.set_weights(params);
    return std::nullopt;
}

Json layer_stats_json(const Trainer& trainer, KeyStyle style) {
    const bool snake = style == KeyStyle::Snake;
    Json layers = Json::array();
    for (const LayerStats& s : trainer.layer_stats()) {
        Json l = Json::object();
        l.set(snake ? "grad_norm" : "gradNorm", s.grad_norm);
        l.set(snake ? "saturated_frac" : "saturatedFrac", s.saturated_frac);
        l.set(snake ? "dead_frac" : "deadFrac", s.dead_frac);
        l.set(snake ? "update_ratio" : "updateRatio", s.update_ratio);
        layers.push(l);
    }
    return layers;
}

}  // namespace bp
