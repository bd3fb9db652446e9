#!/usr/bin/env bash
# Runs query_service_client_test.js over @grpc/grpc-js and
# @grpc/proto-loader (versions fixed by package-lock.json): from
# $TESSERA_NODE_MODULES, which scripts/check installs from npm before the
# tests run, or else installed from npm here. Generates a small Riverside
# home and lets the Node client discover and query a `tessera serve` on it.
#
# Usage: query_service_client_test.sh TESSERA_BINARY
set -euo pipefail
tessera=$(realpath "$1")
here=$(dirname "$(realpath "$0")")
work=${TEST_TMPDIR:-$(mktemp -d)}

command -v node >/dev/null || { echo "node is not installed (scripts/lib/install-deps.sh client)" >&2; exit 1; }
modules=${TESSERA_NODE_MODULES:-}
if [[ -z $modules ]]; then
  mkdir -p "$work/client"
  cp "$here/package.json" "$here/package-lock.json" "$work/client/"
  echo "installing the client's packages from npm"
  # The test runs without the user's environment: trust the system's CAs
  # as npm would with it (a proxy's CA lives there on some networks).
  ca=()
  [[ -r /etc/ssl/certs/ca-certificates.crt ]] && ca=(--cafile /etc/ssl/certs/ca-certificates.crt)
  timeout 300 npm ci --prefix "$work/client" --cache "$work/npm-cache" "${ca[@]}" --ignore-scripts --no-audit --no-fund \
    --loglevel=error
  modules=$work/client/node_modules
fi

"$tessera" gen --home "$work/home" --people 200 >/dev/null
NODE_PATH="$modules" timeout 120 node "$here/query_service_client_test.js" "$tessera" "$work/home"
