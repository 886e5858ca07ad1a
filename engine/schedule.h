// Learning-rate schedules over epochs: constant, step, exponential, cosine.
#pragma once
#include <optional>
#include <string_view>

namespace bp {

enum class ScheduleKind { Constant, Step, Exponential, Cosine };
const char* schedule_name(ScheduleKind kind);  // "constant", "step", "exp", "cosine"
std::optional<ScheduleKind> schedule_from_name(std::string_view name);

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
