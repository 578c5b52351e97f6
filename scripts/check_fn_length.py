#!/usr/bin/env python3
"""Fails when a function in crates/*/src is longer than 120 lines.

    python3 scripts/check_fn_length.py [--max 120]

The count is raw: from the `fn` line to its closing brace, nested functions
and closures included. Standard library only.
"""

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FN = re.compile(r"^\s*(pub(\([^)]*\))?\s+)?(const\s+)?(async\s+)?(unsafe\s+)?fn\s+(\w+)")


def braces(line: str) -> int:
    """The change in brace depth on a line, ignoring strings, chars and comments."""
    line = re.sub(r'"(\\.|[^"\\])*"', '""', line)
    line = re.sub(r"'(\\.|[^'\\])'", "''", line)
    line = line.split("//")[0]
    return line.count("{") - line.count("}")


def long_functions(path: Path, limit: int):
    lines = path.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        m = FN.match(line)
        if not m:
            continue
        depth, opened = 0, False
        for k in range(i, len(lines)):
            if not opened and lines[k].rstrip().endswith(";") and "{" not in lines[k]:
                break  # a declaration without a body
            change = braces(lines[k])
            depth += change
            opened = opened or "{" in lines[k]
            if opened and depth <= 0:
                if k - i + 1 > limit:
                    yield m.group(6), i + 1, k - i + 1
                break


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--max", type=int, default=120)
    args = ap.parse_args()
    found = 0
    for path in sorted(ROOT.glob("crates/*/src/**/*.rs")):
        for name, line, length in long_functions(path, args.max):
            print(f"{path.relative_to(ROOT)}:{line}: fn {name} is {length} lines (at most {args.max})")
            found += 1
    print(f"{found} functions over {args.max} lines")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
