// trim, split and parse_finite (text_util.h).
#include "text_util.h"

#include <cmath>
#include <cstdlib>
#include <string>

namespace bp {

std::string_view trim(std::string_view s) {
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return s;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> parts;
    if (s.empty()) return parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= s.size(); ++i)
        if (i == s.size() || s[i] == sep) parts.push_back(s.substr(start, i - start)), start = i + 1;
    return parts;
}

bool parse_finite(std::string_view text, double& out) {
    if (text.empty() || text.size() > 64) return false;
    const std::string s(text);
    char* end = nullptr;
    out = std::strtod(s.c_str(), &end);
    return end == s.c_str() + s.size() && std::isfinite(out);
}

}  // namespace bp
