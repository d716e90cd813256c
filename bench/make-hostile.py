#!/usr/bin/env python3
"""Writes hostile article bodies for the linear-time benchmark.

Usage: make-hostile.py SHAPE WORDS OUT.txt

Shapes (every one a single line, as the seed's source writes articles):
  names        capitalised names only, no punctuation
  quotes       short quoted sentences, each attributed with a pronoun
  mixed        names, quotes and numbers in attributed sentences
  nopunct      lower-case prose with no sentence marks at all
The words are drawn from small made-up lists with a fixed seed, so the same
arguments always write the same file.
"""
import random
import sys

FIRST = ["Anna", "Boris", "Carla", "Dmitri", "Elena", "Farid", "Greta", "Hamid", "Ines", "Jonas"]
LAST = ["Varga", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Ribeiro", "Novak", "Haddad", "Kowal", "Brandt"]
ORG = ["Council", "Party", "Ministry", "Bank", "Union", "Agency"]
PLACE = ["Kelso", "Marbury", "Ostrava", "Tarlac", "Yelwa", "Zagora"]
VERBS = ["said", "told", "added", "warned", "claimed"]
LOWER = ["the", "plan", "would", "cost", "more", "than", "expected", "and", "people", "were", "angry", "about",
         "it", "because", "nobody", "had", "asked", "them", "first"]


SYLLABLES = ["ka", "ro", "mi", "tan", "vel", "do", "shi", "ber", "lo", "ne", "gar", "qui"]


def invented(rng):
    """A capitalised word made of syllables: distinct names grow with the text."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def name(rng):
    if rng.random() < 0.5:
        return "%s %s" % (rng.choice(FIRST), invented(rng))
    return "%s %s" % (rng.choice(FIRST), rng.choice(LAST))


def sentence(shape, rng):
    if shape == "names":
        return "%s %s %s %s" % (name(rng), rng.choice(PLACE), invented(rng) + " " + rng.choice(ORG),
                                invented(rng).upper()[:4])
    if shape == "quotes":
        body = " ".join(rng.choice(LOWER) for _ in range(8))
        return "\u201c%s,\u201d he %s." % (body.capitalize(), rng.choice(VERBS))
    if shape == "mixed":
        body = " ".join(rng.choice(LOWER) for _ in range(6))
        return "\u201c%s %d people,\u201d %s of the %s %s %s in %s on %d March." % (
            body.capitalize(), rng.randint(2, 90000), name(rng), rng.choice(LAST), rng.choice(ORG),
            rng.choice(VERBS), rng.choice(PLACE), rng.randint(1, 28))
    if shape == "nopunct":
        return " ".join(rng.choice(LOWER) for _ in range(12))
    raise SystemExit("unknown shape %r" % shape)


def main():
    if len(sys.argv) != 4:
        raise SystemExit(__doc__)
    shape, words, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    rng = random.Random(7)
    parts, count = [], 0
    while count < words:
        s = sentence(shape, rng)
        parts.append(s)
        count += len(s.split())
    with open(out, "w", encoding="utf-8") as f:
        f.write("date 2024-03-15 " + " ".join(parts) + "\n")


if __name__ == "__main__":
    main()
