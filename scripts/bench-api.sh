#!/usr/bin/env bash
# bench-api.sh — what the client API costs: streaming 1M rows through
# ExecuteQuery beside a bare gRPC service streaming the same bytes (the
# floor), and a patient lookup through the API beside the in-process call
# (and beside a bare gRPC replay of one lookup's messages).
#
# Usage: scripts/bench-api.sh [benchmark flags, e.g. --benchmark_filter=lookup]
#
# Builds //bench/api:api_benchmark with -c opt and runs it: a Tessera server
# and the bare replay server on 127.0.0.1 in the benchmark's process, every
# repetition of every benchmark interleaved in random order, so that drift on
# the machine hits each path alike. Prints one table of medians (and of the
# lookups' per-call p50/p95/p99) with the ratios engine/floor,
# API/in-process and API/floor. The first run creates the 1M-row SQLite table (seconds).
# Takes about a minute or two.
#
# Environment:
#   TESSERA_BENCH_OUT          Google Benchmark JSON (default /tmp/tessera-bench-api.json)
#   TESSERA_BENCH_SUMMARY      the table as JSON (default /tmp/tessera-bench-api-summary.json)
#   TESSERA_BENCH_REPETITIONS  runs per benchmark; medians are reported (default 7)
#   TESSERA_BENCH_LOOKUPS      lookups timed per repetition (default 300)
#   TESSERA_BENCH_SQLITE       the fetch_bench SQLite file (default /tmp/tessera_fetch_bench.db)
#   TESSERA_BENCH_EHR_DB       a Riverside ehr.db; default the check home's, else one
#                              made by 'tessera gen --people 1000' under /tmp
set -euo pipefail

me=$(basename "$0")
cd "$(dirname "$0")/.."

out=${TESSERA_BENCH_OUT:-/tmp/tessera-bench-api.json}
summary=${TESSERA_BENCH_SUMMARY:-/tmp/tessera-bench-api-summary.json}

bazel build -c opt //bench/api:api_benchmark
bin_dir="$(bazel info -c opt bazel-bin 2>/dev/null)"

if [[ -z ${TESSERA_BENCH_EHR_DB:-} ]]; then
  ehr=/root/.cache/tessera/check-home/data/ehr.db
  if [[ ! -f $ehr ]]; then
    home=/tmp/tessera-bench-api-home
    ehr=$home/data/ehr.db
    if [[ ! -f $ehr ]]; then
      bazel build -c opt //engine/cli:tessera
      echo "$me: generating a Riverside of 1000 people in $home"
      "$bin_dir/engine/cli/tessera" gen --home "$home" --people 1000 >/dev/null
    fi
  fi
  export TESSERA_BENCH_EHR_DB=$ehr
fi

echo "$me: running $bin_dir/bench/api/api_benchmark (results in $out)"
"$bin_dir/bench/api/api_benchmark" --benchmark_enable_random_interleaving=true \
  --benchmark_out="$out" --benchmark_out_format=json "$@"

python3 - "$out" "$summary" <<'PY'
import json, sys

path, summary_path = sys.argv[1], sys.argv[2]
with open(path) as f:
    results = json.load(f)
load = results.get("context", {}).get("load_avg", [])

# run_name looks like "stream/engine/iterations:1/repeats:7/real_time".
medians, errors, reps = {}, {}, {}
for b in results["benchmarks"]:
    key = tuple(b["run_name"].split("/")[:2])
    if b.get("error_occurred"):
        errors[key] = b.get("error_message", "error")
    if b.get("aggregate_name") == "median":
        medians[key] = b
        reps[key] = b.get("repetitions")

def ratio(a, b):
    return a / b if a and b else None

def f2(x, fmt="{:.2f}"):
    return "-" if x is None else fmt.format(x)

table = {"stream": {}, "lookup": {}}
print()
print("ExecuteQuery streaming 1M rows (SELECT * FROM bench.fetch_bench; medians)")
header = f"{'path':<34} {'rows/s':>9} {'MB/s':>8} {'ms':>8} {'vs floor':>9}"
print(header)
print("-" * len(header))
floor = medians.get(("stream", "floor"))
floor_rate = floor.get("items_per_second") if floor else None
labels = {"engine": "engine (tessera server, gRPC)", "floor": "floor (bare gRPC replay)",
          "inprocess": "in-process Session (no gRPC)"}
for kind in ("engine", "floor", "inprocess"):
    b = medians.get(("stream", kind))
    note = f"  error: {errors[('stream', kind)]}" if ("stream", kind) in errors else ""
    if b is None:
        print(f"{labels[kind]:<34} {'-':>9} {'-':>8} {'-':>8} {'-':>9}{note}")
        continue
    rows, mb = b.get("items_per_second"), b.get("bytes_per_second", 0) / 1e6
    r = ratio(rows, floor_rate)
    table["stream"][kind] = {"rows_per_s": rows, "wire_mb_per_s": mb, "ms": b["real_time"],
                             "vs_floor": r, "repetitions": reps[("stream", kind)]}
    print(f"{labels[kind]:<34} {rows / 1e6:>8.3f}M {mb:>8.1f} {b['real_time']:>8.0f} {f2(r):>9}{note}")
print("MB/s counts the serialized ExecuteQueryResponse bytes the engine sends (the floor replays those bytes);")
print("vs floor = rows/s of the path / rows/s of the floor (1.00: the API costs what gRPC alone costs).")

print()
print("Patient lookup (SELECT * FROM ehr.patient WHERE patient_id = N, the three ways in turn call by call;")
print("per-call latency percentiles of each repetition, medians over repetitions)")
header = f"{'path':<34} {'p50 us':>9} {'p95 us':>9} {'p99 us':>9}"
print(header)
print("-" * len(header))
paired = medians.get(("lookup", "paired"))
lookup_error = errors.get(("lookup", "paired"))
for kind, label in (("api", "API (ExecuteQuery over 127.0.0.1)"), ("floor", "floor (bare gRPC replay, 1 row)"),
                    ("inprocess", "in-process Session::Execute")):
    if paired is None:
        print(f"{label:<34} {'-':>9} {'-':>9} {'-':>9}" + (f"  error: {lookup_error}" if lookup_error else ""))
        continue
    table["lookup"][kind] = {q: paired.get(f"{kind}_{q}") for q in ("p50_us", "p95_us", "p99_us")}
    table["lookup"][kind].update(calls=paired.get("calls"), repetitions=reps[("lookup", "paired")])
    v = table["lookup"][kind]
    print(f"{label:<34} {v['p50_us']:>9.0f} {v['p95_us']:>9.0f} {v['p99_us']:>9.0f}")
api, local = table["lookup"].get("api"), table["lookup"].get("inprocess")
if api and local:
    r = {q: ratio(api[q], local[q]) for q in ("p50_us", "p95_us", "p99_us")}
    d = {q: api[q] - local[q] for q in ("p50_us", "p95_us", "p99_us")}
    table["lookup"]["api_over_inprocess"] = r
    table["lookup"]["api_minus_inprocess_us"] = d
    print(f"{'ratio API / in-process':<34} {f2(r['p50_us']):>9} {f2(r['p95_us']):>9} {f2(r['p99_us']):>9}")
    print(f"{'API minus in-process (us)':<34} {d['p50_us']:>9.0f} {d['p95_us']:>9.0f} {d['p99_us']:>9.0f}")
floor_l = table["lookup"].get("floor")
if api and floor_l:
    r = {q: ratio(api[q], floor_l[q]) for q in ("p50_us", "p95_us", "p99_us")}
    table["lookup"]["api_over_floor"] = r
    print(f"{'ratio API / floor':<34} {f2(r['p50_us']):>9} {f2(r['p95_us']):>9} {f2(r['p99_us']):>9}")
print()
if load and load[0] > 0.5:
    print(f"warning: the load average was {load[0]:.2f} when the run started: other work competed "
          "for the CPUs, so these numbers are noisy; rerun on a quiet machine.")
table["load_avg"] = load
table["benchmark_json"] = path
with open(summary_path, "w") as f:
    json.dump(table, f, indent=2)
print(f"summary written to {summary_path}")
sys.exit(1 if errors else 0)
PY
