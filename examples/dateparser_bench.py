"""Side-by-side: Python dateparser.search_dates on the same articles as
examples/extract_bench.rs, in one run:
    python3 examples/dateparser_bench.py [FILE] [N]
runs `cargo run --release --example extract_bench -- --write FILE` (default
/tmp/articles.jsonl), which writes the articles and prints slipwatch's
articles/s per core, then times dateparser on the first N of them (default 60)
and prints the ratio against the issue's bar of 100x."""

import json
import re
import subprocess
import sys
import time
from datetime import datetime

from dateparser.search import search_dates


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else "/tmp/articles.jsonl"
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    rust = subprocess.run(
        ["cargo", "run", "--release", "--quiet", "--example", "extract_bench", "--", "--write", path],
        capture_output=True, text=True, check=False)
    print(rust.stdout.strip())
    per_core = re.search(r"throughput per core[^:]*: (\d+) articles/s", rust.stdout)
    if rust.returncode != 0 or per_core is None:
        print(f"extract_bench failed (exit {rust.returncode}): {rust.stderr.strip()[-500:]}")
        sys.exit(1)
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()][:limit]
    # Warm-up: dateparser loads its language data lazily.
    search_dates(rows[0]["text"], languages=["en"])
    found = 0
    start = time.perf_counter()
    cpu0 = time.process_time()
    for row in rows:
        base = datetime.fromisoformat(row["published"]).replace(tzinfo=None)
        hits = search_dates(
            row["text"],
            languages=["en"],
            settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "future"},
        )
        found += len(hits or [])
    secs = time.perf_counter() - start
    cpu = time.process_time() - cpu0
    print(f"{len(rows)} articles in {secs:.2f} s: {len(rows) / secs:.1f} articles/s wall clock, "
          f"{len(rows) / cpu:.1f} articles/s per core (CPU time {cpu:.2f} s); {found} dates found")
    ratio = int(per_core.group(1)) / (len(rows) / cpu)
    print(f"slipwatch / dateparser per core: {ratio:.0f}x (bar 100x: {'met' if ratio >= 100 else 'not met'})")


if __name__ == "__main__":
    main()
