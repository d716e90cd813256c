#!/usr/bin/env python3
"""Turn the Wikinews articles of the GUM corpus into annotated articles in the
seed form, for scoring Gleaner's names on a source it never learned from
(Wikinews, 2004-2016).

GUM (Georgetown University Multilayer corpus, https://github.com/amir-zeldes/gum)
annotates every mention of every entity, named or not, with its type and its
coreference chain. Its news texts are Wikinews' (CC BY 2.5) and its
annotations are CC BY 4.0; this script only reads them:

    git clone https://github.com/amir-zeldes/gum /tmp/gum
    python3 scripts/eval/gum-news-to-articles.py /tmp/gum/dep /tmp/wikinews
    .build/release/gleaner extract /tmp/wikinews > /tmp/wikinews.jsonl
    python3 eval/score.py /tmp/wikinews /tmp/wikinews.jsonl

Each `GUM_news_*.conllu` becomes NAME.txt (`date` from the article's creation
date, its headline, then its paragraphs; the dateline paragraph is left out)
and NAME.gold.json with its named entities only. A mention is named when the
words of its head phrase (GUM's minimal span), leading "the" and a closing
possessive aside, are proper nouns by their Penn tag (or "of", "and", "for",
"the", a number inside); person, organization and place
are person, organization and location (a person without the titles before
the name and what a title is for, "Undersecretary for Education Mr. X", or
the letters after a comma, "Mark Tedeschi, QC", or the body the person is
"of", "Wu Chi-wai of the Democratic Party"; two people joined by "and" in one
mention are two names; a place written
"Town, State" two places), and a one-word plural person
("Americans") is a group; a named event, object or abstract is other; times
and quantities are left out. The mentions of one GUM chain, and names written
alike, are one entity, named by its longest mention, the others its aliases.
GUM's conventions are not eval/GUIDELINES.md's (it types a country as a place
or an organisation by its role in the sentence, and a chain's type by its
first mention), so read the figures as a trend beside spaCy's on the same
files, not as a score against our guidelines. Quotes, dates and amounts are
not annotated here: only the entity lines of the scorer mean anything.
SOURCES.tsv names each article's title and Wikinews page.
"""
import glob
import json
import os
import re
import sys

TYPES = {"person": "person", "organization": "organization", "place": "location",
         "event": "other", "object": "other", "abstract": "other"}
INSIDE = {"of", "and", "for", "the", "de", "&"}
# Titles before a person's name, which eval/GUIDELINES.md leaves out of it. Written for this script.
TITLES = {"mr", "mrs", "ms", "dr", "professor", "prof", "emeritus", "ambassador", "governor", "president",
          "senator", "minister", "secretary", "chairman", "judge", "justice", "sir", "lord", "lady", "general",
          "captain", "officer", "detective", "sergeant", "mayor", "premier", "chancellor", "director", "chief",
          "prime", "undersecretary", "deputy", "vice"}
DATELINE = re.compile(r"^\w+day,? \w+ \d{1,2},? \d{4}$")
ENTITY = re.compile(r"\(([^()]+)(\))?|(\d+)\)")


def sentences(path):
    """Each sentence: (starts a paragraph, text, tokens as (form, upos, xpos, misc))."""
    result, tokens, text, new_paragraph, meta = [], [], "", False, {}
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("# meta::"):
            key, _, value = line[len("# meta::"):].partition(" = ")
            meta[key] = value
        elif line.startswith("# newpar"):
            new_paragraph = True
        elif line.startswith("# text = "):
            text = line[len("# text = "):]
        elif not line.strip():
            if tokens:
                result.append((new_paragraph, text, tokens))
                tokens, new_paragraph = [], False
        elif not line.startswith("#"):
            fields = line.split("\t")
            if "-" in fields[0] or "." in fields[0]:
                continue  # multi-word token lines and empty nodes
            tokens.append((fields[1], fields[3], fields[4], fields[9]))
    if tokens:
        result.append((new_paragraph, text, tokens))
    return meta, result


def minspan(spec):
    """The (first, last) word of the mention's head phrase ("3,4": its third and fourth), 1-based."""
    fields = spec.split("-")
    try:
        positions = [int(p) for p in fields[5].split(",")]
    except (IndexError, ValueError):
        return None
    return min(positions), max(positions)


def mentions(tokens):
    """The (chain id, GUM type, first token, end token, head phrase) mentions of a sentence."""
    found, open_ = [], {}
    for i, (_, _, _, misc) in enumerate(tokens):
        entity = next((f[len("Entity="):] for f in misc.split("|") if f.startswith("Entity=")), "")
        for match in ENTITY.finditer(entity):
            if match.group(3):
                chain = match.group(3)
                if open_.get(chain):
                    spec, start = open_[chain].pop()
                    found.append((chain, spec.split("-")[1], start, i + 1, minspan(spec)))
                continue
            spec = match.group(1)
            chain = spec.split("-")[0]
            if match.group(2):
                found.append((chain, spec.split("-")[1], i, i + 1, minspan(spec)))
            else:
                open_.setdefault(chain, []).append((spec, i))
    return found


def without_of(words):
    """A person's name without the body they are "of" ("Wu Chi-wai of the Democratic Party"): cut
    where two to four proper nouns come before "of" ("Joint Council for the Welfare of ..." is no name)."""
    of = next((k for k, w in enumerate(words) if w[0] == "of"), None)
    if of is not None and 2 <= of <= 4 and all(proper(w) or w[1] == "PUNCT" for w in words[:of]):
        return words[:of]
    return words


def is_title(word):
    """A title before a person's name ("Mr.", "Prime", "Minister")."""
    return word[0].lower().rstrip(".") in TITLES


def proper(word):
    """A proper noun by its Penn tag: GUM tags "United" of "United States" NNP but VERB."""
    return word[2] in ("NNP", "NNPS")


def named_text(tokens, start, end, head, kind):
    """The names the mention is, or is headed by ("Facebook founder Mark Zuckerberg"): one, or for
    a place written "Town, State" two; a person's title and letters after a comma dropped."""
    if head and head[1] <= end - start:
        start, end = start + head[0] - 1, start + head[1]
    words = tokens[start:end]
    while words and words[0][0].lower() == "the":
        words = words[1:]
    if kind == "person":
        # "Undersecretary for Education Mr. Toccafondi": titles, and what a title is for, go.
        if words and is_title(words[0]):
            if all(is_title(w) for w in words):
                return []  # "Prime Minister": a role, no name
            last = max(k for k in range(len(words)) if is_title(words[k]))
            words = words[last + 1:]
        if len(words) > 2 and words[-2][0] == "," and words[-1][0].isupper():
            words = words[:-2]  # "Mark Tedeschi, QC"
        # "Wu Chi-wai of the Democratic Party": the person, not the party they are of.
        # "Ben Chan and Leung Che-cheung": two people in one mention, each a name.
        joint = next((k for k, w in enumerate(words) if w[0] == "and"), None)
        if joint is not None and 0 < joint < len(words) - 1:
            return name_of(without_of(words[:joint])) + name_of(without_of(words[joint + 1:]))
        words = without_of(words)
    while words and (words[-1][1] == "PART" or words[-1][1] == "PUNCT"):
        words = words[:-1]
    if kind == "place" and any(w[0] == "," for w in words):
        comma = next(k for k, w in enumerate(words) if w[0] == ",")
        return [n for part in (words[:comma], words[comma + 1:]) for n in name_of(part)]
    return name_of(words)


def name_of(words):
    """[(text, is a one-word plural)] when the words are a name, else []."""
    if not words or len(words) > 7 or not proper(words[0]) or not (proper(words[-1]) or words[-1][2] == "CD"):
        return []
    if any(not proper(w) and w[2] != "CD" and w[0].lower() not in INSIDE and w[1] != "PUNCT" for w in words):
        return []
    text = ""
    for k, (form, _, _, misc) in enumerate(words):
        text += form
        if k + 1 < len(words) and "SpaceAfter=No" not in misc:
            text += " "
    return [(text, len(words) == 1 and words[0][2] == "NNPS")]


def convert(path, out):
    meta, sents = sentences(path)
    date = meta.get("dateCreated", "")[:10]
    paragraphs, names, chains = [], {}, {}
    for k, (new_paragraph, text, tokens) in enumerate(sents):
        if k > 0 and DATELINE.match(text.strip()):
            continue
        if new_paragraph or not paragraphs:
            paragraphs.append(text)
        else:
            paragraphs[-1] += " " + text
        for chain, kind, start, end, head in mentions(tokens):
            if kind not in TYPES:
                continue
            named = named_text(tokens, start, end, head, kind)
            for k, (text_, plural) in enumerate(named):
                gleaner_type = "group" if kind == "person" and plural else TYPES[kind]
                names.setdefault(text_, gleaner_type)
                # "Cape Canaveral, Florida": the state is a place of its own, not of the chain.
                chains.setdefault(chain if k == 0 else chain + "/" + text_, []).append(text_)
    # One entity per chain and per surface: union of chains that share a name.
    parent = {n: n for n in names}

    def root(n):
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n
    for members in chains.values():
        for other in members[1:]:
            parent[root(other)] = root(members[0])
    groups = {}
    for n in names:
        groups.setdefault(root(n), []).append(n)
    entities = []
    for members in groups.values():
        members.sort(key=lambda n: (-len(n), n))
        entities.append({"name": members[0], "type": names[members[0]], "aliases": members[1:]})
    entities.sort(key=lambda e: e["name"])
    stem = os.path.join(out, os.path.basename(path)[:-len(".conllu")].replace("GUM_news_", "wikinews-"))
    with open(stem + ".txt", "w", encoding="utf-8") as f:
        f.write("date %s %s\n\n%s\n" % (date, paragraphs[0], "\n\n".join(paragraphs[1:])))
    with open(stem + ".gold.json", "w", encoding="utf-8") as f:
        json.dump({"entities": entities, "quotes": [], "dates": [], "amounts": []}, f, indent=1)
    return os.path.basename(stem), meta.get("title", ""), meta.get("sourceURL", "")


def main(source, out):
    os.makedirs(out, exist_ok=True)
    files = sorted(glob.glob(os.path.join(source, "GUM_news_*.conllu")))
    # Attribution, as CC BY asks: each article's title and Wikinews page.
    with open(os.path.join(out, "SOURCES.tsv"), "w", encoding="utf-8") as f:
        f.write("article\ttitle\tsource (Wikinews, CC BY 2.5)\n")
        for path in files:
            f.write("\t".join(convert(path, out)) + "\n")
    print("%d Wikinews articles" % len(files), file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
