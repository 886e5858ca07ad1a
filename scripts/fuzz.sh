#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS on its seed corpus (fuzz/corpus/<name>/, read
# only) plus a working corpus in build/fuzz/corpus/<name>/ that keeps what it finds
# between runs. Crashes, leaks and UB land in build/fuzz/crashes/; prints one summary
# line per target and exits 1 if any target failed.
# Usage: scripts/fuzz.sh BIN_DIR SECONDS NAME...
set -uo pipefail
cd "$(dirname "$0")/.."
bin=$1 seconds=$2; shift 2
out=build/fuzz
status=0
for name in "$@"; do
  mkdir -p "$out/corpus/$name" "$out/crashes"
  log=$out/fuzz_$name.log
  "$bin/fuzz_$name" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$out/crashes/$name-" "$out/corpus/$name" "fuzz/corpus/$name" >"$log" 2>&1
  rc=$?
  stat() { grep -m1 "^stat::$1:" "$log" | awk '{print $2}'; }
  files=$(find "$out/corpus/$name" -type f | wc -l)
  seeds=$(find "fuzz/corpus/$name" -type f | wc -l)
  printf 'fuzz %-8s %s: %s runs, %s execs/s, corpus %s seeds + %s found (%s), peak RSS %s MB\n' \
    "$name" "$([ $rc = 0 ] && echo ok || echo FAILED)" "$(stat number_of_executed_units)" \
    "$(stat average_exec_per_sec)" "$seeds" "$files" "$(find "$out/corpus/$name" -type f -exec cat {} + | wc -c) bytes" "$(stat peak_rss_mb)"
  if [ $rc != 0 ]; then
    status=1
    grep -m3 -E "ERROR|invariant failed|runtime error|Test unit written" "$log"
  fi
done
exit $status
