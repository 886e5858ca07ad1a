// The project's one random number generator and its distributions. std:: distributions
// give different numbers under libstdc++ and Emscripten's libc++, so everything random
// (datasets, initial weights, batch order) draws from bp::Rng: one seed, same numbers
// natively and in WASM. xoshiro256** seeded through splitmix64.
#pragma once
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

#include "det_math.h"

namespace bp {

class Rng {
public:
    explicit Rng(std::uint64_t seed = 1) { reseed(seed); }

    void reseed(std::uint64_t seed) {
        for (auto& word : s_) word = splitmix64(seed);
        has_spare_ = false;
    }

    std::uint64_t next_u64() {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }

    // Uniform in [0, 1) with 53 random bits.
    double uniform() { return double(next_u64() >> 11) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

    // Uniform integer in [0, n), unbiased (rejection of the short last interval).
    std::uint64_t below(std::uint64_t n) {
        const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
        std::uint64_t x;
        do x = next_u64(); while (x >= limit);
        return x % n;
    }

    // Normal(mean, stddev) by the Marsaglia polar method (uses only log and sqrt).
    double normal(double mean = 0, double stddev = 1) {
        if (has_spare_) {
            has_spare_ = false;
            return mean + stddev * spare_;
        }
        double u, v, s;
        do {
            u = uniform(-1, 1);
            v = uniform(-1, 1);
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        const double m = std::sqrt(-2 * det::log(s) / s);  // sqrt is exact everywhere; log is det::
        spare_ = v * m;
        has_spare_ = true;
        return mean + stddev * u * m;
    }

    // Fisher-Yates with below(): the same permutation on every platform.
    template <class T>
    void shuffle(std::vector<T>& items) {
        for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[below(i)]);
    }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    static std::uint64_t splitmix64(std::uint64_t& state) {
        std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    std::uint64_t s_[4];
    double spare_ = 0;
    bool has_spare_ = false;
};

}  // namespace bp
