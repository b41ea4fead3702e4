#!/usr/bin/env bash
# The quick hardening checks (docs/hardening.md), a few minutes in all:
#   1. property tests of the invariants (tests/proptests.rs), PROPTEST_CASES per property
#      (default 512; the properties that build a classifier per case run an eighth of that);
#   2. the kept fuzz inputs and the regressions they found (tests/regressions.rs);
#   3. hostile inputs in a release build, with the figures printed (tests/hostile.rs);
#   4. the JavaScript boundary, endurance and privacy tests against a fresh pkg/
#      (js/test/boundary.test.mjs, endurance.test.mjs, privacy.test.mjs).
# The 10-minute fuzz runs are not part of it: scripts/fuzz.sh, by hand.
#
# Usage: scripts/test-hardening.sh [--rust-only]
#   --rust-only  skip step 4: scripts/test-js.sh already runs every file of js/test/, these three
#                included, so scripts/test.sh can call this with --rust-only after it.
# Needs what scripts/install.sh and scripts/install-js.sh install (scripts/test.sh runs both).
set -euo pipefail
cd "$(dirname "$0")/.."

rust_only=0
case ${1:-} in
  --rust-only) rust_only=1 ;;
  "") ;;
  *) echo "usage: scripts/test-hardening.sh [--rust-only]" >&2; exit 2 ;;
esac

step() { printf '\n== %s\n' "$*"; }

export PROPTEST_CASES=${PROPTEST_CASES:-512}
step "property tests ($PROPTEST_CASES cases per property)"
cargo test -p moderato --test proptests 2>&1

step "kept fuzz inputs and the regressions they found"
cargo test -p moderato --test regressions 2>&1

step "hostile inputs (release build; figures per case)"
cargo test -p moderato --release --test hostile -- --nocapture --test-threads=1 2>&1

if ((rust_only)); then
  echo
  echo "test-hardening: Rust parts passed (JS parts skipped: --rust-only)"
  exit 0
fi

step "npm package: scripts/build-pkg.sh"
./scripts/build-pkg.sh

step "JS boundary, endurance (1,000,000 classifications in one instance) and privacy"
(cd js && node --test --test-concurrency=1 --test-timeout=600000 \
  test/boundary.test.mjs test/endurance.test.mjs test/privacy.test.mjs)

echo
echo "test-hardening: all passed"
