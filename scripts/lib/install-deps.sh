#!/usr/bin/env bash
# install-deps.sh — install the Debian packages Tessera needs, only if missing.
#
# Usage: scripts/lib/install-deps.sh GROUP...
#   build    toolchain, libraries and ODBC drivers for `bazel build/test`
#   servers  PostgreSQL and MariaDB servers + clients for integration tests
#            (run them with scripts/lib/servers.sh)
#   client   Node.js and npm, unless node and npm are already on PATH
#   bench    the benchmarks' peer (mysql_fdw for PostgreSQL) and plots (gnuplot)
# Example: scripts/lib/install-deps.sh build servers client
#
# Idempotent: when everything is present it only runs dpkg-query (no apt-get,
# well under a second). Otherwise it runs `apt-get update` once and installs
# just the missing packages, non-interactively. With `build` it also makes sure
# /etc/odbcinst.ini registers the drivers `SQLite3`, `PostgreSQL Unicode` and
# `MariaDB Unicode`. Needs root (or sudo) only when something must change.
set -euo pipefail

me=$(basename "$0")
log() { echo "$me: $*"; }
die() { echo "$me: error: $*" >&2; exit 1; }

BUILD_PKGS=(bazel-bootstrap bazel-platforms libgrpc++-dev protobuf-compiler-grpc
  libprotobuf-dev protobuf-compiler libabsl-dev libre2-dev unixodbc unixodbc-dev
  odbc-postgresql libsqliteodbc odbc-mariadb libgtest-dev libgmock-dev
  libbenchmark-dev libpg-query-dev libedit-dev pkg-config sqlite3 g++ ca-certificates
  openssl)
SERVER_PKGS=(postgresql postgresql-client mariadb-server mariadb-client)
# Node.js runs the test of a client Tessera did not write (@grpc/grpc-js);
# a machine that already has node and npm (from any vendor) keeps them.
CLIENT_PKGS=()
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || CLIENT_PKGS=(nodejs npm)
BENCH_PKGS=(postgresql-15-mysql-fdw gnuplot-nox)
ODBC_DIR=${TESSERA_ODBC_LIBDIR:-/usr/lib/$(uname -m)-linux-gnu/odbc}

[[ $# -gt 0 ]] || die "usage: $me build|servers|client|bench ..."
want=() want_build=0
for group in "$@"; do
  case $group in
    build)   want+=("${BUILD_PKGS[@]}"); want_build=1 ;;
    servers) want+=("${SERVER_PKGS[@]}") ;;
    client)  want+=("${CLIENT_PKGS[@]}") ;;
    bench)   want+=("${BENCH_PKGS[@]}") ;;
    *) die "unknown group '$group' (expected: build, servers, client, bench)" ;;
  esac
done

SUDO=()
[[ $(id -u) -eq 0 ]] || SUDO=(sudo)

# One dpkg-query for all packages; unknown ones are simply absent from its output.
installed=$(dpkg-query -W -f='${Package} ${Status}\n' "${want[@]}" 2>/dev/null \
  | awk '$NF == "installed" { print $1 }' || true)
missing=()
for p in "${want[@]}"; do
  grep -qxF -- "$p" <<<"$installed" || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  log "all ${#want[@]} wanted packages already installed"
else
  log "installing ${#missing[@]} missing package(s): ${missing[*]}"
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Register an ODBC driver under NAME if unixODBC does not know it yet.
ensure_odbc_driver() {  # NAME LIBRARY DESCRIPTION
  local name=$1 lib=$2 desc=$3
  if odbcinst -q -d -n "$name" >/dev/null 2>&1; then return 0; fi
  [[ -e $ODBC_DIR/$lib ]] || die "ODBC driver library $ODBC_DIR/$lib not found"
  log "registering ODBC driver '$name' -> $ODBC_DIR/$lib"
  printf '[%s]\nDescription=%s\nDriver=%s\nUsageCount=1\n' \
    "$name" "$desc" "$ODBC_DIR/$lib" \
    | "${SUDO[@]}" odbcinst -i -d -r >/dev/null
}

if [[ $want_build -eq 1 ]]; then
  ensure_odbc_driver "SQLite3" libsqlite3odbc.so "SQLite3 ODBC Driver"
  ensure_odbc_driver "PostgreSQL Unicode" psqlodbcw.so "PostgreSQL ODBC driver (Unicode version)"
  ensure_odbc_driver "MariaDB Unicode" libmaodbc.so "MariaDB Connector/ODBC (Unicode)"
  log "ODBC drivers registered: SQLite3, PostgreSQL Unicode, MariaDB Unicode"
fi
