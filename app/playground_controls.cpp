// The playground's controls: the toolbar (play, step, reset, speed, epoch counter) and the
// data, features and training panels. Each edits a copy of the Config and hands it over.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <string>

#include "colors.h"
#include "imgui.h"
#include "playground.h"
#include "text_util.h"
#include "widgets.h"

namespace bp {

namespace {
// A slider over the numbers the setting `key` accepts (its range in the field table), shown
// times `shown` (100 for a percent). The float the slider holds is clamped back into the
// range, so a hash or a file always takes the value (float(0.999) is above 0.999).
bool field_slider(const char* label, double* v, const char* key, const char* format, ImGuiSliderFlags flags = 0,
                  double shown = 1) {
    const FieldRange r = field_range(key);
    float f = float(*v * shown);
    if (!ImGui::SliderFloat(label, &f, float(r.lo * shown), float(r.hi * shown), format, flags)) return false;
    *v = std::clamp(double(f) / shown, r.lo, r.hi);
    return true;
}

bool log_slider(const char* label, double* v, const char* key) {
    return field_slider(label, v, key, "%.4g", ImGuiSliderFlags_Logarithmic);
}

// The same for a whole-number setting; `hi` lowers the table's upper end (a batch is at
// most the training set).
bool field_slider_int(const char* label, int* v, const char* key, ImGuiSliderFlags flags = 0, double hi = 1e300) {
    const FieldRange r = field_range(key);
    return ImGui::SliderInt(label, v, int(r.lo), int(std::min(r.hi, std::max(r.lo, hi))), "%d", flags);
}

}  // namespace

// One activation for every hidden layer ("mixed" when they differ).
bool Playground::draw_activation_combo(Config& c) {
    const bool same = std::adjacent_find(c.activations.begin(), c.activations.end(), std::not_equal_to<>()) ==
                      c.activations.end();
    const char* shown = c.activations.empty() ? "none" : same ? name_of(c.activations[0]) : "mixed";
    bool changed = false;
    if (ImGui::BeginCombo("activation", shown)) {
        for (Activation a : enum_values<Activation>()) {
            if (ImGui::Selectable(name_of(a), same && !c.activations.empty() && c.activations[0] == a)) {
                std::fill(c.activations.begin(), c.activations.end(), a);
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    return changed;
}

// "layers 4,2  - +": drop or repeat the last hidden layer.
bool Playground::draw_layers_buttons(Config& c) {
    const std::string widths = join(c.layers, ",", [](int n) { return std::to_string(n); });
    ImGui::Text("layers %s", widths.empty() ? "none" : widths.c_str());
    ImGui::SameLine();
    bool changed = false;
    if (ImGui::SmallButton("-") && !c.layers.empty()) c.layers.pop_back(), c.activations.pop_back(), changed = true;
    ImGui::SameLine();
    if (ImGui::SmallButton("+") && int(c.layers.size()) < kMaxLayers) {
        c.layers.push_back(c.layers.empty() ? 4 : c.layers.back());
        c.activations.push_back(c.activations.empty() ? Activation::Tanh : c.activations.back());
        changed = true;
    }
    return changed;
}

// About how wide control `k` is drawn with widget width `w` (0: a button's own width), so
// a row of them can wrap before it (the toolbar on a phone, the embed row).
float Playground::control_width(Control k, float w) {
    const ImGuiStyle& st = ImGui::GetStyle();
    switch (k) {
        case Control::Play: return button_width("Continue");
        case Control::Step: return button_width("Step") + st.ItemSpacing.x + button_width("Epoch");
        case Control::Reset: return button_width("Reset");
        case Control::Seed: return button_width("New seed");
        case Control::Layers: return ImGui::CalcTextSize("layers 8,8,8,8").x + 2 * (button_width("+") + st.ItemSpacing.x);
        default: return w + st.ItemInnerSpacing.x + ImGui::CalcTextSize("regularization").x;
    }
}

void Playground::toolbar_item(const char* name) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    toolbar_items_.push_back({name, ImVec4(a.x, a.y, b.x - a.x, b.y - a.y)});
}

// Left: the training buttons, the counters and the speed; right: lessons, link, files and
// the frame-statistics toggle. Items wrap onto more lines when the window is narrow. Under
// the toolbar, the outcome of the last link or file action until dismissed.
void Playground::draw_toolbar() {
    const Trainer& t = trainer_;
    Config c = config();
    bool changed = false;
    Flow flow;
    auto item = [&](const char* name, float width, const std::function<void()>& draw) {
        flow.next(width);
        ImGui::BeginGroup();
        draw();
        ImGui::EndGroup();
        toolbar_item(name);
    };
    for (Control k : {Control::Play, Control::Step, Control::Reset, Control::Seed})
        item(name_of(k), control_width(k, 0), [&] { changed |= draw_control(k, c, 0); });
    char counter[64];
    std::snprintf(counter, sizeof counter, "Epoch %06d   steps %ld", t.epoch(), t.steps());
    item("counter", ImGui::CalcTextSize(counter).x, [&] {
        ImGui::TextUnformatted(counter);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%ld training examples seen", t.examples_seen());
    });
    if (stopped() == Stopped::StopEpoch)
        item("stopped", ImGui::CalcTextSize("(stopped at epoch 000000)").x, [&] {
            ImGui::TextColored(ImVec4(1, 0.75f, 0.25f, 1), "(stopped at epoch %d)", t.config().stop_epoch);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("the Training panel's stop epoch; Continue goes on past it");
        });
    item("speed", control_width(Control::Speed, 110), [&] { draw_control(Control::Speed, c, 110); });
    if (show_stats_) {
        char stats[128];
        std::snprintf(stats, sizeof stats, "%.0f fps  engine %.1f ms  heatmaps %.1f ms  draw %.1f ms",
                      double(ImGui::GetIO().Framerate), stats_.engine_ms, stats_.upload_ms, stats_.draw_ms);
        item("stats-text", ImGui::CalcTextSize(stats).x, [&] { ImGui::TextDisabled("%s", stats); });
    }
    const ImGuiStyle& style = ImGui::GetStyle();
    const float lessons_w = std::min(220.0f, 0.45f * ImGui::GetWindowContentRegionMax().x), right_w = lessons_w + button_width("Copy link") + button_width("Files") +
                                               ImGui::GetFrameHeight() + ImGui::CalcTextSize("stats").x +
                                               4 * style.ItemSpacing.x + style.ItemInnerSpacing.x;
    const float right_x = ImGui::GetWindowContentRegionMax().x - right_w;  // right-aligned when it fits
    if (ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + style.ItemSpacing.x <= right_x) ImGui::SameLine(right_x), flow = Flow();
    item("lessons", lessons_w, [&] { draw_lesson_picker(lessons_w); });
    item("link", button_width("Copy link"), [&] { draw_copy_link(); });
    item("files", button_width("Files"), [&] { draw_files_menu(); });
    item("stats", ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + ImGui::CalcTextSize("stats").x, [&] {
        ImGui::Checkbox("stats", &show_stats_);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("frame statistics: frames per second, and where a frame's time goes");
    });
    if (!share_message_.empty()) {
        ImGui::TextDisabled("%s", share_message_.c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton("ok")) share_message_.clear();
    }
    if (changed) apply(c);
}

// Copy link, and every file the run can be saved to or loaded from (the dataset CSV is in
// the data panel). The outcome of the last one is shown under the toolbar.
void Playground::draw_copy_link() {
    if (ImGui::Button("Copy link")) share_message_ = "link copied: " + host_.copy_link(to_hash(settings()));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("a link to exactly this set-up: data, network, training, seed, view");
}

void Playground::draw_files_menu() {
    if (ImGui::Button("Files")) ImGui::OpenPopup("files");
    if (ImGui::BeginPopup("files")) {
        if (ImGui::MenuItem("Save config (JSON)")) share_message_ = host_.save_text("config.json", export_config(), "application/json");
        if (ImGui::MenuItem("Load config (JSON)..."))
            host_.open_text(".json", [this](const std::string& text) {
                const auto warnings = load(text, "config file");
                share_message_ = warnings.empty() ? "config loaded" : "config loaded, with problems (see above)";
            });
        ImGui::Separator();
        if (ImGui::MenuItem("Save loss history (CSV)")) share_message_ = host_.save_text("loss.csv", export_history_csv(), "text/csv");
        if (ImGui::MenuItem("Save weights (JSON)")) share_message_ = host_.save_text("weights.json", export_weights(), "application/json");
        if (ImGui::MenuItem("Load weights (JSON)..."))
            host_.open_text(".json", [this](const std::string& text) {
                const std::string error = import_weights(text);
                share_message_ = error.empty() ? "weights loaded" : error;
            });
        ImGui::Separator();
        if (ImGui::MenuItem("Save picture (PNG)")) host_.save_png("playground.png"), share_message_ = "saved playground.png";
        ImGui::EndPopup();
    }
}

// One control as the toolbar, the panels and the embed row draw it: edits `c` (true when it
// changed) or acts at once (play, step, reset). `width` is the widget's, 0 for buttons.
bool Playground::draw_control(Control k, Config& c, float width) {
    bool changed = false;
    ImGui::PushID(int(k));
    if (width != 0) ImGui::SetNextItemWidth(width);
    switch (k) {
        case Control::Play:
            if (ImGui::Button(play_label(), ImVec2(control_width(Control::Play, 0), 0))) press_play();
            if (ImGui::IsItemHovered() && stopped() == Stopped::Diverged)
                ImGui::SetTooltip("training diverged: start again from the initial weights");
            else if (ImGui::IsItemHovered() && stopped() == Stopped::StopEpoch)
                ImGui::SetTooltip("go on training past the stop epoch (it is set to 0, never stop)");
            break;
        case Control::Step:
            if (ImGui::Button("Step")) step(1);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("one mini-batch: forward, backward, update");
            ImGui::SameLine();
            if (ImGui::Button("Epoch")) step_epoch();
            break;
        case Control::Reset:
            if (ImGui::Button("Reset")) reset();
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("same data, back to the initial weights: the seed's, or the weights file loaded last");
            break;
        case Control::Seed:
            if (ImGui::Button("New seed")) new_seed(), c = config();
            break;
        case Control::Speed: ImGui::SliderInt("steps/frame", &steps_per_frame, 1, 500, "%d", ImGuiSliderFlags_Logarithmic); break;
        case Control::Lr: changed = log_slider("learning rate", &c.lr, "lr"); break;
        case Control::Batch:
            changed = field_slider_int("batch size", &c.batch, "batch", 0, double(trainer_.data().train.size()));
            break;
        case Control::Optimizer: changed = enum_combo("optimizer", &c.optimizer); break;
        case Control::Activation: changed = draw_activation_combo(c); break;
        case Control::Layers: changed = draw_layers_buttons(c); break;
        case Control::Dataset: changed = enum_combo("dataset", &c.dataset); break;
        case Control::Noise: changed = field_slider("noise", &c.noise, "noise", "%.2f"); break;
        case Control::Reg:
            changed = enum_combo("regularization", &c.reg);
            if (c.reg != Regularization::None) {
                if (width != 0) ImGui::SetNextItemWidth(width);
                changed |= log_slider("reg. rate", &c.reg_rate, "reg_rate");
            }
            break;
    }
    ImGui::PopID();
    return changed;
}

// One small scatter preview per generator; clicking picks it. Previews are generated once.
bool Playground::draw_dataset_picker(Config& c) {
    static const std::vector<Dataset> previews = [] {
        std::vector<Dataset> v;
        for (DatasetKind k : enum_values<DatasetKind>()) v.push_back(generate({k, 120, 0.05, 1.0, 4, 1}));
        return v;
    }();
    const float cell = 36, gap = ImGui::GetStyle().ItemSpacing.x;
    const int per_row = std::max(1, int((ImGui::GetContentRegionAvail().x + gap) / (cell + gap)));
    bool changed = false;
    for (std::size_t i = 0; i < previews.size(); ++i) {
        const DatasetKind kind = enum_values<DatasetKind>()[i];
        if (i % std::size_t(per_row)) ImGui::SameLine();
        ImGui::PushID(int(i));
        const ImVec2 p0 = ImGui::GetCursorScreenPos();
        if (ImGui::InvisibleButton("preview", ImVec2(cell, cell)) && c.dataset != kind) c.dataset = kind, changed = true;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", name_of(kind));
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(p0, ImVec2(p0.x + cell, p0.y + cell), IM_COL32(30, 33, 40, 255), 3);
        for (const Point& p : previews[i].train) {
            const float x = p0.x + cell * float((p.x1 + kPlaneExtent) / (2 * kPlaneExtent));
            const float y = p0.y + cell * float((kPlaneExtent - p.x2) / (2 * kPlaneExtent));
            const ImU32 col = previews[i].task == Task::Regression ? diverging_rgba(float(p.label)) : class_color(int(p.label));
            dl->AddRectFilled(ImVec2(x - 1, y - 1), ImVec2(x + 1, y + 1), col);
        }
        dl->AddRect(p0, ImVec2(p0.x + cell, p0.y + cell), c.dataset == kind ? IM_COL32(120, 190, 255, 255) : IM_COL32(70, 75, 85, 255), 3, 0,
                    c.dataset == kind ? 2.0f : 1.0f);
        ImGui::PopID();
    }
    return changed;
}

void Playground::draw_data_panel() {
    Config c = config();
    bool changed = false;
    heading("Data");
    changed |= draw_dataset_picker(c);
    changed |= draw_control(Control::Dataset, c, -80);
    ImGui::SetNextItemWidth(-80);
    changed |= field_slider_int("points", &c.points, "points", ImGuiSliderFlags_Logarithmic);
    changed |= draw_control(Control::Noise, c, -80);
    ImGui::SetNextItemWidth(-80);
    changed |= field_slider("training %", &c.train_ratio, "train_ratio", "%.0f%%", 0, 100);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("the share of the points used for training; the rest are the test set");
    if (c.dataset == DatasetKind::SpiralArms || c.dataset == DatasetKind::Blobs) {
        ImGui::SetNextItemWidth(-80);
        changed |= field_slider_int("classes", &c.classes, "classes");
    }
    int seed = int(c.seed);
    ImGui::SetNextItemWidth(-80);
    if (ImGui::InputInt("seed", &seed) && seed >= 0) c.seed = std::uint32_t(seed), changed = true;
    if (trainer_.has_accuracy()) {
        ImGui::TextUnformatted("click adds class");
        for (int k = 0; k < trainer_.data().classes; ++k) {
            ImGui::SameLine();
            ImGui::PushStyleColor(ImGuiCol_Text, class_color(k));
            char label[16];
            std::snprintf(label, sizeof label, "%d", k);
            ImGui::RadioButton(label, &add_class_, k);
            ImGui::PopStyleColor();
        }
    }
    ImGui::TextDisabled("right-click erases a point");
    if (ImGui::SmallButton("Export CSV")) file_message_ = host_.save_text("dataset.csv", export_csv(), "text/csv");
    ImGui::SameLine();
    if (ImGui::SmallButton("Import CSV"))
        host_.open_text(".csv", [this](const std::string& text) {
            const std::string error = import_csv(text);
            file_message_ = error.empty() ? "imported " + std::to_string(trainer_.data().train.size()) + " training points" : error;
        });
    if (!file_message_.empty()) wrapped_textf("%s", file_message_.c_str());
    if (changed) apply(c);
}

void Playground::draw_features_panel() {
    heading("Features");
    Config c = config();
    bool changed = false;
    for (int i = 0; i < kFeatureCount; ++i) {
        const Feature f = Feature(i);
        bool on = std::find(c.features.begin(), c.features.end(), f) != c.features.end();
        if (i % 2) ImGui::SameLine(125);
        if (ImGui::Checkbox(feature_label(f), &on)) {
            if (on) c.features.push_back(f);
            else if (c.features.size() > 1) c.features.erase(std::find(c.features.begin(), c.features.end(), f));
            changed = true;
        }
    }
    if (changed) apply(c);
}

void Playground::draw_training_panel() {
    Config c = config();
    bool changed = false;
    heading("Training");
    // Room on the right for the longest label and its "(?)" marker, so neither is cut off.
    const float w = -(ImGui::CalcTextSize("stop at epoch (?)").x + 2 * ImGui::GetStyle().ItemSpacing.x);
    changed |= draw_control(Control::Optimizer, c, w);
    changed |= draw_control(Control::Lr, c, w);
    if (c.optimizer == OptimizerKind::Momentum || c.optimizer == OptimizerKind::Nesterov) {
        ImGui::SetNextItemWidth(w);
        changed |= field_slider("momentum", &c.opt.momentum, "momentum", "%.3f");
    }
    ImGui::SetNextItemWidth(w);
    changed |= enum_combo("schedule", &c.schedule.kind);
    changed |= draw_control(Control::Batch, c, w);
    ImGui::SetNextItemWidth(w);
    changed |= ImGui::InputInt("stop at epoch", &c.stop_epoch, 10, 100);
    const FieldRange stop = field_range("stop_epoch");
    c.stop_epoch = std::clamp(c.stop_epoch, int(stop.lo), int(stop.hi));
    help_marker("Playing pauses when this epoch is reached; 0 never stops.");
    changed |= draw_control(Control::Reg, c, w);
    ImGui::SetNextItemWidth(w);
    changed |= log_slider("clip norm", &c.clip, "clip");
    help_marker("Largest global gradient norm; 0 turns clipping off.");
    heading("Initialisation and head");
    ImGui::SetNextItemWidth(w);
    changed |= enum_combo("init", &c.init);
    if (c.init == InitKind::Uniform || c.init == InitKind::Normal) {
        ImGui::SetNextItemWidth(w);
        changed |= log_slider("init scale", &c.init_scale, "init_scale");
    }
    if (trainer_.data().task == Task::Binary) {
        ImGui::SetNextItemWidth(w);
        changed |= enum_combo("output", &c.head);
        help_marker("sigmoid-bce: sigmoid output with binary cross-entropy.\n"
                    "tanh-mse: tanh output with squared error on labels -1/+1, as TensorFlow Playground does.");
    }
    if (changed) apply(c);
}

}  // namespace bp
