// `bp soak [--steps N] [--hash TEXT] [--frame K] [--max-growth-kb B]`: a long run for
// memory. Trains a config (default the 6 x 8 tanh net on spiral, probe every step) in
// frames of K steps, each followed by the grids a UI frame draws, and prints the resident
// set (RSS, /proc/self/statm) and glibc's heap in use at ten checkpoints; the growth is
// measured from the end of the warm-up (the first checkpoint) to the largest value after.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <malloc.h>
#include <unistd.h>

#include "settings.h"
#include "trainer.h"

namespace bp {

namespace {

int soak_error(const std::string& message) {
    std::fprintf(stderr, "bp soak: %s\n", message.c_str());
    return 2;
}

// Resident set in KiB, or -1 where /proc is missing (WASM under node).
long rss_kb() {
    FILE* f = std::fopen("/proc/self/statm", "r");
    if (!f) return -1;
    long pages_total = 0, pages_resident = 0;
    const bool ok = std::fscanf(f, "%ld %ld", &pages_total, &pages_resident) == 2;
    std::fclose(f);
    return ok ? pages_resident * (sysconf(_SC_PAGESIZE) / 1024) : -1;
}

// KiB the allocator has handed out and not taken back: small blocks (uordblks) plus the
// large ones it maps on their own (hblkhd).
long heap_in_use_kb() {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
    const auto m = mallinfo2();
#else
    const auto m = mallinfo();
#endif
    return long((std::size_t(m.uordblks) + std::size_t(m.hblkhd)) / 1024);
}

bool read_count(const char* text, long lo, long hi, long& out) {
    char* end = nullptr;
    out = std::strtol(text, &end, 10);
    return end != text && !*end && out >= lo && out <= hi;
}

struct SoakOptions {
    std::string hash = "dataset=spiral&layers=8,8,8,8,8,8&activation=tanh";
    long steps = 1000000, frame = 100, max_growth_kb = -1;
};

// Parses the arguments into `o`; "" or the problem.
std::string parse_options(int argc, char** argv, SoakOptions& o) {
    for (int i = 0; i < argc; ++i) {
        const std::string arg = argv[i];
        const char* value = i + 1 < argc ? argv[i + 1] : nullptr;
        if (!value) return "option '" + arg + "' needs a value or is unknown";
        ++i;
        if (arg == "--hash") o.hash = value;
        else if (arg == "--steps" && !read_count(value, 1, 1000000000, o.steps))
            return "--steps needs a whole number from 1 to 1000000000, got '" + std::string(value) + "'";
        else if (arg == "--frame" && !read_count(value, 1, 100000, o.frame))
            return "--frame needs a whole number from 1 to 100000, got '" + std::string(value) + "'";
        else if (arg == "--max-growth-kb" && !read_count(value, 0, 1000000000, o.max_growth_kb))
            return "--max-growth-kb needs a whole number from 0 to 1000000000, got '" + std::string(value) + "'";
        else if (arg != "--hash" && arg != "--steps" && arg != "--frame" && arg != "--max-growth-kb")
            return "unknown option '" + arg + "'";
    }
    return "";
}

}  // namespace

int cmd_soak(int argc, char** argv) {
    SoakOptions o;
    if (const std::string problem = parse_options(argc, argv, o); !problem.empty())
        return soak_error(problem + " (usage: bp soak [--steps N] [--hash TEXT] [--frame K] [--max-growth-kb B])");
    Config config;
    for (const auto& w : apply_hash(config, o.hash)) return soak_error("--hash: " + w);
    Trainer trainer(config);
    trainer.diagnostics().probe_every = 1;
    std::vector<float> grid;
    std::vector<int> classes;
    std::vector<Trainer::Mat> units;
    std::printf("bp soak: %s, %ld steps, grids every %ld steps\n", to_hash(config).c_str(), o.steps, o.frame);
    std::printf("%10s %8s %10s %12s\n", "steps", "epoch", "rss_kb", "heap_kb");
    long rss_warm = -1, heap_warm = -1, rss_max = 0, heap_max = 0, done = 0;
    for (int checkpoint = 1; checkpoint <= 10; ++checkpoint) {
        for (const long target = o.steps * checkpoint / 10; done < target && !trainer.diverged();) {
            const long n = std::min(o.frame, target - done);
            trainer.step(int(n));
            done += n;
            output_grid(trainer, 100, grid, &classes);  // what a UI frame draws
            hidden_grids(trainer, 32, units);
        }
        const long rss = rss_kb(), heap = heap_in_use_kb();
        std::printf("%10ld %8d %10ld %12ld\n", done, trainer.epoch(), rss, heap);
        if (checkpoint == 1) rss_warm = rss, heap_warm = heap;
        rss_max = std::max(rss_max, rss), heap_max = std::max(heap_max, heap);
    }
    if (trainer.diverged()) return soak_error(trainer.divergence());
    const long growth = rss_max - rss_warm;
    std::printf("after warm-up (%ld steps): RSS %ld KiB -> max %ld KiB (growth %ld KiB); heap in use %ld -> max %ld KiB "
                "(growth %ld KiB)\n", o.steps / 10, rss_warm, rss_max, growth, heap_warm, heap_max, heap_max - heap_warm);
    if (o.max_growth_kb >= 0 && growth > o.max_growth_kb) {
        std::printf("FAIL: RSS grew by %ld KiB after warm-up, more than the allowed %ld KiB\n", growth, o.max_growth_kb);
        return 1;
    }
    return 0;
}

}  // namespace bp
