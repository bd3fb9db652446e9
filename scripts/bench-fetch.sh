#!/usr/bin/env bash
# bench-fetch.sh — fetch throughput of the ODBC connector beside each database's
# own command-line client, on a 1M-row table, and the ratio connector/native.
#
# Usage: scripts/bench-fetch.sh [benchmark flags, e.g. --benchmark_filter=sqlite]
#
# Starts the private PostgreSQL and MariaDB servers (scripts/lib/servers.sh),
# builds //bench:odbc_fetch_benchmark with -c opt, runs it (every repetition of
# every benchmark interleaved in random order, so that drift on the machine
# hits connector and native alike) and prints, per database, the median rows/s
# of both and their ratio. The first run creates the tables (seconds each).
#
# Environment:
#   TESSERA_BENCH_OUT          JSON results file (default /tmp/tessera-bench-fetch.json)
#   TESSERA_BENCH_REPETITIONS  runs per benchmark; the median is reported (default 7)
#   TESSERA_BENCH_SQLITE       SQLite file (default /tmp/tessera_fetch_bench.db)
#   TESSERA_BENCH_MIN_RATIO    if set (e.g. 0.8), exit 1 when a ratio is below it
#   TESSERA_BENCH_NO_SERVERS=1 do not start the servers (SQLite only unless the
#                              TESSERA_PG_CONN / TESSERA_MARIADB_CONN are set)
set -euo pipefail

me=$(basename "$0")
cd "$(dirname "$0")/.."

out=${TESSERA_BENCH_OUT:-/tmp/tessera-bench-fetch.json}

if [[ ${TESSERA_BENCH_NO_SERVERS:-} != 1 ]]; then
  bash scripts/lib/servers.sh start
  eval "$(bash scripts/lib/servers.sh env)"
fi

bazel build -c opt //bench:odbc_fetch_benchmark
bin="$(bazel info -c opt bazel-bin 2>/dev/null)/bench/odbc_fetch_benchmark"

echo "$me: running $bin (results in $out)"
"$bin" --benchmark_enable_random_interleaving=true \
  --benchmark_out="$out" --benchmark_out_format=json "$@"

python3 - "$out" "${TESSERA_BENCH_MIN_RATIO:-}" <<'PY'
import json, sys

path, min_ratio = sys.argv[1], sys.argv[2]
with open(path) as f:
    results = json.load(f)
runs = results["benchmarks"]
load = results.get("context", {}).get("load_avg", [])

# run_name looks like "fetch/postgresql/connector/iterations:1/repeats:7/real_time".
medians, errors = {}, {}
for b in runs:
    group, db, kind = b["run_name"].split("/")[:3]
    if b.get("error_occurred"):
        errors[db] = b.get("error_message", "error")
    if b.get("aggregate_name") == "median":
        medians[(group, db, kind)] = b

def rate(b):
    return b.get("items_per_second") if b else None

def fmt_rate(r):
    return "-" if r is None else f"{r / 1e6:.3f}M"

def fmt_ms(b):
    return "-" if b is None else f"{b['real_time']:.0f}"

dbs = []
for (_, db, _) in medians:
    if db not in dbs:
        dbs.append(db)
for db in errors:
    if db not in dbs:
        dbs.append(db)

print()
print("Fetch of 1M rows (medians; rows/s = rows per wall-clock second)")
header = f"{'database':<11} {'connector rows/s':>17} {'native rows/s':>14} {'ratio':>6}   {'connector ms':>12} {'native ms':>9} {'native startup ms':>17}"
print(header)
print("-" * len(header))
failed = False
for db in dbs:
    conn = medians.get(("fetch", db, "connector"))
    native = medians.get(("fetch", db, "native"))
    startup = medians.get(("startup", db, "native"))
    ratio = rate(conn) / rate(native) if rate(conn) and rate(native) else None
    note = ""
    if ratio is not None and ratio < 0.8:
        note = "  below 0.8"
    if ratio is not None and min_ratio and ratio < float(min_ratio):
        failed = True
    if db in errors:
        note = f"  error: {errors[db]}"
        failed = failed or bool(min_ratio)
    startup_ms = "-" if startup is None else f"{startup['real_time']:.1f}"
    print(f"{db:<11} {fmt_rate(rate(conn)):>17} {fmt_rate(rate(native)):>14} "
          f"{'-' if ratio is None else f'{ratio:.2f}':>6}   {fmt_ms(conn):>12} {fmt_ms(native):>9} "
          f"{startup_ms:>17}{note}")
print()
if load and load[0] > 0.5:
    print(f"warning: the load average was {load[0]:.2f} when the run started: other work competed "
          "for the CPUs, so these numbers are noisy; rerun on a quiet machine.")
print("native = psql -At / mariadb --quick -N -B / sqlite3 writing the same rows to /dev/null;")
print("its time includes starting the client and connecting (the startup column).")
sys.exit(1 if failed else 0)
PY
