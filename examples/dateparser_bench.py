"""Side-by-side: Python dateparser.search_dates on the same articles as
examples/extract_bench.rs. First write them:
    cargo run --release --example extract_bench -- --write /tmp/articles.jsonl
then: python3 examples/dateparser_bench.py /tmp/articles.jsonl [N]
It measures articles/s on one core over the first N articles (default 60)."""

import json
import sys
import time
from datetime import datetime

from dateparser.search import search_dates


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else "/tmp/articles.jsonl"
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 60
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


if __name__ == "__main__":
    main()
