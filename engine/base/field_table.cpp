// The warning texts of field tables (field_table.h): a refused value, quoted and cut to a
// readable length, what is allowed, and the value kept.
#include "field_table.h"

namespace bp {

std::string quoted_value(const std::string& v) {
    constexpr std::size_t kShown = 64;
    if (v.size() <= kShown) return "'" + v + "'";
    return msg("config.long_value", {{"start", "'" + v.substr(0, kShown - 3) + "...'"}, {"count", std::to_string(v.size())}});
}

std::string refused_text(const char* key, const std::string& value, const std::string& allowed, std::string kept) {
    return msg("config.not_allowed", {{"key", key}, {"value", quoted_value(value)}, {"expected", allowed}, {"kept", kept}});
}

}  // namespace bp
