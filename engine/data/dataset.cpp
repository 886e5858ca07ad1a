// The dataset generators (shapes follow TensorFlow Playground where it has them), the
// shuffled train/test split, point editing and CSV. Every random draw comes from bp::Rng.
#include "dataset.h"

#include <algorithm>
#include <cmath>
#include <iterator>

#include "det_math.h"
#include "rng.h"

namespace bp {

namespace {

constexpr double kPi = 3.14159265358979323846;

// Each dataset's task, in the order of DatasetKind.
constexpr Task kTasks[] = {
    Task::Binary, Task::Binary, Task::Binary, Task::Binary, Task::Binary, Task::Binary,  // circle .. checkerboard
    Task::Multiclass, Task::Multiclass,                                                // spiral-k, blobs
    Task::Regression, Task::Regression, Task::Regression,                              // plane, multi-gauss, sine
};
static_assert(std::size(kTasks) == enum_count<DatasetKind>());

// Inner disk (class 1, r < 2.5) and outer ring (class 0, 3.5 < r < 5); noise 1 adds
// Gaussian jitter of std 1 to both coordinates.
Point circle(Rng& rng, int i, double noise) {
    const int cls = i % 2;
    const double r = cls == 1 ? rng.uniform(0, 2.5) : rng.uniform(3.5, 5);
    const double t = rng.uniform(0, 2 * kPi);
    return {r * det::sin(t) + rng.normal(0, noise), r * det::cos(t) + rng.normal(0, noise), double(cls)};
}

// Quadrants, kept 0.3 away from the axes; class 1 where x1 * x2 > 0.
Point xor_point(Rng& rng, double noise) {
    auto coord = [&] { double v = rng.uniform(-5, 5); return v + (v > 0 ? 0.3 : -0.3); };
    const double x = coord(), y = coord();
    return {x + rng.normal(0, noise), y + rng.normal(0, noise), x * y > 0 ? 1.0 : 0.0};
}

// Two Gaussians at (2, 2) (class 1) and (-2, -2) (class 0); std 1 + 2 * noise.
Point gauss(Rng& rng, int i, double noise) {
    const int cls = i % 2;
    const double c = cls == 1 ? 2 : -2, s = 1 + 2 * noise;
    return {rng.normal(c, s), rng.normal(c, s), double(cls)};
}

// Arm `cls` of k: radius grows 0..5 while the angle turns 1.75 revolutions.
Point spiral(Rng& rng, int i, int n, int k, double noise) {
    const int cls = i % k;
    const double f = double(i / k) / std::max(1, n / k);
    const double r = 5 * f, t = 1.75 * 2 * kPi * f + 2 * kPi * cls / k;
    return {r * det::sin(t) + rng.normal(0, noise), r * det::cos(t) + rng.normal(0, noise), double(cls)};
}

// Two interleaving half circles of radius 3 (class 0 on top, class 1 below).
Point moons(Rng& rng, int i, double noise) {
    const int cls = i % 2;
    const double t = rng.uniform(0, kPi);
    const double x = cls == 0 ? 3 * det::cos(t) - 1.5 : 1.5 - 3 * det::cos(t);
    const double y = cls == 0 ? 3 * det::sin(t) - 0.75 : 0.75 - 3 * det::sin(t);
    return {x + rng.normal(0, noise), y + rng.normal(0, noise), double(cls)};
}

// A 4 x 4 board of 3-unit cells over the plane; the cell's parity is the class.
Point checkerboard(Rng& rng, double noise) {
    const double x = rng.uniform(-6, 6), y = rng.uniform(-6, 6);
    const int cell = int(std::floor(x / 3)) + int(std::floor(y / 3));
    return {x + rng.normal(0, noise), y + rng.normal(0, noise), double(((cell % 2) + 2) % 2)};
}

// k Gaussian blobs on a circle of radius 4; std 0.7 + 1.5 * noise.
Point blob(Rng& rng, int i, int k, double noise) {
    const int cls = i % k;
    const double t = 2 * kPi * cls / k, s = 0.7 + 1.5 * noise;
    return {rng.normal(4 * det::cos(t), s), rng.normal(4 * det::sin(t), s), double(cls)};
}

// Regression surfaces over the plane, targets roughly in [-1, 1]; noise 1 adds N(0, 0.5).
double multi_gauss(double x, double y) {
    const double cx[] = {-4, 0, 4, -4, 0, 4}, cy[] = {2.5, 2.5, 2.5, -2.5, -2.5, -2.5};
    const double sign[] = {1, -1, 1, -1, 1, -1};
    double v = 0;
    for (int j = 0; j < 6; ++j) {
        const double dx = x - cx[j], dy = y - cy[j];
        v += sign[j] * det::exp(-(dx * dx + dy * dy) / (2 * 1.6 * 1.6));
    }
    return v;
}

Point regression(Rng& rng, DatasetKind kind, double noise) {
    const double x = rng.uniform(-6, 6);
    const double y = kind == DatasetKind::Sine ? 0.0 : rng.uniform(-6, 6);
    double t = kind == DatasetKind::Plane ? (x + y) / 12 : kind == DatasetKind::Sine ? det::sin(x)
                                                                                    : multi_gauss(x, y);
    return {x, y, t + rng.normal(0, 0.5 * noise)};
}

Point make_point(Rng& rng, const DataSpec& s, int i) {
    switch (s.kind) {
        case DatasetKind::Circle: return circle(rng, i, s.noise);
        case DatasetKind::Xor: return xor_point(rng, s.noise);
        case DatasetKind::Gauss: return gauss(rng, i, s.noise);
        case DatasetKind::Spiral: return spiral(rng, i, s.count, 2, s.noise);
        case DatasetKind::Moons: return moons(rng, i, s.noise);
        case DatasetKind::Checkerboard: return checkerboard(rng, s.noise);
        case DatasetKind::SpiralArms: return spiral(rng, i, s.count, s.classes, s.noise);
        case DatasetKind::Blobs: return blob(rng, i, s.classes, s.noise);
        default: return regression(rng, s.kind, s.noise);
    }
}

}  // namespace

Task dataset_task(DatasetKind kind) { return kTasks[std::size_t(kind) < std::size(kTasks) ? std::size_t(kind) : 0]; }

Dataset generate(const DataSpec& spec) {
    Rng rng(spec.seed);
    std::vector<Point> points;
    points.reserve(std::max(0, spec.count));
    for (int i = 0; i < spec.count; ++i) points.push_back(make_point(rng, spec, i));
    rng.shuffle(points);
    Dataset data;
    data.task = dataset_task(spec.kind);
    data.classes = data.task == Task::Regression ? 1 : data.task == Task::Binary ? 2 : spec.classes;
    const auto n_train = std::size_t(std::lround(spec.train_ratio * spec.count));
    data.train.assign(points.begin(), points.begin() + std::min(n_train, points.size()));
    data.test.assign(points.begin() + data.train.size(), points.end());
    return data;
}

void add_point(Dataset& data, Point p) { data.train.push_back(p); }

bool erase_near(Dataset& data, double x1, double x2, double radius) {
    std::vector<Point>* best_set = nullptr;
    std::size_t best = 0;
    double best_d2 = radius * radius;
    for (auto* set : {&data.train, &data.test}) {
        for (std::size_t i = 0; i < set->size(); ++i) {
            const double dx = (*set)[i].x1 - x1, dy = (*set)[i].x2 - x2, d2 = dx * dx + dy * dy;
            if (d2 <= best_d2) best_d2 = d2, best_set = set, best = i;
        }
    }
    if (!best_set) return false;
    best_set->erase(best_set->begin() + long(best));
    return true;
}

}  // namespace bp
