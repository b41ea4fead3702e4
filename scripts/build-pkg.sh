#!/usr/bin/env bash
# Builds the npm package into pkg/ (generated; never edit it by hand):
#   1. the binding crate for wasm32, release profile;
#   2. wasm-bindgen --target web: ESM glue for <script type="module"> and bundlers;
#   3. wasm-opt from npm's binaryen (Debian's older binaryen mangles wasm-bindgen output), which
#      only strips debug info and names: its -Oz made the module 5% slower and, gzipped, larger
#      (rustc already optimised it; measured in docs/performance.md);
#   4. the hand-kept files of wasm/npm/: Node entry, Web Worker helper, README, and package.json
#      with the version of the root Cargo.toml.
# Usage: ./scripts/build-pkg.sh   (needs the wasm32 target and wasm-bindgen-cli: scripts/install.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "build-pkg: $*" >&2; exit 1; }

# The version of the [package] table of a Cargo.toml.
crate_version() { awk '/^\[/ { in_pkg = ($0 == "[package]") } in_pkg && /^version *=/ { gsub(/.*= *"|".*/, ""); print; exit }' "$1"; }
version=$(crate_version Cargo.toml)
[[ -n $version ]] || fail "no version in Cargo.toml"
[[ $(crate_version wasm/Cargo.toml) == "$version" ]] ||
  fail "wasm/Cargo.toml has version $(crate_version wasm/Cargo.toml), the root crate $version: make them equal"

# wasm-opt comes from the npm lock of js/; install it if this checkout has not yet.
wasm_opt=js/node_modules/.bin/wasm-opt
if [[ ! -x $wasm_opt ]]; then
  echo "build-pkg: installing the JS build tools (npm ci in js/)"
  (cd js && npm ci --no-fund --no-audit)
fi

cargo build --release --target wasm32-unknown-unknown -p moderato-wasm

# The CLI must match the wasm-bindgen crate exactly, or its output is silently incompatible.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
[[ $have == "$want" ]] || fail "wasm-bindgen-cli is ${have:-missing}, Cargo.lock wants $want: run scripts/install.sh"

target_dir=$(cargo metadata --format-version 1 --no-deps | node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => console.log(JSON.parse(s).target_directory))')
wasm="$target_dir/wasm32-unknown-unknown/release/moderato_wasm.wasm"

rm -rf pkg
mkdir pkg
wasm-bindgen --target web --out-dir pkg --out-name moderato "$wasm"

# The features rustc enables by default for wasm32 (and wasm-bindgen relies on); wasm-opt must
# neither drop them nor use any others (older browsers). No optimisation passes (see the top).
"$wasm_opt" --strip-debug --strip-producers \
  --enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-reference-types --enable-multivalue \
  pkg/moderato_bg.wasm -o pkg/moderato_bg.opt.wasm
mv pkg/moderato_bg.opt.wasm pkg/moderato_bg.wasm

cp wasm/npm/README.md wasm/npm/node.js wasm/npm/worker.js wasm/npm/worker-client.js wasm/npm/worker-client.d.ts pkg/
node wasm/npm/finish.mjs pkg "$version"

size=$(wc -c < pkg/moderato_bg.wasm)
gz=$(gzip -9 -c pkg/moderato_bg.wasm | wc -c)
echo "build-pkg: pkg/ is moderato@$version (moderato_bg.wasm: $size bytes, $gz gzipped)"
