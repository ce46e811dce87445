"""Full builds of the large corpus: wall time, peak memory, store size, triples, and what a
first build costs on a fresh machine.

    .venv/bin/python benchmarks/build.py            # the whole corpus, --jobs 1 and 2 (long)
    .venv/bin/python benchmarks/build.py --limit 4000   # the first 4,000 articles
    .venv/bin/python benchmarks/build.py --ai 500 --jobs 2   # the first 500 AI articles
    .venv/bin/python benchmarks/build.py --smoke    # 20 articles, a few seconds

Each build runs `kg build` in a child process; peak memory is the largest sum of the RSS
of that process and its workers, sampled every 0.1 s. The first build is cold, as on a
fresh clone: an empty temporary folder (so no jieba dictionary cache) and an empty
bytecode cache (PYTHONPYCACHEPREFIX). The builds after it are warm, each into a new
store. Then, on the last store: a rebuild with nothing changed, and a rebuild with 1% new
articles added (copies of 1% of the corpus under new ids, in a second file). Last, where a
process's start-up time goes (imports, jieba's dictionary without and with its cache,
jieba's part-of-speech table), measured in fresh child processes.
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
from common import LARGE, ai_records, fmt, record, sample_records, table, write_records

KG = [sys.executable, "-m", "kg"]


def run(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB, process and children) and output of `kg ARGS`."""
    started = time.perf_counter()
    child = subprocess.Popen([*KG, *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             env={**os.environ, **(env or {})})
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


STARTUP = """
import time
t = time.perf_counter()
def lap(name):
    global t
    now = time.perf_counter(); print(name, now - t, flush=True); t = now
import kg.build, kg.extract
lap("import kg")
import jieba
jieba.initialize()
lap("jieba dictionary")
import jieba.posseg
jieba.posseg.dt.word_tag_tab
lap("jieba part-of-speech table")
"""


def startup(tmp: Path) -> list[list[object]]:
    """Seconds per start-up step of one process: cold (no caches) and warm (caches written)."""
    cold_tmp, pycache = tmp / "startup-tmp", tmp / "startup-pyc"
    cold_tmp.mkdir()
    env = {**os.environ, "TMPDIR": str(cold_tmp), "PYTHONPYCACHEPREFIX": str(pycache)}
    runs = [subprocess.run([sys.executable, "-c", STARTUP], env=env, capture_output=True, text=True, check=True)
            for _ in range(2)]
    steps = [[line.rsplit(" ", 1) for line in r.stdout.splitlines()] for r in runs]
    return [[name, f"{float(cold):.2f} s", f"{float(warm):.2f} s"]
            for (name, cold), (_, warm) in zip(*steps, strict=True)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="20 sample articles, not recorded")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles of the corpus")
    parser.add_argument("--ai", type=int, default=None, metavar="N",
                        help="the first N articles that say 人工智能 or 大模型")
    parser.add_argument("--jobs", default="1,2", help="job counts to build with (default 1,2)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-bench-build-"))
    if args.smoke or args.limit or args.ai:
        records = ai_records(args.ai) if args.ai and not args.smoke else sample_records(args.limit or 20, args.smoke)
        corpus = write_records(work / "corpus.jsonl.gz", records)
    else:
        corpus, records = LARGE, None
    chars = articles = 0
    for r in records if records is not None else _stream(corpus):
        articles += 1
        chars += len(r.get("content") or r.get("text") or "")
    rows, store = [], None
    job_counts = [int(j) for j in args.jobs.split(",")]
    cold_env = {"TMPDIR": str(work / "cold-tmp"), "PYTHONPYCACHEPREFIX": str(work / "cold-pyc")}
    (work / "cold-tmp").mkdir()
    for i, (jobs, env) in enumerate([(job_counts[0], cold_env)] + [(j, None) for j in job_counts]):
        store = work / f"store-{i}"
        seconds, peak, out = run(["build", "--store", str(store), "--jobs", str(jobs), str(corpus)], env)
        print(out, flush=True)
        what = "first build, cold (no jieba or bytecode cache)" if env else "full build"
        rows.append([f"{what}, --jobs {jobs}", fmt(articles), f"{seconds:.1f} s",
                     f"{chars / seconds / 1000:,.0f} k ({chars / seconds / jobs / 1000:,.0f} k/core)",
                     f"{articles / seconds:,.0f}", f"{peak:,.0f} MB", f"{disk(store):,.0f} MB", fmt(triples(store))])
    jobs = job_counts[-1]
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
    if args.ai and not args.smoke:
        what = f"the first {articles:,} articles of the large corpus that say 人工智能 or 大模型"
    if args.smoke:
        what = "smoke run on sample articles"
    body = (f"{what} ({chars / 1e6:,.2f} M chars), `{LARGE.name}`; `kg build` in a child process, "
            f"peak RSS summed over it and its workers.\n\n"
            + table(["run", "articles", "wall", "chars/s", "articles/s", "peak RSS", "store on disk", "triples"],
                    rows)
            + "\n\nStart-up of one process (each worker pays it too), in fresh child processes:\n\n"
            + table(["step", "cold", "warm"], startup(work)))
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
