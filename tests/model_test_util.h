// Helpers shared by the tests of the playground's model and of runs: a Host that keeps its
// preferences in memory (as localStorage keeps them between page loads) and records what it
// was asked to save, and a Config from a link's hash.
#pragma once
#include <doctest/doctest.h>

#include <functional>
#include <map>
#include <string>

#include "host.h"
#include "settings.h"

namespace bp::test {

struct FakeHost : Host {
    std::map<std::string, std::string> prefs;
    std::string saved_name, saved_text;
    std::string save_text(const std::string& name, const std::string& text, const char*) override {
        saved_name = name, saved_text = text;
        return "saved " + name;
    }
    void open_text(const char*, std::function<void(const std::string&)> done) override { done(""); }
    std::string copy_link(const std::string& hash) override { return hash; }
    std::string open_full(const std::string& hash) override { return hash; }
    void save_png(const std::string&) override {}
    std::string load_pref(const std::string& key) override { return prefs.count(key) ? prefs[key] : ""; }
    void save_pref(const std::string& key, const std::string& value) override { prefs[key] = value; }
};

// The run a link's hash sets up over the defaults (every key must apply).
inline Config config_of(const std::string& hash) {
    Config c;
    REQUIRE(apply_hash(c, hash).empty());
    return c;
}

}  // namespace bp::test
