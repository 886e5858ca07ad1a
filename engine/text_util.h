// Small text helpers shared by every parser of user input (config hash, CSV, CLI
// arguments): trimming, splitting, and reading one finite number that fills a field.
#pragma once
#include <string_view>
#include <vector>

namespace bp {

std::string_view trim(std::string_view s);  // spaces, tabs and '\r' at both ends
std::vector<std::string_view> split(std::string_view s, char sep);  // "" gives no parts
// True when the whole of `text` is one finite number (strtod syntax); sets `out`.
bool parse_finite(std::string_view text, double& out);

}  // namespace bp
