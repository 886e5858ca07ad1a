// The warning texts of field tables (field_table.h): a refused value, quoted and cut to a
// readable length, what is allowed, and the value kept.
#include "field_table.h"

namespace bp {

std::string quoted_value(const std::string& v) {
    constexpr std::size_t kShown = 64;
    if (v.size() <= kShown) return "'" + v + "'";
    return "'" + v.substr(0, kShown - 3) + "...' (" + std::to_string(v.size()) + " characters)";
}

std::string refused_text(const char* key, const std::string& value, const std::string& allowed, std::string kept) {
    return std::string(key) + ": " + quoted_value(value) + " is not allowed; expected " + allowed + " (kept " +
           kept + ")";
}

}  // namespace bp
