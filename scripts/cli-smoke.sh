#!/usr/bin/env bash
# Checks the `moderato scan` contract end to end on the built binary: order, ids, error objects,
# exit status, and a larger input with no line lost.
set -euo pipefail
bin=${1:-target/release/moderato}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() { echo "cli-smoke: $*" >&2; exit 1; }

printf '%s\n' '{"id":1,"text":"I will kill you"}' 'oops' '{"id":"x","text":"have a nice day"}' '{"id":3}' > "$tmp/in.jsonl"
set +e
"$bin" scan --format jsonl "$tmp/in.jsonl" > "$tmp/out.jsonl" 2> "$tmp/err.txt"
status=$?
set -e
[[ $status -ne 0 ]] || fail "exit status 0 despite malformed lines"
grep -q '2 malformed' "$tmp/err.txt" || fail "stderr lacks the count: $(cat "$tmp/err.txt")"
[[ $(wc -l < "$tmp/out.jsonl") -eq 4 ]] || fail "expected 4 output lines"
sed -n 1p "$tmp/out.jsonl" | grep -q '^{"id":1,"flagged":true,"labels":\[' || fail "line 1: $(sed -n 1p "$tmp/out.jsonl")"
sed -n 2p "$tmp/out.jsonl" | grep -q '^{"error":' || fail "line 2: $(sed -n 2p "$tmp/out.jsonl")"
sed -n 3p "$tmp/out.jsonl" | grep -q '^{"id":"x","flagged":false' || fail "line 3: $(sed -n 3p "$tmp/out.jsonl")"
sed -n 4p "$tmp/out.jsonl" | grep -q '^{"id":3,"error":' || fail "line 4: $(sed -n 4p "$tmp/out.jsonl")"

# Text mode from stdin, policies.
printf 'fuck this\n' | "$bin" scan --policy strict | grep -q '"flagged":true' || fail "strict should flag swearing"
printf 'fuck this\n' | "$bin" scan | grep -q '"flagged":false' || fail "default should not flag plain swearing"

# 200,000 lines: every one answered, in order.
awk 'BEGIN { for (i = 0; i < 200000; i++) printf "{\"id\":%d,\"text\":\"message %d you idiot\"}\n", i, i }' > "$tmp/big.jsonl"
"$bin" scan --format jsonl "$tmp/big.jsonl" > "$tmp/big.out"
[[ $(wc -l < "$tmp/big.out") -eq 200000 ]] || fail "lines lost on the large input"
tail -n 1 "$tmp/big.out" | grep -q '^{"id":199999,' || fail "order not kept"
echo "cli-smoke: ok"
