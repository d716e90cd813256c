#!/usr/bin/env bash
# The running daemon (release build) under hostile files: a 3-million-word
# text of names, quotes and numbers (17 MB), two more shapes of 17 MB, and
# three gzip files inflating to 50 MB of hostile text (the caps' worst),
# dropped with 20 ordinary articles. bench/hostile_daemon.py prints when the
# ordinary ones were archived, when the hostile ones were done, the
# watchdog's pings (WATCHDOG_USEC=5000000) and the peak memory, which
# gleaner.service's MemoryMax= is set from.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product gleaner >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/make-hostile.py mixed 3000000 "$work/mixed.txt"
python3 bench/make-hostile.py names 2600000 "$work/names.txt"
python3 bench/make-hostile.py quotes 3000000 "$work/quotes.txt"
echo "== one 17 MB hostile text"
python3 bench/hostile_daemon.py .build/release/gleaner "$work/mixed.txt"
python3 bench/make-hostile.py mixed 8500000 "$work/mixed-50m.txt" && gzip "$work/mixed-50m.txt"
python3 bench/make-hostile.py quotes 8000000 "$work/quotes-50m.txt" && gzip "$work/quotes-50m.txt"
python3 bench/make-hostile.py names 7500000 "$work/names-50m.txt" && gzip "$work/names-50m.txt"
echo "== three 17 MB texts and three gzip files inflating to 50 MB each"
python3 bench/hostile_daemon.py .build/release/gleaner "$work/mixed.txt" "$work/names.txt" "$work/quotes.txt" \
    "$work/mixed-50m.txt.gz" "$work/quotes-50m.txt.gz" "$work/names-50m.txt.gz"
