// Small text helpers shared by every parser of user input (config hash, CSV, CLI
// arguments): trimming, splitting, reading one finite number that fills a field; and how
// text is shown to a person: numbers (readable, readable_sum, percent), wrapping, join.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace bp {

std::string_view trim(std::string_view s);  // spaces, tabs and '\r' at both ends
std::vector<std::string_view> split(std::string_view s, char sep);  // "" gives no parts
// True when the whole of `text` is one finite number (strtod syntax); sets `out`.
bool parse_finite(std::string_view text, double& out);
// A number for people, with `digits` significant digits: plain when 1e-3 <= |v| < 1e5
// ("0.0312", "1234.5", "0"), else scientific with a short exponent ("6.79e27", "1.2e-05"
// becomes "1.2e-5"); "nan", "inf", "-inf". Never longer than digits + 7 characters.
std::string readable(double v, int digits = 4);
// A sum for people: the terms and the total (last) printed to one decimal place, fine
// enough that the smallest term keeps 3 significant digits and the total 4, and finer
// still until the printed terms add up to the printed total ("-6.18 + 1214.56 = 1208.38",
// not "-6.18 + 1215 = 1208"); at most 9 significant digits for the largest number.
std::vector<std::string> readable_sum(const std::vector<double>& terms, double total);
// `text` cut into lines no wider than `width` (as `measure` gives a piece's width) at spaces
// and '\n' only, never inside a word, so "0.01" or "1,234" stays whole. A line gets at least
// one word, even one wider than `width`. The spaces where a line breaks are dropped.
std::vector<std::string_view> wrap_at_spaces(std::string_view text, double width,
                                             const std::function<double(std::string_view)>& measure);
// A fraction as a percent for people, 3 significant digits: 0.5333 -> "53.3%", 1 -> "100%".
std::string percent(double fraction);

// The items' texts with `sep` between them: join(names, ", ") gives "a, b, c", and
// join(widths, ",", f) the same with each item shown as f(item) (a string or const char*).
template <class Items, class ToText>
std::string join(const Items& items, std::string_view sep, ToText text) {
    std::string s;
    bool first = true;
    for (const auto& item : items) {
        if (!first) s += sep;
        first = false;
        s += text(item);
    }
    return s;
}
template <class Items>
std::string join(const Items& items, std::string_view sep) {
    return join(items, sep, [](const auto& item) -> std::string_view { return item; });
}

}  // namespace bp
