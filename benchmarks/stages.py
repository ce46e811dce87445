"""Throughput of each build stage on a sample of the large corpus, so the bottleneck shows.

    .venv/bin/python benchmarks/stages.py              # the first 3,000 articles
    .venv/bin/python benchmarks/stages.py -n 1000 --profile
    .venv/bin/python benchmarks/stages.py --ai 500     # the first 500 AI articles: the learned path
    .venv/bin/python benchmarks/stages.py --smoke      # 20 sample articles, not recorded

One process, one core, each stage timed alone over the whole sample (read: decompress and
parse the JSON lines; normalise; extract; resolve, with the person index; store: one
transaction per article into an on-disk Oxigraph store). --profile adds the functions
where extraction spends its time, from a second, untimed pass.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import itertools
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import jieba
from common import LARGE, ai_records, fmt, record, sample_records, table, write_records

from kg.extract import extract, run
from kg.extract.domain import in_domain
from kg.model import Document
from kg.normalise import normalise
from kg.read import read_file
from kg.resolve import PersonIndex, resolve
from kg.store import open_store
from kg.vocab import article_iri


def in_domain_of(article) -> bool:
    """Whether the learned components read this article (the domain test of kg.extract.domain)."""
    return in_domain(run(article, ()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=3000, help="articles (default 3,000)")
    parser.add_argument("--smoke", action="store_true", help="20 sample articles, not recorded")
    parser.add_argument("--profile", action="store_true", help="also profile extraction")
    parser.add_argument("--ai", type=int, default=None, metavar="N",
                        help="the first N articles about AI instead (read by the learned components)")
    args = parser.parse_args()
    n = 20 if args.smoke else args.n
    work = Path(tempfile.mkdtemp(prefix="kg-bench-stages-"))
    try:
        records = ai_records(args.ai) if args.ai and not args.smoke else sample_records(n, args.smoke)
        path = write_records(work / "sample.jsonl.gz", records)
        for doc in itertools.islice(read_file(path), 3):  # load lexicons, OpenCC, jieba before timing
            extract(normalise(doc))
        timings: list[tuple[str, float]] = []

        def timed(name: str, fn):
            started = time.perf_counter()
            out = fn()
            timings.append((name, time.perf_counter() - started))
            return out

        docs = timed("read (gunzip + JSON lines)", lambda: [d for d in read_file(path) if isinstance(d, Document)])
        chars = sum(len(d.text) for d in docs)
        articles = timed("normalise", lambda: [normalise(d) for d in docs])
        in_domain = [a for a in articles if in_domain_of(a)]
        extractions = timed("extract", lambda: [extract(a) for a in articles])
        profile = None
        if args.profile:  # a second, untimed pass: the profiler slows what it watches
            profile = cProfile.Profile()
            profile.runcall(lambda: [extract(a) for a in articles[:1000]])
        store = open_store(str(work / "store"))
        table_of_persons = store.persons()
        persons = PersonIndex(known=lambda name: table_of_persons.get(name, []))
        quads = timed("resolve", lambda: [resolve(e, persons) for e in extractions])

        def write():
            for e, q in zip(extractions, quads, strict=True):
                store.write_article(article_iri(e.article.id), q)

        timed("store (Oxigraph on disk, 1 transaction/article)", write)
        store.close()
        total = sum(s for _, s in timings)
        rows = [[name, f"{s:.2f} s", fmt(chars / s), fmt(len(docs) / s), f"{100 * s / total:.0f}%"]
                for name, s in timings]
        rows.append(["**all stages, one core**", f"{total:.2f} s", fmt(chars / total), fmt(len(docs) / total), "100%"])
        started = time.perf_counter()
        for d in docs:
            for _ in jieba.cut(d.text):
                pass
        bare = time.perf_counter() - started
        rows.append(["bare `jieba.cut` of the same text (reference)", f"{bare:.2f} s", fmt(chars / bare),
                     fmt(len(docs) / bare), ""])
        ai_chars = sum(len(a.text) for a in in_domain)
        ratio = (chars / total) / (chars / bare)
        what = ("smoke run on sample articles" if args.smoke else
                f"the first {len(docs):,} AI articles (人工智能 or 大模型) of `{LARGE.name}`" if args.ai else
                f"the first {len(docs):,} articles of `{LARGE.name}`")
        body = (f"{what}: {chars / 1e6:.2f} M chars, {sum(map(len, quads)):,} quads; one process. "
                f"{len(in_domain):,} articles ({ai_chars / chars:.0%} of the characters) are about AI or technology "
                f"and read by the learned components too. All stages run at {ratio:.2f}x bare `jieba.cut`.\n\n"
                + table(["stage", "time", "chars/s", "articles/s", "share"], rows))
        if profile:
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(15)
            lines = [ln for ln in out.getvalue().splitlines() if ln.strip()][-16:]
            body += ("\n\nWhere extraction spends its time (cProfile, first 1,000 articles, own time):\n\n```\n"
                     + "\n".join(lines) + "\n```")
        record("Stages (`benchmarks/stages.py`)", body, args.smoke)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
