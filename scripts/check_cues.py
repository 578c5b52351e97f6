#!/usr/bin/env python3
"""Validates the event cue lexicon and the English irregular-forms table.

    python3 scripts/check_cues.py [--cues kb/cues.tsv] [--irregular crates/herald-nlp/data/irregular.tsv]

Checks headers, column counts, vocabularies (PLOVER types, modes per type,
contexts, target values, CAMEO codes), pattern syntax, sort order and
duplicates; prints counts per type. Exits 1 on any error; warnings are
printed but do not fail the run. Standard library only.
"""

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

HEADER = [
    "# source: written by the Herald team",
    "# licence: Apache-2.0",
    "# format: herald-kb 1",
]
CUE_COLUMNS = ["pattern", "pos", "type", "mode", "context", "cameo", "target", "notes"]
IRR_COLUMNS = ["form", "lemma", "pos"]

TYPES = [
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]

# PLOVER modes per type (the subset Herald uses). Types without modes take none.
MODES = {
    "CONSULT": {"phone", "visit", "host", "third-party", "mediate"},
    "AID": {"economic", "military", "humanitarian", "asylum"},
    "RETREAT": {"withdraw", "release", "return", "disarm", "ceasefire"},
    "PROTEST": {"demo-org", "demo-spon", "riot-org", "riot-spon", "strike-gen", "strike-hun", "obstruct", "boycott"},
    "THREATEN": {"violence", "restrict", "ban", "arrest", "curfew", "martial-law", "relations", "sanction", "ultimatum"},
    "SANCTION": {"relations", "expel", "embargo", "convict", "end-aid", "boycott"},
    "MOBILIZE": {"troops", "weapons", "police", "militia", "alert"},
    "COERCE": {"arrest", "detain", "seize", "destroy", "ban", "censor", "restrict", "curfew", "martial-law", "deport", "cyber"},
    "ASSAULT": {"beat", "firearms", "explosives", "heavy-weapons", "aerial", "primitive", "suicide-attack", "torture",
                "assassinate", "abduct", "sexual", "cbrn", "mass-killing"},
}

CONTEXTS = {
    "military", "diplomatic", "economic", "political", "legal", "terrorism", "refugee", "election",
    "resource", "rights", "cbrn", "government", "cyber", "humanitarian", "labour",
}

# `obj`: the noun phrase right after the pattern; `-`: no target; else the
# preposition that introduces the target.
TARGETS = {
    "obj", "with", "on", "against", "to", "from", "for", "at", "into", "over", "of", "between", "in",
    "about", "near", "behind",
}


def cameo_codes():
    """CAMEO 1.1b3 event codes: roots 01-20, 3-digit and 4-digit codes."""
    codes = set()

    def rng(prefix, lo, hi):
        for i in range(lo, hi + 1):
            codes.add(f"{prefix}{i}")

    for r in range(1, 21):
        codes.add(f"{r:02d}")
    rng("01", 0, 9)
    rng("02", 0, 8); rng("021", 1, 4); rng("023", 1, 4); rng("024", 1, 4); rng("025", 1, 6)
    rng("03", 0, 9); rng("031", 1, 4); rng("033", 1, 4); rng("034", 1, 4); rng("035", 1, 6)
    rng("04", 0, 6)
    rng("05", 0, 7)
    rng("06", 0, 4)
    rng("07", 0, 5)
    rng("08", 0, 7); rng("081", 1, 4); rng("083", 1, 4); rng("084", 1, 2); rng("086", 1, 3); rng("087", 1, 4)
    rng("09", 0, 4)
    rng("10", 0, 8); rng("101", 1, 4); rng("103", 1, 4); rng("104", 1, 4); rng("105", 1, 6)
    rng("11", 0, 6); rng("112", 1, 5)
    rng("12", 0, 9); rng("121", 1, 2); rng("122", 1, 4); rng("123", 1, 4); rng("124", 1, 6)
    rng("13", 0, 9); rng("131", 1, 3); rng("132", 1, 4); rng("138", 1, 5)
    rng("14", 0, 5); rng("141", 1, 4); rng("142", 1, 4); rng("143", 1, 4); rng("144", 1, 4); rng("145", 1, 4)
    rng("15", 0, 4)
    rng("16", 0, 6); rng("162", 1, 3); rng("166", 1, 3)
    rng("17", 0, 6); rng("171", 1, 2); rng("172", 1, 4)
    rng("18", 0, 6); rng("182", 1, 3); rng("183", 1, 4)
    rng("19", 0, 6); rng("195", 1, 2)
    rng("20", 0, 4); rng("204", 1, 2)
    return codes


CAMEO = cameo_codes()

# CAMEO roots expected per type; other roots give a warning, not an error
# (e.g. REJECT 'deny responsibility' is CAMEO 016).
EXPECTED_ROOTS = {
    "AGREE": {"03"}, "CONSULT": {"04"}, "SUPPORT": {"05", "01"}, "CONCEDE": {"08", "05"},
    "COOPERATE": {"06"}, "AID": {"07"}, "RETREAT": {"08"}, "REQUEST": {"02", "10"},
    "ACCUSE": {"11", "09"}, "REJECT": {"12", "01"}, "THREATEN": {"13"}, "PROTEST": {"14"},
    "SANCTION": {"16", "11"}, "MOBILIZE": {"15"}, "COERCE": {"17", "19"}, "ASSAULT": {"18", "19", "20"},
}

TOKEN = re.compile(r"^[a-z0-9][a-z0-9'-]*$")
MIN_PER_TYPE = 60
MIN_TOTAL = 2500
MIN_IRREGULAR_VERBS = 200


class Report:
    def __init__(self):
        self.errors = 0
        self.warnings = 0

    def error(self, where, msg):
        self.errors += 1
        print(f"error: {where}: {msg}")

    def warn(self, where, msg):
        self.warnings += 1
        print(f"warning: {where}: {msg}")


def read_lines(path, rep):
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        rep.error(path, f"not UTF-8: {e}")
        return []
    if "\r" in text:
        rep.error(path, "CR characters: use LF line ends")
    if text and not text.endswith("\n"):
        rep.error(path, "no final newline")
    if text.startswith("\ufeff"):
        rep.error(path, "byte-order mark")
    return text.split("\n")[:-1] if text.endswith("\n") else text.split("\n")


def check_header(path, lines, columns, rep):
    """Returns the index of the first data line."""
    i = 0
    header = []
    while i < len(lines) and lines[i].startswith("#"):
        header.append(lines[i])
        i += 1
    want = HEADER + ["# columns: " + "\t".join(columns)]
    if header != want:
        rep.error(path, "header lines differ from:\n  " + "\n  ".join(want) + "\n got:\n  " + "\n  ".join(header))
    for n in range(i, len(lines)):
        if lines[n].startswith("#"):
            rep.error(f"{path}:{n + 1}", "comment after the data began")
    return i


def data_rows(path, lines, start, columns, rep):
    """Yields (line number, where, columns) for each data row; reports blank lines and
    rows with the wrong number of columns, and skips them."""
    for n in range(start, len(lines)):
        where = f"{path}:{n + 1}"
        line = lines[n]
        if not line.strip():
            rep.error(where, "blank line")
            continue
        cols = line.split("\t")
        if len(cols) != len(columns):
            rep.error(where, f"{len(cols)} columns, want {len(columns)}")
            continue
        yield n + 1, where, cols


def check_cues(path, irregular_forms, rep):
    lines = read_lines(path, rep)
    start = check_header(path, lines, CUE_COLUMNS, rep)
    counts = Counter()
    pos_counts = Counter()
    seen = {}
    prev_key = None
    for lineno, where, cols in data_rows(path, lines, start, CUE_COLUMNS, rep):
        if any(c != c.strip() for c in cols):
            rep.error(where, "leading or trailing spaces in a field")
        pattern, pos, typ, mode, ctx, cameo, target, notes = cols

        # pattern
        toks = pattern.split(" ")
        if pattern != pattern.lower():
            rep.error(where, f"pattern not lowercase: `{pattern}`")
        if "" in toks:
            rep.error(where, f"pattern has empty tokens (double spaces?): `{pattern}`")
        for j, t in enumerate(toks):
            if t == "...":
                if j == 0 or j == len(toks) - 1:
                    rep.error(where, f"`...` at the edge of `{pattern}`")
                elif toks[j - 1] == "...":
                    rep.error(where, f"`... ...` in `{pattern}`")
            elif t and not TOKEN.match(t):
                rep.error(where, f"bad token `{t}` in `{pattern}`")
            elif t in irregular_forms and t not in irregular_forms[t]:
                # an inflected form where a lemma belongs ("met", "held")
                rep.error(where, f"token `{t}` is an inflected form of `{'/'.join(sorted(irregular_forms[t]))}`: use the lemma")

        if pos not in ("V", "N"):
            rep.error(where, f"pos `{pos}` is not V or N")
        if typ not in TYPES:
            rep.error(where, f"unknown type `{typ}`")
            continue
        if mode and mode not in MODES.get(typ, set()):
            rep.error(where, f"mode `{mode}` is not a {typ} mode ({', '.join(sorted(MODES.get(typ, []))) or 'none'})")
        if ctx and ctx not in CONTEXTS:
            rep.error(where, f"unknown context `{ctx}`")
        if not re.fullmatch(r"\d{2,4}", cameo):
            rep.error(where, f"cameo `{cameo}` is not 2-4 digits")
        elif cameo not in CAMEO:
            rep.error(where, f"cameo `{cameo}` is not a CAMEO code")
        elif cameo[:2] not in EXPECTED_ROOTS[typ]:
            rep.warn(where, f"cameo {cameo} (root {cameo[:2]}) is unusual for {typ}: `{pattern}`")
        if target == "-":
            pass
        elif not target:
            rep.error(where, "empty target: use `-`")
        else:
            parts = target.split("|")
            if len(set(parts)) != len(parts):
                rep.error(where, f"repeated target value in `{target}`")
            for p in parts:
                if p not in TARGETS:
                    rep.error(where, f"unknown target value `{p}` in `{target}`")

        key = (typ, pattern, pos)
        if prev_key is not None and key < prev_key:
            rep.error(where, f"out of order: `{typ} {pattern} {pos}` after `{' '.join(prev_key)}`")
        prev_key = key
        if (pattern, pos) in seen:
            rep.error(where, f"duplicate ({pattern}, {pos}); first on line {seen[(pattern, pos)]}")
        else:
            seen[(pattern, pos)] = lineno
        counts[typ] += 1
        pos_counts[(typ, pos)] += 1

    total = sum(counts.values())
    print(f"{path}: {total} cues")
    print(f"  {'type':<10} {'rows':>5} {'V':>5} {'N':>5}")
    for t in TYPES:
        print(f"  {t:<10} {counts[t]:>5} {pos_counts[(t, 'V')]:>5} {pos_counts[(t, 'N')]:>5}")
        if counts[t] < MIN_PER_TYPE:
            rep.error(path, f"{t} has {counts[t]} cues, want at least {MIN_PER_TYPE}")
    if total < MIN_TOTAL:
        rep.error(path, f"{total} cues, want at least {MIN_TOTAL}")


def check_irregular(path, rep):
    """Returns form -> set of lemmas."""
    lines = read_lines(path, rep)
    start = check_header(path, lines, IRR_COLUMNS, rep)
    forms = defaultdict(set)
    seen = {}
    prev = None
    verbs = set()
    nouns = set()
    for lineno, where, cols in data_rows(path, lines, start, IRR_COLUMNS, rep):
        form, lemma, pos = cols
        for w in (form, lemma):
            if not TOKEN.match(w):
                rep.error(where, f"bad word `{w}`")
        if pos not in ("V", "N"):
            rep.error(where, f"pos `{pos}` is not V or N")
        key = (form, pos)
        if prev is not None and key < prev:
            rep.error(where, f"out of order: `{form} {pos}` after `{prev[0]} {prev[1]}`")
        prev = key
        if key in seen:
            rep.error(where, f"duplicate ({form}, {pos}); first on line {seen[key]}")
        seen[key] = lineno
        forms[form].add(lemma)
        (verbs if pos == "V" else nouns).add(lemma)
    for form, lemmas in sorted(forms.items()):
        if len(lemmas) > 1:
            rep.warn(path, f"`{form}` has lemmas {sorted(lemmas)}: the loader keeps the first row's")
    print(f"{path}: {len(seen)} forms, {len(verbs)} verb lemmas, {len(nouns)} noun lemmas")
    if len(verbs) < MIN_IRREGULAR_VERBS:
        rep.error(path, f"{len(verbs)} verb lemmas, want at least {MIN_IRREGULAR_VERBS}")
    # A form that is also listed as some lemma is itself a base form ("lay", "found").
    lemmas_all = verbs | nouns
    return {f: (ls | ({f} if f in lemmas_all else set())) for f, ls in forms.items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cues", type=Path, default=ROOT / "kb" / "cues.tsv")
    ap.add_argument("--irregular", type=Path, default=ROOT / "crates" / "herald-nlp" / "data" / "irregular.tsv")
    ap.add_argument("--quiet-warnings", action="store_true", help="count warnings without printing them")
    args = ap.parse_args()
    rep = Report()
    if args.quiet_warnings:
        rep.warn = lambda where, msg: setattr(rep, "warnings", rep.warnings + 1)
    irregular_forms = check_irregular(args.irregular, rep)
    check_cues(args.cues, irregular_forms, rep)
    print(f"{rep.errors} errors, {rep.warnings} warnings")
    return 1 if rep.errors else 0


if __name__ == "__main__":
    sys.exit(main())
