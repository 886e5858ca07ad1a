// The playground's controls: the toolbar (play, step, reset, speed, epoch counter, copy link,
// files, language) and the data, features and training panels. Each edits a copy of the
// Config (or the page's settings) and hands it to the model, which checks every value.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <string>
#include <utility>

#include "build_id.h"
#include "colors.h"
#include "imgui.h"
#include "playground.h"
#include "text_util.h"
#include "widgets.h"
#include "messages.h"

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

// The labels drawn right of the data and training panels' widgets, as message keys.
constexpr const char* kPanelLabels[] = {"controls.dataset", "data.points", "controls.noise", "data.train_ratio", "data.classes",
                                        "data.seed", "controls.optimizer", "controls.lr", "controls.momentum",
                                        "controls.schedule", "controls.batch", "controls.stop_epoch", "controls.regularization",
                                        "controls.reg_rate", "controls.clip", "controls.init", "controls.init_scale", "controls.output"};

// The labels of the controls drawn as a widget and a label, as message keys.
constexpr std::pair<Control, const char*> kControlLabels[] = {
    {Control::Speed, "controls.speed"}, {Control::Lr, "controls.lr"}, {Control::Batch, "controls.batch"},
    {Control::Optimizer, "controls.optimizer"}, {Control::Activation, "controls.activation"}, {Control::Dataset, "controls.dataset"},
    {Control::Noise, "controls.noise"}, {Control::Reg, "controls.regularization"}, {Control::Reg, "controls.reg_rate"}};

}  // namespace

// The widest of those labels in the current language with a "(?)" marker: the panels leave
// this much room right of each widget, so no label is cut off (Russian runs ~40% longer).
float Playground::panel_label_width() {
    float w = 0;
    for (const char* key : kPanelLabels) w = std::max(w, ImGui::CalcTextSize(tr(key)).x);
    return w + ImGui::CalcTextSize(" (?)").x + 2 * ImGui::GetStyle().ItemSpacing.x;
}

// What the activation combo shows: the hidden layers' one activation, "mixed" or "none".
const char* Playground::activation_preview(const Config& c) {
    const bool same = std::adjacent_find(c.activations.begin(), c.activations.end(), std::not_equal_to<>()) ==
                      c.activations.end();
    return c.activations.empty() ? tr("controls.none") : same ? label_of(c.activations[0]) : tr("controls.mixed");
}

// One activation for every hidden layer ("mixed" when they differ).
bool Playground::draw_activation_combo(Config& c) {
    const bool same = std::adjacent_find(c.activations.begin(), c.activations.end(), std::not_equal_to<>()) ==
                      c.activations.end();
    bool changed = false;
    if (begin_combo(tr("controls.activation"), activation_preview(c))) {
        for (Activation a : enum_values<Activation>()) {
            if (ImGui::Selectable(label_of(a), same && !c.activations.empty() && c.activations[0] == a)) {
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
    ImGui::TextUnformatted(msg_now("controls.layers", {{"widths", widths.empty() ? tr("controls.none") : widths}}).c_str());
    ImGui::SameLine();
    bool changed = false;
    if (small_button("-") && !c.layers.empty()) c.layers.pop_back(), c.activations.pop_back(), changed = true;
    ImGui::SameLine();
    if (small_button("+") && int(c.layers.size()) < kMaxLayers) {
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
        case Control::Play: return std::max({button_width(tr("play.continue")), button_width(tr("play.play")), button_width(tr("play.pause")), button_width(tr("play.restart"))});
        case Control::Step: return button_width(tr("controls.step")) + st.ItemSpacing.x + button_width(tr("controls.epoch"));
        case Control::Reset: return button_width(tr("controls.reset"));
        case Control::Seed: return button_width(tr("controls.new_seed"));
        case Control::Layers: return ImGui::CalcTextSize(msg_now("controls.layers", {{"widths", "8,8,8,8"}}).c_str()).x + 2 * (button_width("+") + st.ItemSpacing.x);
        default: break;
    }
    float label = 0;  // the widget's label, right of it (the regularization's rate slider under it)
    for (const auto& [control, key] : kControlLabels)
        if (control == k) label = std::max(label, ImGui::CalcTextSize(tr(key)).x);
    return std::max(w, combo_need(k)) + st.ItemInnerSpacing.x + label;
}

// A combo control's width for its longest value in the page's language (0 for the others).
float Playground::combo_need(Control k) {
    const float arrow = ImGui::GetFrameHeight() + 2 * ImGui::GetStyle().FramePadding.x;
    switch (k) {
        case Control::Optimizer: return enum_combo_width<OptimizerKind>();
        case Control::Dataset: return enum_combo_width<DatasetKind>();
        case Control::Reg: return enum_combo_width<Regularization>();
        case Control::Activation:
            return std::max({enum_combo_width<Activation>(), ImGui::CalcTextSize(tr("controls.mixed")).x + arrow,
                             ImGui::CalcTextSize(tr("controls.none")).x + arrow});
        default: return 0;
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
    const Trainer& t = model_.trainer();
    Config c = model_.config();
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
    char epoch[16];
    std::snprintf(epoch, sizeof epoch, "%06d", t.epoch());
    const std::string counter = msg_now("toolbar.counter", {{"epoch", epoch}, {"steps", std::to_string(t.steps())}});
    item("counter", ImGui::CalcTextSize(counter.c_str()).x, [&] {
        ImGui::TextUnformatted(counter.c_str());
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s", msg_now("toolbar.examples_seen", {{"n", std::to_string(t.examples_seen())}}).c_str());
    });
    if (model_.stopped() == Stopped::StopEpoch)
        item("stopped", ImGui::CalcTextSize(msg_now("toolbar.stopped", {{"epoch", "000000"}}).c_str()).x, [&] {
            ImGui::TextColored(ImVec4(1, 0.75f, 0.25f, 1), "%s",
                               msg_now("toolbar.stopped", {{"epoch", std::to_string(t.config().stop_epoch)}}).c_str());
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("toolbar.stopped_tip"));
        });
    item("speed", control_width(Control::Speed, 110), [&] { changed |= draw_control(Control::Speed, c, 110); });
    if (show_stats_) {
        char stats[128];
        std::snprintf(stats, sizeof stats, tr("toolbar.stats_line"),
                      double(ImGui::GetIO().Framerate), stats_.engine_ms, stats_.upload_ms, stats_.draw_ms);
        item("stats-text", ImGui::CalcTextSize(stats).x, [&] { ImGui::TextDisabled("%s", stats); });
    }
    const ImGuiStyle& style = ImGui::GetStyle();
    const float lang_w = language_menu_width(), row_w = ImGui::GetWindowContentRegionMax().x - ImGui::GetWindowContentRegionMin().x;
    // At least the open lesson's whole title (a teacher's task may have a long one), within 45% of the row.
    const Lesson* open = find_lesson(model_.page().lesson);
    const float open_w = open ? ImGui::CalcTextSize(open->title.get().c_str()).x + ImGui::GetFrameHeight() + 2 * style.FramePadding.x : 0;
    float lessons_w = std::min(std::max(220.0f, open_w), 0.45f * ImGui::GetWindowContentRegionMax().x);
    const float right_w = lessons_w + button_width(tr("toolbar.copy_link")) + button_width(tr("toolbar.files")) + lang_w +
                          ImGui::GetFrameHeight() + ImGui::CalcTextSize(tr("toolbar.stats")).x +
                          5 * style.ItemSpacing.x + style.ItemInnerSpacing.x;
    const float right_x = ImGui::GetWindowContentRegionMax().x - right_w;  // right-aligned when it fits
    if (right_w > row_w) lessons_w = std::min(row_w, lesson_picker_width());  // a phone: wrapped rows, whole titles
    if (ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + style.ItemSpacing.x <= right_x) ImGui::SameLine(right_x), flow = Flow();
    item("lessons", lessons_w, [&] { draw_lesson_picker(lessons_w); });
    item("link", button_width(tr("toolbar.copy_link")), [&] { draw_copy_link(); });
    item("files", button_width(tr("toolbar.files")), [&] { draw_files_menu(); });
    item("lang", lang_w, [&] { draw_language_menu(); });
    item("stats", checkbox_width(tr("toolbar.stats")), [&] {
        ImGui::Checkbox(tr("toolbar.stats"), &show_stats_);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("toolbar.stats_tip"));
    });
    if (!share_message_.empty()) {
        ImGui::TextDisabled("%s", relang(share_message_).c_str());
        ImGui::SameLine();
        if (small_button(tr("toolbar.ok"))) share_message_.clear();
    }
    if (changed) model_.apply(c);
}

// Copy link, and every file the run can be saved to or loaded from (the dataset CSV is in
// the data panel). The outcome of the last one is shown under the toolbar.
void Playground::draw_copy_link() {
    if (ImGui::Button(tr("toolbar.copy_link"))) share_message_ = msg("toolbar.link_copied", {{"url", host_.copy_link(to_hash(model_.settings()))}});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("toolbar.copy_link_tip"));
}

void Playground::draw_files_menu() {
    if (ImGui::Button(tr("toolbar.files"))) ImGui::OpenPopup("files");
    if (ImGui::BeginPopup("files")) {
        if (ImGui::MenuItem(tr("files.save_config"))) share_message_ = host_.save_text("config.json", model_.export_config(), "application/json");
        if (ImGui::MenuItem(tr("files.load_config")))
            host_.open_text(".json", [this](const std::string& text) {
                const auto warnings = model_.load(text, "config file");
                share_message_ = msg(warnings.empty() ? "files.config_loaded" : "files.config_loaded_problems");
            });
        if (ImGui::MenuItem(tr("files.open_lesson")))
            host_.open_text(".json", [this](const std::string& text) {
                if (model_.load_lesson(text).empty()) share_message_ = model_.edit_message();
            });
        ImGui::Separator();
        if (ImGui::MenuItem(tr("files.save_history"))) share_message_ = host_.save_text("loss.csv", model_.export_history_csv(), "text/csv");
        if (ImGui::MenuItem(tr("files.save_weights"))) share_message_ = host_.save_text("weights.json", model_.export_weights(), "application/json");
        if (ImGui::MenuItem(tr("files.load_weights")))
            host_.open_text(".json", [this](const std::string& text) {
                const std::string error = model_.import_weights(text);
                share_message_ = error.empty() ? msg("files.weights_loaded") : error;
            });
        ImGui::Separator();
        if (ImGui::MenuItem(tr("files.save_png")))
            host_.save_png("playground.png"), share_message_ = msg("files.saved", {{"name", "playground.png"}});
        ImGui::Separator();
        if (ImGui::MenuItem(tr("files.hand_in"))) hand_in();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("files.hand_in_tip"));
        ImGui::TextDisabled("%s", msg_now("files.build", {{"id", build_id()}}).c_str());
        ImGui::EndPopup();
    }
}

void Playground::hand_in() {
    const std::string name = model_.record_file_name();
    host_.save_text(name, model_.export_record(), "application/json");
    share_message_ = msg("files.handed_in", {{"name", name}});
}

// Each language by its own name (an endonym is the same in every table, so it lives here).
constexpr const char* kLanguageNames[] = {"English", "Español", "Русский"};
static_assert(std::size(kLanguageNames) == enum_count<Language>(), "one name per language");

float Playground::language_menu_width() {
    float w = 0;
    for (const char* name : kLanguageNames) w = std::max(w, ImGui::CalcTextSize(name).x);
    return w + ImGui::GetFrameHeight() + 2 * ImGui::GetStyle().FramePadding.x;
}

void Playground::draw_language_menu() {
    ImGui::SetNextItemWidth(language_menu_width());
    if (begin_combo("##lang", kLanguageNames[std::size_t(model_.page().lang)])) {
        for (Language lang : enum_values<Language>())
            if (ImGui::Selectable(kLanguageNames[std::size_t(lang)], lang == model_.page().lang) && lang != model_.page().lang) {
                PageSettings p = model_.page();
                p.lang = lang;
                model_.set_page(p);
            }
        ImGui::EndCombo();
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("toolbar.language_tip"));
}

// One control as the toolbar, the panels and the embed row draw it: edits `c` (true when it
// changed) or acts at once (play, step, reset). `width` is the widget's, 0 for buttons.
bool Playground::draw_control(Control k, Config& c, float width) {
    bool changed = false;
    ImGui::PushID(int(k));
    const float need = combo_need(k);  // a negative width (the available less a label) stays one when no combo needs more
    if (width != 0) ImGui::SetNextItemWidth(need > 0 ? std::max(width, need) : width);
    switch (k) {
        case Control::Play:
            if (ImGui::Button(model_.play_label(), ImVec2(control_width(Control::Play, 0), 0))) model_.press_play();
            if (ImGui::IsItemHovered() && model_.stopped() == Stopped::Diverged)
                ImGui::SetTooltip("%s", tr("play.restart_tip"));
            else if (ImGui::IsItemHovered() && model_.stopped() == Stopped::StopEpoch)
                ImGui::SetTooltip("%s", tr("play.continue_tip"));
            break;
        case Control::Step:
            if (ImGui::Button(tr("controls.step"))) model_.step(1);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("controls.step_tip"));
            ImGui::SameLine();
            if (ImGui::Button(tr("controls.epoch"))) model_.step_epoch();
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("controls.epoch_tip"));
            break;
        case Control::Reset:
            if (ImGui::Button(tr("controls.reset"))) model_.reset();
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("controls.reset_tip"));
            break;
        case Control::Seed:
            if (ImGui::Button(tr("controls.new_seed"))) model_.new_seed(), c = model_.config();
            break;
        case Control::Speed:
            changed = field_slider(tr("controls.speed"), &c.speed, "speed", "%.3g", ImGuiSliderFlags_Logarithmic);
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("%s", msg_now("controls.speed_tip", {{"steps", std::to_string(model_.trainer().steps_per_epoch())},
                                                                       {"batch", std::to_string(c.batch)}}).c_str());
            break;
        case Control::Lr: changed = log_slider(tr("controls.lr"), &c.lr, "lr"); break;
        case Control::Batch:
            changed = field_slider_int(tr("controls.batch"), &c.batch, "batch", 0, double(model_.trainer().data().train.size()));
            break;
        case Control::Optimizer: changed = enum_combo(tr("controls.optimizer"), &c.opt.kind); break;
        case Control::Activation: changed = draw_activation_combo(c); break;
        case Control::Layers: changed = draw_layers_buttons(c); break;
        case Control::Dataset: changed = enum_combo(tr("controls.dataset"), &c.dataset); break;
        case Control::Noise: changed = field_slider(tr("controls.noise"), &c.noise, "noise", "%.2f"); break;
        case Control::Reg:
            changed = enum_combo(tr("controls.regularization"), &c.reg);
            if (c.reg != Regularization::None) {
                if (width != 0) ImGui::SetNextItemWidth(width);
                changed |= log_slider(tr("controls.reg_rate"), &c.reg_rate, "reg_rate");
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
    const float cell = std::max(36.0f, ImGui::GetFrameHeight()), gap = ImGui::GetStyle().ItemSpacing.x;  // a finger's on touch
    const int per_row = std::max(1, int((ImGui::GetContentRegionAvail().x + gap) / (cell + gap)));
    bool changed = false;
    for (std::size_t i = 0; i < previews.size(); ++i) {
        const DatasetKind kind = enum_values<DatasetKind>()[i];
        if (i % std::size_t(per_row)) ImGui::SameLine();
        ImGui::PushID(int(i));
        const ImVec2 p0 = ImGui::GetCursorScreenPos();
        if (ImGui::InvisibleButton("preview", ImVec2(cell, cell)) && c.dataset != kind) c.dataset = kind, changed = true;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", label_of(kind));
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
    Config c = model_.config();
    bool changed = false;
    heading(tr("panel.data"));
    const float w = -panel_label_width();
    changed |= draw_dataset_picker(c);
    changed |= draw_control(Control::Dataset, c, w);
    ImGui::SetNextItemWidth(w);
    changed |= field_slider_int(tr("data.points"), &c.points, "points", ImGuiSliderFlags_Logarithmic);
    changed |= draw_control(Control::Noise, c, w);
    ImGui::SetNextItemWidth(w);
    changed |= field_slider(tr("data.train_ratio"), &c.train_ratio, "train_ratio", "%.0f%%", 0, 100);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("data.train_ratio_tip"));
    if (c.dataset == DatasetKind::SpiralArms || c.dataset == DatasetKind::Blobs) {
        ImGui::SetNextItemWidth(w);
        changed |= field_slider_int(tr("data.classes"), &c.classes, "classes");
    }
    int seed = int(c.seed);
    ImGui::SetNextItemWidth(w);
    if (input_int(tr("data.seed"), &seed) && seed >= 0) c.seed = std::uint32_t(seed), changed = true;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr("data.seed_tip"));
    if (model_.trainer().has_accuracy()) {
        ImGui::TextUnformatted(tr("data.click_adds"));
        for (int k = 0; k < model_.trainer().data().classes; ++k) {
            ImGui::SameLine();
            ImGui::PushStyleColor(ImGuiCol_Text, class_color(k));
            char label[16];
            std::snprintf(label, sizeof label, "%d", k);
            ImGui::RadioButton(label, &add_class_, k);
            ImGui::PopStyleColor();
        }
    }
    ImGui::TextDisabled("%s", tr("data.erase"));
    if (small_button(tr("data.export_csv"))) model_.save_dataset();
    ImGui::SameLine();
    if (small_button(tr("data.import_csv"))) host_.open_text(".csv", [this](const std::string& text) { model_.open_dataset(text); });
    if (!model_.edit_message().empty()) wrapped_textf("%s", relang(model_.edit_message()).c_str());
    if (changed) model_.apply(c);
}

void Playground::draw_features_panel() {
    heading(tr("panel.features"));
    Config c = model_.config();
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
    if (changed) model_.apply(c);
}

void Playground::draw_training_panel() {
    Config c = model_.config();
    bool changed = false;
    heading(tr("panel.training"));
    const float w = -panel_label_width();  // room for the longest label and its "(?)" marker
    changed |= draw_control(Control::Optimizer, c, w);
    changed |= draw_control(Control::Lr, c, w);
    if (c.opt.kind == OptimizerKind::Momentum || c.opt.kind == OptimizerKind::Nesterov) {
        ImGui::SetNextItemWidth(w);
        changed |= field_slider(tr("controls.momentum"), &c.opt.momentum, "momentum", "%.3f");
    }
    ImGui::SetNextItemWidth(w);
    changed |= enum_combo(tr("controls.schedule"), &c.schedule.kind);
    changed |= draw_control(Control::Batch, c, w);
    ImGui::SetNextItemWidth(w);
    changed |= input_int(tr("controls.stop_epoch"), &c.stop_epoch, 10, 100);
    const FieldRange stop = field_range("stop_epoch");
    c.stop_epoch = std::clamp(c.stop_epoch, int(stop.lo), int(stop.hi));
    help_marker(tr("controls.stop_epoch_help"));
    changed |= draw_control(Control::Reg, c, w);
    ImGui::SetNextItemWidth(w);
    changed |= log_slider(tr("controls.clip"), &c.clip, "clip");
    help_marker(tr("controls.clip_help"));
    heading(tr("panel.init_head"));
    ImGui::SetNextItemWidth(w);
    changed |= enum_combo(tr("controls.init"), &c.init);
    if (c.init == InitKind::Uniform || c.init == InitKind::Normal) {
        ImGui::SetNextItemWidth(w);
        changed |= log_slider(tr("controls.init_scale"), &c.init_scale, "init_scale");
    }
    if (model_.trainer().data().task == Task::Binary) {
        ImGui::SetNextItemWidth(w);
        changed |= enum_combo(tr("controls.output"), &c.head);
        help_marker(tr("controls.output_help"));
    }
    if (changed) model_.apply(c);
}

}  // namespace bp
