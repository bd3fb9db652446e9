#!/usr/bin/env bash
# Linking quality and time on Riverside homes: runs `tessera link --rebuild
# --evaluate` RUNS times on each home and prints precision, recall, F1 (the
# same every run: linking is deterministic) and the median read, link and
# index-write times.
#
#   bench/identity/link_scaling.sh [RUNS] HOME...
#
# Make the homes first, e.g. (double noise = --noise 2):
#   tessera gen --home /tmp/link-home-10k --people 10000
#   tessera gen --home /tmp/link-home-10k2 --people 10000 --noise 2
set -euo pipefail
tessera="${TESSERA:-bazel-bin/engine/cli/tessera}"
runs=3
if [[ "${1:-}" =~ ^[0-9]+$ ]]; then runs=$1; shift; fi
[[ $# -ge 1 ]] || { echo "usage: $0 [RUNS] HOME..." >&2; exit 2; }

median() { sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

printf "%-28s %8s %7s %7s %7s %8s %8s %8s\n" home records P R F1 read_s link_s index_s
for home in "$@"; do
  reads=() links=() indexes=()
  for ((i = 0; i < runs; i++)); do
    out=$("$tessera" link --home "$home" --rebuild --evaluate 2>/dev/null)
    times=$(grep -o 'time: read [0-9.]* s, link [0-9.]* s, index [0-9.]* s' <<<"$out")
    reads+=("$(awk '{print $3}' <<<"$times")")
    links+=("$(awk '{print $6}' <<<"$times")")
    indexes+=("$(awk '{print $9}' <<<"$times")")
  done
  records=$(grep -o '^  records [0-9]*' <<<"$out" | awk '{print $2}')
  read -r p r f <<<"$(grep -o 'precision [0-9.]*  recall [0-9.]*  F1 [0-9.]*' <<<"$out" | awk '{print $2, $4, $6}')"
  printf "%-28s %8s %7s %7s %7s %8s %8s %8s\n" "$(basename "$home")" "$records" "$p" "$r" "$f" \
    "$(printf '%s\n' "${reads[@]}" | median)" "$(printf '%s\n' "${links[@]}" | median)" \
    "$(printf '%s\n' "${indexes[@]}" | median)"
done
