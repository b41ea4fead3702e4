#!/usr/bin/env bash
# Instructions per message, counted by valgrind's callgrind: unlike timings they do not depend on
# the load of the machine. For each kind of message, moderato's `Classifier::classify` is run on
# N messages and on 0 (same process start, same classifier build, same file read), and the
# difference is divided by N. Start-up is `Classifier::new` plus one first verdict: the 0-message
# run minus a run that builds nothing.
# Usage: bench/compare/callgrind.sh [N]   (default 2000; long posts use N/10). Needs valgrind.
set -euo pipefail
cd "$(dirname "$0")/rustrict-bench"
command -v valgrind >/dev/null || { echo "callgrind: valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }
n=${1:-2000}
cargo build --profile profiling --quiet
bin=target/profiling/rustrict-bench
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
count() { # FILE TOOL N -> instructions
  valgrind --tool=callgrind --callgrind-out-file="$work/out" "$bin" count "$1" "$2" "$3" 2>&1 >/dev/null |
    awk '/Collected/ { print $4 }'
}
printf '%-12s %8s %14s %12s\n' set messages "bytes/message" "instr/message"
for set in chat tweet long russian adversarial mixed; do
  m=$n
  [[ $set == long ]] && m=$((n / 10))
  "$bin" gen "$set" "$m" > "$work/$set.txt"
  bytes=$(( $(wc -c < "$work/$set.txt") / m - 1 ))
  with=$(count "$work/$set.txt" moderato "$m")
  without=$(count "$work/$set.txt" moderato 0)
  printf '%-12s %8d %14d %12d\n' "$set" "$m" "$bytes" $(( (with - without) / m ))
done
none=$(count "$work/chat.txt" none 0)
built=$(count "$work/chat.txt" moderato 0)
echo "start-up (Classifier::new + first verdict): $(( built - none )) instructions"
