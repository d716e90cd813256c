#!/usr/bin/env bash
# Digest benchmark (release build): renders the daily digest of a day of N
# articles (default 10,000, from bench/make-inbox.py, taken in by
# `gleaner run --once`) as Markdown, JSON and HTML, three times each, beside
# the floor: the same command for a day with no articles (process start,
# configuration, opening the store). Target: under 2 s for 10,000 articles.
# Then the Markdown digest's size (at most 150 KB) and its first lines: the
# articles, the distinct ones once near-duplicates are grouped, the stories.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10000}
swift build -c release --product gleaner >/dev/null
binary=$PWD/.build/release/gleaner
state=$(mktemp -d /tmp/gleaner-digest-bench.XXXXXX)
trap 'rm -rf "$state"' EXIT
export GLEANER_CONFIG=/dev/null GLEANER_INTAKE_SETTLE_SECONDS=0
python3 bench/make-inbox.py --from bench/corpus --count "$count" --out "$state/inbox" >/dev/null
"$binary" run --once --state-dir "$state" --log-level error
day=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select ingested_day from articles limit 1').fetchone()[0])" "$state/gleaner.sqlite")
seconds() {  # seconds COMMAND...: wall time of one run
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
}
printf '%-6s %12s %12s %12s %10s\n' format "best ms" "worst ms" "floor ms" "size"
for format in md json html; do
    best=999999 worst=0 floor=999999
    for _ in 1 2 3; do
        ms=$(seconds "$binary" digest --state-dir "$state" --day "$day" --format "$format")
        (( ms < best )) && best=$ms
        (( ms > worst )) && worst=$ms
        ms=$(seconds "$binary" digest --state-dir "$state" --day 1999-01-01 --format "$format")
        (( ms < floor )) && floor=$ms
    done
    size=$("$binary" digest --state-dir "$state" --day "$day" --format "$format" | wc -c)
    printf "%-6s %12d %12d %12d %9.1fM\n" "$format" "$best" "$worst" "$floor" "$(awk -v s="$size" "BEGIN {print s / 1048576}")"
done
echo "day $day: $count articles; floor = the same command for a day without articles"
"$binary" digest --state-dir "$state" --day "$day" --format md >"$state/digest.md"
echo "the Markdown digest: $(wc -c <"$state/digest.md") bytes (bar: 153,600); its first lines:"
head -n 3 "$state/digest.md"
grep '^## ' "$state/digest.md" | tr '\n' ' '; echo
"$binary" digest --state-dir "$state" --day "$day" --format articles | wc -c | sed 's/^/DAY-articles.md: /; s/$/ bytes/'
