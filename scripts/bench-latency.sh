#!/usr/bin/env bash
# bench-latency.sh — the dashboard workloads' latency: Tessera (over its gRPC
# API) beside its floor (the sub-queries a perfect engine would send, run
# directly and concurrently on each database) and beside a PostgreSQL peer
# federating the same databases with postgres_fdw and mysql_fdw.
#
# Usage: scripts/bench-latency.sh [--people N] [--concurrency LIST]
#                                 [--seconds S] [--workloads a,b]
#   --people N         Riverside size (default 10000)
#   --concurrency LIST closed-loop clients per phase (default 1,8,32)
#   --seconds S        time per workload, system and concurrency, split over
#                      3 interleaved rounds (default 6)
#   --workloads LIST   a subset of the workloads (default all)
#
# Does everything, idempotently: installs missing packages (build, servers,
# bench), starts its own PostgreSQL + MariaDB pair (so neither the tests'
# servers nor bench-federation's are touched), generates Riverside only when
# the servers do not already hold that size (ehr in PostgreSQL, lab in
# MariaDB, pharmacy and the link index in SQLite, devices on the hub), sets
# up the peer, starts the device hub and `tessera serve` for the run, checks
# every workload's answers equal across the three, times them, prints one
# table, and writes the JSON with every figure and a PNG of the latency
# distributions. The servers are left running (stop them with
# TESSERA_SERVERS_DIR=/tmp/bench-latency-servers TESSERA_PG_PORT=56434
# TESSERA_MARIADB_PORT=54308 scripts/lib/servers.sh stop).
#
# Environment:
#   TESSERA_BENCH_OUT   results prefix (default /tmp/tessera-bench-latency-N:
#                       .json and .png)
#   TESSERA_SERVERS_DIR, TESSERA_PG_PORT, TESSERA_MARIADB_PORT
#                       the bench servers (default /tmp/bench-latency-servers,
#                       56434, 54308)
#   TESSERA_BENCH_SERVE_PORT, TESSERA_BENCH_HUB_PORT
#                       tessera serve and the device hub (default 56470, 56471)
set -euo pipefail

me=$(basename "$0")
log() { echo "$me: $*"; }
die() { echo "$me: error: $*" >&2; exit 1; }
cd "$(dirname "$0")/.."

people=10000 concurrency=1,8,32 seconds=6 workloads=
while [[ $# -gt 0 ]]; do
  case $1 in
    --people) people=${2:?--people needs a number}; shift 2 ;;
    --concurrency) concurrency=${2:?--concurrency needs a list}; shift 2 ;;
    --seconds) seconds=${2:?--seconds needs a number}; shift 2 ;;
    --workloads) workloads=${2:?--workloads needs a list}; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done
[[ $people =~ ^[1-9][0-9]*$ ]] || die "--people: '$people' is not a positive number"
[[ $concurrency =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || die "--concurrency: '$concurrency' is not a list like 1,8,32"
[[ $seconds =~ ^[1-9][0-9]*$ ]] || die "--seconds: '$seconds' is not a positive number"

out=${TESSERA_BENCH_OUT:-/tmp/tessera-bench-latency-$people}
export TESSERA_SERVERS_DIR=${TESSERA_SERVERS_DIR:-/tmp/bench-latency-servers}
export TESSERA_PG_PORT=${TESSERA_PG_PORT:-56434}
export TESSERA_MARIADB_PORT=${TESSERA_MARIADB_PORT:-54308}
serve_port=${TESSERA_BENCH_SERVE_PORT:-56470}
hub_port=${TESSERA_BENCH_HUB_PORT:-56471}

# ------------------------------------------------------------- packages
bash scripts/lib/install-deps.sh build servers bench

# -------------------------------------------------------------- servers
bash scripts/lib/servers.sh start
eval "$(bash scripts/lib/servers.sh env)"
pg_conn=$TESSERA_PG_CONN my_conn=$TESSERA_MARIADB_CONN
psql_as() {  # DB ARGS...: psql as tessera on the bench PostgreSQL
  local db=$1; shift
  PGPASSWORD=tessera PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$TESSERA_PG_PORT" -U tessera -d "$db" "$@"
}
# At 32 clients, Tessera, the floor and the peer each open hundreds of
# connections (a patient's record reads fifteen tables at once).
if [[ $(psql_as riverside -tA -c 'SHOW max_connections') -lt 1000 ]]; then
  psql_as riverside -c 'ALTER SYSTEM SET max_connections = 1000'
  bash scripts/lib/servers.sh stop
  bash scripts/lib/servers.sh start
fi
mysql -h 127.0.0.1 -P "$TESSERA_MARIADB_PORT" -u tessera -ptessera -e 'SET GLOBAL max_connections = 1000' 

# ---------------------------------------------------------------- build
bazel build //engine/cli:tessera //bench/latency:latency_bench
bin_dir=$(bazel info bazel-bin 2>/dev/null)
tessera=$bin_dir/engine/cli/tessera

# ----------------------------------------------------------------- data
# The servers hold one size at a time (the generator replaces the ehr, lab
# and pharmacy schemas); each size keeps its own home (SQLite files, link
# index, device files), so switching back only reloads the servers.
home=$TESSERA_SERVERS_DIR/riverside-$people
marker=$TESSERA_SERVERS_DIR/loaded-people
loaded_people() {
  PGPASSWORD=tessera psql -X -tA -h 127.0.0.1 -p "$TESSERA_PG_PORT" -U tessera -d riverside \
    -c 'SELECT count(*) FROM ehr.patient' 2>/dev/null || echo 0
}
if [[ -f $marker && $(cat "$marker") == "$people" && -f $home/link.db && $(loaded_people) -gt 0 ]]; then
  log "Riverside ($people people) already loaded (marker $marker)"
else
  rm -f "$marker"
  log "generating Riverside, $people people, into $home and the bench servers (minutes)"
  start=$SECONDS
  mkdir -p "$home"
  "$tessera" gen --home "$home" --people "$people" --postgres "$pg_conn" --mariadb "$my_conn"
  psql_as riverside -c 'ANALYZE'
  echo "$people" >"$marker"
  log "generated in $((SECONDS - start)) s"
fi
python3 bench/latency/federated_config.py "$home/tessera.textproto" "$pg_conn" "$my_conn" \
  "127.0.0.1:$hub_port" >"$home/bench.textproto"
cat >"$home/serve.textproto" <<CFG
listen_address: "127.0.0.1:$serve_port"
sources_config: "bench.textproto"
max_concurrent_queries: 64
CFG

# ----------------------------------------------------------------- peer
# The peer federates the same databases: ehr through postgres_fdw, lab
# through mysql_fdw. PostgreSQL has no SQLite wrapper in Debian, so the peer
# reads pharmacy from its PostgreSQL copy (same rows) and keeps the link
# index in a local table; the table printed below says so. It is set up
# twice, with the wrappers' use_remote_estimate on (database peer) and off
# (peer_plain): the benchmark times each workload on whichever is faster.
setup_peer() {  # DB ESTIMATE
  local db=$1 estimate=$2
psql_as riverside -tA -c "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 \
  || psql_as riverside -c "CREATE DATABASE $db"
psql_as "$db" <<SQL
CREATE EXTENSION IF NOT EXISTS postgres_fdw;
CREATE EXTENSION IF NOT EXISTS mysql_fdw;
DROP SERVER IF EXISTS ehr_server CASCADE;
DROP SERVER IF EXISTS lab_server CASCADE;
DROP SCHEMA IF EXISTS ehr CASCADE;
DROP SCHEMA IF EXISTS lab CASCADE;
DROP SCHEMA IF EXISTS pharmacy CASCADE;
DROP SCHEMA IF EXISTS identity CASCADE;
CREATE SERVER ehr_server FOREIGN DATA WRAPPER postgres_fdw
  OPTIONS (host '127.0.0.1', port '$TESSERA_PG_PORT', dbname 'riverside',
           fetch_size '10000', use_remote_estimate '$estimate');
CREATE USER MAPPING FOR tessera SERVER ehr_server OPTIONS (user 'tessera', password 'tessera');
CREATE SCHEMA ehr;
IMPORT FOREIGN SCHEMA ehr FROM SERVER ehr_server INTO ehr;
CREATE SCHEMA pharmacy;
IMPORT FOREIGN SCHEMA pharmacy FROM SERVER ehr_server INTO pharmacy;
CREATE SERVER lab_server FOREIGN DATA WRAPPER mysql_fdw
  OPTIONS (host '127.0.0.1', port '$TESSERA_MARIADB_PORT', fetch_size '10000', use_remote_estimate '$estimate');
CREATE USER MAPPING FOR tessera SERVER lab_server OPTIONS (username 'tessera', password 'tessera');
CREATE SCHEMA lab;
IMPORT FOREIGN SCHEMA lab FROM SERVER lab_server INTO lab;
CREATE SCHEMA identity;
CREATE TABLE identity.link_record (enterprise_id bigint NOT NULL, source text NOT NULL,
  record_type text NOT NULL, record_id text NOT NULL, PRIMARY KEY (source, record_type, record_id));
SQL
sqlite3 -csv "$home/link.db" 'SELECT enterprise_id, source, record_type, record_id FROM link_record' \
  | psql_as "$db" -c '\copy identity.link_record FROM STDIN WITH (FORMAT csv)'
# The code map too: the peer has no map_code(), so its SQL joins this table.
psql_as "$db" -c 'CREATE TABLE identity.code_map (map text NOT NULL, code text NOT NULL, unit text,
  standard_code text NOT NULL, factor double precision NOT NULL, "offset" double precision NOT NULL)'
python3 - "$home/data/terminology/code_map.csv" <<'PY' | psql_as "$db" -c '\copy identity.code_map FROM STDIN WITH (FORMAT csv)'
import csv, sys
out = csv.writer(sys.stdout)
for r in csv.DictReader(open(sys.argv[1])):
    out.writerow([f"{r['source']}.{r['table']}.{r['code_column']}", r["code"], r["unit"], r["standard_code"],
                  r["factor"], r["offset"]])
PY
psql_as "$db" -c 'CREATE INDEX ON identity.link_record (enterprise_id)' \
  -c 'ANALYZE identity.link_record' \
  -c 'ANALYZE ehr.patient, ehr.medication_order, pharmacy.customer, pharmacy.dispensing' >/dev/null
psql_as "$db" -c 'ANALYZE lab.patient' >/dev/null 2>&1 \
  || log "peer: ANALYZE of mysql_fdw tables not supported; its planner uses defaults"
# The device hub's readings, for the workloads that need them: the peer
# has no gRPC wrapper, so it reads them from a local table (said in the
# output).
psql_as "$db" <<SQL
DROP SCHEMA IF EXISTS devices CASCADE;
CREATE SCHEMA devices;
CREATE TABLE devices.readings (reading_id bigint PRIMARY KEY, registration_id text NOT NULL,
  device_id text NOT NULL, measured_at timestamp NOT NULL, type text NOT NULL, value double precision,
  systolic bigint, diastolic bigint, pulse bigint, unit text);
SQL
python3 - "$home/data/devices/readings.jsonl" <<'PY' | psql_as "$db" -c '\copy devices.readings FROM STDIN WITH (FORMAT csv)'
import csv, json, sys
out = csv.writer(sys.stdout)
columns = ["reading_id", "registration_id", "device_id", "measured_at", "type", "value", "systolic",
           "diastolic", "pulse", "unit"]
for line in open(sys.argv[1]):
    r = json.loads(line)
    r["measured_at"] = r["measured_at"].replace("T", " ").rstrip("Z")
    out.writerow(["" if r.get(c) is None else r[c] for c in columns])
PY
psql_as "$db" -c 'CREATE INDEX ON devices.readings (registration_id)' -c 'ANALYZE devices.readings' >/dev/null
}
setup_peer peer true
setup_peer peer_plain false
# A peer statement running past a minute fails (the check then times the
# other configuration).
peer_conn="Driver=PostgreSQL Unicode;Server=127.0.0.1;Port=$TESSERA_PG_PORT;Database=peer;Uid=tessera;Pwd=tessera;ConnSettings=SET statement_timeout TO 60000"
plain_peer_conn=${peer_conn/Database=peer;/Database=peer_plain;}

# ------------------------------------------------- hub and tessera serve
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
wait_port() {  # PORT NAME LOG: up to 120 s for a listener (the hub reads every reading first)
  for _ in $(seq 1 240); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.5
  done
  die "$2 did not listen on 127.0.0.1:$1 (log: $3)"
}
"$tessera" devicehub --home "$home" --listen "127.0.0.1:$hub_port" >"$home/devicehub.log" 2>&1 &
pids+=($!)
wait_port "$hub_port" "the device hub" "$home/devicehub.log"
"$tessera" serve --config "$home/serve.textproto" >"$home/serve.log" 2>&1 &
pids+=($!)
wait_port "$serve_port" "tessera serve" "$home/serve.log"

# ------------------------------------------------------------------ run
log "running the latency benchmark at $people people, concurrency $concurrency"
"$bin_dir/bench/latency/latency_bench" --tessera="127.0.0.1:$serve_port" \
  --ehr="$pg_conn" --lab="$my_conn" \
  --pharmacy="Driver=SQLite3;Database=$home/data/pharmacy.db" \
  --identity="Driver=SQLite3;Database=$home/link.db" \
  --peer="$peer_conn" --peer_plain="$plain_peer_conn" \
  --devices="127.0.0.1:$hub_port" --config="$home/bench.textproto" --people="$people" --concurrency="$concurrency" --seconds="$seconds" \
  --workloads="$workloads" --out="$out.json"
python3 bench/latency/report.py "$out.json" "$out.png"
