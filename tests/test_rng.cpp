// bp::Rng: reference values of xoshiro256** / splitmix64 and distribution moments.
#include <doctest/doctest.h>

#include <algorithm>
#include <numeric>

#include "rng.h"

TEST_CASE("splitmix64 seeding reproduces the published first outputs") {
    // splitmix64 from state 0 yields 0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, ... (Vigna's
    // reference); xoshiro256** with that state gives first output rotl(s1*5,7)*9.
    bp::Rng rng(0);
    const std::uint64_t s1 = 0x6e789e6aa1b965f4ULL;
    const std::uint64_t x = s1 * 5;
    const std::uint64_t expected = ((x << 7) | (x >> 57)) * 9;
    CHECK(rng.next_u64() == expected);
}

TEST_CASE("same seed, same stream, and different seed, different stream") {
    bp::Rng a(42), b(42), c(43);
    for (int i = 0; i < 100; ++i) {
        const auto va = a.next_u64();
        CHECK(va == b.next_u64());
        if (i == 0) CHECK(va != c.next_u64());
    }
}

TEST_CASE("uniform and normal have the right moments") {
    bp::Rng rng(7);
    const int n = 200000;
    double su = 0, suu = 0, sn = 0, snn = 0;
    for (int i = 0; i < n; ++i) {
        const double u = rng.uniform();
        CHECK_MESSAGE((u >= 0 && u < 1), u);
        su += u;
        suu += u * u;
        const double z = rng.normal(2, 3);
        sn += z;
        snn += z * z;
    }
    // Uniform(0,1): mean 1/2, variance 1/12. Normal(2,3): mean 2, variance 9.
    // Tolerances: about 5 standard errors.
    CHECK(su / n == doctest::Approx(0.5).epsilon(0.005));
    CHECK(suu / n - (su / n) * (su / n) == doctest::Approx(1.0 / 12).epsilon(0.01));
    CHECK(sn / n == doctest::Approx(2).epsilon(0.02));
    CHECK(snn / n - (sn / n) * (sn / n) == doctest::Approx(9).epsilon(0.02));
}

TEST_CASE("below(n) stays in range and covers it, and shuffle is a permutation") {
    bp::Rng rng(3);
    int counts[6] = {};
    for (int i = 0; i < 60000; ++i) counts[rng.below(6)]++;
    for (int c : counts) CHECK(c == doctest::Approx(10000).epsilon(0.05));
    std::vector<int> v(50);
    std::iota(v.begin(), v.end(), 0);
    rng.shuffle(v);
    std::vector<int> sorted = v;
    std::sort(sorted.begin(), sorted.end());
    for (int i = 0; i < 50; ++i) CHECK(sorted[i] == i);
    CHECK(v != sorted);
}
