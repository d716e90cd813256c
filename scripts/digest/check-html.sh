#!/usr/bin/env bash
# Renders the daily HTML digest of two days (the bench corpus split in two,
# the seeds on the second day) in headless Chromium, checks in its DOM that
# the sections a reader needs are there, and saves a screenshot.
# Usage: scripts/digest/check-html.sh GLEANER_BINARY OUTPUT_DIRECTORY
set -euo pipefail
cd "$(dirname "$0")/../.."
binary=$1
out=$2
mkdir -p "$out"
state=$(mktemp -d /tmp/gleaner-html-check.XXXXXX)
trap 'rm -rf "$state"' EXIT
export GLEANER_CONFIG=/dev/null GLEANER_INTAKE_SETTLE_SECONDS=0
mkdir -p "$state/inbox"
corpus=(bench/corpus/*.txt)
half=$(( ${#corpus[@]} / 2 ))
# Day one on the earliest calendar day on Earth, day two on the latest: two different days.
cp "${corpus[@]:0:$half}" "$state/inbox/"
GLEANER_TIME_ZONE=Etc/GMT+12 "$binary" run --once --state-dir "$state" --log-level error
cp "${corpus[@]:$half}" seeds/000_*.txt "$state/inbox/"
GLEANER_TIME_ZONE=Pacific/Kiritimati "$binary" run --once --state-dir "$state" --log-level error
day=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select max(ingested_day) from articles').fetchone()[0])" "$state/gleaner.sqlite")
cp "$state/digests/daily/$day.html" "$out/digest.html"
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1100,2600)
timeout 120 chromium "${flags[@]}" --dump-dom "file://$out/digest.html" >"$out/digest.dom.html" 2>/dev/null
timeout 120 chromium "${flags[@]}" --screenshot="$out/digest.png" "file://$out/digest.html" >/dev/null 2>&1
python3 - "$out/digest.dom.html" <<'PY'
import re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
checks = {
    "the first line (articles, distinct, stories)": re.search(r'<p class="lede">[\d,]+ articles, [\d,]+ distinct, in [\d,]+ stor', dom),
    "story cards": dom.count('<article class="card">') >= 5,
    "more stories": 'id="more-stories"' in dom,
    "new today": 'id="new"' in dom,
    "rising, with sparklines": 'id="rising"' in dom and '<svg class="spark"' in dom,
    "people, organisations, places": all('id="%s"' % s in dom for s in ("people", "organisations", "places")),
    "who said what": 'id="quotes"' in dom,
    "timeline and figures": 'id="timeline"' in dom and 'id="figures"' in dom,
    "the articles behind <details>": re.search(r'<section id="articles"><h2>Articles</h2><details>', dom),
    "a policy that loads nothing": "default-src 'none'" in dom and "<script" not in dom,
}
failed = [name for name, ok in checks.items() if not ok]
for name, ok in checks.items():
    print("  %-45s %s" % (name, "ok" if ok else "MISSING"))
if failed:
    sys.exit("the HTML digest, as Chromium read it, lacks: " + ", ".join(failed))
PY
echo "Chromium rendered the HTML digest of $day: all sections present"
echo "screenshot: $out/digest.png (the page: $out/digest.html)"
