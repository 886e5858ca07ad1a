// The training playground: owns the Trainer and the Config the controls edit, trains a
// slice each frame within a time budget, refreshes the heatmaps, and draws the panels
// (controls, network diagram, output, loss, gradient views). Also the state the JS API
// reads and drives (play, pause, step, reset, metrics, config in and out).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "config.h"
#include "json.h"
#include "file_host.h"
#include "textures.h"
#include "trainer.h"

namespace bp {

struct FrameStats {
    double engine_ms = 0;  // training slice + grids, this frame
    double upload_ms = 0;  // colouring the heatmaps and handing them to the GPU
    double draw_ms = 0;    // building the UI, this frame
};

class Playground {
public:
    Playground(TextureStore& textures, FileHost& files);

    void update();  // engine work of one frame (training slice, grids)
    void draw();    // the panels, inside the current ImGui window

    // Driven by the UI and by the JS API.
    const Config& config() const { return config_; }
    std::vector<std::string> set_state(const std::string& hash_or_json);
    void apply(const Config& config);  // a UI edit: the Trainer takes it over
    void play() { playing_ = true; }
    void pause() { playing_ = false; }
    bool playing() const { return playing_; }
    void step(int batches) { trainer_.step(batches); }
    void step_epoch() { trainer_.run_epochs(1); }
    void reset() { trainer_.reset(); }
    void new_seed();
    std::string export_csv() const { return to_csv(trainer_.data()); }
    std::string import_csv(const std::string& text);  // "" when loaded, else the error
    Json metrics() const;
    Trainer& trainer() { return trainer_; }
    FrameStats& frame_stats() { return stats_; }
    // Where the output view was last drawn, in logical pixels: x, y, width, height.
    const ImVec4& output_rect() const { return output_rect_; }
    int steps_per_frame = 10;

private:
    void refresh_textures();
    void upload_feature_thumbnails();
    void draw_toolbar();
    void draw_data_panel();
    bool draw_dataset_picker(Config& c);
    void draw_features_panel();
    void draw_training_panel();
    void draw_output_view(float size);
    void draw_loss_view(float width);
    void draw_network_view(ImVec2 size);
    void draw_gradient_view(float width);
    void draw_callouts();

    TextureStore& textures_;
    FileHost& files_;
    std::string file_message_;  // the last save/open outcome shown in the data panel
    Config config_;
    Trainer trainer_;
    bool playing_ = true;
    bool discretize_ = false, show_test_ = true, log_loss_ = false, edges_show_grads_ = false;
    int add_class_ = 1;
    int histogram_layer_ = 0;
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
