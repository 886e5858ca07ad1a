// LossHistory: the loss and accuracy curve of one run, one EpochRecord per epoch (epoch 0 =
// before training), always ending on the current epoch, in fixed memory however long the run.
#pragma once
#include <cstddef>
#include <vector>

namespace bp {

struct EpochRecord {
    int epoch = 0;
    double train_loss = 0, test_loss = 0;  // mean data loss (no penalty term)
    double train_acc = 0, test_acc = 0;    // fraction correct; 0 for regression
};

// Past kCap records it keeps every other epoch and doubles its stride, as Series does, so an
// hours-long run keeps the curve's shape.
class LossHistory {
public:
    static constexpr std::size_t kCap = 4096;

    void clear();
    // Appends `r` (the latest epoch), dropping the previous latest when it is off the stride;
    // thins to every other kept epoch when full, in the vector's storage (nothing allocated).
    void record(const EpochRecord& r);

    const std::vector<EpochRecord>& records() const { return records_; }
    int stride() const { return stride_; }  // epochs between kept records
    std::size_t size() const { return records_.size(); }
    bool empty() const { return records_.empty(); }
    const EpochRecord& operator[](std::size_t i) const { return records_[i]; }
    const EpochRecord& front() const { return records_.front(); }
    const EpochRecord& back() const { return records_.back(); }
    auto begin() const { return records_.begin(); }
    auto end() const { return records_.end(); }

private:
    std::vector<EpochRecord> records_;
    int stride_ = 1;
};

}  // namespace bp
