#!/usr/bin/env python3
"""Turn a CoNLL-2003 English file (eng.testa / eng.testb) into annotated
articles in the seed form, for scoring Gleaner's names on a source it never
learned from (Reuters, 1996).

The CoNLL-2003 text is Reuters' and is not ours to redistribute, so it is not
in this repository: obtain eng.testa / eng.testb yourself, then

    python3 scripts/eval/conll-to-articles.py eng.testb /tmp/conll/testb
    .build/release/gleaner extract /tmp/conll/testb > /tmp/conll/testb.jsonl
    python3 eval/score.py /tmp/conll/testb /tmp/conll/testb.jsonl

Only prose articles are kept (no results tables): at least 120 words after
the headline and dateline, at most 12% of tokens numbers, and most sentences
ending in a full stop or a quote. Each becomes NAME.txt (`date` from the
dateline, then one sentence per line, tokens joined back into text) and
NAME.gold.json with its entities: PER, ORG, LOC, MISC as person,
organization, location, other; a one-word person that ends a longer
person's name is its alias. CoNLL's conventions differ from eval/GUIDELINES.md
(a national team is LOC there, an acronym is not an alias of its
expansion), so read the figures as a trend beside spaCy's on the same files,
not as a score against our guidelines.
"""
import json
import os
import re
import sys

TYPES = {"PER": "person", "ORG": "organization", "LOC": "location", "MISC": "other"}
DATE = re.compile(r"\d{4}-\d\d-\d\d$")
NUMBER = re.compile(r"^[\d.,:/-]+$")
GLUED_LEFT = {",", ".", ";", ":", "?", "!", ")", "'s", "n't", "'", "%"}


def documents(path):
    """Each document as a list of sentences, each a list of (token, tag)."""
    docs, sentences, sentence = [], [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("-DOCSTART-") or not line.strip():
            if sentence:
                sentences.append(sentence)
                sentence = []
            if line.startswith("-DOCSTART-") and sentences:
                docs.append(sentences)
                sentences = []
            continue
        fields = line.split(" ")
        sentence.append((fields[0], fields[-1]))
    if sentence:
        sentences.append(sentence)
    if sentences:
        docs.append(sentences)
    return docs


def detokenize(tokens):
    """Tokens joined back into text: no space before closing marks, quotes paired."""
    text, in_quote = "", False
    for token in tokens:
        if token == '"':
            text += '"' if in_quote else (" " if text else "") + '"'
            in_quote = not in_quote
        elif not text or (text.endswith('"') and in_quote) or text.endswith(("(", "$")):
            text += token
        elif token in GLUED_LEFT:
            text += token
        else:
            text += " " + token
    return text


def entities_of(sentence):
    """The (name, CoNLL type) spans of a sentence's IOB tags."""
    i = 0
    while i < len(sentence):
        tag = sentence[i][1]
        if tag == "O":
            i += 1
            continue
        kind, j = tag[2:], i + 1
        while j < len(sentence) and sentence[j][1] == "I-" + kind:
            j += 1
        yield detokenize([t for t, _ in sentence[i:j]]), kind
        i = j


def article(sentences):
    """(date, body sentences) without headline and dateline, or None for a table."""
    date, body = None, []
    for k, sentence in enumerate(sentences):
        tokens = [t for t, _ in sentence]
        if DATE.match(tokens[-1]) and len(tokens) < 8:
            date = tokens[-1]
        elif k > 0:
            body.append(sentence)
    words = sum(len(s) for s in body)
    numbers = sum(1 for s in body for t, _ in s if NUMBER.match(t))
    ended = sum(1 for s in body if s[-1][0] in (".", '"') and len(s) >= 8)
    if not date or words < 120 or numbers / words > 0.12 or ended < len(body) * 0.6:
        return None
    return date, body


def main(source, out):
    os.makedirs(out, exist_ok=True)
    kept = 0
    for number, sentences in enumerate(documents(source)):
        found = article(sentences)
        if not found:
            continue
        date, body = found
        types = {}
        for sentence in body:
            for name, kind in entities_of(sentence):
                types.setdefault(name, TYPES[kind])
        aliases, names = {}, []
        for name, kind in types.items():
            longer = [m for m, k in types.items() if kind == k == "person" and " " not in name and m.endswith(" " + name)]
            if longer:
                aliases.setdefault(longer[0], []).append(name)
            else:
                names.append(name)
        stem = os.path.join(out, "conll-%03d" % number)
        with open(stem + ".txt", "w", encoding="utf-8") as f:
            f.write("date %s\n%s\n" % (date, "\n".join(detokenize([t for t, _ in s]) for s in body)))
        gold = {"entities": [{"name": n, "type": types[n], "aliases": aliases.get(n, [])} for n in names],
                "quotes": [], "dates": [], "amounts": []}
        with open(stem + ".gold.json", "w", encoding="utf-8") as f:
            json.dump(gold, f, indent=1)
        kept += 1
    print("%d prose articles" % kept, file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
