#!/usr/bin/env python3
"""Validate kb/officeholders.tsv (herald-kb 1, office-holder tenures).

Usage: scripts/check_officeholders.py [path/to/officeholders.tsv]

Errors (exit status 1): malformed header, wrong column count, unknown role,
sector, org or country code, bad or impossible dates, start after end, rows
out of order, duplicate rows, malformed aliases (empty, duplicated, equal to
the name, a bare surname, a title), one person's rows carrying different
aliases, and one person holding the same office twice at overlapping times.

Warnings (exit status 0): two different people holding the same office
(country + org + role) for more than 62 overlapping days. Some are real
(co-vice-presidents, contested or rival claimants, acting heads); each one is
printed so a reviewer can confirm it.

Finally prints row counts per country (or org) and the total.
"""

import calendar
import datetime as dt
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATH = ROOT / "kb" / "officeholders.tsv"
ISO_JSON = Path("/usr/share/iso-codes/json/iso_3166-1.json")
EXTRA_CODES = {"XKX", "PSE", "TWN"}

HEADER = [
    "# source: written by the Herald team (facts)",
    "# licence: Apache-2.0",
    "# format: herald-kb 1",
    "# columns: name\taliases\tcountry\torg\trole\tsector\tstart\tend",
]
COLUMNS = ["name", "aliases", "country", "org", "role", "sector", "start", "end"]

ROLES = {
    "President", "Vice President", "Prime Minister", "Chancellor", "King",
    "Queen", "Emir", "Crown Prince", "Supreme Leader", "Head of State",
    "Foreign Minister", "Defence Minister", "Interior Minister",
    "Secretary-General", "Commission President", "Council President",
    "Taoiseach", "Pope",
}
ORG_ROLES = {
    "UN": {"Secretary-General"},
    "NATO": {"Secretary-General"},
    "EU": {"Commission President", "Council President"},
}
SECTORS = {"GOV", "MIL"}
TITLE_WORDS = {
    "king", "queen", "prince", "princess", "emir", "sheikh", "sultan",
    "emperor", "president", "minister", "sir", "lord", "lady", "dame",
    "ayatollah", "general", "marshal", "field", "mr", "mrs", "ms", "dr",
    "tuanku", "daw", "begum", "mawlawi", "his", "her",
}
MAX_OVERLAP_DAYS = 62
TODAY = dt.date(2026, 11, 28)

DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def load_codes():
    codes = set(EXTRA_CODES)
    try:
        data = json.loads(ISO_JSON.read_text(encoding="utf-8"))
        codes.update(e["alpha_3"] for e in data["3166-1"])
    except (OSError, ValueError, KeyError) as exc:
        sys.exit(f"cannot read ISO 3166-1 list {ISO_JSON}: {exc}")
    return codes


def parse_date(text):
    """Return (earliest, latest) day covered by a YYYY, YYYY-MM or YYYY-MM-DD value."""
    m = DATE_RE.match(text)
    if not m:
        raise ValueError(f"bad date {text!r}")
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    if mo is None:
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    mo = int(mo)
    if not 1 <= mo <= 12:
        raise ValueError(f"bad month in {text!r}")
    last = calendar.monthrange(y, mo)[1]
    if d is None:
        return dt.date(y, mo, 1), dt.date(y, mo, last)
    d = int(d)
    if not 1 <= d <= last:
        raise ValueError(f"bad day in {text!r}")
    day = dt.date(y, mo, d)
    return day, day


def main():
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_PATH
    raw = path.read_bytes()
    errors, warnings = [], []

    def err(lineno, msg):
        errors.append(f"{path.name}:{lineno}: {msg}")

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        sys.exit(f"{path}: not UTF-8: {exc}")
    if raw.startswith(b"\xef\xbb\xbf"):
        err(1, "byte-order mark not allowed")
    if b"\r" in raw:
        err(1, "CR characters found: use LF line endings")
    if not text.endswith("\n"):
        err(len(text.splitlines()), "file must end with a newline")

    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()

    header = []
    i = 0
    while i < len(lines) and lines[i].startswith("#"):
        header.append(lines[i])
        i += 1
    for n, want in enumerate(HEADER):
        if n >= len(header) or header[n] != want:
            err(n + 1, f"header line {n + 1} must be {want!r}")

    codes = load_codes()
    rows = []
    for lineno, line in enumerate(lines[i:], start=i + 1):
        if line.startswith("#"):
            err(lineno, "comment lines only allowed in the header")
            continue
        if not line.strip():
            err(lineno, "blank line")
            continue
        fields = line.split("\t")
        if len(fields) != len(COLUMNS):
            err(lineno, f"expected {len(COLUMNS)} tab-separated fields, got {len(fields)}")
            continue
        r = dict(zip(COLUMNS, fields))
        r["lineno"] = lineno
        bad = False
        for k in COLUMNS:
            if r[k] != r[k].strip():
                err(lineno, f"{k}: leading/trailing whitespace")
            if '"' in r[k]:
                err(lineno, f"{k}: quotes not allowed")
        if not r["name"]:
            err(lineno, "empty name")
            bad = True
        if r["role"] not in ROLES:
            err(lineno, f"unknown role {r['role']!r}")
            bad = True
        if r["sector"] not in SECTORS:
            err(lineno, f"unknown sector {r['sector']!r}")
        if r["org"]:
            if r["org"] not in ORG_ROLES:
                err(lineno, f"unknown org {r['org']!r}")
            elif r["role"] not in ORG_ROLES[r["org"]]:
                err(lineno, f"role {r['role']!r} not valid for org {r['org']}")
            if r["country"]:
                err(lineno, "org rows must have an empty country")
        else:
            if not r["country"]:
                err(lineno, "country required for national offices")
            elif r["country"] not in codes:
                err(lineno, f"unknown country code {r['country']!r}")
            if r["role"] in ("Secretary-General", "Commission President", "Council President"):
                err(lineno, f"role {r['role']!r} needs an org")
        # dates
        try:
            r["s0"], r["s1"] = parse_date(r["start"])
        except ValueError as exc:
            err(lineno, f"start: {exc}")
            bad = True
        if r["end"]:
            try:
                r["e0"], r["e1"] = parse_date(r["end"])
            except ValueError as exc:
                err(lineno, f"end: {exc}")
                bad = True
        else:
            r["e0"] = r["e1"] = TODAY
        if not bad:
            if r["s0"] > r["e1"]:
                err(lineno, f"start {r['start']} after end {r['end']}")
            if r["s0"] > TODAY:
                err(lineno, f"start {r['start']} is in the future")
            if r["end"] and r["e0"] > TODAY:
                err(lineno, f"end {r['end']} is in the future: leave it empty")
        # aliases
        al = r["aliases"].split("|") if r["aliases"] else []
        surname = r["name"].split()[-1].lower()
        seen = set()
        for a in al:
            if not a or a != a.strip():
                err(lineno, f"empty or padded alias in {r['aliases']!r}")
                continue
            if a in seen:
                err(lineno, f"duplicate alias {a!r}")
            seen.add(a)
            if a == r["name"]:
                err(lineno, f"alias {a!r} repeats the name")
            if " " not in a and a.lower() == surname:
                err(lineno, f"alias {a!r} is the bare surname (derived by the code)")
            first = a.split()[0].lower().rstrip(".")
            # "Sheikh Hasina", "Sultan bin Abdulaziz": part of the name itself
            if first in TITLE_WORDS and first != r["name"].split()[0].lower():
                err(lineno, f"alias {a!r} starts with a title")
        r["alias_tuple"] = tuple(al)
        if bad:
            continue
        rows.append(r)

    # sort order: country, role, start (byte order)
    def key(r):
        return (r["country"].encode(), r["role"].encode(), r["start"].encode())

    for a, b in zip(rows, rows[1:]):
        if key(a) > key(b):
            err(b["lineno"], f"out of order after line {a['lineno']} (sort by country, role, start)")

    # duplicates
    seen_rows = {}
    for r in rows:
        k = (r["name"], r["country"], r["org"], r["role"], r["start"])
        if k in seen_rows:
            err(r["lineno"], f"duplicate of line {seen_rows[k]}")
        seen_rows[k] = r["lineno"]

    # one person, one alias list (a homonym in another country may differ)
    by_name = defaultdict(list)
    for r in rows:
        by_name[r["name"]].append(r)
    for name, rs in by_name.items():
        variants = defaultdict(list)
        for r in rs:
            variants[r["alias_tuple"]].append(r)
        if len(variants) > 1:
            countries = {r["country"] for r in rs if r["country"]}
            lines_ = ", ".join(str(r["lineno"]) for r in rs)
            if len(countries) > 1:
                warnings.append(f"{name!r}: different aliases in {sorted(countries)} (homonyms?) lines {lines_}")
            else:
                err(rs[0]["lineno"], f"{name!r}: rows carry different aliases (lines {lines_})")

    # overlaps within one office
    offices = defaultdict(list)
    for r in rows:
        offices[(r["country"], r["org"], r["role"])].append(r)
    for (country, org, role), rs in sorted(offices.items()):
        rs = sorted(rs, key=lambda r: r["s0"])
        for x_i, x in enumerate(rs):
            for y in rs[x_i + 1:]:
                # conservative interval: latest possible start, earliest possible end
                lo = max(x["s1"], y["s1"])
                hi = min(x["e0"], y["e0"])
                days = (hi - lo).days
                if days <= 0:
                    continue
                where = f"{country or org} {role}"
                if x["name"] == y["name"]:
                    err(y["lineno"], f"{where}: {x['name']} overlaps own tenure at line {x['lineno']} ({days} days)")
                elif days > MAX_OVERLAP_DAYS:
                    warnings.append(
                        f"{where}: {x['name']} ({x['start']}..{x['end'] or 'now'}, line {x['lineno']}) overlaps "
                        f"{y['name']} ({y['start']}..{y['end'] or 'now'}, line {y['lineno']}) by {days} days"
                    )

    for w in warnings:
        print(f"warning: {w}")
    for e in errors:
        print(f"error: {e}")

    counts = Counter(r["country"] or r["org"] for r in rows)
    print()
    print("rows per country/org:")
    print("  " + "  ".join(f"{k}={v}" for k, v in sorted(counts.items())))
    roles = Counter(r["role"] for r in rows)
    print("rows per role:")
    print("  " + "  ".join(f"{k}={v}" for k, v in sorted(roles.items())))
    print(f"countries: {len([k for k in counts if len(k) == 3 and k.isupper() and k not in ORG_ROLES])}  "
          f"people: {len(by_name)}  total rows: {len(rows)}")
    print(f"{len(errors)} error(s), {len(warnings)} warning(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
