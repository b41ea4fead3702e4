#!/usr/bin/env bash
# Runs the cargo-fuzz targets of fuzz/ one after the other, each for FUZZ_SECONDS (default 600),
# with one libFuzzer job, and prints a table of executions, corpus size and crashes per target.
# Not part of scripts/test.sh (it takes an hour); see docs/hardening.md.
#
# Usage: scripts/fuzz.sh [TARGET ...]          targets: normalize classify model_load tables_load tables_automaton options
#   FUZZ_SECONDS=60 scripts/fuzz.sh classify   a shorter run
#   FUZZ_SANITIZER=address scripts/fuzz.sh     with AddressSanitizer (default: none; see below)
#   FUZZ_ARGS="-max_len=65536" scripts/fuzz.sh extra libFuzzer arguments
#
# Installs cargo-fuzz if missing. cargo-fuzz needs a nightly rustc (for -Zsanitizer and the
# coverage instrumentation flags): a rustup nightly toolchain is used if there is one, otherwise
# the stable one with RUSTC_BOOTSTRAP=1 (which unlocks the same flags).
#
# The sanitizer defaults to none: moderato has no `unsafe`, so AddressSanitizer would find nothing
# that safe Rust's own checks do not, at about half the speed. Debug assertions and overflow
# checks stay on (cargo fuzz's default), so an arithmetic overflow is a crash too.
#
# Corpora are kept in fuzz/corpus/TARGET (seeded on the first run from tests/cases/ and the
# embedded model), crashes in fuzz/artifacts/TARGET, logs in fuzz/logs/TARGET.log. A crash stops
# that target's run: copy the input to tests/regressions/TARGET/ (tests/regressions.rs replays it),
# fix the bug, and run again.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

seconds=${FUZZ_SECONDS:-600}
sanitizer=${FUZZ_SANITIZER:-none}
targets=("$@")
((${#targets[@]})) || targets=(normalize classify model_load tables_load tables_automaton options)

fail() { echo "fuzz.sh: $*" >&2; exit 1; }

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

if rustup run nightly rustc --version >/dev/null 2>&1; then
  cargo_fuzz=(cargo +nightly fuzz)
  toolchain="nightly ($(rustup run nightly rustc --version))"
else
  export RUSTC_BOOTSTRAP=1
  cargo_fuzz=(cargo fuzz)
  toolchain="stable with RUSTC_BOOTSTRAP=1 ($(rustc --version))"
fi
echo "fuzz.sh: $toolchain, sanitizer $sanitizer, $seconds s per target, 1 job"

mkdir -p fuzz/logs
# The model_load inputs are prefixed with a mode byte (see model_bytes_of in fuzz/src/harness.rs):
# 0 = the bytes as they are, 1 = the bytes with their CRC-32 appended by the target.
model=model/moderato.model
[[ -s $model ]] || fail "$model is missing (the model_load seeds and max_len come from it)"
model_size=$(wc -c < "$model")

seed() {
  local t=$1 dir=fuzz/corpus/$1
  # The model and table seeds are (re)written every run: the model may have been retrained and
  # the tables recompiled.
  if [[ $t != model_load && $t != tables_load ]]; then
    [[ -d $dir && -n $(ls -A "$dir") ]] && return
  fi
  mkdir -p "$dir"
  case $t in
    normalize | classify | options)
      # One file per behaviour case text; classify's first byte picks the classifier and
      # options' inputs start with the settings, so they get a neutral prefix.
      node -e '
        const fs = require("fs");
        const [dir, target] = process.argv.slice(1);
        let i = 0;
        for (const f of ["tests/cases/en.jsonl", "tests/cases/ru.jsonl"]) {
          for (const line of fs.readFileSync(f, "utf8").split("\n")) {
            if (!line.trim()) continue;
            const text = Buffer.from(JSON.parse(line).text, "utf8");
            const prefix = { normalize: [], classify: [i % 4], options: [0, 0, 0, 0] }[target];
            fs.writeFileSync(`${dir}/case-${i++}`, Buffer.concat([Buffer.from(prefix), text]));
          }
        }' "$dir" "$t"
      if [[ $t == options ]]; then
        # policy strict, threat threshold 0.3, deny "blorf" as insult, allow "kill bill", a text;
        # policy "lenient" (unknown), label "hate" (unknown), a NaN threshold for threat, a text.
        printf '\x05\x01\x05\x04\x01\x05blorf\x03\x01\x09kill billyou utter bl0rf, kill bill' > "$dir/settings-1"
        printf '\x03\x07lenient\x02\x80\x04hate\x05\xf0\x00\x00\xc0\x7f\x00\x00I will kill you' > "$dir/settings-2"
      fi
      ;;
    model_load)
      local size=$model_size
      { printf '\x00'; cat "$model"; } > "$dir/model"
      { printf '\x01'; head -c $((size - 4)) "$model"; } > "$dir/model-unsealed"
      for n in 0 1 4 11 12 13 35 36 $((size / 2)) $((size - 5)) $((size - 4)) $((size - 1)); do
        ((n >= 0 && n <= size)) || continue
        { printf '\x00'; head -c "$n" "$model"; } > "$dir/cut-$n"
        { printf '\x01'; head -c "$n" "$model"; } > "$dir/cut-$n-sealed"
      done
      ;;
    tables_load)
      local tables=lexicons/compiled.bin tsize
      tsize=$(wc -c < "$tables")
      cp "$tables" "$dir/tables"
      for n in 0 4 8 12 $((tsize / 3)) $((tsize / 2)) $((tsize - 1)); do
        head -c "$n" "$tables" > "$dir/cut-$n"
      done
      ;;
    tables_automaton)
      # Mode byte 1: the rest is XORed over a real encoded automaton, so these start from it.
      printf '\x01' > "$dir/example"
      printf '\x01\x00\x00\x00\x00\x00\x00\x00\x00\x01' > "$dir/example-damaged"
      ;;
    *) fail "unknown target $t (expected normalize, classify, model_load, tables_load, tables_automaton or options)" ;;
  esac
}

max_len() {
  case $1 in
    model_load) echo $((model_size * 2 + 64)) ;;
    tables_load) echo $(($(wc -c < lexicons/compiled.bin) * 2)) ;;
    *) echo 4096 ;;
  esac
}

(cd fuzz && "${cargo_fuzz[@]}" build -s "$sanitizer" 2>&1 | tail -3)

summary=()
status=0
for t in "${targets[@]}"; do
  seed "$t"
  mkdir -p "fuzz/artifacts/$t"
  dict=()
  [[ $t == model_load || $t == tables_load || $t == tables_automaton ]] || dict=(-dict="$root/fuzz/dict/text.dict")
  log=fuzz/logs/$t.log
  before=$(ls "fuzz/corpus/$t" | wc -l)
  echo "== $t: $seconds s (log: $log)"
  set +e
  (cd fuzz && "${cargo_fuzz[@]}" run -s "$sanitizer" "$t" "corpus/$t" -- \
    -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 \
    -max_len="$(max_len "$t")" -print_final_stats=1 -artifact_prefix="artifacts/$t/" \
    "${dict[@]}" ${FUZZ_ARGS:-}) > "$log" 2>&1
  rc=$?
  set -e
  execs=$(sed -n "s/^stat::number_of_executed_units: *//p" "$log" | tail -1)
  rate=$(sed -n "s/^stat::average_exec_per_sec: *//p" "$log" | tail -1)
  rss=$(sed -n "s/^stat::peak_rss_mb: *//p" "$log" | tail -1)
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
  after=$(ls "fuzz/corpus/$t" | wc -l)
  crashes=$(ls "fuzz/artifacts/$t" | wc -l)
  summary+=("$(printf '%-11s %8s s %12s execs %8s exec/s  corpus %5s -> %-5s  cov %6s  rss %5s MB  crashes %s  exit %s' \
    "$t" "$seconds" "${execs:-?}" "${rate:-?}" "$before" "$after" "${cov:-?}" "${rss:-?}" "$crashes" "$rc")")
  if ((rc != 0)); then
    status=1
    echo "fuzz.sh: $t stopped with exit $rc; last lines of $log:" >&2
    tail -30 "$log" >&2
  fi
done

echo
echo "target      time          executions     rate    corpus (before -> after)  coverage  memory  crashes"
printf '%s\n' "${summary[@]}"
exit $status
