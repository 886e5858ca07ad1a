// Learning-rate schedules over epochs: constant, step, exponential, cosine.
#pragma once
#include <optional>
#include <string_view>

#include "enum_names.h"

namespace bp {

enum class ScheduleKind { Constant, Step, Exponential, Cosine };
template <>
struct EnumNames<ScheduleKind> {
    static constexpr std::array names{"constant", "step", "exp", "cosine"};
};

struct Schedule {
    ScheduleKind kind = ScheduleKind::Constant;
    int step_epochs = 50;  // step: multiply by gamma every step_epochs
    double gamma = 0.5;    // step and exponential decay factor
    int cosine_epochs = 500;  // cosine: anneal from lr to min_lr over this many epochs
    double min_lr = 0;
};

// Learning rate at a (possibly fractional) epoch.
double learning_rate_at(const Schedule& s, double base_lr, double epoch);

}  // namespace bp
