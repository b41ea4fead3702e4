#!/usr/bin/env bash
# Builds the browser extension from extension/ and the npm package in pkg/:
#   dist/extension/                  the unpacked extension (Chromium: chrome://extensions, Load unpacked)
#   dist/moderato-extension.zip      the same, zipped for the Chrome Web Store
#   dist/extension-firefox/ and dist/moderato-extension-firefox.zip   the Firefox variant
# pkg/ is (re)built first with scripts/build-pkg.sh when it is missing or older than the Rust
# sources, lexicons or model; otherwise the pkg/ there is used as it is.
# Usage: ./scripts/build-extension.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -f pkg/moderato_bg.wasm || ! -f pkg/moderato.js || ! -f pkg/package.json ]] ||
  [[ -n $(find src lexicons model wasm/src wasm/npm Cargo.toml Cargo.lock wasm/Cargo.toml -newer pkg/moderato_bg.wasm -print -quit 2>/dev/null) ]]; then
  ./scripts/build-pkg.sh
fi
node extension/tools/build.mjs

# A reproducible zip: fixed timestamps, sorted entries, no extra attributes. Debian's zip when
# present, else Python's zipfile (both are on the usual machines; nothing is installed for this).
make_zip() {
  local dir=$1 out=$2
  rm -f "$out"
  find "$dir" -exec touch -h -d '2000-01-01 00:00:00 UTC' {} +
  if command -v zip >/dev/null; then
    (cd "$dir" && find . -type f | LC_ALL=C sort | sed 's|^\./||' | TZ=UTC zip -X -q -9 "$out" -@)
  else
    python3 - "$dir" "$out" <<'PY'
import os, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
files = sorted(os.path.relpath(os.path.join(d, f), src) for d, _, fs in os.walk(src) for f in fs)
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for f in files:
        info = zipfile.ZipInfo(f, date_time=(2000, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        with open(os.path.join(src, f), "rb") as fh:
            z.writestr(info, fh.read())
PY
  fi
}
make_zip "$PWD/dist/extension" "$PWD/dist/moderato-extension.zip"
make_zip "$PWD/dist/extension-firefox" "$PWD/dist/moderato-extension-firefox.zip"
for z in dist/moderato-extension.zip dist/moderato-extension-firefox.zip; do
  echo "build-extension: $z ($(wc -c < "$z") bytes)"
done
