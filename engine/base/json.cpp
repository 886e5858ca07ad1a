// JSON parser (recursive descent, depth-limited) and writer with shortest round-trip numbers.
#include "json.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace bp {

Json Json::array(Array items) {
    Json j;
    j.type_ = Type::Array;
    j.array_ = std::move(items);
    return j;
}

Json Json::object(Object members) {
    Json j;
    j.type_ = Type::Object;
    j.object_ = std::move(members);
    return j;
}

const Json* Json::find(std::string_view key) const {
    for (const auto& [k, v] : object_)
        if (k == key) return &v;
    return nullptr;
}

Json& Json::set(std::string key, Json value) {
    if (type_ == Type::Null) type_ = Type::Object;
    for (auto& [k, v] : object_)
        if (k == key) return v = std::move(value);
    object_.emplace_back(std::move(key), std::move(value));
    return object_.back().second;
}

Json& Json::push(Json value) {
    if (type_ == Type::Null) type_ = Type::Array;
    array_.push_back(std::move(value));
    return array_.back();
}

std::string exact_number(double v) {
    if (std::isnan(v)) return "nan";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    return format_number(v);
}

std::string format_number(double v) {
    if (!std::isfinite(v)) return "null";  // JSON has no NaN/Inf; callers report them separately
    char buf[32];
    for (int precision = 15; precision <= 17; ++precision) {  // %g drops trailing zeros
        std::snprintf(buf, sizeof buf, "%.*g", precision, v);
        if (std::strtod(buf, nullptr) == v) break;
    }
    return buf;
}

static void dump_string(std::string& out, const std::string& s) {
    out += '"';
    for (unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += char(c);
                }
        }
    }
    out += '"';
}

void Json::dump_to(std::string& out, int indent, int depth) const {
    auto newline = [&](int d) {
        if (indent < 0) return;
        out += '\n';
        out.append(std::size_t(indent * d), ' ');
    };
    switch (type_) {
        case Type::Null: out += "null"; return;
        case Type::Bool: out += bool_ ? "true" : "false"; return;
        case Type::Number: out += format_number(number_); return;
        case Type::String: dump_string(out, string_); return;
        case Type::Array:
            out += '[';
            for (std::size_t i = 0; i < array_.size(); ++i) {
                out += i ? (indent < 0 ? ", " : ",") : "";
                newline(depth + 1);
                array_[i].dump_to(out, indent, depth + 1);
            }
            if (!array_.empty()) newline(depth);
            out += ']';
            return;
        case Type::Object:
            out += '{';
            for (std::size_t i = 0; i < object_.size(); ++i) {
                out += i ? (indent < 0 ? ", " : ",") : "";
                newline(depth + 1);
                dump_string(out, object_[i].first);
                out += ": ";
                object_[i].second.dump_to(out, indent, depth + 1);
            }
            if (!object_.empty()) newline(depth);
            out += '}';
            return;
    }
}

std::string Json::dump(int indent) const {
    std::string out;
    dump_to(out, indent, 0);
    return out;
}

namespace {

class Parser {
public:
    explicit Parser(std::string_view text) : s_(text) {}

    Result<Json> parse() {
        Json value;
        if (!parse_value(value, 0)) return error_;
        skip_space();
        if (i_ != s_.size()) return fail("unexpected text after the JSON value");
        return value;
    }

private:
    Error fail(const std::string& what) {
        error_ = Error{"JSON: " + what + " at " + std::to_string(i_), int(i_)};
        return error_;
    }
    void skip_space() {
        while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) ++i_;
    }
    bool literal(std::string_view word) {
        if (s_.substr(i_, word.size()) != word) return false;
        i_ += word.size();
        return true;
    }

    bool parse_value(Json& out, int depth) {
        if (depth > 64) return fail("nesting deeper than 64"), false;
        skip_space();
        if (i_ >= s_.size()) return fail("unexpected end"), false;
        const char c = s_[i_];
        if (c == '{') return parse_object(out, depth);
        if (c == '[') return parse_array(out, depth);
        if (c == '"') {
            std::string s;
            if (!parse_string(s)) return false;
            out = Json(std::move(s));
            return true;
        }
        if (literal("true")) return out = Json(true), true;
        if (literal("false")) return out = Json(false), true;
        if (literal("null")) return out = Json(), true;
        return parse_number(out);
    }

    bool parse_number(Json& out) {
        const std::size_t start = i_;
        while (i_ < s_.size() && std::string_view("+-0123456789.eE").find(s_[i_]) != std::string_view::npos) ++i_;
        if (i_ == start) return fail(std::string("unexpected character '") + s_[i_] + "'"), false;
        const std::string text(s_.substr(start, i_ - start));
        char* end = nullptr;
        const double v = std::strtod(text.c_str(), &end);
        if (end != text.c_str() + text.size()) {  // 1e999 overflows to inf: the reader of the value says no
            i_ = start;
            return fail("bad number '" + text + "'"), false;
        }
        out = Json(v);
        return true;
    }

    bool parse_string(std::string& out) {
        ++i_;  // opening quote
        while (i_ < s_.size() && s_[i_] != '"') {
            char c = s_[i_++];
            if (c == '\\') {
                if (i_ >= s_.size()) break;
                const char e = s_[i_++];
                const char* map = "\"\\/bfnrt";
                const char* to = "\"\\/\b\f\n\r\t";
                const char* hit = std::strchr(map, e);
                if (e == 'u') {
                    if (i_ + 4 > s_.size()) return fail("bad \\u escape"), false;
                    const unsigned code = unsigned(std::strtoul(std::string(s_.substr(i_, 4)).c_str(), nullptr, 16));
                    i_ += 4;
                    append_utf8(out, code);
                    continue;
                }
                if (!hit || e == 0) return fail(std::string("bad escape '\\") + e + "'"), false;
                c = to[hit - map];
            }
            out += c;
        }
        if (i_ >= s_.size()) return fail("unterminated string"), false;
        ++i_;  // closing quote
        return true;
    }

    static void append_utf8(std::string& out, unsigned code) {
        if (code < 0x80) {
            out += char(code);
        } else if (code < 0x800) {
            out += char(0xC0 | (code >> 6));
            out += char(0x80 | (code & 0x3F));
        } else {
            out += char(0xE0 | (code >> 12));
            out += char(0x80 | ((code >> 6) & 0x3F));
            out += char(0x80 | (code & 0x3F));
        }
    }

    bool parse_array(Json& out, int depth) {
        ++i_;
        out = Json::array();
        skip_space();
        if (i_ < s_.size() && s_[i_] == ']') return ++i_, true;
        while (true) {
            Json item;
            if (!parse_value(item, depth + 1)) return false;
            out.push(std::move(item));
            skip_space();
            if (i_ < s_.size() && s_[i_] == ',') { ++i_; continue; }
            if (i_ < s_.size() && s_[i_] == ']') return ++i_, true;
            return fail("expected ',' or ']'"), false;
        }
    }

    bool parse_object(Json& out, int depth) {
        ++i_;
        out = Json::object();
        skip_space();
        if (i_ < s_.size() && s_[i_] == '}') return ++i_, true;
        while (true) {
            skip_space();
            if (i_ >= s_.size() || s_[i_] != '"') return fail("expected a quoted key"), false;
            std::string key;
            if (!parse_string(key)) return false;
            skip_space();
            if (i_ >= s_.size() || s_[i_] != ':') return fail("expected ':'"), false;
            ++i_;
            Json value;
            if (!parse_value(value, depth + 1)) return false;
            out.set(std::move(key), std::move(value));
            skip_space();
            if (i_ < s_.size() && s_[i_] == ',') { ++i_; continue; }
            if (i_ < s_.size() && s_[i_] == '}') return ++i_, true;
            return fail("expected ',' or '}'"), false;
        }
    }

    std::string_view s_;
    std::size_t i_ = 0;
    Error error_;
};

}  // namespace

Result<Json> parse_json(std::string_view text) { return Parser(text).parse(); }

}  // namespace bp
