// App::frame: the playground's engine work, the message bar, then the full layout (both
// views under a tab bar that follows the page's view) or the compact embed layout,
// timed for the frame-stats overlay.
#include "app.h"

#include <algorithm>
#include <chrono>

#include "colors.h"
#include "imgui.h"

namespace bp {

App::App(TextureStore& textures, Host& host) : host_(host), playground_(textures, host), graph_lab_(host, playground_) {
    ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    // The focus ring: light yellow, at least 3:1 against the dark panels and the blue buttons.
    ImGui::GetStyle().Colors[ImGuiCol_NavHighlight] = ImVec4(1.0f, 0.86f, 0.3f, 1.0f);
}

void App::start(const std::string& hash, bool reduced_motion) {
    playground_.load(hash, "link");
    const PageSettings& page = playground_.page();
    const bool asked = hash.find("autoplay=") != std::string::npos;  // the link decides either way
    const bool autoplay = page.autoplay && (asked || !reduced_motion);
    if (autoplay && page.view == View::Playground) playground_.play();  // not behind the graph lab
    else playground_.pause();
}

// Keyboard shortcuts (README, Accessibility): Space play/pause, S step, R reset, L lessons,
// G the graph lab or back; in the graph lab F forward step, B backward step. Never while typing in a field; Space
// presses the focused control instead once the arrow keys moved the focus ring to one.
void App::handle_shortcuts() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || io.KeyCtrl || io.KeyAlt || io.KeySuper || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId))
        return;
    const bool graph = playground_.page().view == View::Graph;
    for (ImWchar c : io.InputQueueCharacters) {
        switch (c) {
            case ' ': if (!io.NavVisible && !graph) playground_.press_play(); break;
            case 's': case 'S': if (!graph) playground_.step(1); break;
            case 'r': case 'R': if (!graph) playground_.reset(); break;
            case 'l': case 'L': if (!graph) playground_.open_lesson_list(); break;
            case 'f': case 'F': if (graph) graph_lab_.session().forward_step(); break;
            case 'b': case 'B': if (graph) graph_lab_.session().backward_step(); break;
            case 'g': case 'G': {  // the other view
                PageSettings p = playground_.page();
                p.view = graph ? View::Playground : View::Graph;
                playground_.set_page(p);
                break;
            }
            default: break;
        }
    }
}

void App::frame() {
    handle_shortcuts();
    playground_.update();
    const auto t0 = std::chrono::steady_clock::now();
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings;
    const bool embed = playground_.page().embed;
    if (embed) ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(6, 6));
    ImGui::Begin("Backprop Playground", nullptr, flags);
    draw_messages();
    if (embed) draw_embed();
    else draw_tabs();
    ImGui::End();
    if (embed) ImGui::PopStyleVar();
    playground_.frame_stats().draw_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// Embed mode: the chosen controls (none for the graph lab) and a small link to the full
// playground on one row, then the chosen panels (or the graph lab, for view=graph).
void App::draw_embed() {
    const bool graph = playground_.page().view == View::Graph;
    if (!graph) playground_.draw_embed_controls();
    const char* label = "open full playground";
    const float w = ImGui::CalcTextSize(label).x + 8, right = ImGui::GetWindowContentRegionMax().x;
    if (!graph) ImGui::SameLine();
    if (ImGui::GetCursorPosX() + w > right) ImGui::NewLine();  // no room beside the controls
    else ImGui::SetCursorPosX(right - w);
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(130, 180, 255, 255));
    if (ImGui::Selectable(label, false, 0, ImVec2(w - 8, 0))) {
        Settings full = playground_.settings();
        full.page = PageSettings{};
        full.page.view = playground_.page().view;
        full.page.lesson = playground_.page().lesson;
        link_message_ = host_.open_full(to_hash(full));
    }
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", link_message_.empty() ? "in a new tab, with this set-up" : link_message_.c_str());
    if (graph) graph_lab_.draw();
    else playground_.draw_embed_panels();
}

// The message bar: each rejected setting on its own line, until dismissed.
void App::draw_messages() {
    const std::vector<std::string>& messages = playground_.messages();
    if (messages.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(90, 40, 30, 255));
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const float h = line * float(std::min<std::size_t>(messages.size(), 4) + 1) + 8;
    ImGui::BeginChild("messages", ImVec2(0, h), false);
    ImGui::Text("The %s had %zu setting%s that could not be used (each kept its previous value; the rest was applied):",
                playground_.messages_source().c_str(), messages.size(), messages.size() == 1 ? "" : "s");
    ImGui::SameLine();
    const bool dismiss = ImGui::SmallButton("Dismiss");
    for (const std::string& m : messages) ImGui::BulletText("%s", m.c_str());
    if (dismiss) playground_.dismiss_messages();
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

// The tab bar follows the page's view: a hash or the JS API can switch it, and a click on
// a tab writes it back (so the link names the view).
void App::draw_tabs() {
    const View want = playground_.page().view;
    const bool external = want != shown_view_;
    if (!ImGui::BeginTabBar("views")) return;
    View drawn = shown_view_;
    const ImGuiTabItemFlags play_flags = external && want == View::Playground ? ImGuiTabItemFlags_SetSelected : 0;
    const ImGuiTabItemFlags graph_flags = external && want == View::Graph ? ImGuiTabItemFlags_SetSelected : 0;
    if (ImGui::BeginTabItem("Playground", nullptr, play_flags)) {
        drawn = View::Playground;
        playground_.draw();
        ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("Graph lab", nullptr, graph_flags)) {
        drawn = View::Graph;
        graph_lab_.draw();
        ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
    shown_view_ = drawn;
    if (!external && drawn != want) {  // the user clicked the other tab
        PageSettings p = playground_.page();
        p.view = drawn;
        playground_.set_page(p);
    }
}

}  // namespace bp
