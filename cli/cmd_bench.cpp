// `bp bench [--json] [--quick]`: training examples per second for the benchmark nets A, B, C
// (the bare step on the static and on the dynamic tape and the hand-written Eigen reference,
// all three on the same network and loss; the whole Trainer step with and without diagnostics
// on the net's config), the whole-set evaluations that cap the Trainer, grids per second (D), one
// UI frame's engine work (E: net B; F: the 8x64 net, and three embedded figures together, on this
// machine and as a 3x slower device would compute it), heap allocations per Trainer step, and
// whole 41 x 41 loss-landscape slices per second (L: the default net and the spiral 6 x 8 tanh net).
// Medians of repeated runs, all in the same run.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "alloc_counter.h"
#include "frame_grids.h"
#include "settings.h"
#include "json.h"
#include "landscape.h"
#include "lesson.h"
#include "mlp.h"
#include "reference_mlp.h"
#include "trainer.h"

namespace bp {

namespace {

using Clock = std::chrono::steady_clock;

struct Net {
    const char* name;
    const char* hash;  // the engine's config
    std::vector<int> sizes;
    Activation act;
    int batch;
};

const Net kNets[] = {
    {"A", "dataset=circle&points=500&train_ratio=0.5&layers=4,2&activation=tanh&batch=10", {2, 4, 2, 1},
     Activation::Tanh, 10},
    {"B", "dataset=circle&points=500&train_ratio=0.5&layers=8,8,8,8,8,8&activation=tanh&batch=10",
     {2, 8, 8, 8, 8, 8, 8, 1}, Activation::Tanh, 10},
    {"C", "dataset=circle&points=2000&train_ratio=0.9&layers=64,64,64&activation=relu&init=he&batch=256",
     {2, 64, 64, 64, 1}, Activation::Relu, 256},
};

// Median over `reps` runs of `work(n)`, each sized to take about `target` seconds;
// returns units per second where work(n) performs n units.
double median_rate(const std::function<void(long)>& work, int reps, double target) {
    long n = 1;
    for (;;) {  // calibrate
        const auto t0 = Clock::now();
        work(n);
        const double s = std::chrono::duration<double>(Clock::now() - t0).count();
        if (s > target / 4 || n > (1L << 30)) {
            n = std::max(1L, long(double(n) * target / std::max(s, 1e-9)));
            break;
        }
        n *= 4;
    }
    std::vector<double> rates;
    for (int r = 0; r < reps; ++r) {
        const auto t0 = Clock::now();
        work(n);
        rates.push_back(double(n) / std::chrono::duration<double>(Clock::now() - t0).count());
    }
    std::sort(rates.begin(), rates.end());
    return rates[rates.size() / 2];
}

Config config_of(const Net& net) {
    Config c;
    apply_hash(c, net.hash);
    return c;
}

// Examples per second of the Trainer's step (static tape), probing every `probe` steps.
double engine_rate(const Net& net, int probe, int reps, double target) {
    Trainer t(config_of(net));
    t.diagnostics().probe_every = probe;
    return net.batch * median_rate([&](long n) { t.step(int(n)); }, reps, target);
}

// Examples per second of the bare training step on one fixed batch, for the reference's own
// network and loss (hidden activations, linear output, mean square loss, LeCun-normal weights),
// so that the ratio measures the tape's machinery and not a different head: the recorded graph
// replayed (static) or recorded anew every step (dynamic, define by run), then SGD. (The
// Trainer columns train the net's real config, a sigmoid + cross-entropy head.)
double tape_rate(const Net& net, TapeMode mode, int reps, double target) {
    const std::vector<int> hidden(net.sizes.begin() + 1, net.sizes.end() - 1);
    Mlp<float> mlp;
    mlp.build(net.sizes.front(), hidden, std::vector<Activation>(hidden.size(), net.act), net.sizes.back(),
              Head::Regression);
    Rng rng(1);
    mlp.init(InitKind::Lecun, 1, rng);
    MlpGraph<float> g;
    g.tape.set_mode(mode);
    g.record(mlp, net.batch);
    g.X.setRandom();
    g.Y.setRandom();
    Optimizer<float> sgd;
    sgd.attach(mlp.params());
    const OptimizerSettings settings;
    return net.batch * median_rate([&](long n) {
        for (long i = 0; i < n; ++i) {
            if (mode == TapeMode::Dynamic) g.record(mlp, net.batch);  // forward while recording
            else g.tape.forward();
            g.tape.backward(g.loss_id);
            sgd.step(settings, 0.01);
        }
    }, reps, target);
}

// Whole-set evaluations per second (the loss and accuracy on the train and test sets that end
// every epoch): with the Trainer's rate, the share of its time they take.
double evaluation_rate(const Net& net, int reps, double target) {
    Trainer t(config_of(net));
    t.diagnostics().probe_every = 0;  // as the `trainer` column (with the probe, the train set's pass also counts dead units)
    return median_rate([&](long n) {
        for (long i = 0; i < n; ++i) t.evaluate();
    }, reps, target);
}

double reference_rate(const Net& net, int reps, double target) {
    ReferenceMlp ref(net.sizes, net.act, net.batch, 1);
    Eigen::MatrixXf X = Eigen::MatrixXf::Random(2, net.batch), Y = Eigen::MatrixXf::Random(1, net.batch);
    return net.batch * median_rate([&](long n) {
        for (long i = 0; i < n; ++i) ref.step(X, Y, 0.01f);
    }, reps, target);
}

// Heap allocations per static step after warm-up (one full epoch first), over up to 20 steps
// that stay inside the next epoch (A, B: 25 steps an epoch; C: 8): the step that ends an epoch
// also appends to the loss history, a vector that grows now and then.
double allocs_per_step(const Net& net, int probe) {
    if (!alloc_counting()) return -1;
    Trainer t(config_of(net));
    t.diagnostics().probe_every = probe;
    t.run_epochs(1);
    const long per_epoch = (long(t.data().train.size()) + net.batch - 1) / net.batch;
    const int steps = int(std::min(20L, per_epoch - 1));
    const long before = malloc_calls();
    t.step(steps);
    return double(malloc_calls() - before) / steps;
}

// One UI frame's engine work, as app/playground/playground.cpp does it, on a device `slower` times slower
// than this machine: a training slice, then the grids within FrameGrids::budget (the engine's
// time left after training, `engine_ms` in all, at the grids' rate), both as that device sees
// them. Returns ms per frame on this machine (median); the device's frame takes `slower` times that.
struct Figure {
    Trainer trainer;
    FrameGrids grids{100, 32};
    WorkPace pace;  // learned on this machine, as the playground learns it on its device
    bool output_shown = true, units_shown = true;
    explicit Figure(const Config& c) : trainer(c) {}
};
struct Device {
    double slower = 1;     // how much slower than this machine
    double engine_ms = FrameGrids::kEngineMs;  // the playground's engine budget per frame
};
double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }
// One frame of one figure; returns whether a new output picture completed.
bool frame(Figure& f, int steps, const Device& d) {
    const auto t0 = Clock::now();
    if (steps > 0) f.trainer.step(steps);
    else f.trainer.run_epochs(1);
    const auto t1 = Clock::now();
    const double left = d.engine_ms - ms_since(t0) * d.slower;
    const long budget = f.grids.budget(f.trainer, f.pace.per_ms / d.slower, left);
    const FrameGrids::Fresh fresh = f.grids.update(f.trainer, f.output_shown, f.units_shown, true, budget);
    f.pace.add(fresh.macs, ms_since(t1));
    return fresh.output;
}
double frame_ms(std::vector<Figure>& figures, int steps, const Device& d, int reps, double target) {
    const double frames = median_rate([&](long n) {
        for (long i = 0; i < n; ++i)
            for (Figure& f : figures) frame(f, steps, d);
    }, reps, target);
    return 1000 / frames;
}

// Frames from one complete output picture to the next while training (1: every frame).
int frames_per_output_picture(Figure& f, int steps, const Device& d) {
    int first = -1;
    for (int frame_no = 0; frame_no < 1000; ++frame_no) {
        if (!frame(f, steps, d)) continue;
        if (first >= 0) return frame_no - first;
        first = frame_no;
    }
    return -1;
}

// The three figures of web/embed-example.html, with the panels each shows.
std::vector<Figure> embedded_figures() {
    std::vector<Figure> figs;
    figs.reserve(3);  // a Figure's recorded graphs point into it: never moved
    for (const char* id : {"xor-hidden", "sigmoid-saturation", "dying-relu"}) {
        Config c = lesson_config(*find_lesson(id));
        c.stop_epoch = 0;  // a lesson pauses at its budget: measure the figures while they train
        figs.emplace_back(c);
    }
    figs[0].units_shown = false;  // boundary, loss
    figs[2].units_shown = false;  // boundary, callouts (figs[1]: network, gradients; the network view
                                  // draws the output unit with the output picture)
    return figs;
}

// Whole loss-landscape slices per second: the centre and 41 x 41 points, each a whole
// training-set evaluation on the slice's copy of the network, around the weights after 5
// epochs (random directions, as a slice is begun and advanced to its end in one frame).
constexpr const char* kSliceNets[][2] = {{"default", ""}, {"spiral6x8", "dataset=spiral&layers=8,8,8,8,8,8&activation=tanh"}};
double slice_rate(const char* hash, int reps, double target, long& macs_per_point) {
    Config c;
    apply_hash(c, hash);
    Trainer t(c);
    t.run_epochs(5);
    LandscapeSlice slice;
    const LandscapeSettings settings;  // 41 x 41
    const PathRecorder no_path;
    const double rate = median_rate([&](long n) {
        for (long i = 0; i < n; ++i) {
            slice.begin(t, settings, no_path);
            slice.advance(std::numeric_limits<long>::max());
        }
    }, reps, target);
    macs_per_point = slice.macs_per_point();
    return rate;
}

constexpr const char* kBigNet = "layers=64,64,64,64,64,64,64,64";
constexpr int kStepsPerFrame = 10;  // the F frames' steps (the playground plays Config::speed epochs a second, within kEngineMs)

}  // namespace

int cmd_bench(int argc, char** argv) {
    bool json = false, quick = false;
    for (int i = 0; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--json") json = true;
        else if (a == "--quick") quick = true;
        else return std::fprintf(stderr, "bp bench: unknown option '%s' (usage: bp bench [--json] [--quick])\n", argv[i]), 2;
    }
    const int reps = quick ? 3 : 7;
    const double target = quick ? 0.03 : 0.15;
    Json out = Json::object();
#ifdef __EMSCRIPTEN__
    out.set("build", "wasm");
#else
    out.set("build", "native");
#endif
#ifdef EIGEN_VECTORIZE
    out.set("simd", true);  // Eigen's packet code is on (WASM: its SSE path on simd128)
#else
    out.set("simd", false);
#endif
    out.set("simd_instruction_sets", Eigen::SimdInstructionSetsInUse());
    Json nets = Json::object();
    for (const Net& net : kNets) {
        Json r = Json::object();
        r.set("static", tape_rate(net, TapeMode::Static, reps, target));
        r.set("dynamic", tape_rate(net, TapeMode::Dynamic, reps, target));
        r.set("trainer", engine_rate(net, 0, reps, target));
        r.set("trainer_probe", engine_rate(net, 1, reps, target));
        r.set("reference", reference_rate(net, reps, target));
        r.set("evaluations_per_second", evaluation_rate(net, reps, target));
        r.set("train_examples", double(Trainer(config_of(net)).data().train.size()));  // one evaluation per as many
        r.set("static_vs_reference", r.find("static")->as_number() / r.find("reference")->as_number());
        const double allocs = allocs_per_step(net, 0), allocs_probe = allocs_per_step(net, 1);
        r.set("allocs_per_step", allocs < 0 ? Json() : Json(allocs));
        r.set("allocs_per_step_probe", allocs_probe < 0 ? Json() : Json(allocs_probe));
        nets.set(net.name, r);
    }
    out.set("examples_per_second", nets);
    Trainer b(config_of(kNets[1]));
    std::vector<float> grid;
    out.set("D_grids_per_second", median_rate([&](long n) {
        for (long i = 0; i < n; ++i) output_grid(b, 100, grid);
    }, reps, target));
    std::vector<Eigen::MatrixXf> units;
    const double full_frames = median_rate([&](long n) {  // every grid every frame (main before issue 17)
        for (long i = 0; i < n; ++i) {
            b.run_epochs(1);
            output_grid(b, 100, grid);
            hidden_grids(b, 32, units);
        }
    }, reps, target);
    out.set("E_full_frame_ms", 1000 / full_frames);
    {
        const Device here{1}, slow{3}, here_embed{1, FrameGrids::kEmbedEngineMs}, slow_embed{3, FrameGrids::kEmbedEngineMs};
        std::vector<Figure> e;
        e.emplace_back(config_of(kNets[1]));
        out.set("E_frame_ms", frame_ms(e, 0, here, reps, target));
        Config big_config;
        apply_hash(big_config, kBigNet);
        for (const auto& [name, device] : {std::pair{"F_big", here}, std::pair{"F_big_slow", slow}}) {
            std::vector<Figure> big;
            big.emplace_back(big_config);
            out.set(std::string(name) + "_frame_ms", frame_ms(big, kStepsPerFrame, device, reps, target));
            out.set(std::string(name) + "_frames_per_output", frames_per_output_picture(big[0], kStepsPerFrame, device));
        }
        for (const auto& [name, device] : {std::pair{"F_embed3", here_embed}, std::pair{"F_embed3_slow", slow_embed}}) {
            std::vector<Figure> embeds = embedded_figures();
            out.set(std::string(name) + "_frame_ms", frame_ms(embeds, kStepsPerFrame, device, reps, target));
        }
    }
    for (const auto& [name, hash] : kSliceNets) {
        long macs = 0;
        out.set(std::string("L_slices_per_second_") + name, slice_rate(hash, reps, target, macs));
        out.set(std::string("L_macs_per_point_") + name, double(macs));
    }
    if (json) {
        std::printf("%s\n", out.dump(2).c_str());
        return 0;
    }
    std::printf("%s build (Eigen SIMD: %s), examples per second (median of %d)\n", out.find("build")->as_string().c_str(),
                Eigen::SimdInstructionSetsInUse(), reps);
    std::printf("%-4s %11s %11s %11s %13s %11s %7s %7s\n", "net", "static", "dynamic", "trainer", "trainer+probe",
                "reference", "ratio", "allocs");
    for (const Net& net : kNets) {
        const Json& r = *nets.find(net.name);
        std::printf("%-4s %11.0f %11.0f %11.0f %13.0f %11.0f %7.2f %7s\n", net.name, r.find("static")->as_number(),
                    r.find("dynamic")->as_number(), r.find("trainer")->as_number(),
                    r.find("trainer_probe")->as_number(), r.find("reference")->as_number(),
                    r.find("static_vs_reference")->as_number(), r.find("allocs_per_step")->dump().c_str());
    }
    std::printf("D  100x100 grids through B: %.0f per second\n", out.find("D_grids_per_second")->as_number());
    std::printf("E  one frame for B (epoch + 100x100 grid + 32x32 unit grids as the app computes them): %.3f ms "
                "(every grid every frame: %.3f ms)\n", out.find("E_frame_ms")->as_number(),
                out.find("E_full_frame_ms")->as_number());
    std::printf("F  one frame of the 8x64 net (%d steps + grids): %.3f ms, a new output picture every %d frames "
                "(as a 3x slower device does it: %.3f ms here, every %d frames); three embedded figures: %.3f ms "
                "(3x slower device: %.3f ms here)\n", kStepsPerFrame, out.find("F_big_frame_ms")->as_number(),
                int(out.find("F_big_frames_per_output")->as_number()), out.find("F_big_slow_frame_ms")->as_number(),
                int(out.find("F_big_slow_frames_per_output")->as_number()), out.find("F_embed3_frame_ms")->as_number(),
                out.find("F_embed3_slow_frame_ms")->as_number());
    for (const auto& [name, hash] : kSliceNets) {
        const double rate = out.find(std::string("L_slices_per_second_") + name)->as_number();
        std::printf("L  41x41 loss slice of the %s net over its training set: %.1f per second (%.2f ms; %.0f "
                    "multiply-adds a point)\n", name, rate, 1000 / rate,
                    out.find(std::string("L_macs_per_point_") + name)->as_number());
    }
    return 0;
}

}  // namespace bp
