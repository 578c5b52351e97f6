#!/usr/bin/env python3
"""Write kb/postal_towns.tsv: the US towns that name a post office (ZIP code)
and that kb/places.tsv lacks, each at the mean point of its ZIP codes.

GeoNames' cities500 (kb/places.tsv) stops at 500 people; local news names
smaller towns ("Meadow Grove", "Grantville"), which then resolved to a larger
namesake in another state. The USPS names the town of every delivery ZIP code.

Source: PyPI `zipcodes` (MIT; town names from USPS data, points from GeoNames'
postal codes, CC BY 4.0). Installed into a throwaway folder:

    apt-get install wamerican        # /usr/share/dict/american-english
    python3 -m pip install --target /tmp/zc zipcodes==3.0.0
    PYTHONPATH=/tmp/zc python3 scripts/build_postal_towns.py

A town named by one English word ("Hall", "Lane", "Park", "Amber"; Debian's
wamerican list, Herald's common words) or by one given name is left out:
nothing but its post office makes such a word a place, and the coder would
read it as one in street and firm names. So is a name ending in an
organization's, a facility's or a street's head word or a division word
("State University"), and one of number words ("Eighty Eight").

Deterministic: rows sorted by state and name; points rounded to 4 places.
"""

import math
import os
import sys
import unicodedata
from collections import defaultdict

import zipcodes

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLACES = os.path.join(ROOT, "kb", "places.tsv")
OUT = os.path.join(ROOT, "kb", "postal_towns.tsv")
ZIPCODES_VERSION = "3.0.0"
ENGLISH_WORDS = "/usr/share/dict/american-english"  # Debian wamerican 2020.12.07-2
NLP_DATA = os.path.join(ROOT, "crates", "herald-nlp", "data")
WORDS_TSV = os.path.join(ROOT, "kb", "words.tsv")

# a town of kb/places.tsv within this distance, of the same name and state,
# is the same town
SAME_TOWN_KM = 30.0

# the 50 states and the District of Columbia (territories are countries in kb/)
STATES = set(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO "
    "MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split()
)


def fold(name: str) -> str:
    """Lower case, accents off, "St." and "Saint" alike."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    words = s.replace(".", " ").split()
    return " ".join({"st": "saint", "mt": "mount", "ft": "fort"}.get(w, w) for w in words)


def km(a, b) -> float:
    (la1, lo1), (la2, lo2) = a, b
    p1, p2 = math.radians(la1), math.radians(la2)
    dp, dl = p2 - p1, math.radians(lo2 - lo1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def word_file(path: str) -> set[str]:
    with open(path, encoding="utf-8") as f:
        return {w.strip() for w in f if w.strip() and not w.startswith("#")}


def words_and_heads():
    """Single words no town may be named alone, and the head words no town's name ends in."""
    words = {w for w in word_file(ENGLISH_WORDS) if w == w.lower()}
    words |= word_file(os.path.join(NLP_DATA, "common_words.txt"))
    words |= word_file(os.path.join(NLP_DATA, "given_names.txt"))
    heads = set()
    with open(WORDS_TSV, encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) != 2 or line.startswith("#"):
                continue
            if cols[0] in ("org_heads", "facility_heads", "street_heads", "division_words"):
                heads.add(cols[1])
    return words, heads


NUMBER_WORDS = set(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand".split()
)


def names_a_town(name: str, words: set[str], heads: set[str]) -> bool:
    parts = name.lower().split()
    if all(p in NUMBER_WORDS for p in parts):
        return False  # "Eighty Eight" is read as a number
    if len(parts) == 1:
        return parts[0] not in words and parts[0] not in heads
    return parts[-1] not in heads


def listed_towns():
    """(folded name, state) -> points of kb/places.tsv's US places, names and aliases."""
    out = defaultdict(list)
    with open(PLACES, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if cols[2] != "USA" or not cols[4]:
                continue
            point = (float(cols[4]), float(cols[5]))
            names = [cols[1]] + [a for a in cols[8].split("|") if a]
            for n in names:
                out[(fold(n), cols[3])].append(point)
    return out


def postal_towns():
    """(name, state) -> mean point of the town's delivery ZIP codes."""
    points = defaultdict(list)
    for z in zipcodes.list_all():
        if z["zip_code_type"] not in ("STANDARD", "PO BOX") or not z["active"]:
            continue
        if z["state"] not in STATES or not z["lat"] or not z["long"]:
            continue
        name = z["city"].strip()
        points[(name, z["state"])].append((float(z["lat"]), float(z["long"])))
    return {
        key: (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
        for key, pts in points.items()
    }


def main() -> int:
    listed = listed_towns()
    words, heads = words_and_heads()
    rows = []
    for (name, state), point in postal_towns().items():
        if not names_a_town(name, words, heads):
            continue
        same = listed.get((fold(name), state), [])
        if any(km(point, p) <= SAME_TOWN_KM for p in same):
            continue
        rows.append((state, name, point))
    rows.sort()
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(
            "# source: USPS town names of delivery ZIP codes, points from GeoNames postal codes, "
            f"via PyPI zipcodes {ZIPCODES_VERSION}; built by scripts/build_postal_towns.py\n"
            "# licence: CC-BY-4.0 (GeoNames postal codes); USPS data public domain; "
            "zipcodes package MIT; see NOTICE\n"
            "# note: towns named by one English word (Debian wamerican 2020.12.07-2, Herald's "
            "common words) or one given name, or by a name ending in an organization's, "
            "facility's or street's head word or a division word, are left out\n"
            "# note: US towns that kb/places.tsv lacks (none of its places of the same name "
            f"and state within {SAME_TOWN_KM:.0f} km); lat/lon = mean of the town's ZIP code points\n"
            "# format: herald-kb 1\n"
            "# columns: name\tadmin1\tlat\tlon\n"
        )
        for state, name, (lat, lon) in rows:
            f.write(f"{name}\t{state}\t{lat:.4f}\t{lon:.4f}\n")
    print(f"{len(rows)} postal towns written to {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
