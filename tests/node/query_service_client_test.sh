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

source "$here/node_modules.sh"

"$tessera" gen --home "$work/home" --people 200 >/dev/null
NODE_PATH="$modules" timeout 120 node "$here/query_service_client_test.js" "$tessera" "$work/home"
