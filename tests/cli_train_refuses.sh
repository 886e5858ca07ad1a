#!/usr/bin/env bash
# `bp train` trains exactly what it was asked or nothing: a config file that does not parse,
# or a hash value it cannot use, exits with code 2, prints the problem and trains nothing.
# Usage: tests/cli_train_refuses.sh path/to/bp
set -u
bp=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
expect_refusal() {  # what, expected message, then bp's arguments
  local what=$1 message=$2; shift 2
  "$bp" train "$@" --epochs 1 >"$dir/out" 2>"$dir/err"
  local code=$?
  [ "$code" -eq 2 ] || fail "$what: exit code $code, expected 2"
  [ ! -s "$dir/out" ] || fail "$what: trained anyway: $(head -2 "$dir/out")"
  grep -qF "$message" "$dir/err" || fail "$what: stderr lacks '$message': $(cat "$dir/err")"
  echo "ok: $what: $(head -1 "$dir/err")"
}
printf '{"lr": ' >"$dir/broken.json"
expect_refusal "config file that does not parse" "config file: JSON: unexpected end" --config "$dir/broken.json"
printf '{"lr": "fast"}' >"$dir/bad-value.json"
expect_refusal "config file with a bad value" "lr: 'fast' is not allowed" --config "$dir/bad-value.json"
expect_refusal "hash with a bad value" "layers: '8,,8' is not allowed" --hash "layers=8,,8"
"$bp" train --hash "dataset=xor&seed=3" --epochs 1 >"$dir/out" 2>"$dir/err" || fail "a good hash: exit code $?: $(cat "$dir/err")"
[ "$(wc -l <"$dir/out")" -ge 2 ] || fail "a good hash trained nothing"
echo "ok: a good hash trains"
