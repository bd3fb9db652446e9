#!/usr/bin/env bash
# File: bench/micro/run_each_once_test.sh
#
# Runs each micro-benchmark binary given as an argument once, with the
# shortest timing, and fails if one fails, reports an error, or runs no
# benchmark at all.
set -euo pipefail
for bin in "$@"; do
  out=$("$bin" --benchmark_min_time=0.000001 --benchmark_format=json 2>&1) || {
    echo "FAIL: $bin exited $?:"; echo "$out"; exit 1; }
  if grep -q '"error_occurred": true' <<<"$out"; then
    echo "FAIL: $bin reported an error:"; echo "$out"; exit 1
  fi
  n=$(grep -c '"run_name"' <<<"$out" || true)
  if [[ $n -eq 0 ]]; then
    echo "FAIL: $bin ran no benchmark:"; echo "$out"; exit 1
  fi
  echo "ok: $(basename "$bin"): $n benchmarks"
done
