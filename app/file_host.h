// How the UI saves and opens files without knowing the platform: the browser entry
// downloads a Blob and opens a file picker; the desktop entry writes to and reads from
// the working directory. Opened text comes back through the callback (maybe later).
#pragma once
#include <functional>
#include <string>

namespace bp {

class FileHost {
public:
    virtual ~FileHost() = default;
    // Offers `text` to the user as a file called `name`; returns a line to show them.
    virtual std::string save_text(const std::string& name, const std::string& text, const char* mime) = 0;
    // Asks the user for a file (extension `accept`, e.g. ".csv"); `done` gets its text.
    virtual void open_text(const char* accept, std::function<void(const std::string&)> done) = 0;
};

}  // namespace bp
