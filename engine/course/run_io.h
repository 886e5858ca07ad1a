// A training run's files: the loss history as CSV, and the network's weights as JSON
// (written and read back, checked against the current network's shape). Reading answers
// with an Error naming the layer and what does not fit; the network is then left unchanged.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json.h"
#include "result.h"
#include "trainer.h"

namespace bp {

// "epoch,train_loss,test_loss,train_acc,test_acc" then one line per epoch (accuracy columns
// empty for regression), numbers in their shortest exact form.
std::string history_to_csv(const std::vector<EpochRecord>& history, bool has_accuracy = true);

// One epoch as `bp train --json` and run records write it: {epoch, train_loss, test_loss,
// train_acc, test_acc}, the accuracies null for regression.
Json epoch_json(const EpochRecord& r, bool has_accuracy);

// {"format": "bp-weights-1", "features": [...], "layers": [{"activation", "W": rows of n_in
//  numbers (n_out rows), "b": n_out numbers}]}: the exact float values.
Json weights_to_json(const Trainer& trainer);
// The same for parameters W0, b0, W1, b1, ... of the trainer's network shapes (e.g. its start).
Json weights_to_json(const Trainer& trainer, const std::vector<Trainer::Mat>& params);
// Replaces the trainer's weights with the file's, as the run's new starting point (epoch 0;
// Reset returns to them); std::nullopt when loaded, else the error (nothing changed).
std::optional<Error> load_weights(Trainer& trainer, std::string_view json_text);

// The latest per-layer diagnostics, one object per weight layer (the hidden layers, then the
// output layer): grad_norm, saturated_frac, dead_frac, update_ratio. What `bp train --json`
// prints (snake_case) and bp.metrics() returns (camelCase) come from here.
enum class KeyStyle { Snake, Camel };
Json layer_stats_json(const Trainer& trainer, KeyStyle style);

}  // namespace bp
