// Config's field table: each run setting's key, limits and group (what its change
// touches). Hash, JSON and UI edits all go through these setters and checks
// (settings.cpp reads and writes the text forms), so a limit holds the same on every path.
#include "config.h"

#include <algorithm>
#include <cmath>

#include "text_util.h"

namespace bp {

static_assert(kMaxImportPoints == kMaxPoints, "a CSV import holds as many points as a generated set");

namespace {

using F = Field<Config>;

// A field of the given group (data, model or training).
F in(Change group, F f) {
    f.group = int(group);
    return f;
}

std::string layers_allowed() {
    return msg("config.expect_layers", {{"max", std::to_string(kMaxLayers)}, {"units", std::to_string(kMaxUnits)}});
}

// layers=8,8: 0 to kMaxLayers hidden layers of 1 to kMaxUnits units; activations follow
// the new count (the last one repeated).
F layers_field() {
    using V = std::vector<int>;
    F f = make_field<Config, V>(
        "layers", FieldKind::NumberList, [](Config& c) -> V& { return c.layers; },
        [](const V& v) { return join(v, ",", [](int n) { return std::to_string(n); }); },
        [](std::string_view s, V& out) {
            for (auto item : split(s, ',')) {
                double d;
                if (!parse_finite(item, d) || d != std::floor(d) || d < -1e9 || d > 1e9) return false;
                out.push_back(int(d));
            }
            return true;
        },
        [](const V& v, const Config&) {
            return v.size() <= std::size_t(kMaxLayers) &&
                   std::all_of(v.begin(), v.end(), [](int n) { return n >= 1 && n <= kMaxUnits; });
        },
        [](const Config&) { return layers_allowed(); });
    const auto store = f.set;
    f.set = [store](Config& c, std::string_view s) {
        const Activation last = c.activations.empty() ? Activation::Tanh : c.activations.back();
        const std::string allowed = store(c, s);
        if (allowed.empty()) c.activations.resize(c.layers.size(), last);
        return allowed;
    };
    f.empty_text = "config.kept_no_layers";
    return f;
}

// activation=relu (every layer) or activation=relu,tanh (one per hidden layer).
F activations_field() {
    using V = std::vector<Activation>;
    F f = make_field<Config, V>(
        "activation", FieldKind::StringList, [](Config& c) -> V& { return c.activations; },
        [](const V& v) { return join(v, ",", name_of<Activation>); },
        [](std::string_view, V&) { return false; },  // set is replaced below
        [](const V& v, const Config& c) {
            return v.size() == c.layers.size() &&
                   std::all_of(v.begin(), v.end(), [](Activation a) { return std::size_t(a) < enum_count<Activation>(); });
        },
        [](const Config& c) {
            return msg("config.expect_activations", {{"count", std::to_string(c.layers.size())}});
        });
    f.set = [](Config& c, std::string_view s) -> std::string {
        V out;
        for (auto name : split(s, ',')) {
            const auto a = from_name<Activation>(name);
            if (!a) return names_text<Activation>();
            out.push_back(*a);
        }
        if (out.size() == 1) out.resize(c.layers.size(), out[0]);  // one name stands for every layer
        if (out.size() != c.layers.size())
            return msg("config.expect_activations", {{"count", std::to_string(c.layers.size())}});
        c.activations = out;
        return "";
    };
    return f;
}

template <class Acc>
F num(const char* key, Acc acc, double lo, double hi) {
    return real<Config>(key, acc, lo, hi);
}
template <class Acc>
F whole(const char* key, Acc acc, double lo, double hi) {
    return integer<Config>(key, acc, lo, hi);
}

}  // namespace

const std::vector<Field<Config>>& config_fields() {
    using C = Change;
    static const std::vector<F> table = {
        in(C::Data, choice<Config, DatasetKind>("dataset", [](Config& c) -> auto& { return c.dataset; })),
        in(C::Data, whole("points", [](Config& c) -> auto& { return c.points; }, kMinPoints, kMaxPoints)),
        in(C::Data, num("noise", [](Config& c) -> auto& { return c.noise; }, 0, 1)),
        in(C::Data, num("train_ratio", [](Config& c) -> auto& { return c.train_ratio; }, 0.1, 0.9)),
        in(C::Data, whole("classes", [](Config& c) -> auto& { return c.classes; }, 3, 6)),
        in(C::Data, whole("seed", [](Config& c) -> auto& { return c.seed; }, 0, 4294967295.0)),
        in(C::Model, name_list<Config, Feature>("features", [](Config& c) -> auto& { return c.features; }, 1)),
        in(C::Model, layers_field()),
        in(C::Model, activations_field()),
        in(C::Model, choice<Config, BinaryHead>("head", [](Config& c) -> auto& { return c.head; })),
        in(C::Model, choice<Config, InitKind>("init", [](Config& c) -> auto& { return c.init; })),
        in(C::Model, num("init_scale", [](Config& c) -> auto& { return c.init_scale; }, 0, 10)),
        in(C::Training, choice<Config, OptimizerKind>("optimizer", [](Config& c) -> auto& { return c.opt.kind; })),
        in(C::Training, num("lr", [](Config& c) -> auto& { return c.lr; }, 1e-6, 10)),
        in(C::Training, num("momentum", [](Config& c) -> auto& { return c.opt.momentum; }, 0, 0.999)),
        in(C::Training, num("rho", [](Config& c) -> auto& { return c.opt.rho; }, 0, 0.9999)),
        in(C::Training, num("beta1", [](Config& c) -> auto& { return c.opt.beta1; }, 0, 0.9999)),
        in(C::Training, num("beta2", [](Config& c) -> auto& { return c.opt.beta2; }, 0, 0.99999)),
        in(C::Training, num("eps", [](Config& c) -> auto& { return c.opt.eps; }, 1e-12, 1)),
        in(C::Training, num("weight_decay", [](Config& c) -> auto& { return c.opt.weight_decay; }, 0, 1)),
        in(C::Training, choice<Config, ScheduleKind>("schedule", [](Config& c) -> auto& { return c.schedule.kind; })),
        in(C::Training, whole("step_epochs", [](Config& c) -> auto& { return c.schedule.step_epochs; }, 1, 100000)),
        in(C::Training, num("gamma", [](Config& c) -> auto& { return c.schedule.gamma; }, 0.001, 1)),
        in(C::Training, whole("cosine_epochs", [](Config& c) -> auto& { return c.schedule.cosine_epochs; }, 1, 100000)),
        in(C::Training, num("min_lr", [](Config& c) -> auto& { return c.schedule.min_lr; }, 0, 10)),
        in(C::Training, choice<Config, Regularization>("reg", [](Config& c) -> auto& { return c.reg; })),
        in(C::Training, num("reg_rate", [](Config& c) -> auto& { return c.reg_rate; }, 0, 10)),
        in(C::Training, num("clip", [](Config& c) -> auto& { return c.clip; }, 0, 1e6)),
        in(C::Training, whole("batch", [](Config& c) -> auto& { return c.batch; }, 1, kMaxPoints)),
        in(C::Training, whole("stop_epoch", [](Config& c) -> auto& { return c.stop_epoch; }, 0, 1000000)),
        in(C::None, num("speed", [](Config& c) -> auto& { return c.speed; }, kMinSpeed, kMaxSpeed)),
    };
    return table;
}

FieldRange field_range(std::string_view key) {
    const F* f = find_field(config_fields(), key);
    return f ? f->range : FieldRange{};
}

Change change_between(const Config& before, const Config& after) {
    const int g = changed_group(before, after, config_fields());
    return g < 0 ? Change::None : Change(g);
}

std::vector<std::string> validate(Config& config, const Config& fallback) {
    return validate_fields(config, fallback, config_fields());
}

DataSpec Config::data_spec() const {
    return DataSpec{dataset, points, noise, train_ratio, classes, seed};
}

}  // namespace bp
