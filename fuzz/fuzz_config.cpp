// libFuzzer target for the URL hash and the config JSON upload: any text applied over a
// Config gives only non-empty warnings and leaves a Config whose hash and JSON forms read
// back warning-free to the same Config (to_hash(apply_hash(to_hash(c))) == to_hash(c)).
#include <cstdint>
#include <string>

#include "config.h"
#include "fuzz_check.h"

namespace {

void check_round_trips(const bp::Config& c) {
    const std::string hash = bp::to_hash(c);
    bp::Config from_hash;
    FUZZ_CHECK(bp::apply_hash(from_hash, hash).empty());
    FUZZ_CHECK(bp::to_hash(from_hash) == hash);
    bp::Config from_json;
    FUZZ_CHECK(bp::apply_json_text(from_json, bp::to_json(c).dump()).empty());
    FUZZ_CHECK(bp::to_hash(from_json) == hash);
    FUZZ_CHECK(c.layers.size() <= std::size_t(bp::kMaxLayers) && c.activations.size() == c.layers.size());
    for (int units : c.layers) FUZZ_CHECK(units >= 1 && units <= bp::kMaxUnits);
    FUZZ_CHECK(!c.features.empty() && c.points >= bp::kMinPoints && c.points <= bp::kMaxPoints);
}

void check_warnings(const std::vector<std::string>& warnings) {
    for (const std::string& w : warnings) FUZZ_CHECK(!w.empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    bp::Config hashed;
    check_warnings(bp::apply_hash(hashed, text));
    check_round_trips(hashed);
    bp::Config uploaded;
    check_warnings(bp::apply_json_text(uploaded, text));
    check_round_trips(uploaded);
    return 0;
}
