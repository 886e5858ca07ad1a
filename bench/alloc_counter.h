// Counts heap allocations (malloc calls: Eigen's and operator new's) in this process, so
// the bench and the tests can show that a training step allocates nothing. Only glibc
// builds without sanitizers can count; elsewhere counting() is false.
#pragma once

namespace bp {
bool alloc_counting();  // whether malloc_calls() means anything in this build
long malloc_calls();    // malloc calls so far

// malloc calls made while fn() runs (0 when !alloc_counting()).
template <class Fn>
long malloc_calls_during(Fn&& fn) {
    const long before = malloc_calls();
    fn();
    return malloc_calls() - before;
}
}  // namespace bp
