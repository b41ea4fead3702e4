#!/usr/bin/env bash
# Every benchmark once, with quick settings: the criterion stage benchmarks (benches/stages.rs),
# the comparison with the peers (scripts/compare.sh), and start-up in headless Chromium
# (bench/browser.mjs, if Chromium is installed). Figures only: nothing is asserted, so a slow or
# busy machine never fails. docs/performance.md explains the figures.
# Usage: ./scripts/bench.sh [--full]   (--full: criterion's default 3 s per benchmark, 5 rounds)
set -euo pipefail
cd "$(dirname "$0")/.."

quick=(--warm-up-time 0.5 --measurement-time 1 --sample-size 10)
rounds=3
if [[ ${1:-} == --full ]]; then
  quick=()
  rounds=5
fi

printf '\n== criterion: each stage of classify, per kind of message (benches/stages.rs)\n'
cargo bench --bench stages -- "${quick[@]}" 2>&1 | grep -v -E '^(Benchmarking|Found|  [0-9]+ \(|Gnuplot)' || true

printf '\n== comparison with the peers, same messages, one run (scripts/compare.sh)\n'
./scripts/compare.sh --rounds "$rounds"

printf '\n== start-up and throughput in headless Chromium (bench/browser.mjs)\n'
if command -v chromium >/dev/null && [[ -d js/node_modules/playwright-core ]] && node bench/browser.mjs --messages 5000; then
  :
else
  echo "(skipped: needs Chromium and the JS tools; ./scripts/install.sh && ./scripts/install-js.sh)"
fi
