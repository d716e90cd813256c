#!/usr/bin/env bash
# Linear time on hostile text: for each shape of bench/make-hostile.py, the
# wall time and peak memory of `gleaner extract` (release) on 250,000 and
# 1,000,000 words, best of five, and the ratio of the two (linear is 4x;
# the bar is below 4x, since process start is a fixed cost).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product gleaner >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
best() {  # best wall time in seconds, and the peak RSS in KB of that run, over five runs (a shared machine's stalls last seconds)
    local file=$1 b="" m=""
    for _ in 1 2 3 4 5; do
        /usr/bin/time -f "%e %M" -o "$work/time" .build/release/gleaner extract "$file" >/dev/null
        read -r t kb <"$work/time"
        if [ -z "$b" ] || awk -v a="$t" -v b="$b" 'BEGIN {exit !(a < b)}'; then b=$t; m=$kb; fi
    done
    echo "$b $m"
}
printf '%-8s %10s %10s %10s %10s %7s\n' shape "250k s" "250k MB" "1M s" "1M MB" ratio
status=0
for shape in names quotes mixed nopunct; do
    python3 bench/make-hostile.py "$shape" 250000 "$work/small.txt"
    python3 bench/make-hostile.py "$shape" 1000000 "$work/large.txt"
    read -r ts ms < <(best "$work/small.txt")
    read -r tl ml < <(best "$work/large.txt")
    ratio=$(awk -v a="$tl" -v b="$ts" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')
    printf '%-8s %10s %10d %10s %10d %6sx\n' "$shape" "$ts" $((ms / 1024)) "$tl" $((ml / 1024)) "$ratio"
    awk -v r="$ratio" 'BEGIN {exit !(r >= 4)}' && status=1
done
[ $status -eq 0 ] && echo "every shape below 4x" || echo "some shape at 4x or more: not linear"
exit $status
