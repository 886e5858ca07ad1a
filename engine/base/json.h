// A small JSON value, parser and writer for configs, `bp ... --json` output and the
// JS API. Objects keep their key order. Parse errors name the problem and the position.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "result.h"

namespace bp {

class Json {
public:
    enum class Type { Null, Bool, Number, String, Array, Object };
    using Array = std::vector<Json>;
    using Object = std::vector<std::pair<std::string, Json>>;

    Json() = default;
    Json(std::nullptr_t) {}
    Json(bool b) : type_(Type::Bool), bool_(b) {}
    Json(double n) : type_(Type::Number), number_(n) {}
    Json(int n) : Json(double(n)) {}
    Json(long n) : Json(double(n)) {}
    Json(long long n) : Json(double(n)) {}
    Json(unsigned n) : Json(double(n)) {}
    Json(unsigned long n) : Json(double(n)) {}
    Json(unsigned long long n) : Json(double(n)) {}
    Json(const char* s) : type_(Type::String), string_(s) {}
    Json(std::string s) : type_(Type::String), string_(std::move(s)) {}
    Json(std::string_view s) : type_(Type::String), string_(s) {}
    static Json array(Array items = {});
    static Json object(Object members = {});

    Type type() const { return type_; }
    bool is_null() const { return type_ == Type::Null; }
    bool is_bool() const { return type_ == Type::Bool; }
    bool is_number() const { return type_ == Type::Number; }
    bool is_string() const { return type_ == Type::String; }
    bool is_array() const { return type_ == Type::Array; }
    bool is_object() const { return type_ == Type::Object; }

    bool as_bool() const { return bool_; }
    double as_number() const { return number_; }
    const std::string& as_string() const { return string_; }
    const Array& items() const { return array_; }
    const Object& members() const { return object_; }

    // Object access: find returns nullptr when the key is missing; set appends or replaces.
    const Json* find(std::string_view key) const;
    Json& set(std::string key, Json value);
    Json& push(Json value);  // arrays

    std::string dump(int indent = -1) const;  // -1: one line

private:
    void dump_to(std::string& out, int indent, int depth) const;
    Type type_ = Type::Null;
    bool bool_ = false;
    double number_ = 0;
    std::string string_;
    Array array_;
    Object object_;
};

// Numbers beyond the double range (1e999) read as +-inf, so the reader of that value can
// name it; dump() writes them (and NaN) as null.
Result<Json> parse_json(std::string_view text);

// Shortest decimal text that reads back as the same double ("0.1", not 0.10000000000000001);
// "null" for nan and +-inf, as JSON has no word for them.
std::string format_number(double v);
// The same outside JSON (a URL hash, a formula, a message): "nan", "inf", "-inf" as words.
std::string exact_number(double v);

}  // namespace bp
