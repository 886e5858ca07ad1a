// Everything a link or a config file can set, in three parts with one owner each: the
// training run (Config, config.h), the page (view, embed, panels, controls, autoplay, the
// lesson shown) and the graph lab's formula. Reads and writes the compact URL-hash form
// ("dataset=spiral&layers=8,8&lr=0.03&view=graph&formula=(x+y)*z") and JSON; a bad value
// gives a warning naming the field and what is allowed, and keeps the old value.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "config.h"
#include "field_table.h"
#include "json.h"
#include "landscape.h"
#include "messages.h"

namespace bp {

enum class View { Playground, Graph, Layers, Class, Landscape };  // class: the teacher's table of handed-in records
enum class Panel { Boundary, Loss, Network, Gradients, Data, Features, Training, Callouts, Lesson, Fit };  // fit: the boundary's place in a 1-D regression
enum class Control { Play, Step, Reset, Seed, Lr, Batch, Optimizer, Activation, Layers, Dataset, Noise, Reg, Speed };
template <>
struct EnumNames<View> {
    static constexpr std::array names{"playground", "graph", "layers", "class", "landscape"};
};
template <>
struct EnumNames<Panel> {
    static constexpr std::array names{"boundary", "loss", "network", "gradients", "data",
                                      "features", "training", "callouts", "lesson", "fit"};
};
template <>
struct EnumNames<Control> {
    static constexpr std::array names{"play", "step", "reset", "seed", "lr", "batch", "optimizer",
                                      "activation", "layers", "dataset", "noise", "reg", "speed"};
};

// What the page shows beside the run: the view, embed mode for course-page iframes (which
// panels and controls show, compact layout), autoplay, and the lesson whose text is shown.
// Written to a hash only where it differs from the default.
struct PageSettings {
    View view = View::Playground;
    bool embed = false;                                       // compact, chosen panels and controls
    std::vector<Panel> panels = {Panel::Boundary, Panel::Loss};  // shown in embed mode, in this order
    std::vector<Control> controls = {Control::Play, Control::Step, Control::Reset};  // embed mode; may be none
    bool autoplay = true;                                     // training starts when the page loads
    Language lang = default_language();                       // what the page's text is written in
    std::string lesson;                                       // id of the lesson shown, "" = none
    std::string lesson_src;  // the address of a lesson file the page loads (web/bp.js fetches it), "" = none
};

// The graph lab's formula as a link carries it; its owner at run time is the GraphSession.
struct GraphSettings {
    std::string formula;                    // "" = the lab's first preset
    std::map<std::string, double> values;   // its variables' values ("x:2,z:3" in a hash)
};

struct Settings {
    Config run;
    PageSettings page;
    GraphSettings graph;
    LandscapeSettings landscape;  // the Landscape tab's slice: direction, range, resolution
};

const std::vector<Field<PageSettings>>& page_fields();
const std::vector<Field<GraphSettings>>& graph_fields();
std::vector<std::string> validate(PageSettings& page, const PageSettings& fallback = PageSettings{});

// Applies a hash or a JSON object over `settings`; one warning per rejected or unknown
// key. `lesson=id` first sets up the lesson's run (the other keys then change it).
std::vector<std::string> apply_hash(Settings& settings, std::string_view hash);
std::vector<std::string> apply_json(Settings& settings, const Json& json);
std::vector<std::string> apply_json_text(Settings& settings, std::string_view text);
// The same for the run alone (the CLI, lesson files): page keys are read and dropped.
std::vector<std::string> apply_hash(Config& run, std::string_view hash);
std::vector<std::string> apply_json(Config& run, const Json& json);
std::vector<std::string> apply_json_text(Config& run, std::string_view text);

// Every run field in a fixed order, then the page and graph fields that differ from the
// default (or all of them: applied over any settings, that hash gives exactly `settings`).
std::string to_hash(const Settings& settings, bool every_field = false);
std::string to_hash(const Config& run);
Json to_json(const Settings& settings);
Json to_json(const Config& run);

}  // namespace bp
