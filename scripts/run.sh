#!/usr/bin/env bash
# The main command: builds moderato (the npm package in pkg/ and the command-line tool), shows
# the CLI on two messages, then serves the demo page on localhost and prints its URL.
# Usage: ./scripts/run.sh        (PORT=9000 ./scripts/run.sh for another port; Ctrl-C stops)
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install.sh
if [[ ! -x js/node_modules/.bin/wasm-opt ]]; then
  (cd js && npm ci --no-audit --no-fund)
fi
./scripts/build-pkg.sh
cargo build --release -p moderato-cli

printf '\n== the command-line tool\n'
printf '%s\n' "I will find you and kill you" "Police said the attack killed three people" |
  cargo run --quiet --release -p moderato-cli -- scan
printf '\n== the demo page (classification runs in your browser, nothing leaves it)\n'
exec node scripts/serve.mjs --port "${PORT:-8080}"
