// Playground state and frame work: applying configs, the per-frame training slice under
// a time budget, grids to textures, metrics for the JS API, and the panel layout.
#include "playground.h"

#include <chrono>
#include <cmath>

#include "colors.h"
#include "imgui.h"

namespace bp {

namespace {
using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }
constexpr double kEngineBudgetMs = 8.0;  // leave the rest of a 16.7 ms frame to drawing
}  // namespace

Playground::Playground(TextureStore& textures, Host& host)
    : textures_(textures), host_(host), trainer_(config_) {}

std::string Playground::import_csv(const std::string& text) {
    auto data = from_csv(text);
    if (!data) return data.error().message;  // the current data stays as it was
    trainer_.set_data(std::move(data.value()));
    return "";
}

std::string Playground::import_weights(const std::string& text) {
    const auto error = load_weights(trainer_, text);
    return error ? error->message : "";
}

std::vector<std::string> Playground::load(const std::string& text, const char* source) {
    messages_ = set_state(text);
    messages_source_ = source;
    return messages_;
}

// A widget can be typed past its range (ctrl+click on a slider: points = 10^8 would fill
// the tab's memory), so every value passes the URL hash's checks; a refused one keeps the
// current value and the data panel says why.
void Playground::apply(const Config& config) {
    Config checked = config_;
    const auto warnings = apply_hash(checked, to_hash(config, true));
    if (!warnings.empty()) file_message_ = warnings.front();
    config_ = checked;
    ++config_version_;
    trainer_.set_config(config_);
}

std::vector<std::string> Playground::set_state(const std::string& text) {
    Config next = config_;
    const auto first = text.find_first_not_of(" \t\r\n");
    const bool json = first != std::string::npos && text[first] == '{';
    auto warnings = json ? apply_json_text(next, text) : apply_hash(next, text);
    const bool new_lesson = next.page.lesson != config_.page.lesson;
    apply(next);
    if (new_lesson) restart_lesson(-1);  // a lesson named in a hash: its own set-up
    return warnings;
}

void Playground::new_seed() {
    Config next = config_;
    next.seed = next.seed * 1664525u + 1013904223u;  // a new, still reproducible, seed
    apply(next);
}

Json Playground::metrics() const {
    const Trainer& t = trainer_;
    const EpochRecord& r = t.history().back();
    Json m = Json::object();
    m.set("epoch", t.epoch());
    m.set("steps", t.steps());
    m.set("trainLoss", r.train_loss);
    m.set("testLoss", r.test_loss);
    m.set("trainAcc", t.has_accuracy() ? Json(r.train_acc) : Json());
    m.set("testAcc", t.has_accuracy() ? Json(r.test_acc) : Json());
    m.set("diverged", t.diverged());
    m.set("divergence", t.divergence());
    m.set("points", long(t.data().train.size() + t.data().test.size()));
    Json layers = Json::array();
    for (const LayerStats& s : t.layer_stats()) {
        Json l = Json::object();
        l.set("gradNorm", s.grad_norm);
        l.set("saturatedFrac", s.saturated_frac);
        l.set("deadFrac", s.dead_frac);
        l.set("updateRatio", s.update_ratio);
        layers.push(l);
    }
    m.set("layers", layers);
    return m;
}

// Trains in chunks until the frame's step count or its time budget is used up, then
// refreshes the grids the views show.
void Playground::update() {
    const auto t0 = Clock::now();
    if (playing_) {
        for (int done = 0; done < steps_per_frame && !trainer_.diverged() && ms_since(t0) < kEngineBudgetMs;) {
            const int chunk = std::min(5, steps_per_frame - done);
            trainer_.step(chunk);
            done += chunk;
        }
    }
    trainer_.output_grid(kGridSize, grid_, &grid_class_);
    trainer_.hidden_grids(kThumbSize, units_);
    stats_.engine_ms = ms_since(t0);
    const auto t1 = Clock::now();
    refresh_textures();
    stats_.upload_ms = ms_since(t1);
}

void Playground::refresh_textures() {
    const bool regression = !trainer_.has_accuracy();
    const int classes = trainer_.data().classes;
    pixels_.resize(grid_.size());
    for (std::size_t i = 0; i < grid_.size(); ++i)
        pixels_[i] = output_rgba(grid_[i], grid_class_[i], classes, regression, discretize_);
    output_tex_ = textures_.upload(0, kGridSize, kGridSize, pixels_.data());
    if (feature_tex_.empty()) upload_feature_thumbnails();
    int slot = 1 + kFeatureCount;
    unit_tex_.resize(units_.size());
    pixels_.resize(std::size_t(kThumbSize * kThumbSize));
    for (std::size_t l = 0; l < units_.size(); ++l) {
        const Eigen::MatrixXf& A = units_[l];  // (units, kThumbSize^2)
        unit_tex_[l].resize(std::size_t(A.rows()));
        for (Eigen::Index u = 0; u < A.rows(); ++u) {
            const float scale = std::max(1e-6f, A.row(u).cwiseAbs().maxCoeff());  // keep the sign, fill the range
            for (Eigen::Index k = 0; k < A.cols(); ++k) pixels_[std::size_t(k)] = diverging_rgba(A(u, k) / scale);
            unit_tex_[l][std::size_t(u)] = textures_.upload(slot++, kThumbSize, kThumbSize, pixels_.data());
        }
    }
}

// Each input feature over the plane, scaled by its largest magnitude (drawn once).
void Playground::upload_feature_thumbnails() {
    pixels_.resize(std::size_t(kThumbSize * kThumbSize));
    for (int f = 0; f < kFeatureCount; ++f) {
        double top = 1e-9;
        for (int pass = 0; pass < 2; ++pass)
            for (int r = 0; r < kThumbSize; ++r)
                for (int c = 0; c < kThumbSize; ++c) {
                    const double x1 = -kPlaneExtent + 2 * kPlaneExtent * (c + 0.5) / kThumbSize;
                    const double x2 = kPlaneExtent - 2 * kPlaneExtent * (r + 0.5) / kThumbSize;
                    const double v = feature_value(Feature(f), x1, x2);
                    if (pass == 0) top = std::max(top, std::abs(v));
                    else pixels_[std::size_t(r * kThumbSize + c)] = diverging_rgba(float(v / top));
                }
        feature_tex_.push_back(textures_.upload(1 + f, kThumbSize, kThumbSize, pixels_.data()));
    }
}

void Playground::draw() {
    drawn_panels_.clear();
    draw_toolbar();
    ImGui::Separator();
    const ImGuiTableFlags flags = ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV;
    if (!ImGui::BeginTable("layout", 3, flags)) return;
    const float right = std::min(420.0f, ImGui::GetContentRegionAvail().x * 0.34f);
    ImGui::TableSetupColumn("controls", ImGuiTableColumnFlags_WidthFixed, 250);
    ImGui::TableSetupColumn("network", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("output", ImGuiTableColumnFlags_WidthFixed, right);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::BeginChild("left");
    if (!config_.page.lesson.empty()) draw_recorded(Panel::Lesson, [&] { draw_lesson_panel(); });
    draw_recorded(Panel::Data, [&] { draw_data_panel(); });
    draw_recorded(Panel::Features, [&] { draw_features_panel(); });
    draw_recorded(Panel::Training, [&] { draw_training_panel(); });
    ImGui::EndChild();
    ImGui::TableNextColumn();
    ImGui::BeginChild("middle");
    draw_recorded(Panel::Network, [&] {
        draw_network_view(ImVec2(ImGui::GetContentRegionAvail().x, std::max(260.0f, ImGui::GetContentRegionAvail().y * 0.5f)));
    });
    draw_recorded(Panel::Gradients, [&] { draw_gradient_view(ImGui::GetContentRegionAvail().x); });
    ImGui::EndChild();
    ImGui::TableNextColumn();
    ImGui::BeginChild("right");
    const float w = ImGui::GetContentRegionAvail().x;
    draw_recorded(Panel::Boundary, [&] { draw_output_view(w); });
    draw_recorded(Panel::Loss, [&] { draw_loss_view(w, 110); });
    draw_recorded(Panel::Callouts, [&] { draw_callouts(); });
    ImGui::EndChild();
    ImGui::EndTable();
}

}  // namespace bp
