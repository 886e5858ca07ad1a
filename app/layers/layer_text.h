// Every string the layer view (layer_view.cpp, layer_canvas.cpp) shows the student, in one
// table, read from the message tables ("layers.<field>") in the current language. Some are
// printf formats: their conversions are the same, in the same order, in every language.
#pragma once

#include "messages.h"

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
    const char* optimizer_rule;
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

// The view's texts in the current language (take a fresh copy each frame: the language can change).
inline LayerTexts layer_texts() {
    static constexpr const char* kOrderKeys[4] = {"layers.order_0", "layers.order_1", "layers.order_2", "layers.order_3"};
    LayerTexts t{};
    t.summary = tr("layers.summary");
    t.intro = tr("layers.intro");
    t.open_point = tr("layers.open_point");
    t.open_batch = tr("layers.open_batch");
    t.point_label = tr("layers.point_label");
    t.reset = tr("layers.reset");
    t.forward = tr("layers.forward");
    t.backward = tr("layers.backward");
    t.run_all = tr("layers.run_all");
    t.sgd = tr("layers.sgd");
    t.next = tr("layers.next");
    t.order_title = tr("layers.order_title");
    for (int i = 0; i < 4; ++i) t.order[i] = tr(kOrderKeys[i]);
    t.stale = tr("layers.stale");
    t.nothing_open = tr("layers.nothing_open");
    t.selected_title = tr("layers.selected_title");
    t.click_a_node = tr("layers.click_a_node");
    t.check = tr("layers.check");
    t.check_help = tr("layers.check_help");
    t.update_title = tr("layers.update_title");
    t.no_update = tr("layers.no_update");
    t.modes_title = tr("layers.modes_title");
    t.static_mode = tr("layers.static_mode");
    t.dynamic_mode = tr("layers.dynamic_mode");
    t.modes_text = tr("layers.modes_text");
    t.bench_text = tr("layers.bench_text");
    t.summary_title = tr("layers.summary_title");
    t.batch_title = tr("layers.batch_title");
    t.summary_limit = tr("layers.summary_limit");
    t.compare = tr("layers.compare");
    t.compare_help = tr("layers.compare_help");
    t.compared = tr("layers.compared");
    t.update_shown = tr("layers.update_shown");
    t.optimizer_rule = tr("layers.optimizer_rule");
    t.state_velocity = tr("layers.state_velocity");
    t.state_first = tr("layers.state_first");
    t.state_second = tr("layers.state_second");
    t.where = tr("layers.where");
    t.progress = tr("layers.progress");
    t.summary_layer = tr("layers.summary_layer");
    t.summary_then = tr("layers.summary_then");
    t.summary_x = tr("layers.summary_x");
    t.forward_rule = tr("layers.forward_rule");
    t.backward_rule = tr("layers.backward_rule");
    t.value_block = tr("layers.value_block");
    t.grad_block = tr("layers.grad_block");
    t.check_result = tr("layers.check_result");
    t.loss_moved = tr("layers.loss_moved");
    t.too_many = tr("layers.too_many");
    t.w_before = tr("layers.w_before");
    t.dw = tr("layers.dw");
    t.w_after = tr("layers.w_after");
    t.counters = tr("layers.counters");
    t.bad_mode = tr("layers.bad_mode");
    t.box_value = tr("layers.box_value");
    t.box_value_widest = tr("layers.box_value_widest");
    t.box_zeroed = tr("layers.box_zeroed");
    t.box_grad = tr("layers.box_grad");
    t.box_not_yet = tr("layers.box_not_yet");
    t.tip_entry = tr("layers.tip_entry");
    t.tip_value = tr("layers.tip_value");
    t.tip_grad = tr("layers.tip_grad");
    t.hint = tr("layers.hint");
    t.hint_narrow = tr("layers.hint_narrow");
    t.hint_wide = tr("layers.hint_wide");
    t.hint_small = tr("layers.hint_small");
    t.hint_more = tr("layers.hint_more");
    return t;
}

}  // namespace bp
