// What a student reads, in English, Spanish or Russian: one table of messages per language
// (assets/messages/<lang>.json, compiled in at build time), looked up by key in the current
// language, English the fallback. "{name}" in a message stands for an argument. The CLI never
// sets a language, so it stays English.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "enum_names.h"
#include "json.h"

namespace bp {

enum class Language { En, Es, Ru };
template <>
struct EnumNames<Language> {
    static constexpr std::array names{"en", "es", "ru"};
};

// The language messages are looked up in (the page's `lang` setting; English until set).
void set_language(Language lang);
Language language();
// The language a page takes when no `lang` is given (the browser's or the system's; English
// until set), the default PageSettings::lang starts from.
void set_default_language(Language lang);
Language default_language();
// The first of `tags` ("es-ES", "ru", "en-GB") whose language part is en, es or ru.
std::optional<Language> language_from_tags(const std::vector<std::string>& tags);

// The message `key` in the current language (else English, else the key itself). The text
// lives as long as the program.
const char* tr(std::string_view key);
const char* tr(std::string_view key, Language lang);

// tr(key) with each "{name}" replaced by its argument. msg() remembers the result, so that
// relang() can say it again in another language: for a message that is kept and shown later
// (a warning, an error, a file's outcome). msg_now() does not: for a text made each frame.
using MessageArgs = std::vector<std::pair<std::string, std::string>>;
std::string msg(std::string_view key, const MessageArgs& args = {});
std::string msg_now(std::string_view key, const MessageArgs& args = {});
// A message made by msg() (in any language), said again in the current language, its
// arguments too; any other text comes back as it is. For stored messages drawn later.
std::string relang(const std::string& text);

// A text a file carries in each language, e.g. a lesson's title: {"en": ..., "es": ..., "ru": ...}.
struct LocalText {
    std::array<std::string, enum_count<Language>()> by_lang;  // "" where the file has none
    const std::string& get() const;  // in the current language, else English
    const std::string& en() const { return by_lang[0]; }
    bool empty() const { return en().empty(); }
};
// Reads `json` as a LocalText: a string (English only) or an object of non-empty strings with
// "en" and any of "es", "ru". "" or the problem ("expected a non-empty string or ...").
std::string read_local_text(const Json& json, LocalText& out);

// An option's name as the combos show it (a dataset, optimizer, schedule, init, regularization,
// activation): the message "option.<name>" where the name has a word in the course's languages
// (circle, momentum, cosine, zeros), else the name itself (sgd, relu, xavier). Links, JSON and
// the API keep the names.
const char* option_label(const char* name);
template <class E>
const char* label_of(E e) { return option_label(name_of(e)); }

// ---- the tables, for the tests ----
struct MessageFile {
    std::string name;  // "en.json"
    std::string_view text;
};
const std::vector<MessageFile>& builtin_message_files();  // generated from assets/messages/
// Every key of a language's table, sorted; the placeholder names of a message, sorted.
std::vector<std::string> message_keys(Language lang);
std::vector<std::string> placeholders(std::string_view text);
// Problems of the embedded tables ("es.json: not an object of strings"), empty when fine.
const std::vector<std::string>& message_table_errors();

// The Unicode ranges the fonts are baked with (pairs of first, last; then 0), and whether a
// UTF-8 text has only characters inside them (no empty boxes on screen).
const unsigned short* glyph_ranges();
bool covered_by_glyph_ranges(std::string_view utf8, std::string* first_missing = nullptr);

}  // namespace bp
