#!/usr/bin/env bash
# Ingest benchmark: `gleaner run --once` (release build) over inboxes of N
# files made by bench/make-inbox.py (half gzip), beside the I/O
# floor: the time `cat` and `zcat` take just to read the same files.
# Prints files/s, the ratio to the floor, and peak resident memory.
#
# Usage: bench/run-ingest.sh [--mixed] [N ...]      (default: 10000 50000)
#   --mixed: N distinct articles from bench/make-mixed.py instead (each made of
#   sentences of the corpus, no two near-duplicates: every one is placed in a story).
# The files are written by rename, so the settle time is set to 0 for the
# run (GLEANER_INTAKE_SETTLE_SECONDS=0); everything else is the default.
set -euo pipefail
cd "$(dirname "$0")/.."
mixed=false
if [ "${1:-}" = --mixed ]; then mixed=true; shift; fi
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(10000 50000)
corpus=bench/corpus

swift build -c release --product gleaner >/dev/null
binary=$PWD/.build/release/gleaner
work=$(mktemp -d /tmp/gleaner-ingest-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(uname -r)"
printf '%-8s %10s %10s %10s %12s %10s %8s %8s\n' files "floor s" "gleaner s" "files/s" "floor files/s" "ratio" "peak MB" stored
for count in "${counts[@]}"; do
    state="$work/state-$count"
    if $mixed; then
        python3 bench/make-mixed.py --corpus "$corpus" --count "$count" --out "$state/inbox" >/dev/null
    else
        python3 bench/make-inbox.py --from "$corpus" --count "$count" --out "$state/inbox" >/dev/null
    fi
    sync

    # The I/O floor: read every file once (warm cache, like the run below).
    floor_start=$(date +%s%N)
    find "$state/inbox" -name '*.txt' -print0 | xargs -0 -r cat >/dev/null
    find "$state/inbox" -name '*.gz' -print0 | xargs -0 -r zcat >/dev/null
    floor_end=$(date +%s%N)

    GLEANER_CONFIG=/dev/null GLEANER_INTAKE_SETTLE_SECONDS=0 /usr/bin/time -f '%e %M' -o "$work/time" \
        "$binary" run --once --state-dir "$state" --log-level warning 2>"$work/log" || {
        echo "gleaner run failed:"; tail -5 "$work/log"; exit 1; }
    read -r seconds peak_kb <"$work/time"
    stored=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from articles').fetchone()[0])" "$state/gleaner.sqlite")
    left=$(find "$state/inbox" -type f | wc -l)
    [ "$left" -eq 0 ] || { echo "$left files left in the inbox"; exit 1; }

    python3 - "$count" "$floor_start" "$floor_end" "$seconds" "$peak_kb" "$stored" <<'PY'
import sys
count, floor_start, floor_end, seconds, peak_kb, stored = sys.argv[1:]
count = int(count)
floor = (int(floor_end) - int(floor_start)) / 1e9
seconds = float(seconds)
print("%-8d %10.2f %10.2f %10.0f %12.0f %9.1fx %8.0f %8s" % (
    count, floor, seconds, count / seconds, count / floor, seconds / floor, int(peak_kb) / 1024, stored))
PY
    rm -rf "$state"
done
echo "ratio = gleaner's time / the floor's time (reading and inflating the same files with cat and zcat)"
