#!/usr/bin/env bash
# servers.sh — private PostgreSQL 15 and MariaDB test servers on loopback.
#
# Usage: scripts/lib/servers.sh start|stop|status|env
#   start   initialise (first time), start and provision both servers, then wait
#           (at most ~60 s each) until they answer a query as tessera/tessera over
#           TCP 127.0.0.1. If already running it only verifies. Idempotent.
#   stop    stop both servers cleanly; a no-op when they are not running.
#   status  show whether each server runs and answers via its client and ODBC;
#           exit 0 only if both do.
#   env     print `export` lines for tests: eval "$(scripts/lib/servers.sh env)"
#
# Environment:
#   TESSERA_SERVERS_DIR   state dir (default ~/.cache/tessera/servers)
#   TESSERA_PG_PORT       PostgreSQL port (default 55432)
#   TESSERA_MARIADB_PORT  MariaDB port (default 53306)
#
# Never touches the system's clusters: own data dirs, own ports, own sockets, and
# MariaDB runs with --no-defaults (ignores /etc/mysql). Both listen on 127.0.0.1
# only, with user `tessera`, password `tessera` and a database `riverside`.
# PostgreSQL refuses to run as root, so as root it runs as the `postgres` user;
# if postgres cannot reach the state dir (e.g. under /root, mode 0700) the PG
# files go to ~postgres/tessera-servers-<hash> and <state>/pg links there.
# Packages: scripts/lib/install-deps.sh servers (and `build` for the ODBC check).
set -euo pipefail

me=$(basename "$0")
log() { echo "$me: $*"; }
die() { echo "$me: error: $*" >&2; exit 1; }

STATE=${TESSERA_SERVERS_DIR:-$HOME/.cache/tessera/servers}
PG_PORT=${TESSERA_PG_PORT:-55432}
MY_PORT=${TESSERA_MARIADB_PORT:-53306}
PG_BIN=/usr/lib/postgresql/15/bin
TIMEOUT=60
PG_CONN="Driver=PostgreSQL Unicode;Server=127.0.0.1;Port=$PG_PORT;Database=riverside;Uid=tessera;Pwd=tessera"
MY_CONN="Driver=MariaDB Unicode;Server=127.0.0.1;Port=$MY_PORT;Database=riverside;Uid=tessera;Pwd=tessera"

MY_DATA=$STATE/mariadb MY_SOCK=$STATE/mariadb.sock
MY_PID=$STATE/mariadb.pid MY_LOG=$STATE/mariadb.log

is_root() { [[ $(id -u) -eq 0 ]]; }

# Run a command as the PostgreSQL server's OS user (postgres when we are root).
as_pg() {
  if is_root; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

# Poll CMD... every 0.25 s until it succeeds or SECS pass.
wait_for() {  # SECS CMD...
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 0.25
  done
}

fail_with_log() {  # LOGFILE MESSAGE
  echo "$me: error: $2; last lines of $1:" >&2
  tail -n 40 "$1" >&2 2>/dev/null || true
  exit 1
}

# ---------------------------------------------------------------- PostgreSQL

# PG_DIR holds data/, postgres.log and the unix socket; postgres must own it.
resolve_pg_dir() {
  if [[ -e $STATE/pg ]]; then PG_DIR=$(readlink -f "$STATE/pg"); return; fi
  [[ ${1:-} == create ]] || { PG_DIR=$STATE/pg; return; }
  PG_DIR=$STATE/pg
  if is_root && ! as_pg test -x "$STATE"; then
    local home; home=$(getent passwd postgres | cut -d: -f6)
    PG_DIR=$home/tessera-servers-$(printf %s "$STATE" | md5sum | cut -c1-8)
    log "postgres cannot reach $STATE; PostgreSQL files go to $PG_DIR"
    ln -sfn "$PG_DIR" "$STATE/pg"
  fi
  if is_root; then install -d -o postgres -g postgres -m 0700 "$PG_DIR"
  else install -d -m 0700 "$PG_DIR"; fi
}

pg_running() { [[ -d $PG_DIR/data ]] && as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; }

pg_query_ok() {
  PGPASSWORD=tessera PGCONNECT_TIMEOUT=5 "$PG_BIN/psql" -X -w -q -tA -h 127.0.0.1 \
    -p "$PG_PORT" -U tessera -d riverside -c 'select 1' 2>/dev/null | grep -qx 1
}

pg_init() {
  local tmp=$PG_DIR/data.tmp
  log "initialising PostgreSQL cluster in $PG_DIR/data"
  as_pg rm -rf "$tmp"
  as_pg "$PG_BIN/initdb" -D "$tmp" -N --encoding=UTF8 --locale=C.UTF-8 \
    --auth-local=peer --auth-host=scram-sha-256 >"$STATE/pg-initdb.log" 2>&1 \
    || fail_with_log "$STATE/pg-initdb.log" "initdb failed"
  as_pg tee -a "$tmp/postgresql.conf" >/dev/null <<EOF

# --- Tessera test server (scripts/lib/servers.sh); port is given at start ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 256MB
EOF
  printf '%s\n' '# Tessera test server: local socket by OS user, TCP by password.' \
    'local all all peer' 'host all all 127.0.0.1/32 scram-sha-256' \
    | as_pg tee "$tmp/pg_hba.conf" >/dev/null
  as_pg mv "$tmp" "$PG_DIR/data"
}

pg_provision() {  # superuser over the private socket: role tessera, db riverside
  as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_DIR" -p "$PG_PORT" -d postgres <<'EOF' >/dev/null
SELECT 'CREATE ROLE tessera LOGIN SUPERUSER PASSWORD ''tessera'''
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tessera') \gexec
SELECT 'CREATE DATABASE riverside OWNER tessera'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'riverside') \gexec
EOF
}

pg_start() {
  [[ -x $PG_BIN/postgres ]] || die "$PG_BIN/postgres missing; run scripts/lib/install-deps.sh servers"
  resolve_pg_dir create
  if pg_running && pg_query_ok; then log "PostgreSQL already running on 127.0.0.1:$PG_PORT"; return; fi
  [[ -d $PG_DIR/data ]] || pg_init
  if ! pg_running; then
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/postgres.log" -w -t "$TIMEOUT" \
      -o "-p $PG_PORT" start >/dev/null 9>&- || fail_with_log "$PG_DIR/postgres.log" "PostgreSQL did not start"
  fi
  pg_provision || fail_with_log "$PG_DIR/postgres.log" "could not create role/database in PostgreSQL"
  wait_for "$TIMEOUT" pg_query_ok \
    || fail_with_log "$PG_DIR/postgres.log" "PostgreSQL does not accept tessera on 127.0.0.1:$PG_PORT"
  log "PostgreSQL ready on 127.0.0.1:$PG_PORT (log: $PG_DIR/postgres.log)"
}

pg_stop() {
  resolve_pg_dir
  if ! pg_running; then log "PostgreSQL not running"; return; fi
  log "stopping PostgreSQL"
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w -t "$TIMEOUT" stop >/dev/null \
    || fail_with_log "$PG_DIR/postgres.log" "PostgreSQL did not stop"
}

# ------------------------------------------------------------------- MariaDB

alive() {  # PID: exists and is not a zombie (an unreaped, already dead process)
  [[ -e /proc/$1 ]] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}
pid_gone() { ! alive "$1"; }

my_pid() {  # prints the server's pid if it is running
  local pid; pid=$(cat "$MY_PID" 2>/dev/null) || return 1
  [[ $(cat "/proc/$pid/comm" 2>/dev/null) == mariadbd ]] && alive "$pid" && echo "$pid"
}

my_root() { mariadb --no-defaults --connect-timeout=5 -S "$MY_SOCK" -u root "$@"; }

my_up_or_gone() { my_root -e 'select 1' || pid_gone "$1"; }

my_query_ok() {
  mariadb --no-defaults --connect-timeout=5 -h 127.0.0.1 -P "$MY_PORT" -u tessera -ptessera \
    -D riverside -N -B -e 'select 1' 2>/dev/null | grep -qx 1
}

my_init() {
  log "initialising MariaDB data dir $MY_DATA"
  rm -rf "$MY_DATA.tmp"
  local user=(); is_root && user=(--user=root)
  mariadb-install-db --no-defaults --datadir="$MY_DATA.tmp" "${user[@]}" \
    --auth-root-authentication-method=normal --skip-test-db \
    >"$STATE/mariadb-install.log" 2>&1 || fail_with_log "$STATE/mariadb-install.log" "mariadb-install-db failed"
  mv "$MY_DATA.tmp" "$MY_DATA"
}

my_start() {
  if my_pid >/dev/null && my_query_ok; then log "MariaDB already running on 127.0.0.1:$MY_PORT"; return; fi
  [[ -d $MY_DATA ]] || my_init
  if ! my_pid >/dev/null; then
    log "starting MariaDB on 127.0.0.1:$MY_PORT"
    local user=(); is_root && user=(--user=root)
    setsid /usr/sbin/mariadbd --no-defaults --datadir="$MY_DATA" "${user[@]}" \
      --bind-address=127.0.0.1 --port="$MY_PORT" --socket="$MY_SOCK" \
      --pid-file="$MY_PID" --log-error="$MY_LOG" --skip-name-resolve \
      --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci \
      --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 \
      --max-connections=200 --innodb-buffer-pool-size=256M \
      </dev/null >>"$MY_LOG" 2>&1 9>&- &
    local pid=$!
    wait_for "$TIMEOUT" my_up_or_gone "$pid" \
      || fail_with_log "$MY_LOG" "MariaDB did not answer on $MY_SOCK within ${TIMEOUT}s"
    if pid_gone "$pid"; then fail_with_log "$MY_LOG" "MariaDB exited during start"; fi
  fi
  my_root <<'EOF' || fail_with_log "$MY_LOG" "could not create user/database in MariaDB"
CREATE USER IF NOT EXISTS 'tessera'@'127.0.0.1' IDENTIFIED BY 'tessera';
CREATE USER IF NOT EXISTS 'tessera'@'localhost' IDENTIFIED BY 'tessera';
GRANT ALL PRIVILEGES ON *.* TO 'tessera'@'127.0.0.1' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO 'tessera'@'localhost' WITH GRANT OPTION;
CREATE DATABASE IF NOT EXISTS riverside CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;
DROP USER IF EXISTS 'root'@'127.0.0.1', 'root'@'::1';  -- root: socket only, no TCP
EOF
  wait_for "$TIMEOUT" my_query_ok \
    || fail_with_log "$MY_LOG" "MariaDB does not accept tessera on 127.0.0.1:$MY_PORT"
  log "MariaDB ready on 127.0.0.1:$MY_PORT (log: $MY_LOG)"
}

my_stop() {
  local pid; pid=$(my_pid) || { log "MariaDB not running"; return; }
  log "stopping MariaDB (pid $pid)"
  my_root -e SHUTDOWN 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  wait_for "$TIMEOUT" pid_gone "$pid" \
    || fail_with_log "$MY_LOG" "MariaDB (pid $pid) still running after ${TIMEOUT}s"
}

# ------------------------------------------------------------------ commands

odbc_ok() {  # CONNECTION-STRING: one query through unixODBC's isql
  command -v isql >/dev/null && echo 'select 1' | isql -b -d, -k "$1" 2>/dev/null | grep -qx 1
}

probe() {  # LABEL CMD...: prints ", LABEL OK" or ", LABEL FAILED" (and fails)
  if "${@:2}"; then echo ", $1 OK"; else echo ", $1 FAILED"; return 1; fi
}

status() {
  local ok=0 pg=stopped my=stopped
  resolve_pg_dir
  if pg_running; then
    pg=running
    pg+=$(probe psql pg_query_ok) || ok=1
    pg+=$(probe ODBC odbc_ok "$PG_CONN") || ok=1
  else ok=1; fi
  if my_pid >/dev/null; then
    my="running (pid $(my_pid))"
    my+=$(probe mariadb my_query_ok) || ok=1
    my+=$(probe ODBC odbc_ok "$MY_CONN") || ok=1
  else ok=1; fi
  log "PostgreSQL 127.0.0.1:$PG_PORT: $pg (dir $PG_DIR)"
  log "MariaDB    127.0.0.1:$MY_PORT: $my (dir $MY_DATA)"
  return $ok
}

lock() {  # serialise start/stop between callers; servers must not inherit fd 9
  exec 9>"$STATE/.lock"
  flock -w 120 9 || die "another servers.sh holds $STATE/.lock"
}

cmd=${1:-}
case $cmd in
  start|stop) mkdir -p "$STATE"; lock ;;
  status) mkdir -p "$STATE" ;;
  env) ;;
  *) die "usage: $me start|stop|status|env" ;;
esac
case $cmd in
  start)  t0=$SECONDS; pg_start; my_start; log "both servers ready ($((SECONDS - t0)) s)" ;;
  stop)   my_stop; pg_stop ;;
  status) status ;;
  env)
    printf "export TESSERA_PG_PORT=%s\n" "$PG_PORT"
    printf "export TESSERA_MARIADB_PORT=%s\n" "$MY_PORT"
    printf "export TESSERA_PG_CONN='%s'\n" "$PG_CONN"
    printf "export TESSERA_MARIADB_CONN='%s'\n" "$MY_CONN" ;;
esac
