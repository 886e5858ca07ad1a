// Every string the layer view (layer_view.cpp, layer_canvas.cpp) shows the student, in one
// table, so they can move into the per-language message tables in one piece.
#pragma once

namespace bp {

// The view's texts, in one place.
struct LayerTexts {
    const char* summary;
    const char* intro;
    const char* open_point;
    const char* open_batch;
    const char* point_label;
    const char* reset;
    const char* forward;
    const char* backward;
    const char* run_all;
    const char* sgd;
    const char* next;
    const char* order_title;
    const char* order[4];
    const char* stale;
    const char* nothing_open;
    const char* selected_title;
    const char* click_a_node;
    const char* check;
    const char* check_help;
    const char* update_title;
    const char* no_update;
    const char* modes_title;
    const char* static_mode;
    const char* dynamic_mode;
    const char* modes_text;
    const char* bench_text;
    const char* summary_title;
    const char* batch_title;
    const char* summary_limit;
    const char* compare;
    const char* compare_help;
    const char* compared;
    const char* update_shown;
    const char* state_velocity;
    const char* state_first;
    const char* state_second;
    const char* where;
    const char* progress;
    const char* summary_layer;
    const char* summary_then;
    const char* summary_x;
    const char* forward_rule;
    const char* backward_rule;
    const char* value_block;
    const char* grad_block;
    const char* check_result;
    const char* loss_moved;
    const char* too_many;
    const char* w_before;
    const char* dw;
    const char* w_after;
    const char* counters;
    const char* bad_mode;
    const char* box_value;
    const char* box_value_widest;
    const char* box_zeroed;
    const char* box_grad;
    const char* box_not_yet;
    const char* tip_entry;
    const char* tip_value;
    const char* tip_grad;
    const char* hint;
    const char* hint_narrow;
    const char* hint_wide;
    const char* hint_small;
    const char* hint_more;
};



inline const LayerTexts kText = {
    "One training step of the playground's network, as matrices, as the engine's tape records it",
    "The playground's network at the matrix level, one training step as the engine's tape records it. "
    "Rows are examples: x is (batch, features), h = x W + b, z = f(h). Each box is a node: its value, "
    "and after the backward pass its gradient, as a heatmap (orange negative, blue positive; hover for "
    "the numbers). Each edge states the rule that sends the gradient back.",
    "Open this point",
    "Open the next mini-batch",
    "point",
    "Reset",
    "Forward step",
    "Backward step",
    "Run all",
    "Update (SGD step)",
    "Record the next step",
    "One SGD step, in order:",
    {"1 zero the gradients", "2 forward", "3 backward", "4 update"},
    "The network's weights changed since this step was recorded (training went on): record it again.",
    "Pick a training point (batch 1, the same example as the graph lab's Live network) or the next "
    "mini-batch, and open its training step.",
    "Selected node",
    "Click a node to see its numbers in full.",
    "Check (central differences)",
    "Central differences of the loss on this batch, in double precision, against the tape's gradient shown",
    "The update",
    "After the backward pass, Update applies the run's own optimizer step to the playground's network.",
    "Static or dynamic graph",
    "static (define, then run)",
    "dynamic (define by run)",
    "Static: the graph of a batch size is recorded once (shapes and buffers) and replayed for every "
    "batch; nothing is allocated per step. Dynamic: the graph is recorded again at every pass, each "
    "op computing as it is recorded (as PyTorch does), so it can change from step to step. Both give "
    "the same numbers, bit for bit; the counters show which one runs.",
    "What each costs here, from one run of bp bench (examples per second, static / dynamic): net B "
    "(six tanh layers of 8, batch 10) 2.37M / 2.17M, net C (64, 64, 64 relu, batch 256) 382k / 365k. "
    "Recording again costs a few percent: the tape keeps its buffers and only refills them (README: "
    "Static and dynamic graphs).",
    "The network is too large to draw as matrices",
    "The batch: click a training point to open its step",
    "The layer view draws networks whose layers have at most %d units (features and outputs included) and "
    "batches of at most %d examples; this network has a layer of %d. Its layers, as the notes write them:",
    "Compare with the graph lab's scalar graph",
    "The graph lab's Live network writes this network at this point as one scalar formula, one variable "
    "per weight and bias, and runs its backward pass: each variable's gradient should equal its matrix entry here",
    "%d weights and biases compared: the largest difference is %s of the largest gradient",
    "W%d before, the gradient used, and W%d after (%s; select a node of another layer to see its W):",
    "the optimizer's velocity m (m = mu m + dW)",
    "the optimizer's first moment m (a running mean of dW)",
    "the optimizer's squared-gradient average or sum v",
    "(%s, %s), label %s",
    "forward %d/%zu   backward %d/%d   batch %d",
    "layer %s: %s W%s (%d x %d) + b%s (1 x %d)%s",
    ", then ",
    "x (batch x %d)",
    "forward: %s",
    "backward: %s",
    "value\n%s",
    "grad\n%s",
    "relative error %s (central differences vs the tape)",
    "%s, lr %s: the loss on this batch went from %s to %s.",
    "(%s: too many numbers to print)",
    "W%d before\n%s",
    "dW%d\n%s",
    "W%d after\n%s",
    "recordings %ld   replays %ld   bytes held %s",
    "mode '%s': expected static or dynamic",
    "value  (%d x %d)",
    "value (32 x 16)",
    "grad (zeroed)",
    "grad",
    "grad: not yet",
    "%s[%d, %d]",
    "value = %.9g",
    "grad = dLoss/d%s[%d, %d] = %.9g",
    "zoom %d%%: %s%s",
    "+ - to zoom, drag to pan",
    "wheel or + - to zoom, drag to pan, click a node for its numbers",
    ". Text too small: zoom in to read it",
    ". More to the side: drag, or Fit for the whole network",
};

}  // namespace bp
