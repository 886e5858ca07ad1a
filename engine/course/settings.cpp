// Settings' text forms: the page's and the graph lab's field tables beside Config's, the
// URL hash (percent-encoded key=value pairs) and JSON, and `lesson=`, which sets up the
// lesson's run before the other keys of the same hash or file change it.
#include "settings.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "formula.h"
#include "lesson.h"
#include "text_util.h"

namespace bp {

namespace {

// lesson=xor-hidden: a built-in lesson's id; "" or none: no lesson.
Field<PageSettings> lesson_field() {
    auto f = make_field<PageSettings, std::string>(
        "lesson", FieldKind::String, [](PageSettings& p) -> std::string& { return p.lesson; },
        [](const std::string& v) { return v; },
        [](std::string_view s, std::string& v) {
            v = s == "none" ? "" : std::string(s);
            return true;
        },
        [](const std::string& v, const PageSettings&) { return v.empty() || find_lesson(v) != nullptr; },
        [](const PageSettings&) {
            std::string ids;
            for (const Lesson& l : builtin_lessons()) ids += l.id + ", ";
            return msg("config.expect_lesson", {{"ids", ids}});
        });
    f.empty_text = "config.kept_no_lesson";
    return f;
}

// lesson_src=tasks/spiral.json: a lesson file's address, relative to the page or absolute.
// The page fetches and loads it (web/bp.js); here it is only kept, so a link carries it.
constexpr std::size_t kMaxLessonSrc = 2048;  // characters of lesson_src

Field<PageSettings> lesson_src_field() {
    return make_field<PageSettings, std::string>(
        "lesson_src", FieldKind::String, [](PageSettings& p) -> std::string& { return p.lesson_src; },
        [](const std::string& v) { return v; },
        [](std::string_view s, std::string& v) {
            v = std::string(s);
            return true;
        },
        [](const std::string& v, const PageSettings&) { return v.size() <= kMaxLessonSrc; },
        [](const PageSettings&) { return msg("config.expect_lesson_src", {{"max", std::to_string(kMaxLessonSrc)}}); });
}

bool is_identifier(const std::string& name) {
    return !name.empty() && !std::isdigit((unsigned char)name[0]) &&
           std::all_of(name.begin(), name.end(), [](char ch) { return std::isalnum((unsigned char)ch) || ch == '_'; });
}

// formula=(x+y)*z: anything parse_formula accepts; the warning says what and where.
Field<GraphSettings> formula_field() {
    auto f = make_field<GraphSettings, std::string>(
        "formula", FieldKind::String, [](GraphSettings& g) -> std::string& { return g.formula; },
        [](const std::string& v) { return v; },
        [](std::string_view s, std::string& v) {
            v = std::string(s);
            return true;
        },
        [](const std::string& v, const GraphSettings&) { return v.empty() || bool(parse_formula(v)); },
        [](const GraphSettings& g) { return msg("config.expect_formula", {{"problem", parse_formula(g.formula).error().message}}); });
    f.set = [](GraphSettings& g, std::string_view s) -> std::string {  // names the new formula's error
        if (!s.empty()) {
            const auto parsed = parse_formula(s);
            if (!parsed) return msg("config.expect_formula", {{"problem", parsed.error().message}});
        }
        g.formula = std::string(s);
        return "";
    };
    return f;
}

// values=x:2,z:3: a finite value for each named variable.
Field<GraphSettings> values_field() {
    using V = std::map<std::string, double>;
    return make_field<GraphSettings, V>(
        "values", FieldKind::StringList, [](GraphSettings& g) -> V& { return g.values; },
        [](const V& v) { return join(v, ",", [](const auto& nv) { return nv.first + ":" + format_number(nv.second); }); },
        [](std::string_view s, V& out) {
            for (auto item : split(s, ',')) {
                const auto colon = item.find(':');
                double d;
                if (colon == std::string_view::npos || !parse_finite(item.substr(colon + 1), d)) return false;
                out[std::string(trim(item.substr(0, colon)))] = d;
            }
            return true;
        },
        [](const V& v, const GraphSettings&) {
            return std::all_of(v.begin(), v.end(), [](const auto& nv) { return is_identifier(nv.first) && std::isfinite(nv.second); });
        },
        [](const GraphSettings&) { return msg("config.expect_values"); });
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

void append(std::vector<std::string>& to, std::vector<std::string> more) {
    to.insert(to.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
}

// A lesson named in `values` brings its whole run set-up, so it comes first.
void apply_lesson(Settings& s, const std::map<std::string, std::string>& values, std::vector<std::string>& warnings) {
    const auto it = values.find("lesson");
    if (it == values.end()) return;
    PageSettings page = s.page;
    auto refused = apply_fields(page, page_fields(), {{"lesson", it->second}});
    if (!refused.empty()) return append(warnings, std::move(refused));  // nothing changes
    s.page.lesson = page.lesson;
    const Lesson* lesson = find_lesson(page.lesson);
    if (!lesson) return;
    s.page.view = lesson->view;  // a graph or layer lesson opens its view
    if (lesson->view == View::Graph) s.graph = {lesson->formula, lesson->values};
    else s.run = lesson_config(*lesson);
}

std::vector<std::string> apply_values(Settings& s, std::map<std::string, std::string> values, std::vector<std::string> warnings) {
    for (const auto& [key, value] : values)
        if (!find_field(config_fields(), key) && !find_field(page_fields(), key) && !find_field(graph_fields(), key) &&
            !find_field(landscape_fields(), key))
            warnings.push_back(msg("config.unknown_setting", {{"key", quoted_value(key)}}));
    // lesson_src names a file the page loads after this: its lesson is not known yet, and opens when it is.
    if (values.count("lesson_src") && values.count("lesson") && !find_lesson(values["lesson"])) values.erase("lesson");
    apply_lesson(s, values, warnings);
    values.erase("lesson");
    append(warnings, apply_fields(s.run, config_fields(), values));
    append(warnings, apply_fields(s.page, page_fields(), values));
    append(warnings, apply_fields(s.graph, graph_fields(), values));
    append(warnings, apply_fields(s.landscape, landscape_fields(), values));
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

// One field's value as text, for the hash and JSON writers.
struct FieldText {
    const char* key;
    FieldKind kind;
    std::string value;
    bool is_default;  // a page or graph field at its default (a run field: always false)
};

// Every field in hash order: the lesson, the run, the page, the graph, the landscape.
std::vector<FieldText> field_texts(const Settings& s) {
    const Settings defaults;  // its page language is the browser's (default_language())
    std::vector<FieldText> out;
    auto add = [&out](const auto& f, const auto& value, const auto& default_value, bool optional) {
        const std::string v = f.get(value);
        out.push_back({f.key, f.kind, v, optional && v == f.get(default_value)});
    };
    for (const auto& f : page_fields())
        if (std::string_view(f.key) == "lesson") add(f, s.page, defaults.page, true);
    for (const auto& f : config_fields()) add(f, s.run, defaults.run, false);
    for (const auto& f : page_fields())
        if (std::string_view(f.key) != "lesson") add(f, s.page, defaults.page, true);
    for (const auto& f : graph_fields()) add(f, s.graph, defaults.graph, true);
    for (const auto& f : landscape_fields()) add(f, s.landscape, defaults.landscape, true);
    return out;
}

}  // namespace

const std::vector<Field<PageSettings>>& page_fields() {
    using P = PageSettings;
    static const std::vector<Field<P>> table = {
        lesson_field(),
        lesson_src_field(),
        choice<P, View>("view", [](P& p) -> auto& { return p.view; }),
        integer<P>("embed", [](P& p) -> auto& { return p.embed; }, 0, 1),
        name_list<P, Panel>("panels", [](P& p) -> auto& { return p.panels; }, 1),
        name_list<P, Control>("controls", [](P& p) -> auto& { return p.controls; }, 0),
        integer<P>("autoplay", [](P& p) -> auto& { return p.autoplay; }, 0, 1),
        choice<P, Language>("lang", [](P& p) -> auto& { return p.lang; }),
    };
    return table;
}

const std::vector<Field<GraphSettings>>& graph_fields() {
    static const std::vector<Field<GraphSettings>> table = {formula_field(), values_field()};
    return table;
}

std::vector<std::string> validate(PageSettings& page, const PageSettings& fallback) {
    return validate_fields(page, fallback, page_fields());
}

std::vector<std::string> apply_hash(Settings& settings, std::string_view hash) {
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
    return apply_values(settings, std::move(values), std::move(warnings));
}

std::vector<std::string> apply_json(Settings& settings, const Json& json) {
    if (!json.is_object()) return {msg("config.not_object")};
    std::map<std::string, std::string> values;
    for (const auto& [key, v] : json.members()) values[key] = json_value_text(v);
    return apply_values(settings, std::move(values), {});
}

std::vector<std::string> apply_json_text(Settings& settings, std::string_view text) {
    const auto json = parse_json(text);
    if (!json) return {msg("config.file_unreadable", {{"problem", json.error().message}})};
    return apply_json(settings, json.value());
}

namespace {
template <class Apply, class Input>
std::vector<std::string> on_run(Config& run, Apply apply, Input input) {
    Settings s{run, {}, {}, {}};
    auto warnings = apply(s, input);
    run = s.run;
    return warnings;
}
}  // namespace

std::vector<std::string> apply_hash(Config& run, std::string_view hash) {
    return on_run(run, [](Settings& s, std::string_view h) { return apply_hash(s, h); }, hash);
}
std::vector<std::string> apply_json(Config& run, const Json& json) {
    return on_run(run, [](Settings& s, const Json& j) { return apply_json(s, j); }, json);
}
std::vector<std::string> apply_json_text(Config& run, std::string_view text) {
    return on_run(run, [](Settings& s, std::string_view t) { return apply_json_text(s, t); }, text);
}

std::string to_hash(const Settings& settings, bool every_field) {
    std::string out;
    for (const FieldText& t : field_texts(settings))
        if (every_field || !t.is_default) out += (out.empty() ? "" : "&") + std::string(t.key) + "=" + percent_encode(t.value);
    return out;
}

std::string to_hash(const Config& run) { return to_hash(Settings{run, {}, {}, {}}); }

Json to_json(const Settings& settings) {
    Json out = Json::object();
    auto number = [](std::string_view s) { double d = 0; parse_finite(s, d); return Json(d); };
    for (const FieldText& t : field_texts(settings)) {
        switch (t.kind) {
            case FieldKind::Number: out.set(t.key, number(t.value)); break;
            case FieldKind::String: out.set(t.key, t.value); break;
            case FieldKind::NumberList:
            case FieldKind::StringList: {
                Json list = Json::array();
                for (auto item : split(t.value, ',')) list.push(t.kind == FieldKind::NumberList ? number(item) : Json(item));
                out.set(t.key, list);
            }
        }
    }
    return out;
}

Json to_json(const Config& run) { return to_json(Settings{run, {}, {}, {}}); }

}  // namespace bp
