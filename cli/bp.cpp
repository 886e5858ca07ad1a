// `bp`, the command-line tool: main() only dispatches `bp <subcommand> ...` to the cmd_*
// function of commands.h; `bp`, `bp help` and `bp --help` print the usage. A new
// subcommand is one more file and one more line in kCommands.
#include <cstdio>
#include <cstring>

#include "commands.h"

namespace {

struct Command {
    const char* name;
    int (*run)(int argc, char** argv);
    const char* usage;  // arguments, then what it does
};

const Command kCommands[] = {
    {"grad", bp::cmd_grad,
     "\"<formula>\" x=2 z=3 [--json] [--trace]\n"
     "      the value, the gradient of every variable and every node of the formula's graph;\n"
     "      --trace adds the backward steps in order"},
    {"train", bp::cmd_train,
     "[--config FILE | --hash \"dataset=...&...\"] [--epochs N] [--json] [--record FILE]\n"
     "      trains one configuration; per-epoch loss and accuracy; --record writes its run record"},
    {"lesson", bp::cmd_lesson,
     "[ID | --all | --file FILE] [--json]\n"
     "      lists the lessons; with ID trains the lesson and its variants and prints each check\n"
     "      (exit 1 when one fails); --all every lesson; --file a lesson file not built in"},
    {"verify", bp::cmd_verify,
     "RECORD.json [--task TASK.json]\n"
     "      replays a handed-in run record and compares every loss, the weights' SHA-256 and the\n"
     "      checks (--task: the task's goal); exit 1 names the first difference, 2 an unreadable\n"
     "      file or a record of another build"},
    {"bench", bp::cmd_bench,
     "[--json] [--quick]\n"
     "      training examples per second for the benchmark nets"},
    {"soak", bp::cmd_soak,
     "[--steps N] [--hash TEXT] [--frame K] [--max-growth-kb B]\n"
     "      a long run (default 10^6 steps of the 6 x 8 net, probe on, grids every K steps);\n"
     "      RSS and heap in use at ten checkpoints, and their growth after the warm-up"},
};

void print_usage() {
    std::printf("bp: the Backprop Playground's command-line tool\n\nusage:\n");
    for (const Command& c : kCommands) std::printf("  bp %s %s\n", c.name, c.usage);
}

}  // namespace

int main(int argc, char** argv) {
    const char* sub = argc > 1 ? argv[1] : "help";
    if (!std::strcmp(sub, "help") || !std::strcmp(sub, "--help") || !std::strcmp(sub, "-h")) {
        print_usage();
        return 0;
    }
    for (const Command& c : kCommands)
        if (!std::strcmp(sub, c.name)) return c.run(argc - 2, argv + 2);
    std::fprintf(stderr, "bp: unknown subcommand '%s' (bp --help lists them)\n", sub);
    return 2;
}
