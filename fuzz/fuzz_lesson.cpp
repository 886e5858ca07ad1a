// libFuzzer target for the lesson reader (a teacher's lesson or task file is untrusted input):
// any text gives a Lesson or an error naming the lesson ("lesson: ..." or "lesson 'id': ..."),
// never a crash; a lesson that parses has an id, checks, variants its checks index, and a
// task its own set-up keeps (task_refusal, the check the app and `bp verify --task` use).
#include <cstdint>
#include <string>

#include "lesson.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const auto lesson = bp::parse_lesson(text);
    if (!lesson) {
        const std::string& m = lesson.error().message;
        FUZZ_CHECK(m.rfind("lesson: ", 0) == 0 || m.rfind("lesson '", 0) == 0);
        FUZZ_CHECK(m.size() > 10);
        return 0;
    }
    const bp::Lesson& l = lesson.value();
    FUZZ_CHECK(!l.id.empty() && !l.expect.empty() && !l.title.empty());
    for (const bp::LessonCheck& c : l.expect) {
        FUZZ_CHECK(c.variant >= -1 && c.variant < int(l.variants.size()));
        FUZZ_CHECK(c.min || c.max);
    }
    if (l.view == bp::View::Graph) return 0;
    for (int v = -1; v < int(l.variants.size()); ++v) {
        const bp::Config c = bp::lesson_config(l, v);
        FUZZ_CHECK(c.layers.size() <= std::size_t(bp::kMaxLayers) && c.activations.size() == c.layers.size());
    }
    if (l.task) FUZZ_CHECK(!bp::task_refusal(l, bp::lesson_config(l)));
    return 0;
}
