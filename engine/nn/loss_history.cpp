// LossHistory: recording an epoch and thinning the records to the stride.
#include "loss_history.h"

#include <algorithm>

namespace bp {

void LossHistory::clear() {
    records_.clear();
    stride_ = 1;
}

void LossHistory::record(const EpochRecord& r) {
    if (records_.size() > 1 && records_.back().epoch % stride_ != 0) records_.pop_back();
    records_.push_back(r);
    if (records_.size() <= kCap) return;
    stride_ *= 2;
    const int stride = stride_;
    auto off_stride = [stride](const EpochRecord& e) { return e.epoch % stride != 0; };
    records_.erase(std::remove_if(records_.begin(), records_.end() - 1, off_stride), records_.end() - 1);
}

}  // namespace bp
