"""Seconds per MB of extraction for one very long article, which must stay flat as it grows.

    .venv/bin/python benchmarks/long_articles.py              # 0.1, 1 and 10 MB articles
    .venv/bin/python benchmarks/long_articles.py --sizes 1,4
    .venv/bin/python benchmarks/long_articles.py --smoke      # 20 and 200 KB of the samples, not recorded

Each article is real text: the AI articles of the large corpus (or, for a smoke run, the samples)
joined into one body until it reaches the size, so the learned components read it as they read AI
news. One process, normalise and extract timed together (read and store are per-article costs
measured by stages.py); peak memory is this process's own.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import LARGE, ai_records, fmt, record, sample_records, table

from kg.extract import extract
from kg.model import Document
from kg.normalise import normalise


def body(chars: int, smoke: bool) -> str:
    records = sample_records(5, True) if smoke or not LARGE.exists() else ai_records(2000)
    parts, size = [], 0
    while size < chars:
        for r in records:
            parts.append(r["content"])
            size += len(r["content"]) + 1
            if size >= chars:
                break
    return "\n".join(parts)[:chars]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.1,1,10", help="article sizes in millions of characters")
    parser.add_argument("--smoke", action="store_true", help="20 and 200 thousand characters, not recorded")
    args = parser.parse_args()
    sizes = [0.02, 0.2] if args.smoke else [float(s) for s in args.sizes.split(",")]
    extract(normalise(Document("warm.txt", "warm.txt", "人工智能大会", body(2000, args.smoke))))  # load models
    rows = []
    for size in sizes:
        text = body(int(size * 1_000_000), args.smoke)
        started = time.perf_counter()
        extraction = extract(normalise(Document("long.txt", "long.txt", "人工智能大会在上海举行", text)))
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rows.append([fmt(len(text)), f"{seconds:.1f} s", f"{seconds / (len(text) / 1e6):.1f} s",
                     fmt(len(extraction.mentions)), fmt(len(extraction.triples)), f"{peak:,.0f} MB"])
    record("Long articles (`benchmarks/long_articles.py`)",
           "One article of AI news text joined to each size; normalise + extract in one process, learned "
           "components included. Seconds per million characters must stay flat (extraction is O(n log n) "
           "in the article's length); peak memory is the process's high-water mark so far.\n\n"
           + table(["characters", "time", "s per M chars", "entities", "triples", "peak RSS"], rows),
           args.smoke)


if __name__ == "__main__":
    main()
