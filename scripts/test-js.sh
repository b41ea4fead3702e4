#!/usr/bin/env bash
# Every JavaScript-side test, then the benchmark once (figures only, no timed assertions):
#   1. builds pkg/ (scripts/build-pkg.sh);
#   2. the core's behaviour tests compiled to wasm32, in headless Chromium (wasm-bindgen-test);
#   3. the binding crate's wasm-bindgen tests, in headless Chromium;
#   4. node --test js/test/: the built package (shapes, UTF-16 spans, errors), npm pack installed
#      into a scratch project (Node import, README example, tsc, Vite build in Chromium), the
#      Web Worker helper, and the demo page end to end with playwright-core;
#   5. the Node and browser benchmarks.
# Needs scripts/install.sh and scripts/install-js.sh to have run (scripts/test.sh does both).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

step() { printf '\n== %s\n' "$*"; }

step "npm package: scripts/build-pkg.sh"
./scripts/build-pkg.sh

# wasm-bindgen-test-runner picks the browser by these variables; it adds --headless and
# --no-sandbox for Chrome itself, and reads the other flags from js/webdriver.json.
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
export WASM_BINDGEN_TEST_WEBDRIVER_JSON="$root/js/webdriver.json"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner

step "core behaviour tests compiled to wasm32, in headless Chromium"
WASM_BINDGEN_USE_BROWSER=1 cargo test -p moderato --target wasm32-unknown-unknown --test cases 2>&1

step "binding tests (wasm-bindgen-test), in headless Chromium"
WASM_BINDGEN_USE_BROWSER=1 cargo test -p moderato-wasm --target wasm32-unknown-unknown --test web 2>&1

step "JS tests: built package, npm pack (Node, README example, tsc, Vite), Web Worker, demo page"
(cd js && node --test --test-concurrency=1 --test-timeout=300000 test/)

step "benchmark (figures only)"
node bench/node.mjs
node bench/browser.mjs
