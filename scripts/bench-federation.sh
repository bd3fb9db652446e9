#!/usr/bin/env bash
# bench-federation.sh — a cross-source join plus aggregate (EHR in PostgreSQL,
# lab in MariaDB) at Riverside scale: Tessera's time beside its floor (the
# sub-queries its EXPLAIN shows, run directly and concurrently) and beside a
# PostgreSQL peer with postgres_fdw + mysql_fdw over the same databases.
#
# Usage: scripts/bench-federation.sh [benchmark flags]
#
# Does everything, idempotently: installs missing packages (build, servers,
# postgresql-15-mysql-fdw), starts a SEPARATE PostgreSQL + MariaDB pair (so the
# tests' 1,000-person data in the default servers is untouched), generates
# Riverside into it only if its marker is absent, sets up the peer databases,
# builds with -c opt, runs //bench/federation:federated_join_benchmark (all
# repetitions randomly interleaved), prints medians and ratios and writes the
# JSON it names. The bench servers are left running (stop them with
# TESSERA_SERVERS_DIR=... TESSERA_PG_PORT=... TESSERA_MARIADB_PORT=...
# scripts/lib/servers.sh stop).
#
# Environment:
#   TESSERA_BENCH_PEOPLE       Riverside size (default 100000)
#   TESSERA_BENCH_OUT          JSON results (default /tmp/tessera-bench-federation.json)
#   TESSERA_BENCH_REPETITIONS  runs per variant, median reported (default 7)
#   TESSERA_SERVERS_DIR, TESSERA_PG_PORT, TESSERA_MARIADB_PORT
#                              the bench servers (default /tmp/bench-servers,
#                              56433, 54307)
set -euo pipefail

me=$(basename "$0")
log() { echo "$me: $*"; }
cd "$(dirname "$0")/.."

people=${TESSERA_BENCH_PEOPLE:-100000}
out=${TESSERA_BENCH_OUT:-/tmp/tessera-bench-federation.json}
export TESSERA_SERVERS_DIR=${TESSERA_SERVERS_DIR:-/tmp/bench-servers}
export TESSERA_PG_PORT=${TESSERA_PG_PORT:-56433}
export TESSERA_MARIADB_PORT=${TESSERA_MARIADB_PORT:-54307}

# ------------------------------------------------------------- packages
bash scripts/lib/install-deps.sh build servers
if ! dpkg-query -W -f='${Status}' postgresql-15-mysql-fdw 2>/dev/null | grep -q 'ok installed'; then
  log "installing postgresql-15-mysql-fdw"
  SUDO=(); [[ $(id -u) -eq 0 ]] || SUDO=(sudo)
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql-15-mysql-fdw
fi

# -------------------------------------------------------------- servers
bash scripts/lib/servers.sh start
eval "$(bash scripts/lib/servers.sh env)"
pg_conn=$TESSERA_PG_CONN my_conn=$TESSERA_MARIADB_CONN
psql_as() {  # DB SQL...: psql as tessera on the bench PostgreSQL
  local db=$1; shift
  PGPASSWORD=tessera psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$TESSERA_PG_PORT" -U tessera -d "$db" "$@"
}

# ---------------------------------------------------------------- build
bazel build -c opt //engine/cli:tessera //bench/federation:federated_join_benchmark
bin_dir=$(bazel info -c opt bazel-bin 2>/dev/null)

# ----------------------------------------------------------------- data
home=$TESSERA_SERVERS_DIR/riverside-$people
marker=$home/.bench-loaded
loaded_people() {
  PGPASSWORD=tessera psql -X -tA -h 127.0.0.1 -p "$TESSERA_PG_PORT" -U tessera -d riverside \
    -c 'SELECT count(*) FROM ehr.patient' 2>/dev/null || echo 0
}
if [[ -f $marker && $(cat "$marker") == "$people" && $(loaded_people) -gt 0 ]]; then
  log "Riverside ($people people) already loaded (marker $marker)"
else
  # Another size may be loaded; the generator replaces ehr/lab/pharmacy.
  rm -f "$TESSERA_SERVERS_DIR"/riverside-*/.bench-loaded
  log "generating Riverside, $people people, into $home and the bench servers (minutes)"
  start=$SECONDS
  "$bin_dir/engine/cli/tessera" gen --home "$home" --people "$people" \
    --postgres "$pg_conn" --mariadb "$my_conn"
  psql_as riverside -c 'ANALYZE'
  echo "$people" >"$marker"
  log "generated in $((SECONDS - start)) s"
fi

# ----------------------------------------------------------------- peer
# Two peer databases with the same foreign tables: remote estimates off (the
# default) and on; the report keeps the faster. Recreated every run (cheap).
# Remote estimates are turned on for postgres_fdw only: with mysql_fdw's on,
# its estimates (rows=1 per table at 100k people) led PostgreSQL to a nested
# loop of remote scans that had not finished after several minutes.
setup_peer() {  # DB ESTIMATE(true|false)
  local db=$1 est=$2
  psql_as riverside -tA -c "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 \
    || psql_as riverside -c "CREATE DATABASE $db"
  psql_as "$db" <<EOF
CREATE EXTENSION IF NOT EXISTS postgres_fdw;
CREATE EXTENSION IF NOT EXISTS mysql_fdw;
DROP SERVER IF EXISTS ehr_server CASCADE;
DROP SERVER IF EXISTS lab_server CASCADE;
DROP SCHEMA IF EXISTS ehr CASCADE;
DROP SCHEMA IF EXISTS lab CASCADE;
CREATE SERVER ehr_server FOREIGN DATA WRAPPER postgres_fdw
  OPTIONS (host '127.0.0.1', port '$TESSERA_PG_PORT', dbname 'riverside',
           fetch_size '10000', use_remote_estimate '$est');
CREATE USER MAPPING FOR tessera SERVER ehr_server OPTIONS (user 'tessera', password 'tessera');
CREATE SCHEMA ehr;
IMPORT FOREIGN SCHEMA ehr FROM SERVER ehr_server INTO ehr;
CREATE SERVER lab_server FOREIGN DATA WRAPPER mysql_fdw
  OPTIONS (host '127.0.0.1', port '$TESSERA_MARIADB_PORT', fetch_size '10000', use_remote_estimate 'false');
CREATE USER MAPPING FOR tessera SERVER lab_server OPTIONS (username 'tessera', password 'tessera');
CREATE SCHEMA lab;
IMPORT FOREIGN SCHEMA lab FROM SERVER lab_server INTO lab;
EOF
  # Local statistics for the foreign tables help the planner when remote
  # estimates are off; mysql_fdw may not support ANALYZE, which is fine.
  psql_as "$db" -c 'ANALYZE ehr.patient, ehr.condition' >/dev/null
  psql_as "$db" -c 'ANALYZE lab.patient, lab.lab_result' >/dev/null 2>&1 \
    || log "$db: ANALYZE of mysql_fdw tables not supported; planner uses defaults"
}
setup_peer peer false
setup_peer peer_re true
peer_conn() { echo "Driver=PostgreSQL Unicode;Server=127.0.0.1;Port=$TESSERA_PG_PORT;Database=$1;Uid=tessera;Pwd=tessera;UseDeclareFetch=1;Fetch=10000"; }
log "the peer has no SQLite wrapper; pharmacy (SQLite) is not in this query, so it was not loaded into the peer"

# ------------------------------------------------------------------ run
export TESSERA_BENCH_PG_CONN=$pg_conn TESSERA_BENCH_MARIADB_CONN=$my_conn
export TESSERA_BENCH_PEERS="estimate_off=$(peer_conn peer)|estimate_on=$(peer_conn peer_re)"
log "running federated_join_benchmark at $people people (results in $out)"
"$bin_dir/bench/federation/federated_join_benchmark" --benchmark_enable_random_interleaving=true \
  --benchmark_out="$out" --benchmark_out_format=json "$@"

python3 - "$out" "$people" <<'PY'
import json, sys

path, people = sys.argv[1], int(sys.argv[2])
with open(path) as f:
    runs = json.load(f)["benchmarks"]
med, errors = {}, {}
for b in runs:
    name = b["run_name"].split("/")[1]
    if b.get("error_occurred"):
        errors[name] = b.get("error_message", "error")
    if b.get("aggregate_name") == "median":
        med[name] = b["real_time"]  # ms (Unit kMillisecond)
for name, msg in errors.items():
    print(f"ERROR {name}: {msg}")
peers = {k: v for k, v in med.items() if k.startswith("peer_")}
best_peer = min(peers, key=peers.get) if peers else None
t, fl = med.get("tessera"), med.get("floor")
p = peers.get(best_peer) if best_peer else None
def ms(x): return "-" if x is None else f"{x:.1f}"
def ratio(a, b): return "-" if a is None or b is None else f"{a / b:.2f}"
print()
print(f"Cross-source join + aggregate at {people:,} people, medians of {sum(1 for b in runs if b.get('run_type') == 'iteration') // max(1, len(med))} runs (ms)")
for k in sorted(peers):
    print(f"  peer variant {k}: {ms(peers[k])} ms")
hdr = f"{'tessera ms':>10} {'floor ms':>9} {'peer ms':>8} {'tessera/floor':>13} {'tessera/peer':>12}  peer used"
print(hdr)
print("-" * len(hdr))
print(f"{ms(t):>10} {ms(fl):>9} {ms(p):>8} {ratio(t, fl):>13} {ratio(t, p):>12}  {best_peer or '-'}")
print(f"JSON: {path}")
PY
