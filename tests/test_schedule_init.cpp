// Learning-rate schedules against closed forms, and initialisation scales and statistics.
#include <doctest/doctest.h>

#include <cmath>

#include "init.h"
#include "schedule.h"

using namespace bp;

TEST_CASE("schedules follow their closed forms") {
    Schedule s;
    CHECK(learning_rate_at(s, 0.1, 123) == 0.1);
    s.kind = ScheduleKind::Step;  // every 50 epochs halve: epoch 120 -> 0.1 * 0.25
    CHECK(learning_rate_at(s, 0.1, 120) == doctest::Approx(0.025));
    s.kind = ScheduleKind::Exponential;  // 0.1 * 0.5^(75/50)
    CHECK(learning_rate_at(s, 0.1, 75) == doctest::Approx(0.1 * 0.35355339059327373));
    s.kind = ScheduleKind::Cosine;  // half way: (lr + min) / 2; at and after the end: min
    s.min_lr = 0.01;
    CHECK(learning_rate_at(s, 0.1, 250) == doctest::Approx(0.055));
    CHECK(learning_rate_at(s, 0.1, 900) == doctest::Approx(0.01));
    CHECK(from_name<ScheduleKind>("cosine") == ScheduleKind::Cosine);
}

TEST_CASE("initialisations have the documented scale") {
    // Xavier: a = sqrt(6 / (fan_in + fan_out)); He: s = sqrt(2 / fan_in); LeCun: sqrt(1 / fan_in).
    CHECK(init_scale(InitKind::Xavier, 0, 100, 50) == doctest::Approx(0.2));
    CHECK(init_scale(InitKind::He, 0, 50, 7) == doctest::Approx(0.2));
    CHECK(init_scale(InitKind::Lecun, 0, 25, 7) == doctest::Approx(0.2));
    Rng rng(5);
    Eigen::MatrixXd W(200, 50);
    init_weights(InitKind::He, 0, rng, W);  // std sqrt(2/50) = 0.2
    const double mean = W.mean();
    const double sd = std::sqrt((W.array() - mean).square().mean());
    CHECK(std::abs(mean) < 0.01);
    CHECK(sd == doctest::Approx(0.2).epsilon(0.03));
    init_weights(InitKind::Uniform, 0.5, rng, W);
    CHECK(W.maxCoeff() <= 0.5);
    CHECK(W.minCoeff() >= -0.5);
    CHECK(W.maxCoeff() > 0.49);
    init_weights(InitKind::Zeros, 1, rng, W);
    CHECK(W.isZero());
}
