// The training playground as drawn: it holds a PlaygroundModel (the state and logic, no
// ImGui) and changes it only through its operations; it trains a slice each frame within a
// time budget, refreshes the heatmaps, and draws the panels (controls, network diagram,
// output, loss, gradient views) in the layout the window's width calls for.
#pragma once
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "frame_grids.h"
#include "playground_model.h"
#include "plot.h"
#include "textures.h"
#include "widgets.h"

namespace bp {

struct FrameStats {
    double engine_ms = 0;  // training slice + grids, this frame (+ landscape_ms)
    double landscape_ms = 0;  // the Landscape tab's slice, line and race, this frame (0 when not shown)
    double upload_ms = 0;  // colouring the heatmaps and handing them to the GPU
    double draw_ms = 0;    // building the UI, this frame
    long grid_macs = 0;    // multiply-adds the heatmaps took, this frame
    long pictures = 0;     // output pictures completed so far
};

class Playground {
public:
    Playground(TextureStore& textures, Host& host);

    PlaygroundModel& model() { return model_; }  // the state the other views and the JS API share
    const PlaygroundModel& model() const { return model_; }

    // Engine work of one frame (training slice, grids): `reserve_ms` of the frame's engine time
    // left for another view's work after it (the Landscape tab's slice).
    void update(double reserve_ms = 0);
    void draw();    // the panels, inside the current ImGui window

    void draw_embed_controls();  // embed mode: the chosen controls on one row
    void draw_embed_panels();    // embed mode: the chosen panels in a grid filling the rest
    // The open lesson's text and checks, if it is a lesson of that view. In an embed: its title
    // (wrapped before `title_right`) with a button that unfolds the rest.
    bool draw_view_lesson(View view, float title_right = 0);  // false when it drew nothing

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
    // A touch screen (coarse pointer, or the last input was a touch), and how far the current
    // or last press moved while down (largest |dx|, |dy|, from every event the window saw) and
    // where it ended less where it began.
    void set_touch(bool touch, ImVec2 press_travel = {0, 0}, ImVec2 press_moved = {0, 0}) {
        touch_ = touch, pointer_press() = {press_travel, press_moved};
    }
    bool touch() const { return touch_; }
    FrameStats& frame_stats() { return stats_; }
    // Where the output view was last drawn, in logical pixels: x, y, width, height.
    const ImVec4& output_rect() const { return output_rect_; }
    // Files > Hand in: offers the run record as a file (record_file_name()), training going on.
    void hand_in();
    void open_lesson_list() { lesson_list_requested_ = true; }  // the L shortcut: a keyboard-friendly list
    void draw_toolbar();  // play, step, reset, seed, the counter, the speed, lessons, files, language (the Landscape tab too)

private:
    void train_slice(long due, double budget_ms, std::chrono::steady_clock::time_point t0);
    void refresh_textures(bool output, bool units);
    void upload_feature_thumbnails();
    void toolbar_item(const char* name);  // records the last item's rect in toolbar_items_
    void draw_stopped_banner();
    void draw_first_visit();
    void draw_columns(int count);
    void draw_controls_column(bool with_lesson);  // with the open lesson's panel first
    void draw_output_column(float width);
    void draw_one_column();
    void place(Panel panel, float width, const std::function<void()>& draw);
    void record_panel(Panel panel, ImVec2 pos, ImVec2 size);
    void touch_scroll();
    void begin_column(const char* name);
    void end_column();
    void draw_copy_link();
    void draw_files_menu();
    void draw_language_menu();  // en, es, ru: changes every text at once, training goes on
    static float language_menu_width();
    static float panel_label_width();  // room right of the data and training panels' widgets
    static float control_width(Control control, float widget_width);
    static const char* activation_preview(const Config& c);
    static float combo_need(Control control);  // a combo's width for its longest value
    void draw_lesson_picker(float width);
    float lesson_picker_width() const;
    void draw_lesson_list();
    void draw_lesson_panel();
    void draw_task_limits(const LessonTask& task);
    bool draw_control(Control control, Config& c, float width);
    static bool draw_activation_combo(Config& c);
    static bool draw_layers_buttons(Config& c);
    void draw_panel(Panel panel, ImVec2 size);
    void draw_data_panel();
    bool draw_dataset_picker(Config& c);
    void draw_features_panel();
    void draw_training_panel();
    void draw_output_view(float size, bool fill_height = false);  // fill_height: also fit the height left
    bool fit_plot() const;  // a regression on one input: the fit plot in the output view's place
    void draw_fit_view(float size, bool fill_height = false);
    void draw_loss_view(float width, float plot_height);  // plot_height 0: fill the rest
    void draw_kept_runs();  // Keep this run, the kept runs to compare or reopen (playground_kept.cpp)
    void draw_network_view(ImVec2 size);  // size.y: of the diagram and its row of buttons; 0: the height left
    void draw_gradient_view(float width);
    void draw_callouts();

    PlaygroundModel model_;
    Host& host_;
    TextureStore& textures_;
    std::string share_message_;  // the last copy-link/export outcome shown in the toolbar
    std::vector<DrawnPanel> drawn_panels_;
    std::vector<std::pair<std::string, ImVec4>> toolbar_items_;
    bool touch_ = false;
    unsigned touch_scrolling_ = 0;  // the window a finger is scrolling (an ImGuiID), 0: none
    std::string scrolled_to_lesson_;  // the lesson (id and variant) the phone's page last scrolled to
    bool lesson_list_requested_ = false;
    bool embed_lesson_open_ = false;  // an embedded view's lesson text unfolded
    bool show_stats_ = false;  // the frame statistics in the toolbar (a toggle)
    bool discretize_ = false, show_test_ = true, log_loss_ = false, edges_show_grads_ = false;
    int add_class_ = 1;
    int histogram_layer_ = 0;
    std::vector<SmoothedLog> smoothed_grad_norm_, smoothed_update_ratio_;  // the gradient plots' lines, per layer
    FrameStats stats_;
    StepPace pace_;                       // the steps the speed setting owes the next frame
    double last_update_s_ = -1;           // when the last frame's update ran (steady clock, s)
    bool played_last_ = false;            // the last frame's update trained
    double step_ms_ = 0, epoch_end_ms_ = 0;  // a step's time, and a step's that ends an epoch (train_slice)
    FrameGrids grids_;                    // computes the grids below when they can have changed
    WorkPace grid_pace_;                  // how fast this device computes them
    bool drawn_discretize_ = false;       // discretize_ when the textures were last coloured
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
