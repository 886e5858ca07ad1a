// Names of the training options (optimizers, schedules, initialisations) and the two
// formulas that go with them: the learning-rate schedule and the initialisation scale.
#include <cmath>

#include "det_math.h"
#include "init.h"
#include "optimizer.h"
#include "schedule.h"

namespace bp {

namespace {
template <class E, std::size_t N>
std::optional<E> find_name(const char* const (&names)[N], std::string_view name) {
    for (std::size_t i = 0; i < N; ++i)
        if (name == names[i]) return E(i);
    return std::nullopt;
}
const char* const kOptimizers[] = {"sgd", "momentum", "nesterov", "rmsprop", "adagrad", "adam", "adamw"};
const char* const kSchedules[] = {"constant", "step", "exp", "cosine"};
const char* const kInits[] = {"zeros", "uniform", "normal", "xavier", "he", "lecun"};
}  // namespace

const char* optimizer_name(OptimizerKind k) { return kOptimizers[int(k)]; }
std::optional<OptimizerKind> optimizer_from_name(std::string_view n) { return find_name<OptimizerKind>(kOptimizers, n); }
const char* schedule_name(ScheduleKind k) { return kSchedules[int(k)]; }
std::optional<ScheduleKind> schedule_from_name(std::string_view n) { return find_name<ScheduleKind>(kSchedules, n); }
const char* init_name(InitKind k) { return kInits[int(k)]; }
std::optional<InitKind> init_from_name(std::string_view n) { return find_name<InitKind>(kInits, n); }

double learning_rate_at(const Schedule& s, double lr, double epoch) {
    constexpr double kPi = 3.14159265358979323846;
    switch (s.kind) {
        case ScheduleKind::Constant: return lr;
        case ScheduleKind::Step:  // lr gamma^floor(epoch / step)
            return lr * det::powi(s.gamma, long(std::floor(epoch / std::max(1, s.step_epochs))));
        case ScheduleKind::Exponential:  // lr gamma^(epoch / step)
            return lr * det::pow(s.gamma, epoch / std::max(1, s.step_epochs));
        case ScheduleKind::Cosine: {  // min + (lr - min)(1 + cos(pi t / T)) / 2, then min
            const double t = std::min(epoch / std::max(1, s.cosine_epochs), 1.0);
            return s.min_lr + (lr - s.min_lr) * 0.5 * (1 + det::cos(kPi * t));
        }
    }
    return lr;
}

double init_scale(InitKind kind, double scale, int fan_in, int fan_out) {
    switch (kind) {
        case InitKind::Zeros: return 0;
        case InitKind::Uniform:
        case InitKind::Normal: return scale;                                      // chosen by the user
        case InitKind::Xavier: return std::sqrt(6.0 / double(fan_in + fan_out));  // U(-a, a)
        case InitKind::He: return std::sqrt(2.0 / double(fan_in));                // N(0, s)
        case InitKind::Lecun: return std::sqrt(1.0 / double(fan_in));             // N(0, s)
    }
    return scale;
}

}  // namespace bp
