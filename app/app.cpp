// App: the first load (start), the keyboard shortcuts, and frame(): the playground's engine
// work, the message bar, then the full layout (the three views under a tab bar that follows the
// page's view) or the compact embed layout, timed for the frame-stats overlay.
#include "app.h"


#include <algorithm>
#include <chrono>
#include <cmath>

#include "clip_report.h"
#include "colors.h"
#include "imgui.h"
#include "imgui_internal.h"  // TestEngineHookItems
#include "item_report.h"
#include "messages.h"
#include "notation_card.h"
#include "widgets.h"

namespace bp {

App::App(TextureStore& textures, Host& host)
    : host_(host), playground_(textures, host), graph_lab_(host, playground_), layer_view_(playground_), class_view_(host), landscape_view_(playground_, textures) {
    ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    // The focus ring: light yellow, at least 3:1 against the dark panels and the blue buttons.
    ImGui::GetStyle().Colors[ImGuiCol_NavHighlight] = ImVec4(1.0f, 0.86f, 0.3f, 1.0f);
}

void App::start(const std::string& hash, bool reduced_motion) {
    model().load(hash, "link");
    const PageSettings& page = model().page();
    const bool asked = hash.find("autoplay=") != std::string::npos;  // the link decides either way
    const bool autoplay = page.autoplay && (asked || !reduced_motion);
    // Not behind the graph lab or the layers; the landscape shows the run's path as it trains.
    if (autoplay && (page.view == View::Playground || page.view == View::Landscape)) model().play();
    else model().pause();
}

// Keyboard shortcuts (README, Accessibility): Space play/pause, S step, R reset, L lessons,
// G the graph lab or back; in the graph lab F forward step, B backward step. Never while typing in a field; Space
// presses the focused control instead once the arrow keys moved the focus ring to one.
void App::handle_shortcuts() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || io.KeyCtrl || io.KeyAlt || io.KeySuper || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId))
        return;
    const bool graph = model().page().view == View::Graph;
    if (model().page().view == View::Class) return;  // the teacher's table: nothing to play
    for (ImWchar c : io.InputQueueCharacters) {
        switch (c) {
            case ' ': if (!io.NavVisible && !graph) model().press_play(); break;
            case 's': case 'S': if (!graph) model().step(1); break;
            case 'r': case 'R': if (!graph) model().reset(); break;
            case 'l': case 'L': if (!graph) playground_.open_lesson_list(); break;
            case 'f': case 'F': if (graph) graph_lab_.session().forward_step(); break;
            case 'b': case 'B': if (graph) graph_lab_.session().backward_step(); break;
            case 'g': case 'G': {  // the other view
                PageSettings p = model().page();
                p.view = graph ? View::Playground : View::Graph;
                model().set_page(p);
                break;
            }
            default: break;
        }
    }
}

void App::frame() {
    handle_shortcuts();
    const bool landscape = model().page().view == View::Landscape;
    playground_.update(landscape ? landscape_view_.wanted_ms() : 0);
    landscape_view_.observe();
    if (model().page().view == View::Class) class_view_.update();
    if (landscape) {  // its slice and race count as the frame's engine work
        const auto start = std::chrono::steady_clock::now();
        landscape_view_.update(playground_.frame_stats().engine_ms);
        playground_.frame_stats().landscape_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        playground_.frame_stats().engine_ms += playground_.frame_stats().landscape_ms;
    } else {
        playground_.frame_stats().landscape_ms = 0;
    }
    const auto t0 = std::chrono::steady_clock::now();
    clip_report().begin_frame();
    item_report().begin_frame();
    ImGui::GetCurrentContext()->TestEngineHookItems = true;  // every control into item_report()
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    // No background: the platform clears the frame to this window's colour (platform/sdl_window.cpp),
    // which saves a software rasterizer one blend over every pixel.
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings |
                                   ImGuiWindowFlags_NoBackground;
    const bool embed = model().page().embed, finger = playground_.touch() && !embed;  // an embed stays compact
    if (embed) ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(6, 6));
    if (finger) push_finger_style();
    ImGui::Begin("Backprop Playground", nullptr, flags);
    draw_messages();
    if (embed) draw_embed();
    else draw_tabs();
    ImGui::End();
    draw_notation_card();
    clip_report().scan_windows();
    if (finger) ImGui::PopStyleVar(kFingerStyleVars);
    if (embed) ImGui::PopStyleVar();
    playground_.frame_stats().draw_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// Embed mode: the chosen controls and a small link to the full playground on one row, then
// the chosen panels. The graph lab and the layer view take no panels or controls: the
// open lesson's title (its text folded behind a button) shares the link's row, then the
// view's step buttons and its canvas, which gets the rest of the frame.
void App::draw_embed() {
    const View view = model().page().view;
    const bool graph = view != View::Playground;
    if (graph) ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(6, 2));  // slim rows: the canvas takes the rest
    if (graph) ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(4, 1));
    if (!graph) playground_.draw_embed_controls();
    const char* label = tr("embed.open_full");
    const float w = ImGui::CalcTextSize(label).x + 8, right = ImGui::GetWindowContentRegionMax().x;
    const ImVec2 row = ImGui::GetCursorPos();
    if (!graph) ImGui::SameLine();
    if (ImGui::GetCursorPosX() + w > right) ImGui::NewLine();  // no room beside the controls
    else ImGui::SetCursorPosX(right - w);
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(130, 180, 255, 255));
    if (ImGui::Selectable(label, false, 0, ImVec2(w - 8, 0))) {
        Settings full = model().settings();
        full.page = PageSettings{};
        full.page.view = model().page().view;
        full.page.lesson = model().page().lesson;
        full.page.lang = model().page().lang;
        link_message_ = host_.open_full(to_hash(full));
    }
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", link_message_.empty() ? tr("embed.open_full_tip") : relang(link_message_).c_str());
    if (graph) {  // the lesson's title at the row's left, beside the link
        const ImVec2 below = ImGui::GetCursorPos();
        ImGui::SameLine();
        ImGui::SetCursorPos(row);
        if (!playground_.draw_view_lesson(view, right - w - ImGui::GetStyle().ItemSpacing.x)) ImGui::SetCursorPos(below);
    }
    if (graph) ImGui::PopStyleVar();  // the frame padding: the views set their own
    if (view == View::Graph) graph_lab_.draw();
    else if (view == View::Layers) layer_view_.draw();
    else if (view == View::Class) class_view_.draw();
    else if (view == View::Landscape) landscape_view_.draw();
    else playground_.draw_embed_panels();
    if (graph) ImGui::PopStyleVar();
}

// The message bar: each rejected setting on its own line, until dismissed.
void App::draw_messages() {
    const std::vector<std::string>& messages = model().messages();
    if (messages.empty()) return;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(90, 40, 30, 255));
    const std::string& source = model().messages_source();
    const char* key = source == "link" ? "messages.from_link" : source == "lesson file" ? "messages.from_lesson" : "messages.from_file";
    const std::string header = msg_now(key, {{"count", std::to_string(messages.size())}});
    // As tall as the header, the button and the first four messages, each wrapped (a Spanish or
    // Russian warning is often wider than the window); more scroll.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float avail = ImGui::GetContentRegionAvail().x - 2 * style.WindowPadding.x - style.ScrollbarSize;
    auto wrapped_height = [](const std::string& text, float width) {  // wrapped_text draws each line as an item
        const float lines = std::round(ImGui::CalcTextSize(text.c_str(), nullptr, false, width).y / ImGui::GetTextLineHeight());
        return std::max(1.0f, lines) * ImGui::GetTextLineHeightWithSpacing();
    };
    float h = wrapped_height(header, avail) + ImGui::GetFrameHeightWithSpacing() + 8;
    for (std::size_t i = 0; i < messages.size() && i < 4; ++i)
        h += wrapped_height(relang(messages[i]), avail - ImGui::GetFontSize() - style.ItemSpacing.x);
    ImGui::BeginChild("messages", ImVec2(0, h), false);
    wrapped_text(header.c_str());
    const bool dismiss = ImGui::SmallButton(tr("messages.dismiss"));
    for (const std::string& m : messages) {
        ImGui::Bullet();
        wrapped_text(relang(m).c_str());
    }
    if (dismiss) model().dismiss_messages();
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

// The tab bar follows the page's view: a hash or the JS API can switch it, and a click on
// a tab writes it back (so the link names the view).
void App::draw_tabs() {
    const View want = model().page().view;
    const bool external = want != shown_view_;
    if (!ImGui::BeginTabBar("views")) return;
    View drawn = shown_view_;
    const ImGuiTabItemFlags play_flags = external && want == View::Playground ? ImGuiTabItemFlags_SetSelected : 0;
    const ImGuiTabItemFlags graph_flags = external && want == View::Graph ? ImGuiTabItemFlags_SetSelected : 0;
    const ImGuiTabItemFlags layer_flags = external && want == View::Layers ? ImGuiTabItemFlags_SetSelected : 0;
    if (ImGui::BeginTabItem((std::string(tr("tab.playground")) + "###playground").c_str(), nullptr, play_flags)) {
        drawn = View::Playground;
        playground_.draw();
        ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem((std::string(tr("tab.graph")) + "###graph").c_str(), nullptr, graph_flags)) {
        drawn = View::Graph;
        graph_lab_.draw();
        ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem((std::string(tr("tab.layers")) + "###layers").c_str(), nullptr, layer_flags)) {
        drawn = View::Layers;
        layer_view_.draw();
        ImGui::EndTabItem();
    }
    const ImGuiTabItemFlags land_flags = external && want == View::Landscape ? ImGuiTabItemFlags_SetSelected : 0;
    if (ImGui::BeginTabItem((std::string(tr("tab.landscape")) + "###landscape").c_str(), nullptr, land_flags)) {
        drawn = View::Landscape;
        landscape_view_.draw();
        ImGui::EndTabItem();
    }
    // The class view's tab only while it is the page's view (a teacher's link): students never see it.
    if (want == View::Class || shown_view_ == View::Class) {
        const ImGuiTabItemFlags class_flags = external && want == View::Class ? ImGuiTabItemFlags_SetSelected : 0;
        if (ImGui::BeginTabItem((std::string(tr("tab.class")) + "###class").c_str(), nullptr, class_flags)) {
            drawn = View::Class;
            class_view_.draw();
            ImGui::EndTabItem();
        }
    }
    ImGui::EndTabBar();
    shown_view_ = drawn;
    if (!external && drawn != want) {  // the user clicked the other tab
        PageSettings p = model().page();
        p.view = drawn;
        model().set_page(p);
    }
}

}  // namespace bp
