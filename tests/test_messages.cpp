// The message tables (assets/messages/*.json): every key in all three languages with the
// same placeholders, every key used by the code and every key the code names in the tables,
// every character in the fonts' glyph ranges; lookup, arguments, relang() and the `lang` setting.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "activations.h"
#include "dataset.h"
#include "init.h"
#include "optimizer.h"
#include "schedule.h"
#include "settings.h"
#include "formula.h"
#include "messages.h"

using namespace bp;

namespace {

// Every source file a message key may be named in (the C++ sources, bp included, and the mirror, web/a11y.js).
std::string all_sources() {
    std::string all;
    for (const char* dir : {"app", "engine", "wasm", "desktop", "platform", "cli"})
        for (const auto& entry : std::filesystem::recursive_directory_iterator(std::string(BP_SOURCE_DIR) + "/" + dir)) {
            const auto ext = entry.path().extension();
            if (ext != ".cpp" && ext != ".h") continue;
            std::ifstream in(entry.path());
            std::stringstream text;
            text << in.rdbuf();
            all += text.str();
        }
    std::ifstream mirror(std::string(BP_SOURCE_DIR) + "/web/a11y.js");  // the accessible mirror says the tables' texts too
    std::stringstream text;
    text << mirror.rdbuf();
    return all + text.str();
}

std::string text_of(Language lang, const std::string& key) { return tr(key, lang); }

}  // namespace

TEST_CASE("the message tables parse, and each has every key") {
    for (const auto& e : message_table_errors()) FAIL_CHECK(e);
    const auto en = message_keys(Language::En);
    CHECK(en.size() > 100);
    for (Language lang : {Language::Es, Language::Ru}) {
        const auto keys = message_keys(lang);
        std::vector<std::string> missing, extra;
        std::set_difference(en.begin(), en.end(), keys.begin(), keys.end(), std::back_inserter(missing));
        std::set_difference(keys.begin(), keys.end(), en.begin(), en.end(), std::back_inserter(extra));
        CAPTURE(std::string(name_of(lang)));
        for (const auto& k : missing) FAIL_CHECK("missing key " << k);
        for (const auto& k : extra) FAIL_CHECK("key not in en.json: " << k);
    }
}

TEST_CASE("a message has the same placeholders in every language, and no empty text") {
    for (const std::string& key : message_keys(Language::En)) {
        CAPTURE(key);
        const auto want = placeholders(text_of(Language::En, key));
        for (Language lang : {Language::Es, Language::Ru}) {
            CAPTURE(std::string(name_of(lang)));
            CHECK(placeholders(text_of(lang, key)) == want);
            CHECK(!text_of(lang, key).empty());
        }
    }
    CHECK(placeholders("{b} and {a}, {b}") == std::vector<std::string>{"a", "b", "b"});
}

TEST_CASE("every message key is used by the code, and every key the code names is in the tables") {
    const std::string sources = all_sources();
    const auto keys = message_keys(Language::En);
    std::set<std::string> prefixes;
    for (const std::string& key : keys) {
        CHECK_MESSAGE(sources.find("\"" + key + "\"") != std::string::npos, "unused key " << key);
        prefixes.insert(key.substr(0, key.find('.')));
    }
    // A literal such as "panel.loss" whose prefix is a table's: it must be a key (no typo).
    const std::regex literal("\"([a-z_0-9]+)\\.([a-z_0-9]+)\"");
    int named = 0;
    for (auto it = std::sregex_iterator(sources.begin(), sources.end(), literal); it != std::sregex_iterator(); ++it) {
        const std::string ext = (*it)[2].str();
        if (!prefixes.count((*it)[1].str()) || ext == "h" || ext == "cpp" || ext == "json" || ext == "csv" || ext == "png" || ext == "svg") continue;
        const std::string key = (*it)[1].str() + "." + (*it)[2].str();
        ++named;
        CHECK_MESSAGE(std::binary_search(keys.begin(), keys.end(), key), "no message for key " << key);
    }
    CHECK(named >= int(keys.size()));
}

TEST_CASE("every message is in characters the UI fonts are baked with") {
    for (Language lang : enum_values<Language>())
        for (const std::string& key : message_keys(lang)) {
            std::string missing;
            CHECK_MESSAGE(covered_by_glyph_ranges(text_of(lang, key), &missing),
                          name_of(lang) << " " << key << ": no glyph for '" << missing << "'");
        }
    std::string missing;
    CHECK(covered_by_glyph_ranges("Ёж, ñandú, «¿qué?» - 0.5"));
    CHECK_FALSE(covered_by_glyph_ranges("x \xe2\x9c\x93", &missing));  // U+2713 check mark
    CHECK(missing == "\xe2\x9c\x93");
}

// Every option name the combos offer (the enums enum_combo and the activation combo show).
static std::set<std::string> combo_option_names() {
    std::set<std::string> names;
    auto add = [&](auto first) {
        for (auto v : enum_values<decltype(first)>()) names.insert(name_of(v));
    };
    add(DatasetKind{}), add(OptimizerKind{}), add(ScheduleKind{}), add(InitKind{}), add(Regularization{}), add(BinaryHead{}),
        add(Activation{});
    return names;
}

TEST_CASE("option labels: a word in es and ru where one exists, the name in links and JSON") {
    const auto names = combo_option_names();
    int labelled = 0;
    for (const std::string& key : message_keys(Language::En)) {
        if (key.rfind("option.", 0) != 0) continue;
        ++labelled;
        const std::string name = key.substr(7);
        CHECK_MESSAGE(names.count(name), key << " is no option of a combo");
        CHECK_MESSAGE(std::string(option_label(name.c_str())) == tr(key), key << " is not in option_label's list");
        CHECK_MESSAGE(std::string(tr(key, Language::En)) == name, key << ": English shows the name itself");
    }
    CHECK(labelled >= 20);
    set_language(Language::Ru);
    CHECK(std::string(label_of(DatasetKind::Circle)) == "круг");
    CHECK(std::string(label_of(OptimizerKind::Momentum)) == "импульс");
    CHECK(std::string(label_of(ScheduleKind::Cosine)) == "косинус");
    CHECK(std::string(label_of(OptimizerKind::Adam)) == "adam");  // no Russian word: the name
    set_language(Language::Es);
    CHECK(std::string(label_of(DatasetKind::Moons)) == "lunas");
    CHECK(std::string(label_of(InitKind::Zeros)) == "ceros");
    CHECK(std::string(label_of(Activation::Relu)) == "relu");
    // The page's language changes what the combos show, never a setting's value in a link.
    Settings s;
    s.page.lang = Language::Es;
    CHECK(apply_hash(s, "dataset=moons&optimizer=momentum&schedule=cosine&init=zeros").empty());
    const std::string hash = to_hash(s);
    CHECK(hash.find("dataset=moons") != std::string::npos);
    CHECK(hash.find("optimizer=momentum") != std::string::npos);
    CHECK(hash.find("schedule=cosine") != std::string::npos);
    CHECK(hash.find("init=zeros") != std::string::npos);
    set_language(Language::En);
    CHECK(std::string(label_of(DatasetKind::Moons)) == "moons");
}

TEST_CASE("tr looks up the current language, English the fallback, the key when unknown") {
    CHECK(std::string(tr("controls.lr")) == "learning rate");
    set_language(Language::Es);
    CHECK(std::string(tr("controls.lr")) == "tasa de aprendizaje");
    set_language(Language::Ru);
    CHECK(std::string(tr("controls.lr")) == "скорость обучения");
    CHECK(std::string(tr("no.such_key")) == "no.such_key");
    set_language(Language::En);
}

TEST_CASE("msg fills the placeholders, and relang says a stored message again in another language") {
    const std::string en = msg("formula.unknown_function", {{"name", "sinh"}});
    CHECK(en == "unknown function 'sinh'");
    set_language(Language::Ru);
    CHECK(relang(en) == "неизвестная функция 'sinh'");
    // A parse error made in Russian, nested arguments and all, read back in Spanish.
    const auto f = parse_formula("x + sinh(x)");
    REQUIRE_FALSE(f);
    CHECK(f.error().message == "неизвестная функция 'sinh' в позиции 4");
    set_language(Language::Es);
    CHECK(relang(f.error().message) == "función desconocida 'sinh' en la posición 4");
    set_language(Language::En);
    CHECK(relang(f.error().message) == "unknown function 'sinh' at 4");
    CHECK(relang("not a message") == "not a message");
    // A text made for one frame is not remembered, so frames cannot push a kept message out.
    const std::string now = msg_now("embed.epoch", {{"epoch", "7"}});
    CHECK(now == "epoch 7");
    set_language(Language::Ru);
    CHECK(relang(now) == "epoch 7");
    CHECK(relang(en) == "неизвестная функция 'sinh'");
    set_language(Language::En);
}

TEST_CASE("the browser's language tags pick the first of en, es, ru by prefix") {
    CHECK(language_from_tags({"es-ES", "en"}) == Language::Es);
    CHECK(language_from_tags({"de-DE", "RU", "en"}) == Language::Ru);
    CHECK(language_from_tags({"pt_BR.UTF-8", "en_GB.UTF-8"}) == Language::En);
    CHECK_FALSE(language_from_tags({"de", "fr-CA"}));
    CHECK_FALSE(language_from_tags({}));
}

TEST_CASE("lang is a page setting: named warning for a bad value, in the hash only when not the default") {
    Settings c;
    CHECK(c.page.lang == Language::En);
    CHECK(apply_hash(c, "lang=ru").empty());
    CHECK(c.page.lang == Language::Ru);
    CHECK(to_hash(c).find("lang=ru") != std::string::npos);
    const auto w = apply_hash(c, "lang=fr");
    REQUIRE(w.size() == 1);
    CHECK(w[0] == "lang: 'fr' is not allowed; expected one of en, es, ru (kept ru)");
    CHECK(c.page.lang == Language::Ru);
    CHECK(to_hash(Settings()).find("lang=") == std::string::npos);
    // The browser's language is the default: a page in it writes no lang= into its link.
    set_default_language(Language::Es);
    Settings browser;
    CHECK(browser.page.lang == Language::Es);
    CHECK(to_hash(browser).find("lang=") == std::string::npos);
    browser.page.lang = Language::En;
    CHECK(to_hash(browser).find("lang=en") != std::string::npos);
    set_default_language(Language::En);
}
