// libFuzzer target for the CSV upload: any text is a Dataset or an error naming a line;
// an imported Dataset has finite points, a task that fits its labels, survives
// to_csv -> from_csv unchanged, bit for bit, and trains (as Import CSV hands it to the
// Trainer) without a non-finite loss in the history.
#include <cmath>
#include <cstdint>
#include <string>

#include "dataset.h"
#include "fuzz_check.h"
#include "trainer.h"

namespace {

void check_dataset(const bp::Dataset& d) {
    FUZZ_CHECK(!d.train.empty());
    for (const auto* set : {&d.train, &d.test})
        for (const bp::Point& p : *set) {
            FUZZ_CHECK(std::isfinite(p.x1) && std::isfinite(p.x2) && std::isfinite(p.label));
            if (d.task != bp::Task::Regression) FUZZ_CHECK(p.label >= 0 && p.label < d.classes);
        }
    FUZZ_CHECK(d.task == bp::Task::Regression ? d.classes == 1 : d.classes >= 2 && d.classes <= 6);
    FUZZ_CHECK((d.task == bp::Task::Binary) == (d.classes == 2));
}

bool same_points(const std::vector<bp::Point>& a, const std::vector<bp::Point>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].x1 != b[i].x1 || a[i].x2 != b[i].x2 || a[i].label != b[i].label ||
            std::signbit(a[i].x1) != std::signbit(b[i].x1) || std::signbit(a[i].x2) != std::signbit(b[i].x2))
            return false;
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const bp::Result<bp::Dataset> d = bp::from_csv(text);
    if (!d) {
        const std::string& m = d.error().message;
        FUZZ_CHECK(m.rfind("CSV line ", 0) == 0 || m.rfind("CSV has", 0) == 0);
        return 0;
    }
    check_dataset(d.value());
    const bp::Result<bp::Dataset> back = bp::from_csv(bp::to_csv(d.value()));
    FUZZ_CHECK(back.ok());
    FUZZ_CHECK(same_points(back->train, d->train) && same_points(back->test, d->test));
    FUZZ_CHECK(back->task == d->task && back->classes == d->classes);
    bp::Trainer trainer;
    trainer.set_data(d.value());
    trainer.step(3);
    for (const bp::EpochRecord& r : trainer.history()) FUZZ_CHECK(std::isfinite(r.train_loss));
    return 0;
}
