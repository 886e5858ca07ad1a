// trim, split, parse_finite, readable, readable_sum, wrap_at_spaces and percent (text_util.h).
#include "text_util.h"

#include <cmath>
#include <cstdio>
#include <algorithm>
#include <cstdlib>
#include <cstring>
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

std::string readable(double v, int digits) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    char buf[48];
    const double a = std::fabs(v);
    if (a == 0 || (a >= 1e-3 && a < 1e5)) {
        std::snprintf(buf, sizeof buf, "%.*g", digits, v);  // %g picks plain notation in this range
        if (std::strchr(buf, 'e') == nullptr) return buf;    // (rounding can reach 1e5: fall through)
    }
    std::snprintf(buf, sizeof buf, "%.*e", std::max(0, digits - 1), v);
    std::string s = buf;  // "6.790e+27": drop trailing zeros of the mantissa, '+' and leading exponent zeros
    const std::size_t e = s.find('e');
    std::string mant = s.substr(0, e), exp = s.substr(e + 1);
    if (mant.find('.') != std::string::npos) {
        while (mant.back() == '0') mant.pop_back();
        if (mant.back() == '.') mant.pop_back();
    }
    const bool neg = exp[0] == '-';
    exp = exp.substr(exp[0] == '-' || exp[0] == '+' ? 1 : 0);
    while (exp.size() > 1 && exp[0] == '0') exp.erase(0, 1);
    return mant + "e" + (neg ? "-" : "") + exp;
}

namespace {

// The power of ten of the last digit when |v| (not 0) shows `digits` significant digits.
int last_place(double v, int digits) { return int(std::floor(std::log10(std::fabs(v)))) - digits + 1; }

// Whether the terms rounded to 10^place add up to the total rounded there.
bool adds_up(const std::vector<double>& terms, double total, int place) {
    const double unit = std::pow(10.0, place);
    double sum = 0;
    for (double t : terms) sum += std::round(t / unit);
    return sum == std::round(total / unit);
}

}  // namespace

std::vector<std::string> readable_sum(const std::vector<double>& terms, double total) {
    std::vector<double> all = terms;
    all.push_back(total);
    double largest = 0;
    for (double v : all) {
        if (!std::isfinite(v)) {  // nothing to line up: each number on its own
            std::vector<std::string> out;
            for (double x : all) out.push_back(readable(x));
            return out;
        }
        largest = std::max(largest, std::fabs(v));
    }
    if (largest == 0) return std::vector<std::string>(all.size(), "0");
    const int coarsest = last_place(largest, 9);
    int place = total != 0 ? last_place(total, 4) : last_place(largest, 4);
    for (double t : terms)
        if (t != 0) place = std::min(place, last_place(t, 3));
    place = std::max(place, coarsest);
    while (place > coarsest && !adds_up(terms, total, place)) --place;
    std::vector<std::string> out;
    for (double v : all) {
        const bool shown = v != 0 && last_place(v, 1) >= place;  // its first digit is at or above the place
        out.push_back(shown ? readable(v, last_place(v, 1) - place + 1) : v == 0 ? "0" : readable(v, 3));
    }
    return out;
}

std::vector<std::string_view> wrap_at_spaces(std::string_view text, double width,
                                             const std::function<double(std::string_view)>& measure) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t fit = std::string_view::npos;  // end of the longest run of whole words that fits
        for (std::size_t end = start;; ++end) {
            end = std::min(text.find_first_of(" \n", end), text.size());
            if (fit != std::string_view::npos && measure(text.substr(start, end - start)) > width) break;
            fit = end;
            if (end == text.size() || text[end] == '\n') break;
        }
        lines.push_back(text.substr(start, fit - start));
        start = fit;
        if (start < text.size() && text[start] == '\n') ++start;
        else
            while (start < text.size() && text[start] == ' ') ++start;
    }
    return lines;
}

std::string percent(double fraction) { return readable(100 * fraction, 3) + "%"; }

}  // namespace bp
