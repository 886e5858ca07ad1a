// Writing a picture as a PNG file (the desktop's "Save picture"): 8-bit RGBA, rows
// deflated with zlib. The browser uses the canvas' own PNG encoder instead.
#pragma once
#include <string>

#include "sdl_window.h"

namespace bp {

// Returns "" when written, else what went wrong.
std::string write_png(const std::string& path, const Pixels& pixels);

}  // namespace bp
