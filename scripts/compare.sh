#!/usr/bin/env bash
# Compares moderato with the libraries people use today, on the same messages in one run:
#   native: moderato (the Rust crate), rustrict (crate), and the floor, one aho-corasick pass over
#           the same bytes with moderato's lexicon terms (bench/compare/rustrict-bench);
#   Node:   moderato's npm package (pkg/), obscenity, bad-words, leo-profanity (bench/compare/).
# Prints messages/s, MB/s, how many times the floor's cost, start-up time, share flagged and
# shipped size gzipped for each. Figures only: nothing is asserted.
#
# Usage: ./scripts/compare.sh [--set chat|tweet|long|russian|adversarial|mixed] [--messages N]
#                             [--seconds S] [--rounds R] [--no-build] [--json]
#   defaults: --set mixed --messages 20000 --seconds 1 --rounds 3
#   --no-build: use pkg/ as it is (otherwise ./scripts/build-pkg.sh rebuilds it first).
# Needs: cargo, node and npm (the peers are installed from their registries: npm ci, cargo build).
set -euo pipefail
cd "$(dirname "$0")/.."

set_name=mixed
count=20000
seconds=1
rounds=3
build=1
json=()
while (($#)); do
  case $1 in
    --set) set_name=$2; shift 2 ;;
    --messages) count=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --json) json=(--json); shift ;;
    *) echo "compare: unknown argument $1" >&2; exit 2 ;;
  esac
done

step() { printf '== %s\n' "$*" >&2; }

step "peers from npm (bench/compare: npm ci, lock file pinned)"
if [[ ! -d bench/compare/node_modules ]]; then
  (cd bench/compare && npm ci --no-fund --no-audit >&2)
fi

step "native side: moderato, rustrict and the floor (cargo build --release, own workspace)"
(cd bench/compare/rustrict-bench && cargo build --release --quiet >&2)
native_bin=bench/compare/rustrict-bench/target/release/rustrict-bench

if ((build)) || [[ ! -f pkg/moderato_bg.wasm ]]; then
  step "moderato's npm package (scripts/build-pkg.sh)"
  ./scripts/build-pkg.sh >&2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$native_bin" gen "$set_name" "$count" > "$work/messages.txt"

step "timing native ($count $set_name messages, best of $rounds rounds of $seconds s)"
"$native_bin" run "$work/messages.txt" --seconds "$seconds" --rounds "$rounds" > "$work/native.jsonl"

step "timing Node (same messages)"
node bench/compare/compare.mjs --messages "$work/messages.txt" --native "$work/native.jsonl" \
  --seconds "$seconds" --rounds "$rounds" "${json[@]}"
