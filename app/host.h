// What the UI needs from the platform it runs on, without knowing it: saving and opening
// files (the browser downloads a Blob and opens a file picker; the desktop uses the working
// directory), links to the current set-up, a PNG of the window, and small preferences kept
// across visits. Opened text comes back through the callback (maybe later).
#pragma once
#include <functional>
#include <string>

namespace bp {

class Host {
public:
    virtual ~Host() = default;
    // Offers `text` to the user as a file called `name`; returns a line to show them.
    virtual std::string save_text(const std::string& name, const std::string& text, const char* mime) = 0;
    // Asks the user for a file (extension `accept`, e.g. ".csv"); `done` gets its text.
    virtual void open_text(const char* accept, std::function<void(const std::string&)> done) = 0;
    // Asks for one or more files; `done` gets each one's name and text (the browser's picker
    // takes several at once; elsewhere one file, unnamed).
    virtual void open_files(const char* accept, std::function<void(const std::string&, const std::string&)> done) {
        open_text(accept, [done](const std::string& text) { done("", text); });
    }
    // The address of this page with `hash` (the desktop has none: the hash itself), copied to
    // the clipboard where the platform allows it. Returns the link, to show it.
    virtual std::string copy_link(const std::string& hash) = 0;
    // Opens the full playground with `hash` (a new browser tab); returns a line to show.
    virtual std::string open_full(const std::string& hash) = 0;
    // Saves a PNG of the window as drawn at the end of this frame, as `name`.
    virtual void save_png(const std::string& name) = 0;
    // A small value kept across visits under `key` (the browser's localStorage); "" when
    // there is none. The desktop keeps nothing.
    virtual std::string load_pref(const std::string& /*key*/) { return ""; }
    virtual void save_pref(const std::string& /*key*/, const std::string& /*value*/) {}
};

}  // namespace bp
