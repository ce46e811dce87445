"""Median latency of every curated query (queries/*.rq) and of a 3-hop query, Oxigraph against rdflib.

    .venv/bin/python benchmarks/queries.py --store PATH   # a store built from the large corpus
    .venv/bin/python benchmarks/queries.py                # builds the large corpus first (long)
    .venv/bin/python benchmarks/queries.py --limit 3000   # builds the first 3,000 articles first
    .venv/bin/python benchmarks/queries.py --smoke        # 20 sample articles, not recorded

In the same run: the store's quads are loaded into plain in-memory rdflib (`open_store("rdflib:")`,
an `rdflib.Dataset` with the union as default graph), every query runs on both, and the
ratio is printed; the build itself is also timed on both backends on a sample (--build-sample
articles, extraction included, and the store writes alone). Parameters are the examples the
queries' headers give; the 3-hop query (people of organisation X at events hosted by
organisation Y) takes the pair with the most answers, and runs once more for every pair at once.
rdflib queries are cut at --timeout s.
"""

from __future__ import annotations

import argparse
import multiprocessing
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import LARGE, fmt, record, sample_records, table, write_records

from kg import KnowledgeGraph
from kg.api import curated_queries
from kg.build import extract_document
from kg.model import Document
from kg.params import bind_values
from kg.read import read_file
from kg.resolve import PersonIndex, resolve
from kg.store import open_store
from kg.store.memory import RdflibStore, to_rdflib
from kg.vocab import article_iri

THREE_HOP = """
SELECT DISTINCT ?person ?name ?event WHERE {
  ?y kgo:hosts ?event .
  ?person kgo:participatesIn ?event .
  ?person kgo:affiliatedWith ?x .
  ?x rdfs:label ?orgX .
  ?y rdfs:label ?orgY .
  OPTIONAL { ?person rdfs:label ?name . FILTER(LANG(?name) = "zh") }
}"""

PAIR = """
SELECT ?orgX ?orgY (COUNT(DISTINCT ?person) AS ?n) WHERE {
  ?y kgo:hosts ?event . ?person kgo:participatesIn ?event ; kgo:affiliatedWith ?x .
  ?x rdfs:label ?orgX . FILTER(LANG(?orgX) = "zh")
  ?y rdfs:label ?orgY . FILTER(LANG(?orgY) = "zh")
} GROUP BY ?orgX ?orgY ORDER BY DESC(?n) ?orgX ?orgY LIMIT 1"""


def median_ms(graph: KnowledgeGraph, text: str, params: dict, runs: int, timeout: float
              ) -> tuple[float | str | None, int]:
    """Median wall time in ms of `runs` runs (fewer when a run is slow), and the row count.

    The runs happen in a forked child (a copy of this process, store and all) that is killed
    at the timeout: a Python query engine cannot be interrupted from inside, and rdflib spends
    minutes on some of these. String parameters go through `query_result` as `kg query --param`
    does; RDF terms are bound by the store directly. None: cut at the timeout; a string: the
    backend's error."""
    terms = any(not isinstance(v, str) for v in params.values())

    def child(conn) -> None:
        times, rows = [], 0
        try:
            for _ in range(runs):
                started = time.perf_counter()
                result = graph.store.query(text, params) if terms else graph.query_result(text, params)
                times.append((time.perf_counter() - started) * 1000)
                rows = len(result.rows) if result.kind == "select" else len(result.triples)
                if sum(times) > 20_000:
                    break
            conn.send((statistics.median(times), rows))
        except Exception as err:
            conn.send((f"fails: {str(err)[:60]}", 0))

    receive, send = multiprocessing.Pipe(duplex=False)
    process = multiprocessing.get_context("fork").Process(target=child, args=(send,))
    process.start()
    if not receive.poll(timeout):
        process.kill()
        process.join()
        return None, 0
    answer = receive.recv()
    process.join()
    return answer


def examples(query) -> dict[str, str]:
    params = {}
    for p in query.params:
        found = re.search(r"e\.g\.\s*(\S+)", p["meaning"])
        if found and "(optional)" not in p["meaning"]:
            params[p["name"]] = found.group(1)
    return params


def build_compare(records: list[dict], work: Path) -> list[list[str]]:
    """The build on both backends on the same sample: end to end, and the store writes alone."""
    path = write_records(work / "build-sample.jsonl.gz", records)
    rows, writes = [], {}
    docs = [d for d in read_file(path) if isinstance(d, Document)]
    extractions = [extract_document(d) for d in docs]
    persons = PersonIndex()
    graphs = [(article_iri(e.article.id), resolve(e, persons)) for e in extractions]
    for name, spec in (("Oxigraph (disk)", str(work / "ox-build")), ("rdflib (memory)", "rdflib:")):
        with KnowledgeGraph.open(spec) as graph:
            started = time.perf_counter()
            graph.build([path], jobs=1)
            total = time.perf_counter() - started
        store = open_store(spec if spec == "rdflib:" else str(work / "ox-writes"))
        started = time.perf_counter()
        for iri, quads in graphs:
            store.write_article(iri, quads)
        writes[name] = time.perf_counter() - started
        store.close()
        rows.append([name, total, writes[name]])
    ox, rd = rows
    return [[f"build {len(docs):,} articles, end to end", f"{ox[1]:.1f} s", f"{rd[1]:.1f} s", f"{rd[1] / ox[1]:.1f}×"],
            [f"store writes alone ({sum(len(q) for _, q in graphs):,} quads, 1 transaction/article)",
             f"{ox[2]:.2f} s", f"{rd[2]:.2f} s", f"{rd[2] / ox[2]:.1f}×"]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", help="an Oxigraph store built from the large corpus")
    parser.add_argument("--limit", type=int, help="without --store: build the first N articles")
    parser.add_argument("--build-sample", type=int, default=1000, help="articles for the build comparison")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before an rdflib query is cut")
    parser.add_argument("--smoke", action="store_true", help="20 sample articles, not recorded")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kg-bench-queries-"))
    try:
        if args.store:
            location, what = args.store, f"the store {args.store}"
        else:
            location = str(work / "store")
            if args.smoke or args.limit:
                corpus = write_records(work / "c.jsonl.gz", sample_records(args.limit or 20, args.smoke))
            else:
                corpus = LARGE
            subprocess.run([sys.executable, "-m", "kg", "build", "--store", location, str(corpus)], check=False)
            what = "smoke run on sample articles" if args.smoke else f"{corpus.name} ({args.limit or 'all'} articles)"
        ox = KnowledgeGraph.open(location, read_only=True)
        count = ox.store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0]["n"].value
        articles = len(ox.store.articles())
        rd = KnowledgeGraph(RdflibStore())
        started = time.perf_counter()
        ds = rd.store._ds
        for q in ox.store.quads():
            ds.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object),
                    ds.graph(to_rdflib(q.graph_name))))
        load = time.perf_counter() - started
        print(f"loaded {int(count):,} quads into rdflib in {load:.0f} s", flush=True)
        rows = []
        queries = [(q.name, q.text, examples(q)) for q in curated_queries()]
        pair = ox.store.query(PAIR).rows
        if pair:
            bind = {"orgX": pair[0]["orgX"], "orgY": pair[0]["orgY"]}
            queries.append((f"**3-hop**: people of {bind['orgX'].value} at events hosted by {bind['orgY'].value}",
                            bind_values(THREE_HOP, bind), {}))
        queries.append(("**3-hop, every pair**: people of any X at events hosted by any Y", THREE_HOP, {}))
        for name, text, params in queries:
            a, n = median_ms(ox, text, params, args.runs, 600)
            if not isinstance(a, float):
                raise SystemExit(f"{name} fails on Oxigraph: {a}")
            b, _ = median_ms(rd, text, params, max(1, args.runs // 2), args.timeout)
            if b is None:
                rd_cell, ratio = f"> {args.timeout:.0f} s", f"> {args.timeout * 1000 / a:,.0f}×"
            elif isinstance(b, str):
                rd_cell, ratio = b, "n/a"
            else:
                rd_cell, ratio = f"{b:,.0f} ms", f"{b / a:,.0f}×"
            shown = ", ".join(f"{k}={getattr(v, 'value', v)}" for k, v in params.items()) if "3-hop" not in name else ""
            rows.append([name + (f" ({shown})" if shown else ""), fmt(n), f"{a:,.1f} ms",
                         rd_cell, ratio,
                         "yes" if a <= 100 else "**no**"])
            print(" | ".join(rows[-1]), flush=True)
        compare = build_compare(sample_records(20 if args.smoke else args.build_sample, args.smoke), work)
        body = (f"{what}: {articles:,} articles, {int(count):,} quads. Oxigraph (pyoxigraph, on disk, union default "
                f"graph) against plain rdflib in memory (`rdflib.Dataset(default_union=True)`, loaded with the same "
                f"quads in {load:.0f} s). Median of up to {args.runs} runs "
                f"(rdflib: up to {max(1, args.runs // 2)}).\n\n"
                + table(["query", "rows", "Oxigraph", "rdflib", "rdflib / Oxigraph", "≤ 100 ms"], rows)
                + "\n\nThe build on both backends, same sample, one process:\n\n"
                + table(["", "Oxigraph", "rdflib", "rdflib / Oxigraph"], compare))
        ox.close()
        record("Queries (`benchmarks/queries.py`)", body, args.smoke)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
