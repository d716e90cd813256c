#!/usr/bin/env python3
"""Rewrites the key literals of Sources/ArticleExtraction/WordConstants.swift.

Each constant is written `static let name: WordKey = 0x...  // "word"`; this
recomputes the literal from the word in the comment with the same FNV-1a
fold as WordKeys.key (ASCII lower-cased, periods and apostrophes skipped).
Add a constant by writing its line with any literal, then run:

    python3 scripts/word-constants.py
"""
import re
import sys

PATH = "Sources/ArticleExtraction/WordConstants.swift"


def key(word):
    h = 0xCBF29CE484222325
    for c in word.encode():
        if c in (0x2E, 0x27):
            continue
        if 0x41 <= c <= 0x5A:
            c |= 0x20
        h = ((h ^ c) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def main():
    text = open(PATH).read()
    line = re.compile(r'(    static let `?\w+`?: WordKey = )0x[0-9A-F]+(  // "([^"]+)")')
    text, count = line.subn(lambda m: "%s0x%016X%s" % (m.group(1), key(m.group(3)), m.group(2)), text)
    open(PATH, "w").write(text)
    print("%d constants written" % count, file=sys.stderr)


if __name__ == "__main__":
    main()
