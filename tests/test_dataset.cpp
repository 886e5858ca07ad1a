// Datasets: sizes and split, labels consistent with each generator's geometry,
// determinism by seed, point editing, CSV round trip and CSV errors naming the line.
#include <doctest/doctest.h>

#include <cmath>

#include "dataset.h"

using namespace bp;

namespace {
int count_class(const std::vector<Point>& pts, int c) {
    int n = 0;
    for (const Point& p : pts) n += p.label == c;
    return n;
}
}  // namespace

TEST_CASE("every generator gives count points, split by the ratio, inside the plane") {
    for (DatasetKind kind : enum_values<DatasetKind>()) {
        CAPTURE(name_of(kind));
        DataSpec spec{kind, 300, 0.1, 0.6, 4, 11};
        const Dataset d = generate(spec);
        CHECK(d.train.size() == 180);
        CHECK(d.test.size() == 120);
        CHECK(from_name<DatasetKind>(name_of(kind)) == kind);
        for (const Point& p : d.train) {
            CHECK(std::abs(p.x1) < 8);
            CHECK(std::abs(p.x2) < 8);
            if (d.task != Task::Regression) CHECK((p.label >= 0 && p.label < d.classes));
        }
    }
}

TEST_CASE("labels follow the geometry when there is no noise") {
    const Dataset circle = generate({DatasetKind::Circle, 400, 0, 1, 3, 5});
    for (const Point& p : circle.train) CHECK((std::hypot(p.x1, p.x2) < 3) == (p.label == 1));
    const Dataset x = generate({DatasetKind::Xor, 400, 0, 1, 3, 5});
    for (const Point& p : x.train) CHECK((p.x1 * p.x2 > 0) == (p.label == 1));
    const Dataset plane = generate({DatasetKind::Plane, 50, 0, 1, 3, 5});
    for (const Point& p : plane.train) CHECK(p.label == doctest::Approx((p.x1 + p.x2) / 12));
    const Dataset sine = generate({DatasetKind::Sine, 50, 0, 1, 3, 5});
    for (const Point& p : sine.train) CHECK(p.label == doctest::Approx(std::sin(p.x1)));
}

TEST_CASE("classes are balanced and k-class sets have k labels") {
    const Dataset blobs = generate({DatasetKind::Blobs, 600, 0.2, 1, 5, 2});
    CHECK(blobs.task == Task::Multiclass);
    CHECK(blobs.classes == 5);
    for (int c = 0; c < 5; ++c) CHECK(count_class(blobs.train, c) == 120);
    const Dataset spiral = generate({DatasetKind::Spiral, 200, 0, 1, 3, 2});
    CHECK(count_class(spiral.train, 0) == 100);
}

TEST_CASE("one seed, one dataset") {
    const DataSpec spec{DatasetKind::Spiral, 100, 0.3, 0.5, 3, 99};
    const Dataset a = generate(spec), b = generate(spec);
    for (std::size_t i = 0; i < a.train.size(); ++i) {
        CHECK(a.train[i].x1 == b.train[i].x1);
        CHECK(a.train[i].label == b.train[i].label);
    }
    DataSpec other = spec;
    other.seed = 100;
    CHECK(generate(other).train[0].x1 != a.train[0].x1);
}

TEST_CASE("points are added and erased one at a time") {
    Dataset d = generate({DatasetKind::Gauss, 10, 0, 0.5, 3, 1});
    add_point(d, {5.5, -5.5, 1});
    CHECK(d.train.size() == 6);
    CHECK_FALSE(erase_near(d, 0.0, 5.9, 0.01));
    CHECK(erase_near(d, 5.45, -5.5, 0.2));
    CHECK(d.train.size() == 5);
}

TEST_CASE("CSV round trip keeps every number and the split") {
    const Dataset d = generate({DatasetKind::Moons, 40, 0.3, 0.75, 3, 8});
    const auto back = from_csv(to_csv(d));
    REQUIRE(back.ok());
    CHECK(back->task == Task::Binary);
    REQUIRE(back->train.size() == d.train.size());
    REQUIRE(back->test.size() == d.test.size());
    for (std::size_t i = 0; i < d.test.size(); ++i) {
        CHECK(back->test[i].x1 == d.test[i].x1);
        CHECK(back->test[i].x2 == d.test[i].x2);
    }
    const auto reg = from_csv("1,2,0.25\n3,4,-1.5\n");
    REQUIRE(reg.ok());
    CHECK(reg->task == Task::Regression);
    const auto three = from_csv("x1,x2,label\n0,0,0\n1,1,2\n2,2,1\n");
    REQUIRE(three.ok());
    CHECK(three->classes == 3);
}

TEST_CASE("a malformed CSV names the line and the problem") {
    auto check = [](const char* text, const char* expected) {
        const auto r = from_csv(text);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message == expected);
    };
    check("x1,x2,label\n1,2,1\n1,abc,0\n", "CSV line 3: x2 is not a finite number: 'abc'");
    check("1,2\n", "CSV line 1: expected 3 or 4 comma-separated values (x1,x2,label[,split]), got 2");
    check("1,2,nan\n", "CSV line 1: label is not a finite number: 'nan'");
    check("1,2,1,validate\n", "CSV line 1: split must be 'train' or 'test', got 'validate'");
    check("", "CSV has no training points");
    check("1,2,1e999\n", "CSV line 1: label is not a finite number: '1e999'");
}
