#!/usr/bin/env python3
"""Fails when extraction scores fall below the project's bars.

Usage: check-bars.py SCORES.json NAME=BAR [NAME=BAR ...]

SCORES.json is what `score.py GOLD PRED --json` prints. NAME is a metric of
its "scores" (for example entities.PER+ORG+LOC, entities.organization, dates,
quotes, amounts), whose F1 is compared, or "speaker" for the share of matched
quotes whose speaker is right. Prints one line per bar and exits 1 when any
is not met.
"""
import json
import sys


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    result = json.load(open(sys.argv[1]))
    failed = []
    for spec in sys.argv[2:]:
        name, bar = spec.split("=")
        bar = float(bar)
        if name == "speaker":
            speaker = result.get("quote_speaker") or {}
            matched = speaker.get("matched", 0)
            value = speaker.get("correct", 0) / matched if matched else 0.0
        else:
            value = result["scores"][name]["f1"] or 0.0
        ok = value >= bar
        print("  %-22s %.3f  (bar %.2f)  %s" % (name, value, bar, "ok" if ok else "BELOW"))
        if not ok:
            failed.append(name)
    if failed:
        print("below the bars: " + ", ".join(failed))
        sys.exit(1)


if __name__ == "__main__":
    main()
