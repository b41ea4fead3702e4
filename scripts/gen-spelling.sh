#!/usr/bin/env bash
# Regenerates lexicons/spelling.tsv (see scripts/gen_spelling.py). Needs ../shared/data and PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${TMPDIR:-/tmp}/moderato-wordfreq"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q wordfreq==3.1.1
"$venv/bin/python" scripts/gen_spelling.py
