// malloc interposer for glibc: forwards to __libc_malloc and counts. Linked into the `bp`
// tool and the test binary; compiled out for Emscripten and sanitizer builds.
#include "alloc_counter.h"

#include <atomic>
#include <cstddef>
#include <cstdlib>  // defines __GLIBC__ on glibc

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define BP_NO_MALLOC_COUNT 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__EMSCRIPTEN__) || !defined(__GLIBC__)
#define BP_NO_MALLOC_COUNT 1
#endif

#ifndef BP_NO_MALLOC_COUNT
namespace {
std::atomic<long> g_calls{0};
}
extern "C" void* __libc_malloc(std::size_t size);
extern "C" void* malloc(std::size_t size) noexcept {
    g_calls.fetch_add(1, std::memory_order_relaxed);
    return __libc_malloc(size);
}
namespace bp {
bool alloc_counting() { return true; }
long malloc_calls() { return g_calls.load(std::memory_order_relaxed); }
}  // namespace bp
#else
namespace bp {
bool alloc_counting() { return false; }
long malloc_calls() { return 0; }
}  // namespace bp
#endif
