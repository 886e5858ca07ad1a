// `bp train [--config FILE | --hash "dataset=...&..."] [--epochs N] [--json]`: trains
// one Config and prints per-epoch train/test loss and accuracy, or one JSON object.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "findings.h"
#include "settings.h"
#include "json.h"
#include "record.h"
#include "run_io.h"
#include "trainer.h"

namespace bp {

namespace {

int usage_error(const std::string& message) {
    std::fprintf(stderr, "bp train: %s\n", message.c_str());
    return 2;
}

Json train_json(const Trainer& t) {
    Json out = Json::object();
    Json history = Json::array();
    for (const auto& r : t.history()) history.push(epoch_json(r, t.has_accuracy()));
    out.set("history", history);
    Json final_ = epoch_json(t.history().back(), t.has_accuracy());
    final_.set("diverged", t.diverged());
    final_.set("diverged_at", t.diverged() ? Json(t.diverged_at()) : Json());
    if (t.diverged()) final_.set("message", t.divergence());
    out.set("final", final_);
    out.set("layers", layer_stats_json(t, KeyStyle::Snake));
    Json callouts = Json::array();  // what the playground's callouts panel says about this run
    for (const Finding& f : findings(t)) {
        Json c = Json::object();
        c.set("rule", f.rule);
        c.set("text", f.text);
        callouts.push(c);
    }
    out.set("callouts", callouts);
    out.set("weights", weights_to_json(t));  // as the page's Files > weights JSON (bp.exportWeights())
    return out;
}

void print_table(const Trainer& t) {
    std::printf("%6s %12s %12s %9s %9s\n", "epoch", "train_loss", "test_loss", "train_acc", "test_acc");
    for (const auto& r : t.history()) {
        std::printf("%6d %12.6f %12.6f", r.epoch, r.train_loss, r.test_loss);
        if (t.has_accuracy()) std::printf(" %9.4f %9.4f", r.train_acc, r.test_acc);
        std::printf("\n");
    }
    if (t.diverged()) std::printf("%s\n", t.divergence().c_str());
}

}  // namespace

int cmd_train(int argc, char** argv) {
    Config config;
    std::vector<std::string> warnings;
    long epochs = 100;
    bool json = false;
    std::string record_path;  // --record FILE: the run record, as the page's Hand in writes it
    for (int i = 0; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool has_value = i + 1 < argc;
        if (arg == "--json") {
            json = true;
        } else if (arg == "--hash" && has_value) {
            auto w = apply_hash(config, argv[++i]);
            warnings.insert(warnings.end(), w.begin(), w.end());
        } else if (arg == "--config" && has_value) {
            std::ifstream in(argv[++i]);
            if (!in) return usage_error(std::string("cannot read config file '") + argv[i] + "'");
            std::stringstream text;
            text << in.rdbuf();
            auto w = apply_json_text(config, text.str());
            warnings.insert(warnings.end(), w.begin(), w.end());
        } else if (arg == "--record" && has_value) {
            record_path = argv[++i];
        } else if (arg == "--epochs" && has_value) {
            char* end = nullptr;
            epochs = std::strtol(argv[++i], &end, 10);
            if (*end || epochs < 0 || epochs > 1000000)
                return usage_error(std::string("--epochs needs a whole number from 0 to 1000000, got '") + argv[i] + "'");
        } else {
            return usage_error("unknown or incomplete option '" + arg +
                               "' (usage: bp train [--config FILE | --hash TEXT] [--epochs N] [--json] [--record FILE])");
        }
    }
    // A batch command trains exactly what it was asked, or nothing: a value it could not use
    // (or a config file that does not parse) stops it.
    for (const auto& w : warnings) std::fprintf(stderr, "bp train: %s\n", w.c_str());
    if (!warnings.empty()) return 2;
    Trainer trainer(config);
    trainer.run_epochs(int(epochs));
    if (!record_path.empty()) {
        std::ofstream out(record_path, std::ios::binary);
        out << make_record(trainer, {}).dump(1) << "\n";
        if (!out) return usage_error("cannot write the record to '" + record_path + "'");
    }
    if (json) std::printf("%s\n", train_json(trainer).dump().c_str());
    else print_table(trainer);
    return 0;
}

}  // namespace bp
