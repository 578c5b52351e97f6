#!/usr/bin/env python3
"""Writes long news-like plain-text articles (1, 5, 10 MB by default) made of
the development set's paragraphs, each made distinct (so repeated-line removal
keeps them), then times `herald extract` on each and prints seconds per MB.

Usage: scripts/bench_size.py [HERALD_BINARY] [SIZES_MB...]
Shared machines are noisy: compare the per-MB figures, not the seconds."""
import json, os, random, resource, subprocess, sys, tempfile, time

def article(size_bytes, paragraphs, rng):
    out, total, n = [], 0, 0
    while total < size_bytes:
        n += 1
        p = rng.choice(paragraphs)
        p = f"{p} (Item {n}.)"
        out.append(p)
        total += len(p.encode()) + 2
    return "\n\n".join(out) + "\n"

def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/herald"
    sizes = [float(s) for s in sys.argv[2:]] or [1, 5, 10]
    gold = os.path.join(os.path.dirname(__file__), "..", "eval", "news.dev.jsonl")
    if not os.path.exists(gold):
        gold = "/work/shared/eval/news.dev.jsonl"
    paragraphs = []
    with open(gold) as f:
        for line in f:
            text = json.loads(line).get("text", "")
            paragraphs += [p.strip() for p in text.split("\n") if len(p.split()) > 8]
    rng = random.Random(16)
    tmp = tempfile.mkdtemp(prefix="herald-bench-size-")
    rows = []
    for mb in sizes:
        path = os.path.join(tmp, f"article-{mb:g}mb.txt")
        with open(path, "w") as f:
            f.write("Headline of a long article\n\n" + article(int(mb * 1e6), paragraphs, rng))
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.time()
        subprocess.run([binary, "extract", "--max-bytes", "20000000", path],
                       stdout=subprocess.DEVNULL, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        rows.append((mb, cpu, time.time() - t0, after.ru_maxrss / 1024))
        os.remove(path)
    base = rows[0][1] / rows[0][0]
    print(f"{'MB':>5} {'cpu s':>8} {'wall s':>8} {'peak MiB':>9} {'cpu s/MB':>9} {'vs first':>8}")
    for mb, cpu, wall, rss in rows:
        print(f"{mb:>5g} {cpu:>8.2f} {wall:>8.2f} {rss:>9.0f} {cpu/mb:>9.3f} {cpu/mb/base:>8.2f}x")

main()
