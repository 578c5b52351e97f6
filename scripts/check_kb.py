#!/usr/bin/env python3
"""Validate kb/countries.tsv, kb/places.tsv, kb/admin1.tsv and kb/counties.tsv.

Checks: UTF-8, LF only, final newline, the header lines (source, licence,
format "herald-kb 1", columns as expected), the column count of every row,
no empty values inside a '|' list, ISO 3166-1 alpha-3 codes known to Debian
iso-codes (or XKX for Kosovo), no duplicate keys, sort order, coordinates in
range, numeric ids and populations, borders pointing at listed countries;
for counties: 5-digit FIPS codes, at least 99% of counties with a point
inside a US bounding box (contiguous states, Alaska, Hawaii, territories),
and a few known counties near their known places.

Usage: check_kb.py [KB_DIR] [--iso-codes DIR]
Exits 0 when all files pass, 1 with one line per problem otherwise.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys

FORMAT = "herald-kb 1"
EXTRA_ISO3 = {"XKX"}  # Kosovo: user-assigned code, not in ISO 3166-1

COLUMNS = {
    "countries.tsv": ["iso3", "iso2", "name", "aliases", "demonyms", "capital",
                      "lat", "lon", "geonames_id", "region", "subregion", "borders"],
    "places.tsv": ["geonames_id", "name", "country", "admin1", "lat", "lon",
                   "population", "kind", "aliases"],
    "admin1.tsv": ["country", "admin1", "name", "aliases", "lat", "lon", "geonames_id"],
    "counties.tsv": ["country", "admin1", "name", "fips", "lat", "lon", "geonames_id"],
}
# (lat min, lat max, lon min, lon max) of the places US counties lie in
US_BOXES = [
    (24.3, 49.5, -125.0, -66.8),      # contiguous states
    (51.0, 71.5, -180.0, -129.9),     # Alaska
    (51.0, 53.1, 172.0, 180.0),       # Alaska: western Aleutians
    (18.8, 22.3, -160.3, -154.7),     # Hawaii
    (17.6, 18.6, -68.0, -64.5),       # Puerto Rico, US Virgin Islands
    (13.2, 20.6, 144.6, 146.1),       # Guam, Northern Mariana Islands
    (-14.6, -11.0, -171.2, -168.1),   # American Samoa
]
COUNTY_MIN_IN_BOX = 0.99
# (admin1, name): (lat, lon) of the county's middle, and tolerance in km
COUNTY_POINTS = {
    ("LA", "Rapides Parish"): (31.2, -92.5),
    ("CA", "Los Angeles County"): (34.3, -118.2),
}
COUNTY_POINT_KM = 50.0
MULTI = {"aliases", "demonyms", "borders"}
MAX_ERRORS_PER_FILE = 50


class Checker:
    def __init__(self):
        self.errors: list[str] = []
        self.per_file: dict[str, int] = {}

    def err(self, fname, lineno, msg):
        n = self.per_file.get(fname, 0) + 1
        self.per_file[fname] = n
        if n <= MAX_ERRORS_PER_FILE:
            where = f"{fname}:{lineno}" if lineno else fname
            self.errors.append(f"{where}: {msg}")
        elif n == MAX_ERRORS_PER_FILE + 1:
            self.errors.append(f"{fname}: more errors not shown")


def read_table(ck: Checker, path: str, fname: str):
    """Return [(lineno, fields)] for the records, after header checks."""
    try:
        raw = open(path, "rb").read()
    except OSError as e:
        ck.err(fname, 0, f"cannot read: {e}")
        return []
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        ck.err(fname, 0, f"not UTF-8: {e}")
        return []
    if "\r" in text:
        ck.err(fname, 0, "contains CR characters (must be LF only)")
    if not text.endswith("\n"):
        ck.err(fname, 0, "does not end with a newline")
    lines = text.split("\n")[:-1] if text.endswith("\n") else text.split("\n")
    header = {}
    i = 0
    while i < len(lines) and lines[i].startswith("#"):
        m = re.match(r"^# ([a-z]+): (.*)$", lines[i])
        if m:
            header.setdefault(m.group(1), m.group(2))
        i += 1
    for key in ("source", "licence", "format", "columns"):
        if not header.get(key, "").strip():
            ck.err(fname, 0, f"header line '# {key}: ...' missing or empty")
    if header.get("format") and header["format"] != FORMAT:
        ck.err(fname, 0, f"format is {header['format']!r}, expected {FORMAT!r}")
    want = COLUMNS[fname]
    if "columns" in header and header["columns"].split("\t") != want:
        ck.err(fname, 0, f"columns header is {header['columns'].split(chr(9))}, "
                         f"expected {want}")
    rows = []
    for j in range(i, len(lines)):
        line = lines[j]
        lineno = j + 1
        if line.startswith("#"):
            ck.err(fname, lineno, "header line after the first record")
            continue
        if not line:
            ck.err(fname, lineno, "empty line")
            continue
        f = line.split("\t")
        if len(f) != len(want):
            ck.err(fname, lineno, f"{len(f)} columns, expected {len(want)}")
            continue
        for name, v in zip(want, f):
            if v != v.strip():
                ck.err(fname, lineno, f"{name}: leading/trailing space")
            if name in MULTI and v and any(x == "" for x in v.split("|")):
                ck.err(fname, lineno, f"{name}: empty value in '|' list")
            if name not in MULTI and "|" in v:
                ck.err(fname, lineno, f"{name}: contains '|'")
        rows.append((lineno, dict(zip(want, f))))
    if not rows:
        ck.err(fname, 0, "no records")
    return rows


def check_coord(ck, fname, lineno, lat, lon, required):
    if lat == "" and lon == "":
        if required:
            ck.err(fname, lineno, "lat/lon missing")
        return
    try:
        la, lo = float(lat), float(lon)
    except ValueError:
        ck.err(fname, lineno, f"lat/lon not numbers: {lat!r} {lon!r}")
        return
    if not (-90 <= la <= 90):
        ck.err(fname, lineno, f"lat out of range: {lat}")
    if not (-180 <= lo <= 180):
        ck.err(fname, lineno, f"lon out of range: {lon}")


def check_id(ck, fname, lineno, v, required):
    if v == "":
        if required:
            ck.err(fname, lineno, "geonames_id missing")
        return False
    if not re.fullmatch(r"[1-9][0-9]*", v):
        ck.err(fname, lineno, f"geonames_id not a positive integer: {v!r}")
        return False
    return True


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("kb_dir", nargs="?",
                    default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "kb"))
    ap.add_argument("--iso-codes", default="/usr/share/iso-codes/json")
    a = ap.parse_args()
    ck = Checker()

    try:
        iso1 = json.load(open(os.path.join(a.iso_codes, "iso_3166-1.json"),
                              encoding="utf-8"))["3166-1"]
    except (OSError, ValueError, KeyError) as e:
        print(f"check_kb: cannot read iso-codes ISO 3166-1 list: {e}", file=sys.stderr)
        return 2
    valid3 = {e["alpha_3"] for e in iso1} | EXTRA_ISO3
    valid2 = {e["alpha_2"] for e in iso1} | {"XK"}

    # countries
    fn = "countries.tsv"
    rows = read_table(ck, os.path.join(a.kb_dir, fn), fn)
    iso3s, iso2s, prev = set(), set(), None
    for ln, r in rows:
        c = r["iso3"]
        if c not in valid3:
            ck.err(fn, ln, f"iso3 {c!r} is not an ISO 3166-1 alpha-3 code (nor XKX)")
        if r["iso2"] not in valid2:
            ck.err(fn, ln, f"iso2 {r['iso2']!r} is not an ISO 3166-1 alpha-2 code")
        if c in iso3s:
            ck.err(fn, ln, f"duplicate iso3 {c}")
        if r["iso2"] in iso2s:
            ck.err(fn, ln, f"duplicate iso2 {r['iso2']}")
        iso3s.add(c)
        iso2s.add(r["iso2"])
        if prev is not None and c <= prev:
            ck.err(fn, ln, f"not sorted by iso3 ({prev} then {c})")
        prev = c
        if not r["name"]:
            ck.err(fn, ln, "empty name")
        if r["name"] in r["aliases"].split("|"):
            ck.err(fn, ln, "alias equal to the name")
        check_coord(ck, fn, ln, r["lat"], r["lon"], required=True)
        check_id(ck, fn, ln, r["geonames_id"], required=False)
    for ln, r in rows:
        for b in filter(None, r["borders"].split("|")):
            if b not in iso3s:
                ck.err(fn, ln, f"border {b!r} is not a listed country")
            if b == r["iso3"]:
                ck.err(fn, ln, "country borders itself")
    for code in ("XKX", "PSE", "TWN"):
        if rows and code not in iso3s:
            ck.err(fn, 0, f"{code} missing")

    # places
    fn = "places.tsv"
    rows = read_table(ck, os.path.join(a.kb_dir, fn), fn)
    seen, prev = set(), None
    for ln, r in rows:
        ok = check_id(ck, fn, ln, r["geonames_id"], required=True)
        if ok:
            gid = int(r["geonames_id"])
            if gid in seen:
                ck.err(fn, ln, f"duplicate geonames_id {gid}")
            seen.add(gid)
            if prev is not None and gid <= prev:
                ck.err(fn, ln, f"not sorted by geonames_id ({prev} then {gid})")
            prev = gid
        if not r["name"]:
            ck.err(fn, ln, "empty name")
        if r["kind"] not in ("city", "continent"):
            ck.err(fn, ln, f"unknown kind {r['kind']!r}")
        if r["kind"] == "continent":
            if r["country"]:
                ck.err(fn, ln, "continent with a country")
        elif r["country"] not in valid3:
            ck.err(fn, ln, f"country {r['country']!r} is not a valid alpha-3 code")
        elif r["country"] not in iso3s:
            ck.err(fn, ln, f"country {r['country']!r} not in countries.tsv")
        if not re.fullmatch(r"[0-9]+", r["population"]):
            ck.err(fn, ln, f"population not a non-negative integer: {r['population']!r}")
        if r["name"] in r["aliases"].split("|"):
            ck.err(fn, ln, "alias equal to the name")
        check_coord(ck, fn, ln, r["lat"], r["lon"], required=True)

    # admin1
    fn = "admin1.tsv"
    rows = read_table(ck, os.path.join(a.kb_dir, fn), fn)
    keys, prev = set(), None
    for ln, r in rows:
        c = r["country"]
        if c not in valid3:
            ck.err(fn, ln, f"country {c!r} is not a valid alpha-3 code")
        elif c not in iso3s:
            ck.err(fn, ln, f"country {c!r} not in countries.tsv")
        k = (c, r["admin1"])
        if not r["admin1"]:
            ck.err(fn, ln, "empty admin1")
        if k in keys:
            ck.err(fn, ln, f"duplicate key {c} {r['admin1']}")
        keys.add(k)
        if prev is not None and k <= prev:
            ck.err(fn, ln, f"not sorted by country, admin1 ({prev} then {k})")
        prev = k
        if not r["name"]:
            ck.err(fn, ln, "empty name")
        if r["name"] in r["aliases"].split("|"):
            ck.err(fn, ln, "alias equal to the name")
        check_coord(ck, fn, ln, r["lat"], r["lon"], required=False)
        check_id(ck, fn, ln, r["geonames_id"], required=False)

    # counties
    fn = "counties.tsv"
    rows = read_table(ck, os.path.join(a.kb_dir, fn), fn)
    fipss, prev, in_box, pts = set(), None, 0, {}
    for ln, r in rows:
        if r["country"] != "USA":
            ck.err(fn, ln, f"country {r['country']!r} is not USA")
        if not r["admin1"]:
            ck.err(fn, ln, "empty admin1")
        if not r["name"]:
            ck.err(fn, ln, "empty name")
        if not re.fullmatch(r"[0-9]{5}", r["fips"]):
            ck.err(fn, ln, f"fips not a 5-digit code: {r['fips']!r}")
        if r["fips"] in fipss:
            ck.err(fn, ln, f"duplicate fips {r['fips']}")
        fipss.add(r["fips"])
        k = (r["admin1"], r["name"], r["fips"])
        if prev is not None and k <= prev:
            ck.err(fn, ln, f"not sorted by admin1, name, fips ({prev} then {k})")
        prev = k
        check_coord(ck, fn, ln, r["lat"], r["lon"], required=False)
        try:
            la, lo = float(r["lat"]), float(r["lon"])
        except ValueError:
            continue
        pts[(r["admin1"], r["name"])] = (la, lo)
        if any(b[0] <= la <= b[1] and b[2] <= lo <= b[3] for b in US_BOXES):
            in_box += 1
    if rows and in_box < COUNTY_MIN_IN_BOX * len(rows):
        ck.err(fn, 0, f"only {in_box} of {len(rows)} counties have a point inside "
                      f"a US bounding box (want >= {COUNTY_MIN_IN_BOX:.0%})")
    for key, (la0, lo0) in COUNTY_POINTS.items():
        if not rows:
            break
        if key not in pts:
            ck.err(fn, 0, f"{key[1]}, {key[0]}: missing or without lat/lon")
            continue
        la, lo = pts[key]
        dlat, dlon = math.radians(la - la0), math.radians(lo - lo0)
        h = (math.sin(dlat / 2) ** 2 + math.cos(math.radians(la0))
             * math.cos(math.radians(la)) * math.sin(dlon / 2) ** 2)
        km = 2 * 6371.0 * math.asin(math.sqrt(h))
        if km > COUNTY_POINT_KM:
            ck.err(fn, 0, f"{key[1]}, {key[0]}: ({la}, {lo}) is {km:.0f} km from "
                          f"({la0}, {lo0})")

    if ck.errors:
        for e in ck.errors:
            print(e, file=sys.stderr)
        print(f"check_kb: FAILED ({sum(ck.per_file.values())} problems)", file=sys.stderr)
        return 1
    print(f"check_kb: ok ({a.kb_dir})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
