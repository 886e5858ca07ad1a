// libFuzzer target for the URL hash and the config JSON upload: any text applied over the
// Settings (run, page, graph lab) gives only non-empty warnings and leaves Settings whose hash
// and JSON forms read back warning-free to the same (to_hash(apply_hash(to_hash(s))) == to_hash(s)).
#include <cstdint>
#include <string>

#include "settings.h"
#include "fuzz_check.h"

namespace {

void check_round_trips(const bp::Settings& s) {
    const bp::Config& c = s.run;
    const std::string hash = bp::to_hash(s);
    bp::Settings from_hash;
    FUZZ_CHECK(bp::apply_hash(from_hash, hash).empty());
    FUZZ_CHECK(bp::to_hash(from_hash) == hash);
    bp::Settings from_json;
    FUZZ_CHECK(bp::apply_json_text(from_json, bp::to_json(s).dump()).empty());
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
    bp::Settings hashed;
    check_warnings(bp::apply_hash(hashed, text));
    check_round_trips(hashed);
    bp::Settings uploaded;
    check_warnings(bp::apply_json_text(uploaded, text));
    check_round_trips(uploaded);
    return 0;
}
