// 2-D toy datasets: the generators of TensorFlow Playground and a few more, a train/test
// split, points added and removed one at a time (a user clicking), and CSV export/import.
// The input plane is [-6, 6] x [-6, 6]; class labels are 0..k-1, regression targets real.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "enum_names.h"
#include "result.h"

namespace bp {

enum class DatasetKind {
    Circle, Xor, Gauss, Spiral, Moons, Checkerboard,  // two classes
    SpiralArms, Blobs,                                 // k classes (3..6)
    Plane, MultiGauss, Sine,                           // regression
};
enum class Task { Regression, Binary, Multiclass };

constexpr double kPlaneExtent = 6.0;  // inputs live in [-6, 6]^2

template <>
struct EnumNames<DatasetKind> {
    static constexpr std::array names{"circle", "xor", "gauss", "spiral", "moons", "checkerboard",
                                      "spiral-k", "blobs", "plane", "multi-gauss", "sine"};
};
Task dataset_task(DatasetKind kind);

struct Point {
    double x1 = 0, x2 = 0;
    double label = 0;  // class index 0..k-1, or the regression target
};

struct DataSpec {
    DatasetKind kind = DatasetKind::Circle;
    int count = 200;            // points in all, train + test
    double noise = 0.0;         // 0..1, see each generator for what 1 means
    double train_ratio = 0.5;   // fraction of points used for training
    int classes = 3;            // SpiralArms and Blobs only, 3..6
    std::uint64_t seed = 1;
};

struct Dataset {
    Task task = Task::Binary;
    int classes = 2;  // 1 for regression
    std::vector<Point> train, test;
};

Dataset generate(const DataSpec& spec);

// A user's click: add a point to the training set; erase the nearest point (train or
// test) within `radius`, returning whether one was erased.
void add_point(Dataset& data, Point p);
bool erase_near(Dataset& data, double x1, double x2, double radius);

// CSV with the header "x1,x2,label,split" (split = train|test). Import accepts 3 or 4
// columns, an optional header, and infers the task (integer labels 0..5 -> classes).
// A malformed file gives an error naming the line, and nothing is changed.
// Imports stop at kMaxImportPoints points (the playground's limit, Config's kMaxPoints),
// and every coordinate and label must lie within +-kMaxCsvMagnitude, so that the float
// features (x1^2 too) stay finite.
constexpr int kMaxImportPoints = 2000;
constexpr double kMaxCsvMagnitude = 1e6;
std::string to_csv(const Dataset& data);
Result<Dataset> from_csv(std::string_view text);

}  // namespace bp
