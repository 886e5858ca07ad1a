#!/usr/bin/env bash
# What verifying a handed-in run costs against training it: `bp train` of the default network
# for 300 epochs (writing its run record, as the page's Hand in does) against `bp verify` of
# that record, each run RUNS times, alternating, in one session; prints each median wall time
# and their ratio (verify / train). A figure to quote, not a test. Usage: scripts/verify-cost.sh [BP] [RUNS]
set -euo pipefail
bp=${1:-build/native/bin/bp}
runs=${2:-21}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bp" train --epochs 300 --record "$tmp/record.json" >/dev/null
"$bp" verify "$tmp/record.json"
python3 - "$bp" "$tmp/record.json" "$runs" <<'PY'
import statistics, subprocess, sys, time
bp, record, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
commands = {"train": [bp, "train", "--epochs", "300", "--json"], "verify": [bp, "verify", record]}
times = {name: [] for name in commands}
for _ in range(runs):
    for name, cmd in commands.items():
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times[name].append(time.perf_counter() - start)
train, verify = (statistics.median(times[n]) for n in ("train", "verify"))
print(f"train 300 epochs: median {train * 1000:.1f} ms; verify its record: median {verify * 1000:.1f} ms; "
      f"verify / train = {verify / train:.2f} ({runs} runs each, alternating)")
PY
