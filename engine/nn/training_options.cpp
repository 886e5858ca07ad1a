// The two formulas that go with the training options: the learning-rate schedule and the
// initialisation scale (the options' names are in their headers, EnumNames).
#include <cmath>

#include "det_math.h"
#include "init.h"
#include "optimizer.h"
#include "schedule.h"

namespace bp {

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
