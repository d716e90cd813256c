#!/usr/bin/env bash
# Does extraction take time linear in the size of an article? For texts of
# several shapes (real news, no punctuation, all capitalised names, nothing
# but quotation marks, numbers and dates) at 0.5, 1 and 2 MiB, the time
# `gleaner extract` takes (release build, best of 3) and the ratio of the
# 2 MiB time to the 1 MiB time: about 2 means linear, 4 would be quadratic.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product gleaner >/dev/null
work=$(mktemp -d /tmp/gleaner-scaling.XXXXXX)
trap 'rm -rf "$work"' EXIT
python3 - "$work" bench/corpus <<'PY'
import os, sys, random
work, corpus = sys.argv[1], sys.argv[2]
news = " ".join(open(os.path.join(corpus, n)).read().split(" ", 2)[-1] for n in sorted(os.listdir(corpus))[:200])
random.seed(1)
shapes = {
    "news": lambda: news,
    "no-punctuation": lambda: " ".join(random.choice(["the", "Mayor", "said", "river", "Anna", "bridge", "council"]) for _ in range(50000)),
    "capitalised-names": lambda: " ".join(random.choice(["Anna", "Berg", "Oslo", "Council", "Lopez", "Jordan", "Valley"]) for _ in range(50000)),
    "quotation-marks": lambda: " ".join(random.choice(['"', "“", "”", "said", "Anna", "'"]) for _ in range(50000)),
    "numbers-and-dates": lambda: " ".join(random.choice(["12", "March", "2024", "$5", "million", "Monday", "3.5", "percent", "ago"]) for _ in range(50000)),
}
for name, make in shapes.items():
    text = make()
    for size in (512 * 1024, 1024 * 1024, 2048 * 1024):
        body = (text + " ") * (size // len(text) + 1)
        open(os.path.join(work, "%s-%d.txt" % (name, size // 1024)), "w").write(" date 2024-03-01 " + body[:size])
PY
printf '%-20s %10s %10s %10s %8s\n' shape "0.5 MiB s" "1 MiB s" "2 MiB s" "2M/1M"
for shape in news no-punctuation capitalised-names quotation-marks numbers-and-dates; do
    times=()
    for size in 512 1024 2048; do
        best=999999
        for _ in 1 2 3; do
            start=$(date +%s%N)
            .build/release/gleaner extract "$work/$shape-$size.txt" >/dev/null
            ms=$(( ($(date +%s%N) - start) / 1000000 ))
            (( ms < best )) && best=$ms
        done
        times+=("$best")
    done
    awk -v s="$shape" -v a="${times[0]}" -v b="${times[1]}" -v c="${times[2]}" \
        'BEGIN { printf "%-20s %10.2f %10.2f %10.2f %8.2f\n", s, a / 1000, b / 1000, c / 1000, (b > 0 ? c / b : 0) }'
done
