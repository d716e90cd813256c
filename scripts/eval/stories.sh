#!/usr/bin/env bash
# The stories check: bench/corpus (269 articles) taken in by `gleaner run
# --once` in name order and in three shuffled orders, each day's stories
# listed by `gleaner stories --json --limit 0` and scored against an
# editor's grouping (bench/stories.gold.json) by eval/score_stories.py.
# Fails when an order scores under the floor this build reaches (issue 18's
# target, 0.92, is printed beside it) or when the orders differ by more than 0.02.
# Usage: scripts/eval/stories.sh [BUILD_DIR]   (default .build/debug; run from anywhere)
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-.build/debug}
floor=0.905
target=0.92
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

scores=()
for order in name 1 2 3; do
    state="$work/state-$order"
    # Intake takes files in path order: a shuffled order is one numbered folder per file.
    python3 - "$order" "$state/inbox" bench/corpus <<'PY'
import os, random, shutil, sys
order, inbox, corpus = sys.argv[1:]
files = sorted(f for f in os.listdir(corpus) if f.endswith(".txt"))
if order != "name":
    random.Random(int(order)).shuffle(files)
for i, name in enumerate(files):
    folder = inbox if order == "name" else os.path.join(inbox, "p%04d" % i)
    os.makedirs(folder, exist_ok=True)
    shutil.copy(os.path.join(corpus, name), folder)
PY
    GLEANER_CONFIG=/dev/null GLEANER_INTAKE_SETTLE_SECONDS=0 "$build/gleaner" run --once --state-dir "$state" \
        --log-level warning
    "$build/gleaner" stories --state-dir "$state" --json --limit 0 >"$state/stories.json"
    line=$(python3 eval/score_stories.py bench/stories.gold.json "$state/stories.json" "$state/gleaner.sqlite" | head -1)
    echo "order $order: $line"
    scores+=("$(sed -E 's/.*F=([0-9.]+).*/\1/' <<<"$line")")
done
python3 - "$floor" "$target" "${scores[@]}" <<'PY'
import sys
floor, target, *scores = map(float, sys.argv[1:])
spread = max(scores) - min(scores)
print("B-cubed F1 %.3f to %.3f (spread %.3f, at most 0.02); floor %.3f; target %.2f %s"
      % (min(scores), max(scores), spread, floor, target, "met" if min(scores) >= target else "NOT met"))
sys.exit(0 if min(scores) >= floor and spread <= 0.02 else 1)
PY
