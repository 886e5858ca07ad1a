// The Class view (view=class): a teacher opens the run records students handed in; each is
// replayed and verified here, in the page (ClassRoom, engine/course/class_room.h), a few
// milliseconds a frame with a progress bar, and a table shows each file, verified or not and
// why, the goal metrics of the replayed run and the settings that differ from its lesson's
// start; sortable by a column, a row's loss curve overlaid under the table when selected,
// the table saved as CSV, the task given to check the records against. Nothing leaves the machine. The tab shows only when a link or bp opens the view.
#pragma once
#include <string>
#include <string_view>

#include "class_room.h"
#include "host.h"

namespace bp {

class ClassView {
public:
    explicit ClassView(Host& host) : host_(host) {}
    void update();  // a frame's share of replaying (kBudgetMs)
    void draw();
    void add(std::string file, std::string_view text) { room_.add(std::move(file), text); }
    std::string set_task(const std::string& text);  // "" or the reader's message (also shown)
    ClassRoom& room() { return room_; }
    static constexpr double kBudgetMs = 6;  // of a 16.7 ms frame, beside the UI's own work

private:
    void draw_table(float height);
    void draw_curves(float height);
    std::string message_;  // the last file's outcome (a task given, the table saved)
    Host& host_;
    ClassRoom room_;
};

}  // namespace bp
