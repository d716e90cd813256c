#!/usr/bin/env python3
"""Measure near-duplicate detection: edited copies against distinct articles.

Usage: bench/near_duplicates.py GLEANER CORPUS_DIR WORK_DIR [--per-kind N] [--seed 1]

Writes an inbox of the corpus articles (the originals) and runs
`GLEANER run --once` on it; then, for N of them per kind, an edited copy of
each kind below, and runs it again;
reads from the store each article's best similarity to an earlier original
and the original it was linked to; prints precision and recall of
near-duplicate detection at a range of thresholds.

Kinds of edit (each copy also gets another date header):
  headline   a new headline and date line before the body
  added      two to four sentences of another article appended
  cut        a run of about a fifth of the sentences cut
  reworded   one word in twenty replaced, the last sentence dropped
  heavy      a new headline, a third of the sentences cut, two sentences added
Truth: a copy is a near-duplicate of its original. Two corpus originals are
counted a true pair only when 80% or more of the word 3-shingles of the
shorter body are in the longer (exact containment, computed here): the
corpus holds a few reports republished with a paragraph added. Every other pair of originals is
distinct; many share a topic (the corpus is a few weeks of one newsroom).
Standard library only.
"""
import argparse
import os
import random
import re
import sqlite3
import subprocess
import sys

KINDS = ["headline", "added", "cut", "reworded", "heavy"]
HEADER = re.compile(r"\s*date\s+\d{4}-\d{2}-\d{2}\s*")
FILLER = "said would also have been more than after about could which their other".split()


def sentences(body):
    return [s for s in re.split(r"(?<=[.!?])\s+", body.strip()) if s]


def shingles(text):
    words = re.findall(r"[a-z0-9\x80-\uffff]+", text.lower())
    return {tuple(words[i:i + 3]) for i in range(len(words) - 2)}


def edit(kind, body, other, rng):
    parts = sentences(body)
    extra = sentences(other)
    if kind == "headline":
        return "BREAKING: %s. SYDNEY, Jan %d (Wire) - %s" % (" ".join(parts[0].split()[:6]).upper(), rng.randint(1, 28), body)
    if kind == "added":
        return body + " " + " ".join(extra[: rng.randint(2, 4)])
    if kind == "cut":
        n = max(1, len(parts) // 5)
        start = rng.randint(1, max(1, len(parts) - n))
        return " ".join(parts[:start] + parts[start + n:])
    if kind == "reworded":
        words = " ".join(parts[:-1] if len(parts) > 2 else parts).split()
        for i in range(0, len(words), 20):
            words[min(len(words) - 1, i + rng.randint(0, 19))] = rng.choice(FILLER)
        return " ".join(words)
    if kind == "heavy":
        n = max(1, len(parts) // 3)
        start = rng.randint(1, max(1, len(parts) - n))
        kept = parts[:start] + parts[start + n:]
        return "UPDATE: %s - %s %s" % (" ".join(parts[0].split()[:5]), " ".join(kept), " ".join(extra[:2]))
    raise ValueError(kind)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("gleaner")
    ap.add_argument("corpus")
    ap.add_argument("work")
    ap.add_argument("--per-kind", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    names = sorted(n for n in os.listdir(args.corpus) if n.endswith(".txt"))
    bodies = {}
    for n in names:
        with open(os.path.join(args.corpus, n), encoding="utf-8") as f:
            bodies[n] = HEADER.sub("", f.read(), count=1).strip()
    inbox = os.path.join(args.work, "var", "inbox")
    os.makedirs(inbox)
    for n in names:
        with open(os.path.join(inbox, "a_orig_" + n), "w", encoding="utf-8") as f:
            f.write(" date 2002-01-10 " + bodies[n] + "\n")
    state = os.path.join(args.work, "var")
    # The originals first, in a run of their own, so that every copy comes after its original.
    subprocess.run([args.gleaner, "run", "--once", "--state-dir", state], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    copies = {}  # copy file -> original file
    for kind in KINDS:
        for n in rng.sample(names, min(args.per_kind, len(names))):
            other = bodies[rng.choice([m for m in names if m != n])]
            name = "b_copy_%s_%s" % (kind, n)
            with open(os.path.join(inbox, name), "w", encoding="utf-8") as f:
                f.write(" date 2002-01-%02d %s\n" % (rng.randint(11, 28), edit(kind, bodies[n], other, rng)))
            copies[name] = "a_orig_" + n
    subprocess.run([args.gleaner, "run", "--once", "--state-dir", state], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    db = sqlite3.connect(os.path.join(state, "gleaner.sqlite"))
    rows = db.execute(
        "SELECT a.source_file, a.similarity, b.source_file FROM articles a "
        "LEFT JOIN articles b ON b.id = (SELECT s.id FROM articles s WHERE s.id = a.near_duplicate_of)").fetchall()
    # The best match is stored only when at or over the threshold the build uses; for
    # the sweep, recompute which original each article was closest to from the store.
    best = {}
    for source, similarity, linked in rows:
        best[source] = (similarity or 0.0, linked)
    shingle_sets = {"a_orig_" + n: shingles(bodies[n]) for n in names}
    republished = set()
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            sa, sb = shingle_sets["a_orig_" + a], shingle_sets["a_orig_" + b]
            if sa and sb and len(sa & sb) / min(len(sa), len(sb)) >= 0.8:
                republished.add("a_orig_" + b)
    print("articles: %d originals (%d of them republished reports), %d edited copies (%d per kind)"
          % (len(names), len(republished), len(copies), args.per_kind))
    print("| threshold | precision | recall | " + " | ".join("recall %s" % k for k in KINDS) + " | false pairs |")
    print("| --- | --- | --- | " + " | ".join("---" for _ in KINDS) + " | --- |")
    for threshold in [0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8]:
        tp = fp = fn = 0
        by_kind = {k: [0, 0] for k in KINDS}
        for source, (similarity, linked) in best.items():
            if source in copies:
                kind = source.split("_")[2]
                by_kind[kind][1] += 1
                if similarity >= threshold:
                    tp += 1
                    by_kind[kind][0] += 1
                else:
                    fn += 1
            elif source in republished:
                if similarity >= threshold:
                    tp += 1
                else:
                    fn += 1
            elif similarity >= threshold:
                fp += 1
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        print("| %.2f | %.3f | %.3f | %s | %d |" % (
            threshold, precision, recall,
            " | ".join("%.2f" % (h / n if n else 0) for h, n in by_kind.values()), fp))
    distinct = sorted(s for src, (s, _) in best.items() if src not in copies and src not in republished)
    print("distinct originals: highest similarity to an earlier original %.2f; 99th percentile %.2f"
          % (distinct[-1], distinct[int(len(distinct) * 0.99) - 1]))
    rows = db.execute("SELECT count(*), count(DISTINCT coalesce(near_duplicate_of, id)) FROM articles").fetchone()
    print("with the build's threshold: %d articles, %d distinct" % rows)
    copy_sims = sorted(best[c][0] for c in copies)
    print("edited copies: lowest similarity to their original %.2f; 5th percentile %.2f"
          % (copy_sims[0], copy_sims[int(len(copy_sims) * 0.05)]))
    # At the build's threshold the store says which article each copy repeats: its
    # original, or the report its original republishes, is right; any other is wrong.
    # Originals with the same bytes are one article (the second is an exact duplicate).
    first_with_body = {}
    for n in names:
        first_with_body.setdefault(bodies[n], "a_orig_" + n)

    def same_report(original):
        original = first_with_body[bodies[original[len("a_orig_"):]]]
        root = best.get(original, (0, None))[1]
        return {original, root} - {None}
    right = sum(1 for c in copies if best[c][1] in same_report(copies[c]))
    missed = sum(1 for c in copies if best[c][1] is None)
    wrong = [c for c in copies if best[c][1] is not None and best[c][1] not in same_report(copies[c])]
    print("at the build's threshold: %d of %d copies linked to their original (or the report it republishes), "
          "%d not linked, %d linked to another article%s" % (
              right, len(copies), missed, len(wrong),
              (" (" + ", ".join("%s to %s" % (c, best[c][1]) for c in wrong[:5]) + ")") if wrong else ""))
    # Distinct articles on one topic: originals that the store put in one story.
    members = {}
    for story, source, signature in db.execute(
            "SELECT sa.story_id, a.source_file, a.signature FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
            "WHERE a.source_file LIKE 'a_orig_%' AND a.near_duplicate_of IS NULL"):
        members.setdefault(story, []).append((source, signature))
    pairs = []
    for group in members.values():
        for i, (_, x) in enumerate(group):
            for _, y in group[i + 1:]:
                pairs.append(sum(x[k:k + 4] == y[k:k + 4] for k in range(0, len(x), 4)) / (len(x) // 4))
    if pairs:
        print("distinct articles of one story (same topic): %d pairs, similarity mean %.3f, highest %.2f"
              % (len(pairs), sum(pairs) / len(pairs), max(pairs)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
