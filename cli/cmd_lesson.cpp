// `bp lesson [ID | --all | --file FILE] [--seed N] [--json]`: lists the builtin lessons, or trains a
// lesson and each of its variants for the lesson's budget (on seed N instead of the lesson's)
// and prints every check's outcome.
// Exit 1 when a check fails, 2 for an unknown id or a lesson file that does not parse.
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <fstream>
#include <sstream>
#include <string>

#include "json.h"
#include "lesson.h"

namespace bp {

namespace {

int usage_error(const std::string& message) {
    std::fprintf(stderr, "bp lesson: %s\n", message.c_str());
    return 2;
}

std::string variant_name(const Lesson& l, int v) { return v < 0 ? "lesson" : l.variants[std::size_t(v)].label.en(); }

Json outcome_json(const CheckOutcome& o) {
    Json j = Json::object();
    j.set("metric", o.check.metric);
    j.set("value", std::isfinite(o.value) ? Json(o.value) : Json());
    j.set("min", o.check.min ? Json(*o.check.min) : Json());
    j.set("max", o.check.max ? Json(*o.check.max) : Json());
    j.set("passed", o.passed);
    j.set("text", o.text);
    j.set("sentence", o.sentence);
    return j;
}

// Trains the lesson and each variant; prints a table, or returns it in `json`.
bool run_lesson(const Lesson& l, std::optional<std::uint32_t> seed, bool as_json, Json& json) {
    bool all_passed = true;
    Json runs = Json::array();
    if (!as_json) std::printf("%s: %s (%d epochs)\n", l.id.c_str(), l.title.en().c_str(), l.epochs);
    for (int v = -1; v < int(l.variants.size()); ++v) {
        const auto start = std::chrono::steady_clock::now();
        const auto outcomes = run_lesson_checks(l, v, seed);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (!as_json) std::printf("  %s (%.3f s)\n", variant_name(l, v).c_str(), seconds);
        Json checks = Json::array();
        for (const auto& o : outcomes) {
            all_passed = all_passed && o.passed;
            checks.push(outcome_json(o));
            if (!as_json) std::printf("    %s  %s\n          %s\n", o.passed ? "pass" : "FAIL", o.text.c_str(), o.sentence.c_str());
        }
        Json run = Json::object();
        run.set("variant", v < 0 ? Json() : Json(variant_name(l, v)));
        run.set("seconds", seconds);
        run.set("checks", checks);
        runs.push(run);
    }
    json = Json::object();
    json.set("id", l.id);
    json.set("title", l.title.en());
    json.set("epochs", l.epochs);
    json.set("runs", runs);
    json.set("passed", all_passed);
    return all_passed;
}

int list_lessons(bool as_json) {
    Json list = Json::array();
    for (const Lesson& l : builtin_lessons()) {
        Json labels = Json::array();
        for (const auto& v : l.variants) labels.push(v.label.en());
        Json j = Json::object();
        j.set("id", l.id);
        j.set("order", l.order);
        j.set("title", l.title.en());
        j.set("epochs", l.epochs);
        j.set("variants", labels);
        j.set("checks", int(l.expect.size()));
        list.push(j);
        if (!as_json)
            std::printf("%-22s %s (%d epochs, %zu variant%s)\n", l.id.c_str(), l.title.en().c_str(), l.epochs,
                        l.variants.size(), l.variants.size() == 1 ? "" : "s");
    }
    if (as_json) std::printf("%s\n", list.dump().c_str());
    return 0;
}

int run_lessons(const std::vector<const Lesson*>& lessons, std::optional<std::uint32_t> seed, bool as_json) {
    bool passed = true;
    Json all = Json::array();
    const auto start = std::chrono::steady_clock::now();
    for (const Lesson* l : lessons) {
        Json j;
        passed = run_lesson(*l, seed, as_json, j) && passed;
        all.push(j);
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (as_json) std::printf("%s\n", (lessons.size() == 1 ? all.items()[0] : all).dump().c_str());
    else if (lessons.size() > 1) std::printf("%zu lessons, %s, %.3f s\n", lessons.size(), passed ? "all checks passed" : "a check FAILED", seconds);
    return passed ? 0 : 1;
}

}  // namespace

int cmd_lesson(int argc, char** argv) {
    bool as_json = false, all = false;
    std::string id, file;
    std::optional<std::uint32_t> seed;
    for (int i = 0; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--json") as_json = true;
        else if (arg == "--seed" && i + 1 < argc) {
            char* end = nullptr;
            const unsigned long n = std::strtoul(argv[++i], &end, 10);
            if (*end != 0 || end == argv[i] || n > 0xffffffffUL) return usage_error("--seed: expected a whole number from 0 to 4294967295");
            seed = std::uint32_t(n);
        }
        else if (arg == "--all") all = true;
        else if (arg == "--file" && i + 1 < argc) file = argv[++i];
        else if (arg.rfind("--", 0) != 0 && id.empty()) id = arg;
        else return usage_error("unknown or incomplete option '" + arg + "' (usage: bp lesson [ID | --all | --file FILE] [--seed N] [--json])");
    }
    for (const auto& e : builtin_lesson_errors()) std::fprintf(stderr, "bp lesson: warning: %s\n", e.c_str());
    if (!file.empty()) {
        std::ifstream in(file);
        if (!in) return usage_error("cannot read lesson file '" + file + "'");
        std::stringstream text;
        text << in.rdbuf();
        const auto lesson = parse_lesson(text.str());
        if (!lesson) return usage_error(file + ": " + lesson.error().message);
        return run_lessons({&lesson.value()}, seed, as_json);
    }
    if (all) {
        std::vector<const Lesson*> lessons;
        for (const Lesson& l : builtin_lessons()) lessons.push_back(&l);
        return run_lessons(lessons, seed, as_json);
    }
    if (id.empty()) return list_lessons(as_json);
    const Lesson* lesson = find_lesson(id);
    if (!lesson) return usage_error("unknown lesson '" + id + "' (bp lesson lists them)");
    return run_lessons({lesson}, seed, as_json);
}

}  // namespace bp
