// A lesson's "task" (lesson.h LessonTask): reading it from a lesson file. The limit check,
// task_refusal, is declared in lesson.h beside the lesson it reads.
#pragma once
#include <string>

#include "json.h"
#include "lesson.h"

namespace bp {

// object[key] as a whole number from lo to hi into `out`: "" or the problem naming the key
// ("epochs: missing", "max_units: expected a whole number from 1 to 512"). Shared by the readers.
std::string read_int(const Json& object, const char* key, int lo, int hi, int& out);

// Reads `task` into l.task, after the rest of the lesson: "" or the problem, naming the
// field ("task: max_units: expected a whole number from 1 to 512"). The lesson's own set-up
// must keep the limits, and its epoch budget must fit max_epochs.
std::string read_lesson_task(const Json& task, Lesson& l);

}  // namespace bp
