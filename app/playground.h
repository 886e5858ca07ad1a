// The training playground: owns the Trainer and the Config the controls edit, trains a
// slice each frame within a time budget, refreshes the heatmaps, and draws the panels
// (controls, network diagram, output, loss, gradient views). Also the state the JS API
// reads and drives (play, pause, step, reset, metrics, config in and out).
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "config.h"
#include "findings.h"
#include "lesson.h"
#include "run_io.h"
#include "json.h"
#include "plot.h"
#include "host.h"
#include "textures.h"
#include "trainer.h"

namespace bp {

// Why training does not go on by itself, whatever Play was pressed: the run diverged, or
// it reached the stop epoch. The Play button offers what makes sense in each case.
enum class Stopped { No, Diverged, StopEpoch };
Json stopped_json(Stopped s);  // "diverged", "stop-epoch" or null, for the JS API

// What the lesson panel shows about the lesson's checks: they are evaluated once its epoch
// budget is reached, or earlier when training stopped (a diverged run never reaches it).
struct LessonStatus {
    const Lesson* lesson = nullptr;  // nullptr: no lesson open
    int variant = -1;
    int epoch = 0, budget = 0;
    bool checked = false;
    Stopped stopped = Stopped::No;
    std::string note;                  // the line above the checks (or instead of them)
    std::vector<CheckOutcome> checks;  // evaluated when `checked`
};

struct FrameStats {
    double engine_ms = 0;  // training slice + grids, this frame
    double upload_ms = 0;  // colouring the heatmaps and handing them to the GPU
    double draw_ms = 0;    // building the UI, this frame
};

class Playground {
public:
    Playground(TextureStore& textures, Host& host);

    void update();  // engine work of one frame (training slice, grids)
    void draw();    // the panels, inside the current ImGui window

    void draw_embed_controls();  // embed mode: the chosen controls on one row
    void draw_embed_panels();    // embed mode: the chosen panels in a grid filling the rest

    // Driven by the UI and by the JS API.
    const Config& config() const { return config_; }
    int config_version() const { return config_version_; }  // counts apply(): followers skip idle frames
    std::vector<std::string> set_state(const std::string& hash_or_json);
    // As set_state, and what was rejected is shown in the message bar, naming `source`
    // ("link", "config file"). An empty list clears the bar.
    std::vector<std::string> load(const std::string& hash_or_json, const char* source);
    const std::vector<std::string>& messages() const { return messages_; }
    const std::string& messages_source() const { return messages_source_; }
    void dismiss_messages() { messages_.clear(); }
    // A lesson's set-up (variant -1) or one of its variants', from the start, playing.
    void open_lesson(const Lesson& lesson, int variant);
    int lesson_variant() const { return lesson_variant_; }
    void apply(const Config& config);  // a UI edit: the Trainer takes it over
    void play() { playing_ = true; }
    void pause() { playing_ = false; }
    // Training runs frame by frame: Play was pressed and nothing stopped it.
    bool playing() const { return playing_ && stopped() == Stopped::No; }
    Stopped stopped() const;
    // The Play button: "Pause" while playing; "Restart" after a divergence (reset, then
    // play); "Continue" at the stop epoch (no stop epoch any more, then play); else "Play".
    const char* play_label() const;
    void press_play();
    LessonStatus lesson_status() const;
    void step(int batches) { trainer_.step(batches); }
    void step_epoch() { trainer_.run_epochs(1); }
    void reset() { trainer_.reset(); }
    void new_seed();
    std::string export_csv() const { return to_csv(trainer_.data()); }
    std::string export_config() const { return to_json(config_).dump(); }
    std::string export_history_csv() const { return history_to_csv(trainer_.history(), trainer_.has_accuracy()); }
    std::string export_weights() const { return weights_to_json(trainer_).dump(); }
    std::string import_weights(const std::string& text);  // "" when loaded, else the error
    // The panels drawn in the last frame, in any layout: `rect` where the whole panel lies
    // (logical pixels; in a scrolled column it may reach past the screen), `visible` the
    // part that shows (x, y, width, height), zero-sized when none does.
    struct DrawnPanel {
        Panel panel;
        ImVec4 rect, visible;
    };
    const std::vector<DrawnPanel>& drawn_panels() const { return drawn_panels_; }
    // The toolbar's items in the last frame, by name, with where (for layout tests).
    const std::vector<std::pair<std::string, ImVec4>>& toolbar_items() const { return toolbar_items_; }
    void set_touch(bool touch) { touch_ = touch; }  // a touch screen (coarse pointer, or the last input was a touch)
    std::string import_csv(const std::string& text);  // "" when loaded, else the error
    Json metrics() const;
    // What the callouts panel shows: the findings on the run now, less the open lesson's muted rules.
    std::vector<Finding> callouts() const;
    Trainer& trainer() { return trainer_; }
    FrameStats& frame_stats() { return stats_; }
    // Where the output view was last drawn, in logical pixels: x, y, width, height.
    const ImVec4& output_rect() const { return output_rect_; }
    int steps_per_frame = 10;

private:
    void refresh_textures();
    void upload_feature_thumbnails();
    void draw_toolbar();
    void toolbar_item(const char* name);  // records the last item's rect in toolbar_items_
    void draw_stopped_banner();
    void draw_first_visit();
    void remember_first_visit();
    void draw_columns(int count);
    void draw_controls_column();
    void draw_output_column(float width);
    void draw_one_column();
    void finger_sized(bool on, bool always);
    void place(Panel panel, float width, const std::function<void()>& draw);
    void record_panel(Panel panel, ImVec2 pos, ImVec2 size);
    void touch_scroll();
    void draw_copy_link();
    void draw_files_menu();
    static float control_width(Control control, float widget_width);
    void draw_lesson_picker(float width);
    void draw_lesson_panel();
    void restart_lesson(int variant);
    bool draw_control(Control control, Config& c, float width);
    static bool draw_activation_combo(Config& c);
    static bool draw_layers_buttons(Config& c);
    void draw_panel(Panel panel, ImVec2 size);
    void draw_data_panel();
    bool draw_dataset_picker(Config& c);
    void draw_features_panel();
    void draw_training_panel();
    void draw_output_view(float size);
    void draw_loss_view(float width, float plot_height);  // plot_height 0: fill the rest
    void draw_network_view(ImVec2 size);
    void draw_gradient_view(float width);
    void draw_callouts();

    TextureStore& textures_;
    Host& host_;
    std::string file_message_;  // the last save/open outcome shown in the data panel
    std::string share_message_;  // the last copy-link/export outcome shown in the toolbar
    std::vector<std::string> messages_;  // rejected settings of the last load, until dismissed
    std::string messages_source_;
    std::vector<DrawnPanel> drawn_panels_;
    std::vector<std::pair<std::string, ImVec4>> toolbar_items_;
    bool touch_ = false, touch_scrolling_ = false;
    bool show_stats_ = false;  // the frame statistics in the toolbar (a toggle)
    int first_visit_ = -1;     // the "start here" strip: -1 not asked yet, 0 hidden, 1 shown
    int lesson_variant_ = -1;  // -1 = the lesson's own set-up, else the variant shown
    std::string lesson_hash_;  // the config as the lesson (variant) set it up
    int lesson_seen_version_ = -1;
    bool lesson_changed_ = false;  // the config differs from lesson_hash_ (as of that version)
    Config config_;
    int config_version_ = 0;
    Trainer trainer_;
    bool playing_ = true;
    bool discretize_ = false, show_test_ = true, log_loss_ = false, edges_show_grads_ = false;
    int add_class_ = 1;
    int histogram_layer_ = 0;
    std::vector<SmoothedLog> smoothed_grad_norm_, smoothed_update_ratio_;  // the gradient plots' lines, per layer
    FrameStats stats_;
    std::vector<float> grid_;             // output over the plane (kGridSize x kGridSize)
    std::vector<int> grid_class_;
    std::vector<Eigen::MatrixXf> units_;  // hidden activations over the plane (kThumbSize x kThumbSize)
    std::vector<std::uint32_t> pixels_;
    ImTextureID output_tex_ = nullptr;
    ImVec4 output_rect_;
    std::vector<std::vector<ImTextureID>> unit_tex_;  // [layer][unit]
    std::vector<ImTextureID> feature_tex_;
};

constexpr int kGridSize = 100;  // output heatmap resolution
constexpr int kThumbSize = 32;  // unit thumbnail resolution

}  // namespace bp
