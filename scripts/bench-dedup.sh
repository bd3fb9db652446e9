#!/usr/bin/env bash
# bench-dedup.sh — how well the unified `observation` view merges the same
# lab result reported by several systems, scored against Riverside's ground
# truth (data/truth/same_facts.csv): true duplicate facts, rows merged,
# merged exactly right, wrongly merged (records of different facts), missed.
# Uses the real link index (`tessera gen` links; `tessera link` re-links).
#
# Usage: scripts/bench-dedup.sh [--people N]   (default 10000; reuses the home)
# Environment: TESSERA_BENCH_HOME (default /tmp/tessera-dedup-N), TESSERA (the binary)
set -euo pipefail
cd "$(dirname "$0")/.."
people=10000
[[ ${1:-} == --people ]] && people=${2:?--people needs a number}
home=${TESSERA_BENCH_HOME:-/tmp/tessera-dedup-$people}
tessera=${TESSERA:-}
if [[ -z $tessera ]]; then
  bazel build -c opt //engine/cli:tessera
  tessera="$(bazel info -c opt bazel-bin 2>/dev/null)/engine/cli/tessera"
fi

if ! grep -qs "^people,$people\$" "$home/data/truth/manifest.csv"; then
  "$tessera" gen --home "$home" --people "$people"
fi
# The device hub on a free port, for the view's device branches.
"$tessera" devicehub --home "$home" --listen 127.0.0.1:0 >"$home/hub.out" 2>&1 &
hub=$!
trap 'kill $hub 2>/dev/null || true' EXIT
for _ in $(seq 600); do grep -q 'on 127' "$home/hub.out" && break; sleep 0.1; done
address=$(grep -o 'on 127\.0\.0\.1:[0-9]*' "$home/hub.out" | cut -c4-)
sed "s/127\.0\.0\.1:50071/$address/" "$home/tessera.textproto" >"$home/bench.textproto"

start=$(date +%s%N)
"$tessera" query --config "$home/bench.textproto" --format csv \
  "SELECT source_records FROM observation WHERE category = 'laboratory' AND source_records LIKE '%,%'" \
  >"$home/merged.csv"
echo "query: $(( ($(date +%s%N) - start) / 1000000 )) ms"

python3 - "$home" <<'PY'
import csv, collections, sys
home = sys.argv[1]
facts = collections.defaultdict(set)
for r in csv.DictReader(open(f"{home}/data/truth/same_facts.csv")):
    facts[r["fact_id"]].add(f"{r['source']}:{r['record_id']}")
truth = {frozenset(v) for v in facts.values() if len(v) > 1}
fact_of = {rec: fid for fid, recs in facts.items() for rec in recs}
found = {frozenset(row[0].split(",")) for row in list(csv.reader(open(f"{home}/merged.csv")))[1:]}
right = len(found & truth)
wrong = sum(1 for g in found if len({fact_of.get(x, "solo:" + x) for x in g}) > 1)
print(f"true duplicate facts {len(truth)}; rows merged {len(found)}; exactly right {right}; "
      f"wrongly merged {wrong}; missed {len(truth) - right}")
if found and truth:
    print(f"precision {right / len(found):.4f}  recall {right / len(truth):.4f}")
PY
