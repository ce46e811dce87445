"""Parallel, incremental and pruning builds: the same graph whatever the number of workers."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from rdflib import Dataset
from rdflib.compare import isomorphic

import kg.build
from kg import KnowledgeGraph
from kg.read import read_file
from kg.resolve import to_nquads
from tests.conftest import SAMPLE_NAMES, SAMPLES, run_kg


def corpus_records() -> list[dict]:
    """About 20 records made of the five samples and their halves, so people recur across articles."""
    records = []
    for path in sorted(SAMPLES.glob("*.txt")):
        (doc,) = list(read_file(path))
        lines = doc.text.splitlines()
        half = len(lines) // 2
        for part, text in (("all", doc.text), ("a", "\n".join(lines[:half])), ("b", "\n".join(lines[half:])),
                           ("ab", "\n".join(lines[half // 2:]))):
            records.append({"id": f"{path.stem}-{part}", "title": doc.title, "date": doc.date,
                            "source": doc.source, "content": text})
    return records


def write_jsonl_gz(path: Path, records: list[dict]) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_jsonl_gz(tmp_path / "corpus.jsonl.gz", corpus_records())


def nquads(graph: KnowledgeGraph) -> str:
    return "".join(sorted(to_nquads(graph.store.quads()).splitlines(keepends=True)))


def same_graph(a: str, b: str) -> bool:
    """Sorted N-Quads equal, and every named graph isomorphic in rdflib."""
    one, two = Dataset(), Dataset()
    one.parse(data=a, format="nquads")
    two.parse(data=b, format="nquads")
    names = {g.identifier for g in one.graphs()}
    return a == b and names == {g.identifier for g in two.graphs()} and all(
        isomorphic(one.graph(name), two.graph(name)) for name in names)


def test_jobs_2_writes_exactly_what_jobs_1_writes(corpus, tmp_path):
    exports = []
    for jobs in (1, 2):
        with KnowledgeGraph.open(str(tmp_path / f"store{jobs}")) as graph:
            report = graph.build([corpus], jobs=jobs)
            assert (report.read, report.new, report.failed) == (20, 20, [])
            exports.append(nquads(graph))
    assert exports[0].count("\n") > 300
    assert same_graph(*exports)


def failing_on(record: str, failure):
    """`extract` that calls `failure()` for one record of the corpus and extracts the others."""
    real = kg.build.extract

    def extract(article):
        if article.file_name.endswith(f"#{record}"):
            failure()
        return real(article)

    return extract


def test_an_exception_in_a_worker_is_that_articles_failure(corpus, monkeypatch):
    def boom():
        raise ValueError("boom")

    monkeypatch.setattr(kg.build, "extract", failing_on("002_ac4cb84ef3ed3cf8-b", boom))
    with KnowledgeGraph.open("memory:") as graph:
        report = graph.build([corpus], jobs=2)
    assert [(f.path, f.reason) for f in report.failed] == [
        (f"{corpus}#002_ac4cb84ef3ed3cf8-b", "extraction failed: ValueError: boom")]
    assert (report.read, report.new) == (20, 19)


def test_a_worker_that_dies_fails_only_the_article_it_was_extracting(corpus, monkeypatch):
    """A worker killed by the kernel (out of memory, a crash in C code) takes its chunk down with it;
    each document of the lost chunks runs again alone, so only the one that kills a worker fails."""
    monkeypatch.setattr(kg.build, "extract", failing_on("002_ac4cb84ef3ed3cf8-b", lambda: os._exit(9)))
    with KnowledgeGraph.open("memory:") as graph:
        report = graph.build([corpus], jobs=2)
        assert len(graph.store.articles()) == 19
    [failure] = report.failed
    assert failure.path == f"{corpus}#002_ac4cb84ef3ed3cf8-b"
    assert failure.reason.startswith("extraction failed: the worker process died")
    assert (report.read, report.new) == (20, 19)


def test_unchanged_articles_are_not_extracted_again(corpus, monkeypatch):
    calls = []
    extract = kg.build.extract
    monkeypatch.setattr(kg.build, "extract", lambda article: calls.append(article.id) or extract(article))
    with KnowledgeGraph.open("memory:") as graph:
        graph.build([corpus])
        assert len(calls) == 20
        before = nquads(graph)
        normalised = []
        monkeypatch.setattr(kg.build, "normalise", lambda doc: normalised.append(doc) or None)
        report = graph.build([corpus])
        assert (report.unchanged, report.written, len(calls), normalised) == (20, 0, 20, [])
        assert nquads(graph) == before


def test_a_changed_record_is_extracted_again_and_replaces_its_graph(tmp_path, monkeypatch):
    records = corpus_records()
    path = write_jsonl_gz(tmp_path / "c.jsonl.gz", records)
    with KnowledgeGraph.open("memory:") as graph:
        graph.build([path])
        records[3]["content"] += "\n补充一段。"
        write_jsonl_gz(path, records)
        calls = []
        extract = kg.build.extract
        monkeypatch.setattr(kg.build, "extract", lambda article: calls.append(article.id) or extract(article))
        report = graph.build([path])
        assert (report.changed, report.new, report.unchanged, len(calls)) == (1, 0, 19, 1)
        assert len(graph.store.articles()) == 20


def test_prune_drops_articles_no_longer_present(tmp_path):
    records = corpus_records()
    big = write_jsonl_gz(tmp_path / "big.jsonl.gz", records)
    one = tmp_path / SAMPLE_NAMES[0]
    shutil.copy(SAMPLES / one.name, one)
    with KnowledgeGraph.open("memory:") as graph:
        graph.build([big, one])
        assert len(graph.store.articles()) == 21
        write_jsonl_gz(big, records[:15])
        kept = graph.build([big, one])  # without --prune nothing goes
        assert (kept.pruned, len(graph.store.articles())) == (0, 21)
        report = graph.build([big], prune=True)
        assert (report.unchanged, report.pruned) == (15, 6)
        paths = {state.source_path for state in graph.store.articles().values()}
        assert paths == {f"{big.name}#{r['id']}" for r in records[:15]}


def test_prune_keeps_articles_of_a_file_that_failed_to_read(tmp_path):
    path = write_jsonl_gz(tmp_path / "c.jsonl.gz", corpus_records()[:4])
    with KnowledgeGraph.open("memory:") as graph:
        graph.build([path])
        path.write_bytes(gzip.compress(b'{"id": "x", "content": "\xff\xfe broken"}\n'))
        report = graph.build([path], prune=True)
        assert report.failed and report.pruned == 0
        assert len(graph.store.articles()) == 4


def test_a_json_array_streams_element_by_element(tmp_path):
    import tracemalloc

    records = [{"id": str(i), "title": f"第{i}篇", "content": "人工智能大会在北京举行。" * 400} for i in range(500)]
    path = tmp_path / "array.json.gz"
    path.write_bytes(gzip.compress(json.dumps(records, ensure_ascii=False, indent=1).encode()))
    tracemalloc.start()
    try:
        titles = [doc.title for doc in read_file(path)]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert titles == [r["title"] for r in records]
    assert peak < 2_000_000  # the decoded file is about 12 MB of str


def test_workers_exit_when_the_build_is_killed(tmp_path):
    """A SIGKILLed build runs no cleanup; its workers notice that their parent is gone and exit."""
    corpus = write_jsonl_gz(tmp_path / "big.jsonl.gz", corpus_records() * 20)
    build = subprocess.Popen([sys.executable, "-m", "kg", "build", "--jobs", "2", "--store", str(tmp_path / "s"),
                              str(corpus)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2 and build.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
            workers = psutil.Process(build.pid).children(recursive=True)
        build.kill()
        build.wait(timeout=10)
        assert build.returncode == -signal.SIGKILL, "the build ended before it could be killed"
        assert len(workers) >= 2
        deadline = time.monotonic() + 5
        while running(workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert running(workers) == []
    finally:
        for worker in running(workers):
            worker.kill()


def running(processes: list[psutil.Process]) -> list[psutil.Process]:
    """The processes still running: an exited one that nobody reaped yet (a zombie) holds no memory."""
    alive = []
    for process in processes:
        try:
            if process.status() != psutil.STATUS_ZOMBIE:
                alive.append(process)
        except psutil.NoSuchProcess:
            pass
    return alive


def test_cli_build_takes_jobs_and_prune(corpus, tmp_path):
    result = run_kg("build", "--store", str(tmp_path / "s"), "--jobs", "2", "--prune", str(corpus))
    assert result.exit_code == 0, result.output
    assert "20 new" in result.output and "0 pruned" in result.output
