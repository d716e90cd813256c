#!/usr/bin/env python3
"""Derive Gleaner's organisation lists from public data and write them as Swift source.

Usage (the four sources are public Git repositories; clone them anywhere):
    git clone https://github.com/openfootball/clubs /tmp/openfootball-clubs
    git clone https://github.com/datasets/s-and-p-500-companies /tmp/sp500
    git clone https://github.com/hdigital/partyfactsdata /tmp/partyfacts
    git clone https://github.com/boberle/random-items /tmp/random-items
    python3 scripts/gazetteers/derive-organizations.py /tmp/openfootball-clubs /tmp/sp500 /tmp/partyfacts \\
        /tmp/random-items Sources/ArticleExtraction/Gazetteer/OrganizationData.swift

Sources (see Sources/ArticleExtraction/Gazetteer/DATA-LICENSES.md):
  - openfootball/clubs (CC0 1.0, public domain dedication): football clubs of
    every country with the names news uses for them ("Arsenal FC" with
    "Arsenal"; "Tottenham Hotspur FC" with "Spurs"), from every `*.clubs.txt`;
    and their grounds ("Old Trafford", "Ibrox"), from the "@ ground" field of
    those files and every `*.stadiums.txt`.
  - datasets/s-and-p-500-companies (ODC PDDL 1.0, public domain): the
    companies of the S&P 500 (`data/constituents.csv`, column Security), each
    also without its legal suffix ("Apple Inc." and "Apple").
  - boberle/random-items (CC BY 3.0, extracted from Wikipedia through YAGO 3):
    about 1,500 of the world's largest employers (`data/companies.csv`, column
    name), each also without its legal suffix and a leading "The", and with
    "and" for "&" ("Ernst & Young", "Ernst and Young").
  - hdigital/partyfactsdata (MIT): the Party Facts core parties of every
    country (`import/elecglob/partyfacts-core-parties.csv`), their English
    names (each of the forms a " / " separates, brackets dropped), the name
    without a final "Party" ("Labour Party" and "Labour"), and short names of
    three or more capitals ("SNP").

A name is kept when it has a capital letter and four or more characters, and
is not a common English word that clubs use as a short form ("City",
"United", "Athletic"); the model weighs a hit together with the words around
the mention, so a club named after its city ("Liverpool") is a club only
where the article talks football. The output is sorted and deterministic.
"""
import csv
import glob
import os
import re
import sys

# Short forms that are ordinary words or club-name parts, never a club alone.
# Written for this project.
COMMON_WORDS = set("""
city united athletic town county rovers wanderers albion real sporting club sport sports union
national olympic olympique racing central dynamo dinamo rangers celtic star stars palace villa forest
academy youth reserves women ladies international inter victoria royal north south east west
coalition independent independents communist communists nationalist nationalists socialist socialists
opposition government others other
""".split())

LEGAL_SUFFIXES = re.compile(
    r"[,.]?\s+(inc\.?|incorporated|corp\.?|corporation|co\.?|company|companies|plc|ltd\.?|limited|"
    r"holdings|group|& co\.?|n\.v\.|s\.a\.|ag|se|l\.p\.)$",
    re.IGNORECASE)


def keep(name):
    name = " ".join(name.split())
    if len(name) < 4 or not any(c.isupper() for c in name):
        return None
    if name.lower() in COMMON_WORDS:
        return None
    return name


def openfootball_lines(root, pattern):
    """Every line of the openfootball files matching `pattern`, comments and headings dropped."""
    for path in sorted(glob.glob(os.path.join(root, "**", pattern), recursive=True)):
        with open(path, encoding="utf-8") as f:
            for raw in f:
                line = raw.split("#", 1)[0].rstrip()
                if line.strip() and not line.lstrip().startswith("="):
                    yield line


def names_of_entry(line):
    """The names an entry line gives: every form of an alias line ("| Arsenal | FC Arsenal"),
    else its first field ("Arsenal FC, 1886, @ Emirates Stadium, London")."""
    if line.lstrip().startswith("|"):
        return [part.strip() for part in line.strip().strip("|").split("|")]
    return [line.split(",", 1)[0].strip()]


def venues(root):
    names = set()
    forms = [form for line in openfootball_lines(root, "*.stadiums.txt") if "//" not in line
             for form in names_of_entry(line)]
    # A club's ground: its "@ Emirates Stadium" field.
    forms += [field.strip()[1:] for line in openfootball_lines(root, "*.clubs.txt")
              for field in line.split(",") if field.strip().startswith("@")]
    for form in forms:
        name = keep(form.replace("$", "").strip())
        if name:
            names.add(name)
    return names


def clubs(root):
    names = set()
    for line in openfootball_lines(root, "*.clubs.txt"):
        for form in names_of_entry(line):
            name = keep(form)
            if name and not re.search(r"[\[\]{}@]", name):
                names.add(name)
    return names


def company_forms(full):
    """A company's name as news writes it: whole, without its legal suffix or a
    leading "The", and with "and" for "&"."""
    full = re.sub(r"\s*\(.*\)$", "", full).strip()
    short = LEGAL_SUFFIXES.sub("", full).strip().rstrip(",")
    short = re.sub(r"^The\s+", "", short)
    forms = {full, short}
    forms |= {form.replace(" & ", " and ") for form in forms if " & " in form}
    return forms


def companies(sp500_root, random_items_root):
    names = set()
    rows = []
    with open(os.path.join(sp500_root, "data", "constituents.csv"), encoding="utf-8") as f:
        rows += [row["Security"] for row in csv.DictReader(f)]
    with open(os.path.join(random_items_root, "data", "companies.csv"), encoding="utf-8") as f:
        rows += [row["name"] for row in csv.DictReader(f)]
    for full in rows:
        for form in company_forms(full):
            name = keep(form)
            if name:
                names.add(name)
    return names


def parties(root):
    names = set()
    path = os.path.join(root, "import", "elecglob", "partyfacts-core-parties.csv")
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            forms = []
            for field in ("name_english", "name"):
                for form in (row.get(field) or "").split(" / "):
                    form = re.sub(r"\s*[\[(].*?[\])]", "", form).strip()
                    if form and all(ord(c) < 0x250 for c in form):
                        forms.append(form)
                        if form.endswith(" Party") and len(form.split()) >= 2:
                            forms.append(form[: -len(" Party")])
            short = (row.get("name_short") or "").strip()
            if len(short) >= 3 and short.isalpha() and short.isupper():
                forms.append(short)
            for form in forms:
                name = keep(form)
                if name:
                    names.add(name)
    return names


def swift_literal(lines):
    return "\n".join(line.replace("\\", "\\\\").replace('"""', '\\"""') for line in lines)


def main():
    if len(sys.argv) != 6:
        raise SystemExit(__doc__)
    club_names = sorted(clubs(sys.argv[1]))
    company_names = sorted(companies(sys.argv[2], sys.argv[4]))
    party_names = sorted(parties(sys.argv[3]))
    venue_names = sorted(venues(sys.argv[1]))
    out = [
        "// Generated by scripts/gazetteers/derive-organizations.py. Do not edit by hand.",
        "// Origin and licences: DATA-LICENSES.md beside this file.",
        "",
        "/// Organisation names derived from public data, one per line.",
        "enum OrganizationData {",
        "    /// Football clubs and the names news uses for them (openfootball/clubs, CC0).",
        '    static let clubs = """',
        swift_literal(club_names),
        '"""',
        "",
        "    /// Companies of the S&P 500 (datasets/s-and-p-500-companies, PDDL) and the world's largest employers",
        "    /// (boberle/random-items, from Wikipedia through YAGO 3, CC BY 3.0), with and without their legal suffix.",
        '    static let companies = """',
        swift_literal(company_names),
        '"""',
        "",
        "    /// Political parties of every country, by their English and short names (Party Facts core parties, MIT).",
        '    static let parties = """',
        swift_literal(party_names),
        '"""',
        "",
        "    /// Football grounds (openfootball/clubs, CC0): places, not organisations.",
        '    static let venues = """',
        swift_literal(venue_names),
        '"""',
        "}",
        "",
    ]
    with open(sys.argv[5], "w", encoding="utf-8") as f:
        f.write("\n".join(out))
    print("%d club names, %d company names, %d party names, %d venue names"
          % (len(club_names), len(company_names), len(party_names), len(venue_names)))


if __name__ == "__main__":
    main()
