#!/usr/bin/env python3
"""Validate kb/regions.tsv (named regions and natural features).

Usage: scripts/check_regions.py [--kb KB_DIR]

Errors (exit status 1):
  - not UTF-8, CR line endings, no final newline;
  - missing source/licence/note comment lines, or a first non-comment line
    other than the header `# columns: name aliases country lat lon kind demonyms`;
  - a row without exactly 7 tab-separated columns, an empty name, surrounding
    spaces, an empty item in a '|' list, a name or alias starting with "the ";
  - lat outside [-90, 90], lon outside [-180, 180], or not written with 2 to
    4 decimals;
  - a kind outside the allowed set;
  - a country that is neither empty nor an iso3 code in kb/countries.tsv;
  - a name or alias used twice (case-insensitive), within a row or across rows;
  - a name or alias equal to a country's name or alias in kb/countries.tsv;
  - a name or alias equal to the name of a city with population > 100,000
    in kb/places.tsv, unless CITY_ALLOWLIST names it with a reason;
  - rows not sorted by name (case-insensitive).

Warnings (exit status 0): names or aliases equal to one of the listed
aliases (not the name) of such a city -- places.tsv's alias column holds
GeoNames variants such as ASCII spellings and neighbourhood names, so these
are printed for review, not fatal; names or aliases equal to an admin1 name in
kb/admin1.tsv (usually intended: Catalonia, Bavaria, Tigray are included
on purpose, with a point that admin1.tsv lacks outside the US).

Prints row counts per kind and the number of rows with a country.
Standard library only.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

REQUIRED_COMMENTS = ("# source:", "# licence:", "# note:")
COLUMNS = ["name", "aliases", "country", "lat", "lon", "kind", "demonyms"]
KINDS = {
    "region", "territory", "sea", "gulf", "bay", "strait", "river", "lake",
    "mountains", "desert", "island", "islands", "valley", "peninsula", "ocean",
}
CITY_MIN_POPULATION = 100_000

# Names or aliases that equal a city of more than 100,000 people in
# places.tsv, kept on purpose. Keys are case-folded.
CITY_ALLOWLIST = {
    "okinawa": "Okinawa Island (and prefecture) is the usual referent; "
               "Okinawa City lies on the island about 20 km from its point",
    "orkney": "the Orkney Islands are the usual referent in English news; "
              "the South African mining town keeps its own places.tsv row",
    "rio grande": "the US-Mexico border river is the usual referent in "
                  "English news; the Brazilian city keeps its own row",
    "idlib": "the province/region around Idlib city; the region's point is "
             "about 15 km from the city's, so either reading lands in the "
             "same place",
    "zanzibar": "the Zanzibar archipelago; Zanzibar City lies on its main "
                "island, about 17 km from the row's point",
}

NUMBER = re.compile(r"^-?\d{1,3}\.\d{2,4}$")
ISO3 = re.compile(r"^[A-Z]{3}$")


def fold(s: str) -> str:
    return s.casefold().strip()


def read_tsv_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    """Comment lines and the remaining rows of a herald-kb table."""
    comments, rows = [], []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                continue
            if line.startswith("#"):
                comments.append(line)
            else:
                rows.append(line.split("\t"))
    return comments, rows


def load_countries(path: Path) -> tuple[set[str], dict[str, str]]:
    """iso3 codes, and every country name/alias (folded) -> iso3."""
    _, rows = read_tsv_rows(path)
    codes, names = set(), {}
    for r in rows:
        if len(r) < 4:
            continue
        codes.add(r[0])
        for n in [r[2]] + [a for a in r[3].split("|") if a]:
            names[fold(n)] = r[0]
    return codes, names


def load_big_cities(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Cities over the population threshold: folded name -> label, and
    folded alias -> label (aliases only where they differ from names).

    places.tsv columns: geonames_id name country admin1 lat lon population
    kind aliases (see its '# columns:' line).
    """
    comments, rows = read_tsv_rows(path)
    cols = None
    for c in comments:
        if c.startswith("# columns:"):
            cols = c[len("# columns:"):].strip().split("\t")
    if not cols:
        cols = ["geonames_id", "name", "country", "admin1", "lat", "lon",
                "population", "kind", "aliases"]
    i_name, i_cc = cols.index("name"), cols.index("country")
    i_pop, i_kind = cols.index("population"), cols.index("kind")
    i_alias = cols.index("aliases") if "aliases" in cols else None
    names: dict[str, str] = {}
    aliases: dict[str, str] = {}
    for r in rows:
        if len(r) <= max(i_name, i_pop, i_kind):
            continue
        if r[i_kind] != "city":
            continue
        try:
            pop = int(r[i_pop] or 0)
        except ValueError:
            continue
        if pop <= CITY_MIN_POPULATION:
            continue
        label = f"{r[i_name]} ({r[i_cc]}, {pop:,})"
        names.setdefault(fold(r[i_name]), label)
        if i_alias is not None and i_alias < len(r):
            for a in r[i_alias].split("|"):
                if a:
                    aliases.setdefault(fold(a), label)
    for k in names:
        aliases.pop(k, None)
    return names, aliases


def load_admin1_names(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    _, rows = read_tsv_rows(path)
    out = {}
    for r in rows:
        if len(r) < 4:
            continue
        for n in [r[2]] + [a for a in r[3].split("|") if a]:
            out.setdefault(fold(n), f"{r[2]} ({r[0]} {r[1]})")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--kb", type=Path, default=ROOT / "kb")
    args = ap.parse_args()
    kb: Path = args.kb
    path = kb / "regions.tsv"

    errors: list[str] = []
    warnings: list[str] = []

    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        print(f"{path}: not UTF-8: {e}")
        return 1
    if "\r" in text:
        errors.append(f"{path}: contains CR characters (use LF line endings)")
    if not text.endswith("\n"):
        errors.append(f"{path}: no final newline")

    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    comments = []
    header_seen = False
    data: list[tuple[int, list[str]]] = []
    for no, line in enumerate(lines, 1):
        if line.startswith("# columns:"):
            header_seen = True
            if line[len("# columns:"):].strip().split("\t") != COLUMNS:
                errors.append(f"line {no}: header is {line!r}, expected "
                              f"'# columns: ' + {chr(9).join(COLUMNS)!r}")
            continue
        if line.startswith("#"):
            if header_seen:
                errors.append(f"line {no}: comment line after the header")
            comments.append(line)
            continue
        if not line.strip():
            errors.append(f"line {no}: empty line")
            continue
        if not header_seen:
            errors.append(f"line {no}: data before the '# columns:' header")
            continue
        data.append((no, line.split("\t")))
    for prefix in REQUIRED_COMMENTS:
        if not any(c.startswith(prefix) for c in comments):
            errors.append(f"{path}: missing a '{prefix}' comment line")
    if not header_seen:
        errors.append(f"{path}: no header line")

    codes, country_names = load_countries(kb / "countries.tsv")
    big_cities, big_city_aliases = load_big_cities(kb / "places.tsv")
    admin1 = load_admin1_names(kb / "admin1.tsv")

    seen: dict[str, str] = {}       # folded name/alias -> "line N (Name)"
    kinds = Counter()
    with_country = 0
    prev_key = None
    allow_used = set()

    for no, f in data:
        where = f"line {no}"
        if len(f) != len(COLUMNS):
            errors.append(f"{where}: {len(f)} columns, expected {len(COLUMNS)}")
            continue
        name, aliases, country, lat, lon, kind, demonyms = f
        where = f"line {no} ({name})"
        for col, val in zip(COLUMNS, f):
            if val != val.strip() or "  " in val:
                errors.append(f"{where}: stray spaces in {col} {val!r}")
        if not name:
            errors.append(f"{where}: empty name")
            continue

        key = (fold(name), name)
        if prev_key is not None and key < prev_key:
            errors.append(f"{where}: not sorted by name (after {prev_key[1]!r})")
        prev_key = key

        alias_list = aliases.split("|") if aliases else []
        demonym_list = demonyms.split("|") if demonyms else []
        for col, items in (("aliases", alias_list), ("demonyms", demonym_list)):
            if any(not x for x in items):
                errors.append(f"{where}: empty item in {col}")
        if len(set(map(fold, demonym_list))) != len(demonym_list):
            errors.append(f"{where}: repeated demonym")

        for n in [name] + [a for a in alias_list if a]:
            k = fold(n)
            if k.startswith("the "):
                errors.append(f"{where}: {n!r} starts with 'the'")
            if k in seen:
                errors.append(f"{where}: {n!r} already used at {seen[k]}")
            else:
                seen[k] = f"line {no} ({name})"
            if k in country_names:
                errors.append(f"{where}: {n!r} is a name or alias of country "
                              f"{country_names[k]} in countries.tsv")
            if k in big_cities:
                if k in CITY_ALLOWLIST:
                    allow_used.add(k)
                else:
                    errors.append(f"{where}: {n!r} is the name of city "
                                  f"{big_cities[k]} in places.tsv (add it to "
                                  f"CITY_ALLOWLIST with a reason if intended)")
            elif k in big_city_aliases:
                warnings.append(f"{where}: {n!r} is an alias of city "
                                f"{big_city_aliases[k]} in places.tsv")
            if k in admin1:
                warnings.append(f"{where}: {n!r} is also admin1 {admin1[k]}")

        for col, val, lo, hi in (("lat", lat, -90, 90), ("lon", lon, -180, 180)):
            if not NUMBER.match(val):
                errors.append(f"{where}: {col} {val!r} is not a decimal number "
                              f"with 2-4 decimals")
                continue
            v = float(val)
            if not lo <= v <= hi:
                errors.append(f"{where}: {col} {v} outside [{lo}, {hi}]")

        if kind not in KINDS:
            errors.append(f"{where}: kind {kind!r} not in {sorted(KINDS)}")
        kinds[kind] += 1

        if country:
            with_country += 1
            if not ISO3.match(country) or country not in codes:
                errors.append(f"{where}: country {country!r} is not an iso3 "
                              f"code in countries.tsv")

    for k in sorted(set(CITY_ALLOWLIST) - allow_used):
        warnings.append(f"CITY_ALLOWLIST entry {k!r} matches no city name; "
                        f"remove it")

    for w in warnings:
        print(f"warning: {w}")
    for e in errors:
        print(f"error: {e}")

    print(f"{path.name}: {len(data)} rows, {with_country} with a country, "
          f"{len(data) - with_country} spanning several (country empty)")
    for kind, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {kind:10s} {n}")
    print(f"{len(errors)} error(s), {len(warnings)} warning(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
