#!/usr/bin/env bash
# Installs what the JavaScript side needs (npm package build, browser tests, benchmark) and is
# not yet present; skips what is. Safe to re-run.
#   - Debian's chromium and chromium-driver (the tests never download a browser of their own)
#   - the npm packages of js/ at exactly the versions of js/package-lock.json (npm ci), which
#     include wasm-opt (npm's binaryen), playwright-core, typescript and vite
# The Rust side (wasm32 target, wasm-bindgen-cli) is scripts/install.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "install-js: $*" >&2; exit 1; }

# Node 20.19+ (vite's floor) and npm.
command -v node >/dev/null || fail "Node.js is missing (20.19 or newer is needed)"
command -v npm >/dev/null || fail "npm is missing"
node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' ||
  fail "Node.js $(node --version) is too old: 20.19 or newer is needed"

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
if ((${#missing[@]})); then
  echo "install-js: installing ${missing[*]} from Debian"
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || fail "need root (or sudo) to apt-get install ${missing[*]}"
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
fi

# npm ci only when js/node_modules does not match the lock file (it deletes and reinstalls).
lock_sum=$(sha256sum js/package-lock.json | cut -d' ' -f1)
stamp=js/node_modules/.moderato-lock-sha256
if [[ -f $stamp && $(cat "$stamp") == "$lock_sum" && -x js/node_modules/.bin/wasm-opt ]]; then
  echo "install-js: js/node_modules matches js/package-lock.json"
else
  echo "install-js: npm ci in js/"
  (cd js && npm ci --no-audit --no-fund)
  echo "$lock_sum" > "$stamp"
fi
echo "install-js: $(chromium --version 2>/dev/null | head -1); $(chromedriver --version | cut -d' ' -f1-2); node $(node --version)"
