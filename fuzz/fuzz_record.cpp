// libFuzzer target for handed-in run records (engine/course/record.h): any text is a Record
// or an error that names the record ("record: ..."); a record that reads and is short enough
// to replay here (at most 200 steps) replays without a crash, and its verdict is verified,
// or differs / is refused with a reason.
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "record.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const bp::Result<bp::Record> record = bp::parse_record(text);
    if (!record) {
        FUZZ_CHECK(record.error().message.rfind("record: ", 0) == 0);
        return 0;
    }
    FUZZ_CHECK(record->edits.empty() || record->edits.back().step <= record->steps);
    if (record->steps > 200) return 0;
    const bp::Verdict v = bp::verify_record(record.value());
    FUZZ_CHECK((v.code == bp::Verdict::Code::Verified) == v.reason.empty());
    return 0;
}
