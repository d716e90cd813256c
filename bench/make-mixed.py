#!/usr/bin/env python3
"""Write N distinct article files made of sentences of the bench corpus.

Usage: bench/make-mixed.py --count N --out DIR [--sentences 6] [--seed 3]

Each file is `date 2002-01-10` and SENTENCES sentences drawn at random from
all the corpus articles: no two files are near-duplicates (they share a
sentence at most, by chance), yet they share the corpus's people, places and
organisations, as a busy day of distinct news does. What `make-inbox.py`
cannot show, since its copies repeat 269 bodies: the cost of placing every
article of a large day in a story. Standard library only.
"""
import argparse
import os
import random
import re

CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--sentences", type=int, default=6)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--corpus", default=CORPUS)
    args = ap.parse_args()
    sentences = []
    for name in sorted(os.listdir(args.corpus)):
        if not name.endswith(".txt"):
            continue
        with open(os.path.join(args.corpus, name), encoding="utf-8") as f:
            text = re.sub(r"^\s*date\s+\S+\s*", "", f.read())
        sentences += [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if len(s.split()) > 5]
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    for i in range(args.count):
        body = " ".join(rng.sample(sentences, args.sentences))
        tmp = os.path.join(args.out, ".m%06d.tmp" % i)
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(" date 2002-01-10 " + body + "\n")
        os.replace(tmp, os.path.join(args.out, "m%06d.txt" % i))
    print("wrote %d files from %d sentences to %s" % (args.count, len(sentences), args.out))


if __name__ == "__main__":
    main()
