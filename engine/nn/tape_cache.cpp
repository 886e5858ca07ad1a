// TapeCache: recording a graph on first use, dropping graphs (keeping their counts), and the
// counts and bytes of what is kept.
#include "tape_cache.h"

namespace bp {

MlpGraph<float>& TapeCache::graph(Mlp<float>& net, GraphUse use, int batch) {
    auto& slot = (use == GraphUse::Train ? train_ : use == GraphUse::Evaluate ? eval_ : predict_)[batch];
    if (!slot) {
        slot = std::make_unique<MlpGraph<float>>();
        slot->tape.set_mode(mode_);
        slot->record(net, batch, use);
    }
    return *slot;
}

void TapeCache::drop_train() { train_.clear(); }

void TapeCache::drop() {
    for (Cache* cache : {&train_, &eval_}) {
        for (const auto& [batch, g] : *cache) dropped_.recordings += g->recordings, dropped_.replays += g->replays;
        cache->clear();
    }
}

void TapeCache::restart() {
    drop();
    predict_.clear();
    dropped_ = Counts{};
}

void TapeCache::set_mode(TapeMode mode) {
    mode_ = mode;
    for (Cache* cache : {&train_, &eval_})
        for (auto& [batch, g] : *cache) g->tape.set_mode(mode);  // dynamic: the next pass records again
}

TapeCache::Counts TapeCache::counts() const {
    Counts c = dropped_;
    c.bytes_held = 0;
    for (const Cache* cache : {&train_, &eval_})
        for (const auto& [batch, g] : *cache) {
            c.recordings += g->recordings;
            c.replays += g->replays;
            c.bytes_held += g->tape.bytes_held() + std::size_t(g->X.size() + g->Y.size()) * sizeof(float);
        }
    return c;
}

}  // namespace bp
