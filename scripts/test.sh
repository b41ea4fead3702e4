#!/usr/bin/env bash
# The one test command: installs whatever is missing, then runs every test.
# Usage: ./scripts/test.sh      (from anywhere; safe to re-run, installs skip what is present)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

step() { printf '\n== %s\n' "$*"; }

step "install what is missing: wasm32 target, wasm-bindgen-cli, Chromium, npm packages"
./scripts/install.sh
./scripts/install-js.sh

step "native tests (core, CLI, binding, trainer)"
cargo test --workspace 2>&1

step "hardening: property tests, fuzz regressions, hostile inputs (release)"
./scripts/test-hardening.sh --rust-only

step "the shipped model regenerates byte for byte from ../shared/data (skips without the data)"
cargo test --release -p moderato-train -- --ignored fit_regenerates_the_shipped_model 2>&1

step "core tests compiled to wasm32, run under wasm-bindgen-test in Node"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test -p moderato --target wasm32-unknown-unknown --test cases --test functional 2>&1

step "CLI contract on a real build"
cargo build --release -p moderato-cli
./scripts/cli-smoke.sh "$root/target/release/moderato"

step "npm package, binding, demo page and benchmark (browser tests in headless Chromium)"
./scripts/test-js.sh

step "browser extension: build, end-to-end in Chromium, benchmark"
./scripts/test-extension.sh

echo
echo "all test steps passed"
