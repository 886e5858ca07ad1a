#include "kept_runs.h"

#include <algorithm>
#include <cmath>

#include "messages.h"
#include "run_io.h"
#include "settings.h"
#include "text_util.h"

namespace bp {

namespace {

constexpr const char* kFormat = "bp-kept-1";

bool ignored(std::string_view key) { return key == "speed" || key == "stop_epoch"; }  // nothing computed changes

Json run_json(const KeptRun& r) {
    Json curve = Json::array();
    for (const EpochRecord& e : r.curve)
        curve.push(Json::array({e.epoch, e.train_loss, e.test_loss, e.train_acc, e.test_acc}));
    Json j = Json::object({{"id", r.id}, {"config", to_hash(r.config)}, {"epoch", r.epoch}, {"curve", curve}, {"weights", r.weights}});
    if (!r.data_csv.empty()) j.set("data", r.data_csv);
    if (r.edited) j.set("edited", true);
    return j;
}

// One stored run; the error names its field ("runs[2].curve[4]: ...").
Result<KeptRun> read_run(const Json& j, const std::string& at) {
    const auto field = [&](const char* key) { return Error{at + "." + key + ": " + msg("kept.want_field")}; };
    KeptRun r;
    const Json* id = j.find("id");
    const Json* config = j.find("config");
    const Json* epoch = j.find("epoch");
    const Json* curve = j.find("curve");
    const Json* weights = j.find("weights");
    if (!id || !id->is_number() || id->as_number() < 1) return field("id");
    if (!config || !config->is_string()) return field("config");
    if (!epoch || !epoch->is_number() || epoch->as_number() < 0) return field("epoch");
    if (!curve || !curve->is_array()) return field("curve");
    if (!weights || !weights->is_string()) return field("weights");
    r.id = int(id->as_number());
    r.epoch = int(epoch->as_number());
    r.weights = weights->as_string();
    if (const auto warnings = apply_hash(r.config, config->as_string()); !warnings.empty())
        return Error{at + ".config: " + warnings.front()};
    if (const Json* edited = j.find("edited")) {
        if (!edited->is_bool()) return field("edited");
        r.edited = edited->as_bool();
    }
    if (const Json* data = j.find("data")) {
        if (!data->is_string()) return field("data");
        r.data_csv = data->as_string();
    }
    for (const Json& e : curve->items()) {
        if (!e.is_array() || e.items().size() != 5) return field("curve");
        double v[5];
        for (std::size_t k = 0; k < 5; ++k) {
            if (!e.items()[k].is_number()) return field("curve");
            v[k] = e.items()[k].as_number();
        }
        r.curve.push_back(EpochRecord{int(v[0]), v[1], v[2], v[3], v[4]});
    }
    return r;
}

// At most KeptRuns::kCurvePoints records, evenly spread, the first and the last kept.
std::vector<EpochRecord> thinned(const LossHistory& h) {
    std::vector<EpochRecord> out;
    const std::size_t n = h.size(), keep = std::min(n, KeptRuns::kCurvePoints);
    for (std::size_t i = 0; i < keep; ++i) out.push_back(h[keep == 1 ? n - 1 : i * (n - 1) / (keep - 1)]);
    return out;
}

}  // namespace

std::optional<Error> KeptRuns::load(std::string_view text) {
    auto j = parse_json(text);
    if (!j) return j.error();
    const Json* format = j->find("format");
    const Json* runs = j->find("runs");
    if (!format || !format->is_string() || format->as_string() != kFormat) return Error{"format: " + msg("kept.want_field")};
    if (!runs || !runs->is_array()) return Error{"runs: " + msg("kept.want_field")};
    std::vector<KeptRun> read;
    int next = 1;
    for (std::size_t i = 0; i < runs->items().size(); ++i) {
        auto r = read_run(runs->items()[i], "runs[" + std::to_string(i) + "]");
        if (!r) return r.error();
        next = std::max(next, r->id + 1);
        read.push_back(std::move(r.value()));
    }
    runs_ = std::move(read);
    next_id_ = next;
    return std::nullopt;
}

std::string KeptRuns::dump() const {
    Json runs = Json::array();
    for (const KeptRun& r : runs_) runs.push(run_json(r));
    return Json::object({{"format", kFormat}, {"runs", runs}}).dump();
}

std::size_t KeptRuns::chars() const { return dump().size(); }

int KeptRuns::keep(const Trainer& t, std::vector<int>& dropped) {
    KeptRun r;
    r.id = next_id_;
    r.config = t.config();
    if (t.data_edited()) r.data_csv = to_csv(t.data());
    r.epoch = t.epoch();
    r.curve = thinned(t.history());
    r.weights = weights_to_json(t).dump();
    r.edited = std::any_of(t.run_log().edits.begin(), t.run_log().edits.end(), [](const RunEdit& e) { return e.kind == RunEdit::Kind::Settings; });
    if (run_json(r).dump().size() + 64 > kMaxChars) return 0;
    ++next_id_;
    runs_.push_back(std::move(r));
    while (runs_.size() > kMaxRuns || chars() > kMaxChars) {
        dropped.push_back(runs_.front().id);
        runs_.erase(runs_.begin());
    }
    return runs_.back().id;
}

bool KeptRuns::remove(int id) {
    const auto it = std::find_if(runs_.begin(), runs_.end(), [id](const KeptRun& r) { return r.id == id; });
    if (it == runs_.end()) return false;
    runs_.erase(it);
    return true;
}

const KeptRun* KeptRuns::find(int id) const {
    for (const KeptRun& r : runs_)
        if (r.id == id) return &r;
    return nullptr;
}

std::vector<std::string> config_differences(const std::vector<const Config*>& configs) {
    std::vector<std::string> out;
    if (configs.size() < 2) return out;
    for (const auto& f : config_fields()) {
        if (ignored(f.key)) continue;
        std::vector<std::string> values;
        for (const Config* c : configs) values.push_back(f.get(*c));
        if (std::all_of(values.begin(), values.end(), [&](const std::string& v) { return v == values.front(); })) continue;
        out.push_back(std::string(f.key) + ": " + join(values, " -> "));
    }
    return out;
}

std::string differing_values(const Config& config, const std::vector<const Config*>& compared) {
    std::string values;
    for (const auto& f : config_fields()) {
        if (ignored(f.key)) continue;
        const std::string mine = f.get(config);
        const bool differs = std::any_of(compared.begin(), compared.end(), [&](const Config* c) { return f.get(*c) != mine; });
        if (differs) values += (values.empty() ? "" : " ") + std::string(f.key) + "=" + mine;
    }
    return values;
}

std::string kept_label(const KeptRun& run, const std::vector<const Config*>& compared) {
    const std::string values = differing_values(run.config, compared);
    return "#" + std::to_string(run.id) + (values.empty() ? "" : " " + values);
}

KeptComparison compare_kept_runs(const KeptRuns& kept, const std::vector<int>& ids) {
    KeptComparison c;
    std::vector<const Config*> configs;
    for (int id : ids)
        if (const KeptRun* r = kept.find(id)) c.runs.push_back(r), configs.push_back(&r->config);
    for (const KeptRun* r : c.runs) c.labels.push_back(kept_label(*r, configs) + (r->edited ? " *" : ""));
    c.differences = config_differences(configs);
    return c;
}

std::optional<Error> reopen_kept(Trainer& t, const KeptRun& run) {
    Trainer check(run.config);  // read everything first: a run that does not read changes nothing
    if (!run.data_csv.empty()) {
        auto d = from_csv(run.data_csv);
        if (!d) return Error{"data: " + d.error().message};
        check.set_data(std::move(d.value()));
    }
    if (auto e = load_weights(check, run.weights)) return Error{"weights: " + e->message};
    t.rebuild(run.config);
    if (check.data_edited()) t.set_data(check.data());
    return load_weights(t, run.weights);
}

}  // namespace bp
