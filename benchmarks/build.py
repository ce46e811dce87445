"""Full builds of the large corpus: wall time, peak memory, store size, triples.

    .venv/bin/python benchmarks/build.py            # the whole corpus, --jobs 1 and 2 (long)
    .venv/bin/python benchmarks/build.py --limit 5000   # the first 5,000 articles
    .venv/bin/python benchmarks/build.py --smoke    # 20 articles, a few seconds

Each build runs `kg build` in a child process; peak memory is the largest sum of the RSS
of that process and its workers, sampled every 0.1 s. Then, on the --jobs 2 store: a
rebuild with nothing changed, and a rebuild with 1% new articles added (copies of 1% of
the corpus under new ids, in a second file).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import LARGE, fmt, record, sample_records, table, write_records

KG = [sys.executable, "-m", "kg"]


def run(args: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB, process and children) and output of `kg ARGS`."""
    started = time.perf_counter()
    child = subprocess.Popen([*KG, *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak, done = 0, threading.Event()

    def watch() -> None:
        nonlocal peak
        proc = psutil.Process(child.pid)
        while not done.is_set():
            try:
                rss = proc.memory_info().rss + sum(c.memory_info().rss for c in proc.children(recursive=True))
                peak = max(peak, rss)
            except psutil.Error:
                pass
            time.sleep(0.1)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    output = child.communicate()[0]
    done.set()
    watcher.join()
    if child.returncode not in (0, 1):
        raise SystemExit(f"kg {' '.join(args)} failed:\n{output}")
    return time.perf_counter() - started, peak / 2**20, output.strip()


def disk(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def triples(store: Path) -> int:
    from kg.store import open_store

    with open_store(str(store), read_only=True) as s:
        rows = s.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        return int(rows[0]["n"].value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="20 sample articles, not recorded")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles of the corpus")
    parser.add_argument("--jobs", default="1,2", help="job counts to build with (default 1,2)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-bench-build-"))
    if args.smoke or args.limit:
        records = sample_records(args.limit or 20, args.smoke)
        corpus = write_records(work / "corpus.jsonl.gz", records)
    else:
        corpus, records = LARGE, None
    chars = articles = 0
    for r in records if records is not None else _stream(corpus):
        articles += 1
        chars += len(r.get("content") or r.get("text") or "")
    rows, last = [], None
    for jobs in [int(j) for j in args.jobs.split(",")]:
        store = work / f"store-j{jobs}"
        seconds, peak, out = run(["build", "--store", str(store), "--jobs", str(jobs), str(corpus)])
        print(out, flush=True)
        rows.append([f"full build, --jobs {jobs}", fmt(articles), f"{seconds:.1f} s",
                     f"{chars / seconds / 1000:,.0f} k ({chars / seconds / jobs / 1000:,.0f} k/core)",
                     f"{articles / seconds:,.0f}", f"{peak:,.0f} MB", f"{disk(store):,.0f} MB", fmt(triples(store))])
        last = (store, jobs)
    store, jobs = last
    seconds, peak, out = run(["build", "--store", str(store), "--jobs", str(jobs), str(corpus)])
    print(out, flush=True)
    rows.append([f"no-change rebuild, --jobs {jobs}", fmt(articles), f"{seconds:.1f} s", "", "",
                 f"{peak:,.0f} MB", f"{disk(store):,.0f} MB", fmt(triples(store))])
    extra = write_records(work / "new.jsonl.gz", _one_percent(records, corpus))
    added = max(1, articles // 100)
    seconds, peak, out = run(["build", "--store", str(store), "--jobs", str(jobs), str(corpus), str(extra)])
    print(out, flush=True)
    rows.append([f"+1% new articles ({added:,}), --jobs {jobs}", fmt(articles + added), f"{seconds:.1f} s", "", "",
                 f"{peak:,.0f} MB", f"{disk(store):,.0f} MB", fmt(triples(store))])
    what = "the large corpus" if records is None else f"the first {articles:,} articles of the large corpus"
    if args.smoke:
        what = "smoke run on sample articles"
    body = (f"{what} ({chars / 1e6:,.1f} M chars), `{LARGE.name}`; `kg build` in a child process, "
            f"peak RSS summed over it and its workers.\n\n"
            + table(["run", "articles", "wall", "chars/s", "articles/s", "peak RSS", "store on disk", "triples"],
                    rows))
    record("Build (`benchmarks/build.py`)", body, args.smoke)
    if not os.environ.get("KG_BENCH_KEEP"):
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"kept {work}")


def _stream(path: Path):
    import gzip
    import json

    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


def _one_percent(records, corpus: Path):
    """Copies of every 100th article under a new id: new articles, as real as the rest."""
    source = records if records is not None else _stream(corpus)
    for i, r in enumerate(source):
        if i % 100 == 0:
            yield {**r, "id": f"{r.get('id', i)}-new"}


if __name__ == "__main__":
    main()
