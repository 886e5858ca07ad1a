// For the tests that count heap allocations: in a build without malloc counting
// (sanitizers, non-glibc; see bench/alloc_counter.h) they cannot check anything, so they
// print a "BP_SKIP:" line and stop; ctest reports those as skipped, not passed
// (SKIP_REGULAR_EXPRESSION in tests/CMakeLists.txt). They are in the doctest suite (and
// ctest label) malloc_count, so `make test-sanitize` can list them apart from the rest.
#pragma once
#include <doctest/doctest.h>

#include "alloc_counter.h"

#define BP_MALLOC_COUNT_SUITE "malloc_count"

#define BP_SKIP_WITHOUT_MALLOC_COUNT()                                                              \
    do {                                                                                            \
        if (!bp::alloc_counting()) {                                                                \
            MESSAGE("BP_SKIP: malloc counting is compiled out of this build (sanitizer or non-glibc)"); \
            return;                                                                                 \
        }                                                                                           \
    } while (0)
