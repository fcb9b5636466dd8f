#!/usr/bin/env python3
"""Times trafilatura.extract over the extraction corpus, for comparison with article_bench.

Usage: python3 examples/trafilatura_bench.py [ROUNDS]   (needs: pip install trafilatura)
Prints pages per CPU-second (time.process_time, one thread) and peak RSS, and the
benchmark F1 of trafilatura's output so the two extractors are compared on equal terms.
"""
import collections
import gzip
import json
import os
import re
import resource
import sys
import time

import trafilatura

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "..", "shared", "testdata", "extraction")


def shingles(text):
    toks = re.findall(r"\w+", text)
    if not toks:
        return collections.Counter()
    if len(toks) < 4:
        return collections.Counter([tuple(toks)])
    return collections.Counter(tuple(toks[i:i + 4]) for i in range(len(toks) - 3))


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    truth = json.load(open(os.path.join(CORPUS, "ground-truth.json"), encoding="utf-8"))
    pages = []
    for pid in sorted(truth):
        with gzip.open(os.path.join(CORPUS, "html", pid + ".html.gz")) as f:
            pages.append((pid, f.read().decode("utf-8", "replace")))
    outputs = {}
    times = []
    for _ in range(rounds):
        t0 = time.process_time()
        for pid, html in pages:
            outputs[pid] = trafilatura.extract(html) or ""
        times.append(time.process_time() - t0)
    mean = sum(times) / len(times)
    precisions, recalls = [], []
    for pid, _ in pages:
        t = shingles(truth[pid]["articleBody"])
        p = shingles(outputs[pid])
        tp = sum((t & p).values())
        recalls.append(tp / sum(t.values()) if t else 0.0)
        if p:
            precisions.append(tp / sum(p.values()))
    P = sum(precisions) / len(precisions)
    R = sum(recalls) / len(recalls)
    print(f"trafilatura {trafilatura.__version__}: {len(pages)} pages, {rounds} rounds, one thread")
    print(f"  mean {mean:.3f} CPU-s/round -> {len(pages) / mean:.1f} pages per CPU-second")
    print(f"  peak RSS (ru_maxrss): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss} KiB")
    print(f"  F1 {2 * P * R / (P + R):.4f} precision {P:.4f} recall {R:.4f}")


if __name__ == "__main__":
    main()
