// `bp verify RECORD.json [--task TASK.json]`: replays a handed-in run record natively from
// the record alone and compares it with what it says (engine/course/record.h): a task's limits
// (with --task), every loss and accuracy value bit for bit, the weights' SHA-256, the checks. Exit 0 when all hold, 1 naming
// the first difference, 2 for a file it cannot read or a record of another build.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "record.h"
#include "sha256.h"

namespace bp {

namespace {

int refuse(const std::string& message) {
    std::fprintf(stderr, "bp verify: %s\n", message.c_str());
    return 2;
}

bool read_file(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::stringstream text;
    text << in.rdbuf();
    out = text.str();
    return true;
}

// The task's goal is its lesson file's `expect` checks; the file must be the one the record names.
int check_task_file(const Record& record, const std::string& path, const std::string& text, std::optional<Lesson>& task) {
    auto lesson = parse_lesson(text);
    if (!lesson) return refuse(path + ": " + lesson.error().message);
    const std::string digest = sha256_hex(text);
    if (!record.lesson || record.lesson->sha256 != digest) {
        std::printf("differs: %s\n", msg("record.task_file", {{"file", path}, {"sha256", digest},
                                                              {"recorded", record.lesson ? record.lesson->sha256 : "none"}}).c_str());
        return 1;
    }
    task = std::move(lesson.value());
    return 0;
}

}  // namespace

int cmd_verify(int argc, char** argv) {
    std::string record_path, task_path;
    for (int i = 0; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--task" && i + 1 < argc) task_path = argv[++i];
        else if (record_path.empty() && arg.rfind("--", 0) != 0) record_path = arg;
        else return refuse("unknown or incomplete option '" + arg + "' (usage: bp verify RECORD.json [--task TASK.json])");
    }
    if (record_path.empty()) return refuse("usage: bp verify RECORD.json [--task TASK.json]");
    std::string text, task_text;
    if (!read_file(record_path, text)) return refuse("cannot read '" + record_path + "'");
    auto record = parse_record(text);
    if (!record) return refuse(record_path + ": " + record.error().message);
    std::optional<Lesson> task;
    if (!task_path.empty()) {
        if (!read_file(task_path, task_text)) return refuse("cannot read '" + task_path + "'");
        if (const int code = check_task_file(record.value(), task_path, task_text, task)) return code;
    }
    const Verdict v = verify_record(record.value(), task ? &*task : nullptr);
    for (const std::string& note : v.notes) std::printf("note: %s\n", note.c_str());
    if (v.code == Verdict::Code::Unreadable) return refuse(record_path + ": " + v.reason);
    if (v.code == Verdict::Code::Differs) {
        std::printf("differs: %s\n", v.reason.c_str());
        return 1;
    }
    std::printf("verified: %s\n", msg("record.verified", {{"epochs", format_number(v.metrics.find("epoch")->as_number())},
                                                          {"steps", format_number(v.metrics.find("steps")->as_number())},
                                                          {"checks", std::to_string(record->checks.size())}}).c_str());
    return 0;
}

}  // namespace bp
