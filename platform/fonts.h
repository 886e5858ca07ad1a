// The UI fonts, embedded at build time from Debian's font packages (not committed):
// Roboto for the interface, DejaVu Sans Mono for formulas and numbers.
#pragma once
#include <cstddef>

namespace bp {
extern const unsigned char font_ui_data[];
extern const std::size_t font_ui_size;
extern const unsigned char font_mono_data[];
extern const std::size_t font_mono_size;
}  // namespace bp
