// Config (de)serialisation through one table of fields: each knows its key, its JSON
// kind, how to print itself and how to parse and check a new value. Hash and JSON both
// go through the same setters, so a limit is enforced the same way on every path.
#include "config.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <functional>
#include <map>

#include "formula.h"
#include "lesson.h"
#include "messages.h"
#include "text_util.h"

namespace bp {

static_assert(kMaxImportPoints == kMaxPoints, "a CSV import holds as many points as a generated set");

namespace {

enum class Kind { Number, String, NumberList, StringList };

struct Field {
    const char* key;
    Kind kind;
    std::function<std::string(const Config&)> get;
    // Parses and stores the value; returns "" or what would have been allowed.
    std::function<std::string(Config&, std::string_view)> set;
    FieldRange range = {};  // numbers only: what set() accepts
};

// A value quoted in a warning; a long one (a 1 MB hash) cut to its start and its length.
std::string quoted_value(const std::string& v) {
    constexpr std::size_t kShown = 64;
    if (v.size() <= kShown) return "'" + v + "'";
    return msg("config.long_value", {{"start", "'" + v.substr(0, kShown - 3) + "...'"}, {"count", std::to_string(v.size())}});
}

std::string range_text(double lo, double hi) {
    return msg("config.expect_number", {{"lo", format_number(lo)}, {"hi", format_number(hi)}});
}

template <class Acc>
Field real(const char* key, Acc acc, double lo, double hi) {
    return {key, Kind::Number, [acc](const Config& c) { return exact_number(acc(const_cast<Config&>(c))); },
            [acc, lo, hi](Config& c, std::string_view v) -> std::string {
                double d;
                if (!parse_finite(v, d) || d < lo || d > hi) return range_text(lo, hi);
                acc(c) = d;
                return "";
            },
            {lo, hi}};
}

template <class Acc>
Field integer(const char* key, Acc acc, double lo, double hi) {
    return {key, Kind::Number, [acc](const Config& c) { return exact_number(double(acc(const_cast<Config&>(c)))); },
            [acc, lo, hi](Config& c, std::string_view v) -> std::string {
                double d;
                if (!parse_finite(v, d) || d < lo || d > hi || d != std::floor(d))
                    return msg("config.expect_whole", {{"lo", format_number(lo)}, {"hi", format_number(hi)}});
                acc(c) = static_cast<std::remove_reference_t<decltype(acc(c))>>(d);
                return "";
            },
            {lo, hi}};
}

// "one of a, b, c": every name of E.
template <class E>
std::string names_text() {
    return msg("config.expect_one_of", {{"names", join(EnumNames<E>::names, ", ")}});
}

template <class E, class Acc>
Field choice(const char* key, Acc acc) {
    return {key, Kind::String, [acc](const Config& c) { return std::string(name_of(acc(const_cast<Config&>(c)))); },
            [acc](Config& c, std::string_view v) -> std::string {
                const auto e = from_name<E>(v);
                if (!e) return names_text<E>();
                acc(c) = *e;
                return "";
            }};
}

// A list of distinct names, e.g. features=x1,x2,x1sq or panels=boundary,loss; at least
// `min_count`; "none" stands for the empty list where that is allowed.
template <class E, class Acc>
Field name_list(const char* key, Acc acc, std::size_t min_count) {
    return {key, Kind::StringList,
            [acc](const Config& c) {
                const std::string s = join(acc(const_cast<Config&>(c)), ",", name_of<E>);
                return s.empty() ? std::string("none") : s;
            },
            [acc, min_count](Config& c, std::string_view v) -> std::string {
                const std::string allowed = msg(min_count == 0 ? "config.expect_names_or_none" : "config.expect_names",
                                                {{"min", std::to_string(min_count)}, {"max", std::to_string(enum_count<E>())},
                                                 {"names", join(EnumNames<E>::names, ", ")}});
                std::vector<E> out;
                if (min_count == 0 && trim(v) == "none") {
                    acc(c).clear();
                    return "";
                }
                for (auto item : split(v, ',')) {
                    const auto e = from_name<E>(trim(item));
                    if (!e || std::find(out.begin(), out.end(), *e) != out.end()) return allowed;
                    out.push_back(*e);
                }
                if (out.size() < min_count) return allowed;
                acc(c) = out;
                return "";
            }};
}

// layers=8,8: 0 to kMaxLayers hidden layers of 1 to kMaxUnits units; activations follow the new count.
Field layers_field() {
    return {"layers", Kind::NumberList,
            [](const Config& c) { return join(c.layers, ",", [](int n) { return std::to_string(n); }); },
            [](Config& c, std::string_view v) -> std::string {
                const std::string allowed = msg("config.expect_layers", {{"max", std::to_string(kMaxLayers)},
                                                                   {"units", std::to_string(kMaxUnits)}});
                std::vector<int> out;
                for (auto item : split(v, ',')) {
                    double d;
                    if (!parse_finite(item, d) || d < 1 || d > kMaxUnits || d != std::floor(d)) return allowed;
                    out.push_back(int(d));
                }
                if (out.size() > std::size_t(kMaxLayers)) return allowed;
                const Activation last = c.activations.empty() ? Activation::Tanh : c.activations.back();
                c.layers = out;
                c.activations.resize(out.size(), last);
                return "";
            }};
}

// activation=relu (every layer) or activation=relu,tanh (one per hidden layer).
Field activations_field() {
    return {"activation", Kind::StringList,
            [](const Config& c) { return join(c.activations, ",", name_of<Activation>); },
            [](Config& c, std::string_view v) -> std::string {
                std::vector<Activation> out;
                for (auto name : split(v, ',')) {
                    const auto a = from_name<Activation>(name);
                    if (!a) return names_text<Activation>();
                    out.push_back(*a);
                }
                if (out.size() == 1) out.resize(c.layers.size(), out[0]);
                if (out.size() != c.layers.size())
                    return msg("config.expect_activations", {{"count", std::to_string(c.layers.size())}});
                c.activations = out;
                return "";
            }};
}

// lesson=xor-hidden: the lesson's whole set-up (so it comes first: the other keys of the
// same hash or file then change it), keeping the page settings; "" or none: no lesson.
Field lesson_field() {
    return {"lesson", Kind::String, [](const Config& c) { return c.page.lesson; },
            [](Config& c, std::string_view v) -> std::string {
                if (v.empty() || v == "none") {
                    c.page.lesson.clear();
                    return "";
                }
                const Lesson* lesson = find_lesson(v);
                if (!lesson) {
                    std::string ids;
                    for (const Lesson& l : builtin_lessons()) ids += l.id + ", ";
                    return msg("config.expect_lesson", {{"ids", ids}});
                }
                const PageSettings page = c.page;
                c = lesson_config(*lesson);
                c.page = page;
                c.page.lesson = lesson->id;
                return "";
            }};
}

// formula=(x+y)*z: anything parse_formula accepts; the error says what and where.
Field formula_field() {
    return {"formula", Kind::String, [](const Config& c) { return c.page.formula; },
            [](Config& c, std::string_view v) -> std::string {
                if (!v.empty()) {
                    const auto f = parse_formula(v);
                    if (!f) return msg("config.expect_formula", {{"problem", f.error().message}});
                }
                c.page.formula = std::string(v);
                return "";
            }};
}

// values=x:2,z:3: a finite value for each named variable.
Field values_field() {
    return {"values", Kind::StringList,
            [](const Config& c) {
                return join(c.page.values, ",", [](const auto& nv) { return nv.first + ":" + format_number(nv.second); });
            },
            [](Config& c, std::string_view v) -> std::string {
                const std::string allowed = msg("config.expect_values");
                std::map<std::string, double> out;
                for (auto item : split(v, ',')) {
                    const auto colon = item.find(':');
                    double d;
                    if (colon == std::string_view::npos || !parse_finite(item.substr(colon + 1), d)) return allowed;
                    const std::string name(trim(item.substr(0, colon)));
                    const bool identifier = !name.empty() && !std::isdigit((unsigned char)name[0]) &&
                                            std::all_of(name.begin(), name.end(), [](char ch) { return std::isalnum((unsigned char)ch) || ch == '_'; });
                    if (!identifier) return allowed;
                    out[name] = d;
                }
                c.page.values = out;
                return "";
            }};
}

const std::vector<Field>& fields() {
    static const std::vector<Field> table = {
        lesson_field(),
        choice<DatasetKind>("dataset", [](Config& c) -> auto& { return c.dataset; }),
        integer("points", [](Config& c) -> auto& { return c.points; }, kMinPoints, kMaxPoints),
        real("noise", [](Config& c) -> auto& { return c.noise; }, 0, 1),
        real("train_ratio", [](Config& c) -> auto& { return c.train_ratio; }, 0.1, 0.9),
        integer("classes", [](Config& c) -> auto& { return c.classes; }, 3, 6),
        integer("seed", [](Config& c) -> auto& { return c.seed; }, 0, 4294967295.0),
        name_list<Feature>("features", [](Config& c) -> auto& { return c.features; }, 1),
        layers_field(),
        activations_field(),
        choice<BinaryHead>("head", [](Config& c) -> auto& { return c.head; }),
        choice<InitKind>("init", [](Config& c) -> auto& { return c.init; }),
        real("init_scale", [](Config& c) -> auto& { return c.init_scale; }, 0, 10),
        choice<OptimizerKind>("optimizer", [](Config& c) -> auto& { return c.optimizer; }),
        real("lr", [](Config& c) -> auto& { return c.lr; }, 1e-6, 10),
        real("momentum", [](Config& c) -> auto& { return c.opt.momentum; }, 0, 0.999),
        real("rho", [](Config& c) -> auto& { return c.opt.rho; }, 0, 0.9999),
        real("beta1", [](Config& c) -> auto& { return c.opt.beta1; }, 0, 0.9999),
        real("beta2", [](Config& c) -> auto& { return c.opt.beta2; }, 0, 0.99999),
        real("eps", [](Config& c) -> auto& { return c.opt.eps; }, 1e-12, 1),
        real("weight_decay", [](Config& c) -> auto& { return c.opt.weight_decay; }, 0, 1),
        choice<ScheduleKind>("schedule", [](Config& c) -> auto& { return c.schedule.kind; }),
        integer("step_epochs", [](Config& c) -> auto& { return c.schedule.step_epochs; }, 1, 100000),
        real("gamma", [](Config& c) -> auto& { return c.schedule.gamma; }, 0.001, 1),
        integer("cosine_epochs", [](Config& c) -> auto& { return c.schedule.cosine_epochs; }, 1, 100000),
        real("min_lr", [](Config& c) -> auto& { return c.schedule.min_lr; }, 0, 10),
        choice<Regularization>("reg", [](Config& c) -> auto& { return c.reg; }),
        real("reg_rate", [](Config& c) -> auto& { return c.reg_rate; }, 0, 10),
        real("clip", [](Config& c) -> auto& { return c.clip; }, 0, 1e6),
        integer("batch", [](Config& c) -> auto& { return c.batch; }, 1, kMaxPoints),
        integer("stop_epoch", [](Config& c) -> auto& { return c.stop_epoch; }, 0, 1000000),
        // the page (written to the hash only where it differs from the default)
        choice<View>("view", [](Config& c) -> auto& { return c.page.view; }),
        integer("embed", [](Config& c) -> auto& { return c.page.embed; }, 0, 1),
        name_list<Panel>("panels", [](Config& c) -> auto& { return c.page.panels; }, 1),
        name_list<Control>("controls", [](Config& c) -> auto& { return c.page.controls; }, 0),
        integer("autoplay", [](Config& c) -> auto& { return c.page.autoplay; }, 0, 1),
        choice<Language>("lang", [](Config& c) -> auto& { return c.page.lang; }),
        formula_field(),
        values_field(),
    };
    return table;
}

bool is_page_field(const Field& f) {
    for (const char* key : {"view", "embed", "panels", "controls", "autoplay", "lang", "lesson", "formula", "values"})
        if (std::string_view(f.key) == key) return true;
    return false;
}

// Keeps what a hash value may hold as it is ("0.03", "x1,x2", "sigmoid-bce", "(x+y)*z") and
// escapes the rest (spaces, '&', '=', '#', '%', non-ASCII).
std::string percent_encode(std::string_view s) {
    std::string out;
    for (unsigned char ch : s) {
        if (std::isalnum(ch) || (ch != 0 && std::strchr(",.-_~:()*+/^", ch))) out += char(ch);
        else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", ch);
            out += buf;
        }
    }
    return out;
}

const Field* find_field(std::string_view key) {
    for (const Field& f : fields())
        if (key == f.key) return &f;
    return nullptr;
}

std::string percent_decode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() + 0 && std::isxdigit((unsigned char)s[i + 1]) &&
            std::isxdigit((unsigned char)s[i + 2])) {
            out += char(std::strtol(std::string(s.substr(i + 1, 2)).c_str(), nullptr, 16));
            i += 2;
        } else {
            out += s[i];  // '+' stays a plus: formulas have them, and a URL fragment is no form
        }
    }
    return out;
}

// Past 20 warnings the rest are counted in one last line, so a 1 MB hash of unknown keys
// gives a readable answer.
std::vector<std::string> capped(std::vector<std::string> warnings) {
    constexpr std::size_t kMaxWarnings = 20;
    if (warnings.size() <= kMaxWarnings) return warnings;
    const std::size_t more = warnings.size() - kMaxWarnings;
    warnings.resize(kMaxWarnings);
    warnings.push_back(msg("config.more_warnings", {{"count", std::to_string(more)}}));
    return warnings;
}

// The value a rejected setting keeps, as the warning names it: never an empty "(kept )".
static std::string kept_value(const Field& f, const Config& config) {
    const std::string v = f.get(config);
    if (!v.empty()) return v;
    return std::string_view(f.key) == "lesson" ? msg("config.kept_no_lesson") : std::string_view(f.key) == "layers" ? msg("config.kept_no_layers") : msg("config.kept_none");
}

// Applies key/value pairs in the table's order (layers before activations), so the
// result does not depend on the order the user wrote them in.
std::vector<std::string> apply_values(Config& config, const std::map<std::string, std::string>& values,
                                      std::vector<std::string> warnings) {
    for (const auto& [key, value] : values)
        if (!find_field(key)) warnings.push_back(msg("config.unknown_setting", {{"key", quoted_value(key)}}));
    for (const Field& f : fields()) {
        const auto it = values.find(f.key);
        if (it == values.end()) continue;
        const std::string allowed = f.set(config, it->second);
        if (!allowed.empty())
            warnings.push_back(msg("config.not_allowed", {{"key", f.key}, {"value", quoted_value(it->second)},
                                                          {"expected", allowed}, {"kept", kept_value(f, config)}}));
    }
    return capped(std::move(warnings));
}

// A JSON value as the text its field parses: numbers in hash form (1e999 read as inf),
// lists joined by commas; true, null or {} as written, so no field takes them for a number.
std::string json_value_text(const Json& v) {
    if (v.is_number()) return exact_number(v.as_number());
    if (v.is_string()) return v.as_string();
    if (!v.is_array()) return v.dump();
    return join(v.items(), ",", json_value_text);
}

}  // namespace

FieldRange field_range(std::string_view key) {
    const Field* f = find_field(key);
    return f ? f->range : FieldRange{};
}

DataSpec Config::data_spec() const {
    return DataSpec{dataset, points, noise, train_ratio, classes, seed};
}

std::vector<std::string> apply_hash(Config& config, std::string_view hash) {
    if (!hash.empty() && hash[0] == '#') hash.remove_prefix(1);
    std::map<std::string, std::string> values;
    std::vector<std::string> warnings;
    for (std::string_view part : split(hash, '&')) {
        if (part.empty()) continue;
        const auto eq = part.find('=');
        if (eq == std::string_view::npos) {
            warnings.push_back(msg("config.no_value", {{"part", quoted_value(percent_decode(part))}}));
            continue;
        }
        values[percent_decode(part.substr(0, eq))] = percent_decode(part.substr(eq + 1));
    }
    return apply_values(config, values, std::move(warnings));
}

std::vector<std::string> apply_json(Config& config, const Json& json) {
    if (!json.is_object()) return {msg("config.not_object")};
    std::map<std::string, std::string> values;
    for (const auto& [key, v] : json.members()) values[key] = json_value_text(v);
    return apply_values(config, values, {});
}

std::vector<std::string> apply_json_text(Config& config, std::string_view text) {
    const auto json = parse_json(text);
    if (!json) return {msg("config.file_unreadable", {{"problem", json.error().message}})};
    return apply_json(config, json.value());
}

std::string to_hash(const Config& config, bool every_field) {
    const Config defaults;  // its page language is the browser's (default_language())
    std::string out;
    for (const Field& f : fields()) {
        const std::string v = f.get(config);
        if (!every_field && is_page_field(f) && v == f.get(defaults)) continue;
        out += (out.empty() ? "" : "&") + std::string(f.key) + "=" + percent_encode(v);
    }
    return out;
}

Json to_json(const Config& config) {
    Json out = Json::object();
    for (const Field& f : fields()) {
        const std::string v = f.get(config);
        auto number = [](std::string_view s) { double d = 0; parse_finite(s, d); return Json(d); };
        switch (f.kind) {
            case Kind::Number: out.set(f.key, number(v)); break;
            case Kind::String: out.set(f.key, v); break;
            case Kind::NumberList:
            case Kind::StringList: {
                Json list = Json::array();
                for (auto item : split(v, ',')) list.push(f.kind == Kind::NumberList ? number(item) : Json(item));
                out.set(f.key, list);
            }
        }
    }
    return out;
}

}  // namespace bp
