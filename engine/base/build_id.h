// The app's build id, derived at build time from the sources that decide what a run computes
// (scripts/build_id.cmake): shown in the Files menu, written into every run record, and
// compared by `bp verify` (a record of another build is refused, naming both ids).
#pragma once

namespace bp {

const char* build_id();  // 12 hex digits

}  // namespace bp
