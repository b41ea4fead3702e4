#!/usr/bin/env bash
# The browser extension's tests, then its benchmark once (figures only, no timed assertions):
#   1. builds dist/extension and the store zips (scripts/build-extension.sh, which builds pkg/
#      first when it is missing or older than the Rust sources);
#   2. installs extension/'s one npm dependency (playwright-core, at the version of its lock file)
#      when extension/node_modules does not match the lock;
#   3. node --test: the built package (manifest, permissions, CSP, no network or markup sinks,
#      zips), then the end-to-end test in Debian's headless Chromium;
#   4. the benchmark (a 5,000-message page, scrolling, a history load).
# Needs Debian's chromium: scripts/install-js.sh installs it when missing (run here if so).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

if [[ -z ${MODERATO_CHROMIUM:-} ]] && ! command -v chromium >/dev/null; then
  step "Chromium is missing: scripts/install-js.sh"
  ./scripts/install-js.sh
fi

step "extension: scripts/build-extension.sh"
./scripts/build-extension.sh

lock_sum=$(sha256sum extension/package-lock.json | cut -d' ' -f1)
stamp=extension/node_modules/.moderato-lock-sha256
if [[ -f $stamp && $(cat "$stamp") == "$lock_sum" ]]; then
  echo "test-extension: extension/node_modules matches extension/package-lock.json"
else
  step "npm ci in extension/"
  (cd extension && npm ci --no-audit --no-fund)
  echo "$lock_sum" > "$stamp"
fi

step "extension tests: the package, then end to end in Chromium"
(cd extension && node --test --test-concurrency=1 --test-timeout=300000 test/package.test.mjs test/e2e.test.mjs)

step "extension benchmark (figures only)"
node extension/bench/bench.mjs
