// FUZZ_CHECK for the libFuzzer targets: a broken invariant prints what and where, then
// aborts, so libFuzzer records the input as a crash (plain assert would vanish with NDEBUG).
#pragma once
#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond)                                                                    \
    do {                                                                                    \
        if (!(cond)) {                                                                      \
            std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
            std::abort();                                                                   \
        }                                                                                   \
    } while (0)
