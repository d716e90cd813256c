#!/usr/bin/env bash
# Flood test (release build): N files (default 100,000, half gzip) dropped at
# once into the inbox of a running daemon by make-inbox.py, far more events
# than inotify queues (fs.inotify.max_queued_events). Reports the overflow,
# the time until every file is stored, and the daemon's peak and final
# resident memory; fails if any file is unaccounted for.
# FLOOD_MAX_QUEUED_EVENTS=256 (as root) shrinks the kernel's inotify queue for
# the run, so that the overflow-and-rescan path is taken for certain.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}
swift build -c release --product gleaner >/dev/null
state=$(mktemp -d /tmp/gleaner-flood.XXXXXX)
queue_before=$(cat /proc/sys/fs/inotify/max_queued_events)
trap 'kill "$daemon" 2>/dev/null || true; rm -rf "$state"; echo "$queue_before" >/proc/sys/fs/inotify/max_queued_events 2>/dev/null || true' EXIT
if [ -n "${FLOOD_MAX_QUEUED_EVENTS:-}" ]; then echo "$FLOOD_MAX_QUEUED_EVENTS" >/proc/sys/fs/inotify/max_queued_events; fi
mkdir -p "$state/inbox"
GLEANER_CONFIG=/dev/null .build/release/gleaner run --state-dir "$state" --log-level warning 2>"$state/log" &
daemon=$!
sleep 1
start=$(date +%s%N)
python3 bench/make-inbox.py --from bench/corpus --count "$count" --out "$state/inbox" >/dev/null
written=$(date +%s%N)
stored() { python3 -c "import sqlite3,sys; print(sqlite3.connect('file:'+sys.argv[1]+'?mode=ro', uri=True).execute('select count(*) from ledger').fetchone()[0])" "$state/gleaner.sqlite"; }
while [ "$(stored)" -lt "$count" ]; do sleep 1; done
done_at=$(date +%s%N)
peak=$(awk '/VmHWM/ {print $2}' /proc/$daemon/status)
rss=$(awk '/VmRSS/ {print $2}' /proc/$daemon/status)
kill -TERM "$daemon"; wait "$daemon" || true
left=$(find "$state/inbox" -type f | wc -l)
archived=$(find "$state/archive" -type f | wc -l)
echo "files dropped:        $count (max_queued_events $(cat /proc/sys/fs/inotify/max_queued_events))"
echo "overflow rescans:     $(grep -c 'inotify queue overflowed' "$state/log" || true)"
echo "writing them took:    $(( (written - start) / 1000000 )) ms"
echo "all stored after:     $(( (done_at - start) / 1000000 )) ms from the first drop"
echo "accounted:            $archived archived + $left in the inbox = $((archived + left)) of $count"
echo "daemon memory:        peak $((peak / 1024)) MB, after $((rss / 1024)) MB"
[ $((archived + left)) -eq "$count" ] && [ "$left" -eq 0 ]
