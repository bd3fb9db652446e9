#!/usr/bin/env bash
# bench-micro.sh — the engine's micro-benchmarks (bench/micro/): hash join,
# hash aggregate, deduplication, Jaro-Winkler, the batch wire codec, and the
# whole in-process path of a small query. Prints each benchmark's median
# time and rates over the repetitions, and a point lookup through Tessera
# against the same lookup sent to its source directly (the baseline).
#
# Usage: scripts/bench-micro.sh [--help] [benchmark flags, passed to every
#        binary, e.g. --benchmark_filter=HashJoin --benchmark_min_time=1]
#
# Builds with -c opt (as the other bench scripts do) and runs every binary
# with repetitions, aggregate reporting and the repetitions interleaved in
# random order. The small-query benchmark needs a home made by `tessera gen`.
#
# Environment:
#   TESSERA_BENCH_REPETITIONS  runs per benchmark; the median is reported (default 5)
#   TESSERA_BENCH_OUT          directory for the JSON results (default /tmp/tessera-bench-micro)
#   TESSERA_BENCH_HOME         home for the small-query benchmark
#                              (default /root/.cache/tessera/check-home; skipped if absent)
set -euo pipefail

if [[ ${1:-} == --help || ${1:-} == -h ]]; then
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
  exit 0
fi

me=$(basename "$0")
cd "$(dirname "$0")/.."

reps=${TESSERA_BENCH_REPETITIONS:-5}
out=${TESSERA_BENCH_OUT:-/tmp/tessera-bench-micro}
export TESSERA_BENCH_HOME=${TESSERA_BENCH_HOME:-/root/.cache/tessera/check-home}
mkdir -p "$out"

benchmarks=(hash_join_benchmark hash_aggregate_benchmark dedup_benchmark
            jaro_winkler_benchmark batch_codec_benchmark small_query_benchmark)
targets=()
for b in "${benchmarks[@]}"; do targets+=("//bench/micro:$b"); done
bazel build -c opt "${targets[@]}"
bin_dir="$(bazel info -c opt bazel-bin 2>/dev/null)/bench/micro"

for b in "${benchmarks[@]}"; do
  if [[ $b == small_query_benchmark && ! -f $TESSERA_BENCH_HOME/tessera.textproto ]]; then
    echo "$me: skipping $b: no home at $TESSERA_BENCH_HOME (set TESSERA_BENCH_HOME)"
    continue
  fi
  echo "$me: running $b (results in $out/$b.json)"
  "$bin_dir/$b" --benchmark_repetitions="$reps" --benchmark_report_aggregates_only=true \
    --benchmark_enable_random_interleaving=true \
    --benchmark_out="$out/$b.json" --benchmark_out_format=json "$@" >/dev/null
done

python3 - "$out" "${benchmarks[@]}" <<'PY'
import json, os, sys

out, names = sys.argv[1], sys.argv[2:]

def load_results(name):
    """The benchmark's JSON results, or None (not run, or a filter matched none)."""
    path = os.path.join(out, name + ".json")
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None

def rate(v, unit):
    if v is None:
        return "-"
    for scale, prefix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if v >= scale:
            return f"{v / scale:.2f}{prefix}{unit}"
    return f"{v:.1f}{unit}"

print()
print(f"{'benchmark':<44} {'median time':>14} {'items/s':>11} {'bytes/s':>12} {'cv':>6}")
load = None
for name in names:
    results = load_results(name)
    if results is None:
        continue
    load = load or results.get("context", {}).get("load_avg")
    rows = {}
    for b in results["benchmarks"]:
        if b.get("error_occurred"):
            print(f"{b['run_name']:<44} error: {b.get('error_message')}")
        agg = b.get("aggregate_name")
        if agg in ("median", "cv"):
            rows.setdefault(b["run_name"], {})[agg] = b
    for run, aggs in rows.items():
        m = aggs.get("median")
        if m is None:
            continue
        cv = aggs.get("cv", {}).get("real_time")
        t = f"{m['real_time']:.3f} {m['time_unit']}"
        print(f"{run:<44} {t:>14} {rate(m.get('items_per_second'), '/s'):>11} "
              f"{rate(m.get('bytes_per_second'), 'B/s'):>12} {'-' if cv is None else f'{cv * 100:.1f}%':>6}")
# What Tessera adds to a point lookup, against the same lookup sent directly.
medians = {}
for name in names:
    for b in (load_results(name) or {}).get("benchmarks", []):
        if b.get("aggregate_name") == "median":
            medians[b["run_name"].split("/real_time")[0]] = b["real_time"]
if "ehr_lookup/session" in medians and "ehr_lookup/direct" in medians:
    print(f"\nehr point lookup: Tessera/direct = {medians['ehr_lookup/session'] / medians['ehr_lookup/direct']:.2f} "
          f"({medians['ehr_lookup/session']:.0f} us / {medians['ehr_lookup/direct']:.0f} us, medians)")
if load and load[0] > 1.0:
    print(f"\nwarning: the load average was {load[0]:.2f} when a run started: other work competed "
          "for the CPUs, so these numbers are noisy.")
PY
