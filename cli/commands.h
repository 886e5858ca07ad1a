// The `bp` subcommands, one file each (cli/cmd_<name>.cpp). Each takes the arguments after
// its name (argv[0] is the first of them) and returns the exit code: 0 when done, 2 for
// bad input, reported in one line on stderr. bp.cpp dispatches to them.
#pragma once

namespace bp {

int cmd_grad(int argc, char** argv);   // bp grad "<formula>" x=2 z=3 [--json] [--trace]
int cmd_train(int argc, char** argv);  // bp train [--config FILE | --hash TEXT] [--epochs N] [--json] [--record FILE]
int cmd_bench(int argc, char** argv);  // bp bench [--json] [--quick]
int cmd_lesson(int argc, char** argv); // bp lesson [ID | --all | --file FILE] [--json]
int cmd_verify(int argc, char** argv); // bp verify RECORD.json [--task TASK.json]
int cmd_soak(int argc, char** argv);   // bp soak [--steps N] [--hash TEXT] [--frame K] [--max-growth-kb B]

}  // namespace bp
