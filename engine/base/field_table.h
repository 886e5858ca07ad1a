// A settings struct described as a table of fields: each knows its key, how to print its
// value, how to parse and check a new one, how to check the value it holds, and how to
// compare and copy itself. Config (the run) and the page settings are both such tables, so
// a hash, a JSON file and a UI edit pass the same checks, and "what changed" is a loop.
#pragma once
#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "enum_names.h"
#include "json.h"
#include "messages.h"
#include "text_util.h"

namespace bp {

enum class FieldKind { Number, String, NumberList, StringList };

// The numbers a numeric field accepts ({0, 0} for other fields), so a slider offers what a
// hash or a file may hold.
struct FieldRange {
    double lo = 0, hi = 0;
};

template <class T>
struct Field {
    const char* key;
    FieldKind kind;
    std::function<std::string(const T&)> get;                 // the value as a hash writes it
    std::function<std::string(T&, std::string_view)> set;     // parse, check, store: "" or what is allowed
    std::function<std::string(const T&)> check;               // the held value: "" or what is allowed
    std::function<bool(const T&, const T&)> same;
    std::function<void(T&, const T&)> copy;
    FieldRange range = {};
    int group = 0;                  // what a change of this field touches (the table's owner decides)
    const char* empty_text = "config.kept_none";  // message key: how a warning names an empty value it keeps
};

// A field over the value `acc(t)` of type V: print and parse its text form; `valid` says
// whether a value may be held (in this T), `allowed` what may.
template <class T, class V, class Acc>
Field<T> make_field(const char* key, FieldKind kind, Acc acc, std::function<std::string(const V&)> print,
                    std::function<bool(std::string_view, V&)> parse, std::function<bool(const V&, const T&)> valid,
                    std::function<std::string(const T&)> allowed, FieldRange range = {}) {
    auto at = [acc](const T& t) -> const V& { return acc(const_cast<T&>(t)); };
    Field<T> f{key, kind, nullptr, nullptr, nullptr, nullptr, nullptr, range};
    f.get = [at, print](const T& t) { return print(at(t)); };
    f.set = [acc, parse, valid, allowed](T& t, std::string_view text) -> std::string {
        V v{};
        if (!parse(text, v) || !valid(v, t)) return allowed(t);
        acc(t) = std::move(v);
        return "";
    };
    f.check = [at, valid, allowed](const T& t) { return valid(at(t), t) ? std::string() : allowed(t); };
    f.same = [at](const T& a, const T& b) { return at(a) == at(b); };
    f.copy = [acc, at](T& to, const T& from) { acc(to) = at(from); };
    return f;
}

// A real number from lo to hi.
template <class T, class Acc>
Field<T> real(const char* key, Acc acc, double lo, double hi) {
    return make_field<T, double>(
        key, FieldKind::Number, acc, [](const double& v) { return exact_number(v); },
        [](std::string_view s, double& v) { return parse_finite(s, v); },
        [lo, hi](const double& v, const T&) { return std::isfinite(v) && v >= lo && v <= hi; },
        [lo, hi](const T&) { return msg("config.expect_number", {{"lo", format_number(lo)}, {"hi", format_number(hi)}}); },
        {lo, hi});
}

// A whole number from lo to hi, held in an integer (or bool) member.
template <class T, class Acc>
Field<T> integer(const char* key, Acc acc, double lo, double hi) {
    using V = std::remove_reference_t<decltype(acc(std::declval<T&>()))>;
    return make_field<T, V>(
        key, FieldKind::Number, acc, [](const V& v) { return exact_number(double(v)); },
        [lo, hi](std::string_view s, V& v) {
            double d;
            if (!parse_finite(s, d) || d < lo || d > hi || d != std::floor(d)) return false;
            v = static_cast<V>(d);
            return true;
        },
        [lo, hi](const V& v, const T&) { return double(v) >= lo && double(v) <= hi; },
        [lo, hi](const T&) { return msg("config.expect_whole", {{"lo", format_number(lo)}, {"hi", format_number(hi)}}); },
        {lo, hi});
}

// "one of a, b, c": every name of E.
template <class E>
std::string names_text() {
    return msg("config.expect_one_of", {{"names", join(EnumNames<E>::names, ", ")}});
}

// One name of the enum E.
template <class T, class E, class Acc>
Field<T> choice(const char* key, Acc acc) {
    return make_field<T, E>(
        key, FieldKind::String, acc, [](const E& e) { return std::string(name_of(e)); },
        [](std::string_view s, E& e) {
            const auto found = from_name<E>(s);
            if (found) e = *found;
            return found.has_value();
        },
        [](const E& e, const T&) { return std::size_t(e) < enum_count<E>(); },
        [](const T&) { return names_text<E>(); });
}

// A list of distinct names, e.g. features=x1,x2,x1sq or panels=boundary,loss; at least
// `min_count`; "none" stands for the empty list where that is allowed.
template <class T, class E, class Acc>
Field<T> name_list(const char* key, Acc acc, std::size_t min_count) {
    using List = std::vector<E>;
    return make_field<T, List>(
        key, FieldKind::StringList, acc,
        [](const List& l) {
            const std::string s = join(l, ",", name_of<E>);
            return s.empty() ? std::string("none") : s;
        },
        [min_count](std::string_view s, List& out) {
            if (min_count == 0 && trim(s) == "none") return true;
            for (auto item : split(s, ',')) {
                const auto e = from_name<E>(trim(item));
                if (!e) return false;
                out.push_back(*e);
            }
            return true;
        },
        [min_count](const List& l, const T&) {
            for (std::size_t i = 0; i < l.size(); ++i)
                if (std::size_t(l[i]) >= enum_count<E>() || std::find(l.begin(), l.begin() + long(i), l[i]) != l.begin() + long(i))
                    return false;
            return l.size() >= min_count;
        },
        [min_count](const T&) {
            return msg(min_count == 0 ? "config.expect_names_or_none" : "config.expect_names",
                       {{"min", std::to_string(min_count)}, {"max", std::to_string(enum_count<E>())},
                        {"names", join(EnumNames<E>::names, ", ")}});
        });
}

// ---- the table's algorithms

template <class T>
const Field<T>* find_field(const std::vector<Field<T>>& table, std::string_view key) {
    for (const Field<T>& f : table)
        if (key == f.key) return &f;
    return nullptr;
}

// A value quoted in a warning; a long one (a 1 MB hash) cut to its start and its length.
std::string quoted_value(const std::string& v);
// "lr: '99' is not allowed; expected a number from 1e-06 to 10 (kept 0.03)"
std::string refused_text(const char* key, const std::string& value, const std::string& allowed, std::string kept);

// Sets the fields named in `values`, in the table's order (so layers come before
// activations whatever the order written); a refused value keeps the old one and gives a
// warning. Keys the table does not know are left to the caller.
template <class T>
std::vector<std::string> apply_fields(T& t, const std::vector<Field<T>>& table, const std::map<std::string, std::string>& values) {
    std::vector<std::string> warnings;
    for (const Field<T>& f : table) {
        const auto it = values.find(f.key);
        if (it == values.end()) continue;
        const std::string allowed = f.set(t, it->second);
        if (!allowed.empty()) {
            const std::string kept = f.get(t);
            warnings.push_back(refused_text(f.key, it->second, allowed, kept.empty() ? msg(f.empty_text) : kept));
        }
    }
    return warnings;
}

// Every field of `next` passes its check; one that does not takes `fallback`'s value, with
// a warning. (A widget can be typed past its range: ctrl+click on a slider.)
template <class T>
std::vector<std::string> validate_fields(T& next, const T& fallback, const std::vector<Field<T>>& table) {
    std::vector<std::string> warnings;
    for (const Field<T>& f : table) {
        const std::string allowed = f.check(next);
        if (allowed.empty()) continue;
        const std::string value = f.get(next);
        f.copy(next, fallback);
        const std::string kept = f.get(next);
        warnings.push_back(refused_text(f.key, value, allowed, kept.empty() ? msg(f.empty_text) : kept));
    }
    return warnings;
}

// The largest `group` among the fields that differ between a and b; -1 when none does.
template <class T>
int changed_group(const T& a, const T& b, const std::vector<Field<T>>& table) {
    int out = -1;
    for (const Field<T>& f : table)
        if (!f.same(a, b)) out = std::max(out, f.group);
    return out;
}

}  // namespace bp
