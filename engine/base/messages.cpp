// The message tables (assets/messages/*.json, embedded by scripts/embed_assets.cmake), the
// current language, lookup with English as the fallback, "{name}" arguments, and the memory
// of made messages that lets a stored one be drawn again in another language.
#include "messages.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>

#include "json.h"

namespace bp {
namespace {

Language g_language = Language::En;
Language g_default_language = Language::En;

struct Tables {
    std::map<std::string, std::string, std::less<>> by_lang[enum_count<Language>()];
    std::vector<std::string> errors;
};

const Tables& tables() {
    static const Tables t = [] {
        Tables out;
        for (Language lang : enum_values<Language>()) {
            const std::string name = std::string(name_of(lang)) + ".json";
            const auto file = std::find_if(builtin_message_files().begin(), builtin_message_files().end(),
                                           [&](const MessageFile& f) { return f.name == name; });
            if (file == builtin_message_files().end()) {
                out.errors.push_back(name + ": missing");
                continue;
            }
            const auto json = parse_json(file->text);
            if (!json || !json->is_object()) {
                out.errors.push_back(name + ": " + (json ? "not an object of strings" : json.error().message));
                continue;
            }
            for (const auto& [key, value] : json->members()) {
                if (!value.is_string()) out.errors.push_back(name + ": " + key + ": not a string");
                else out.by_lang[int(lang)][key] = value.as_string();
            }
        }
        return out;
    }();
    return t;
}

const std::string* find(std::string_view key, Language lang) {
    const auto& table = tables().by_lang[int(lang)];
    const auto it = table.find(key);
    return it == table.end() ? nullptr : &it->second;
}

// What msg() made, by its text, so relang() can make it again. Only kept messages are made
// by msg() (texts drawn each frame use msg_now()), so the bound is reached only after
// thousands of warnings and errors; forgetting then means an old one keeps its language.
struct Made {
    std::string key;
    MessageArgs args;
};
std::mutex g_made_mutex;
std::map<std::string, Made> g_made;
constexpr std::size_t kMaxMade = 1024;

std::string fill(std::string_view text, const MessageArgs& args) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t open = text.find('{', i), close = open == std::string_view::npos ? open : text.find('}', open);
        if (close == std::string_view::npos) break;
        out.append(text.substr(i, open - i));
        const std::string_view name = text.substr(open + 1, close - open - 1);
        const auto arg = std::find_if(args.begin(), args.end(), [&](const auto& a) { return a.first == name; });
        out.append(arg != args.end() ? std::string_view(arg->second) : text.substr(open, close - open + 1));
        i = close + 1;
    }
    if (i < text.size()) out.append(text.substr(i));
    return out;
}

}  // namespace

void set_language(Language lang) { g_language = lang; }
Language language() { return g_language; }
void set_default_language(Language lang) { g_default_language = lang; }
Language default_language() { return g_default_language; }

std::optional<Language> language_from_tags(const std::vector<std::string>& tags) {
    for (const std::string& tag : tags) {
        std::string code = tag.substr(0, tag.find_first_of("-_"));
        std::transform(code.begin(), code.end(), code.begin(), [](unsigned char c) { return char(std::tolower(c)); });
        if (auto lang = from_name<Language>(code)) return lang;
    }
    return std::nullopt;
}

const char* tr(std::string_view key, Language lang) {
    if (const std::string* s = find(key, lang)) return s->c_str();
    if (const std::string* s = find(key, Language::En)) return s->c_str();
    static std::map<std::string, std::string, std::less<>> unknown;  // a missing key shows itself
    static std::mutex m;
    std::lock_guard<std::mutex> lock(m);
    return unknown.emplace(std::string(key), std::string(key)).first->second.c_str();
}

const char* tr(std::string_view key) { return tr(key, g_language); }

std::string msg_now(std::string_view key, const MessageArgs& args) { return fill(tr(key), args); }

std::string msg(std::string_view key, const MessageArgs& args) {
    std::string text = msg_now(key, args);
    std::lock_guard<std::mutex> lock(g_made_mutex);
    if (g_made.size() >= kMaxMade) g_made.clear();
    g_made.emplace(text, Made{std::string(key), args});
    return text;
}

std::string relang(const std::string& text) {
    Made made;
    {
        std::lock_guard<std::mutex> lock(g_made_mutex);
        const auto it = g_made.find(text);
        if (it == g_made.end()) return text;
        made = it->second;
    }
    for (auto& arg : made.args) arg.second = relang(arg.second);
    return msg(made.key, made.args);
}

const char* option_label(const char* name) {
    static constexpr const char* kKeys[] = {
        "option.circle", "option.gauss", "option.spiral", "option.moons", "option.checkerboard", "option.spiral-k",
        "option.blobs", "option.plane", "option.multi-gauss", "option.sine", "option.momentum", "option.constant",
        "option.step", "option.exp", "option.cosine", "option.zeros", "option.uniform", "option.normal",
        "option.none", "option.linear", "option.sigmoid"};
    constexpr std::string_view kPrefix = "option.";
    for (const char* key : kKeys)
        if (std::string_view(key).substr(kPrefix.size()) == name) return tr(key);
    return name;
}

const std::string& LocalText::get() const {
    const std::string& s = by_lang[std::size_t(g_language)];
    return s.empty() ? en() : s;
}

std::string read_local_text(const Json& json, LocalText& out) {
    const char* expected = "expected a non-empty string or an object {\"en\": ..., \"es\": ..., \"ru\": ...} of them";
    out = LocalText{};
    if (json.is_string() && !json.as_string().empty()) {
        out.by_lang[0] = json.as_string();
        return "";
    }
    if (!json.is_object()) return expected;
    for (const auto& [key, value] : json.members()) {
        const auto lang = from_name<Language>(key);
        if (!lang) return "unknown language '" + key + "' (the languages are en, es, ru)";
        if (!value.is_string() || value.as_string().empty()) return key + ": " + expected;
        out.by_lang[std::size_t(*lang)] = value.as_string();
    }
    return out.en().empty() ? "en: missing" : "";
}

std::vector<std::string> message_keys(Language lang) {
    std::vector<std::string> keys;
    for (const auto& kv : tables().by_lang[int(lang)]) keys.push_back(kv.first);
    return keys;
}

std::vector<std::string> placeholders(std::string_view text) {
    std::vector<std::string> names;
    for (std::size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
        const std::size_t close = text.find('}', open);
        if (close == std::string_view::npos) break;
        names.emplace_back(text.substr(open + 1, close - open - 1));
    }
    std::sort(names.begin(), names.end());
    return names;
}

const std::vector<std::string>& message_table_errors() { return tables().errors; }

// Latin-1 (Spanish accents, ¿ ¡ « »), Cyrillic, and the dashes, quotes and ellipsis the
// texts use. Only these are baked into the font atlas, to keep it small.
const unsigned short* glyph_ranges() {
    static const unsigned short ranges[] = {0x0020, 0x00FF, 0x0400, 0x045F, 0x2013, 0x2014,
                                            0x2018, 0x201E, 0x2026, 0x2026, 0x2212, 0x2212, 0};
    return ranges;
}

bool covered_by_glyph_ranges(std::string_view s, std::string* first_missing) {
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = s[i];
        const int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        unsigned cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
        for (int k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
        bool ok = cp == '\n';
        for (const unsigned short* r = glyph_ranges(); *r && !ok; r += 2) ok = cp >= r[0] && cp <= r[1];
        if (!ok) {
            if (first_missing) *first_missing = std::string(s.substr(i, len));
            return false;
        }
        i += len;
    }
    return true;
}

}  // namespace bp
