"""The on-disk store: idempotent builds, replacement, removal, atomic writes, one writer at a time."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import rdflib
from pyoxigraph import Literal, NamedNode, Quad
from rdflib.compare import isomorphic

from kg.build import build
from kg.errors import StoreError
from kg.store import open_store
from kg.vocab import ENTITIES_GRAPH, ONTOLOGY, entity_iri
from tests.conftest import PLAIN, SAMPLE_NAMES, SAMPLES, paragraphs, run_kg

CONTENT_HASH = ONTOLOGY + "contentHash"


def export_turtle(store: Path, target: Path) -> rdflib.Graph:
    result = run_kg("export", "--store", store, "--format", "turtle", "-o", target)
    assert result.exit_code == 0, result.output
    return rdflib.Graph().parse(target, format="turtle")


def graph_sizes(store: Path) -> dict[str, int]:
    """Quads per article graph."""
    with open_store(str(store), read_only=True) as opened:
        return {g: sum(1 for _ in opened.quads(g)) for g in opened.articles()}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A writable copy of the five samples."""
    folder = tmp_path / "corpus"
    shutil.copytree(SAMPLES, folder)
    return folder


def test_building_twice_gives_an_isomorphic_graph_and_the_same_counts(corpus, store, tmp_path):
    first = run_kg("build", "--store", store, corpus)
    assert first.exit_code == 0, first.output
    assert "5 new" in first.stdout
    graph_1 = export_turtle(store, tmp_path / "first.ttl")
    stats_1 = run_kg("stats", "--store", store).stdout

    second = run_kg("build", "--store", store, corpus)
    assert second.exit_code == 0, second.output
    assert "0 new, 0 changed, 5 unchanged; 0 failed" in second.stdout
    graph_2 = export_turtle(store, tmp_path / "second.ttl")

    assert len(graph_1) > 500
    assert isomorphic(graph_1, graph_2)
    assert run_kg("stats", "--store", store).stdout == stats_1
    assert stats_1.startswith("articles: 5\n")


def test_a_changed_article_replaces_its_graph(corpus, store):
    assert run_kg("build", "--store", store, corpus).exit_code == 0
    before = graph_sizes(store)
    with open_store(str(store), read_only=True) as opened:
        old = next(s.graph for s in opened.articles().values() if s.file_name == PLAIN)

    edited = corpus / PLAIN
    edited.write_text(edited.read_text(encoding="utf-8") + "\n华为与百度在论坛上共同发布了开源倡议。\n",
                      encoding="utf-8")
    result = run_kg("build", "--store", store, corpus)
    assert result.exit_code == 0, result.output
    assert "0 new, 1 changed, 4 unchanged" in result.stdout

    after = graph_sizes(store)
    assert old not in after  # the old graph is gone, not kept beside the new one
    assert len(after) == len(before) == 5
    with open_store(str(store), read_only=True) as opened:
        assert not list(opened.quads(old))
        new = next(s for s in opened.articles().values() if s.file_name == PLAIN)
        assert new.graph != old
        mentioned = {q.subject.value for q in opened.quads(new.graph)}
        assert entity_iri("Organization", "华为").value in mentioned  # the new sentence's entities


def test_remove_by_file_name_drops_the_article(corpus, store):
    assert run_kg("build", "--store", store, corpus).exit_code == 0
    result = run_kg("remove", "--store", store, PLAIN)
    assert result.exit_code == 0, result.output
    assert "removed 1 article graph(s)" in result.stdout
    with open_store(str(store), read_only=True) as opened:
        assert sorted(s.file_name for s in opened.articles().values()) == [n for n in SAMPLE_NAMES if n != PLAIN]
    assert run_kg("stats", "--store", store).stdout.startswith("articles: 4\n")


def test_an_entity_named_in_several_articles_has_its_type_and_name_once(corpus, store):
    assert run_kg("build", "--store", store, corpus).exit_code == 0
    with open_store(str(store), read_only=True) as opened:
        rows = opened.query("SELECT ?e WHERE { ?e rdfs:label ?name } GROUP BY ?e HAVING (COUNT(*) > 2)")
        assert not rows.rows  # at most one Chinese and one English label per entity, however many articles
        mentions = opened.query("SELECT (COUNT(DISTINCT ?a) AS ?n) "
                                "WHERE { ?e rdfs:label '百度'@zh ; kgo:mentionedIn ?a }")
        assert int(mentions.rows[0]["n"].value) >= 2


def test_removing_every_article_leaves_no_entity_behind(corpus, store):
    assert run_kg("build", "--store", store, corpus).exit_code == 0
    for path in sorted(corpus.iterdir()):
        assert run_kg("remove", "--store", store, path.name).exit_code == 0
    with open_store(str(store), read_only=True) as opened:
        assert not list(opened.quads())  # the entities graph was swept with the last article


def test_removing_an_unknown_article_is_a_one_line_error(corpus, store):
    assert run_kg("build", "--store", store, corpus).exit_code == 0
    result = run_kg("remove", "--store", store, "no-such-article.txt")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: no article 'no-such-article.txt'")


class FailingAfterwards:
    """A pyoxigraph store whose updates fail at run time after their own operations ran."""

    def __init__(self, real):
        self.real = real

    def update(self, text: str) -> None:
        # LOAD from a forbidden port fails when executed, i.e. after the DROP and INSERT.
        self.real.update(text + " ;\nLOAD <http://localhost:1/unreachable>")

    def __getattr__(self, name):
        return getattr(self.real, name)


def test_a_write_that_fails_in_the_middle_leaves_the_store_as_it_was(corpus, store):
    assert run_kg("build", "--store", store, corpus).exit_code == 0
    with open_store(str(store)) as opened:
        before = sorted(map(str, opened.quads()))
        graph = next(iter(opened.articles()))
        replacement = [Quad(NamedNode(graph), NamedNode(ONTOLOGY + "fileName"), Literal("new.txt"), NamedNode(graph))]
        opened._store = FailingAfterwards(opened._store)
        with pytest.raises(StoreError, match="writing to the store"):
            opened.write_article(NamedNode(graph), replacement, replaces=list(opened.articles()))
        opened._store = opened._store.real
        assert sorted(map(str, opened.quads())) == before


def test_a_failing_extraction_writes_nothing_and_the_rest_lands(corpus, store, monkeypatch):
    import kg.build

    real = kg.build.extract

    def extract(article):
        if article.file_name == PLAIN:
            raise ValueError("boom")
        return real(article)

    monkeypatch.setattr(kg.build, "extract", extract)
    with open_store(str(store)) as opened:
        report = build(opened, [corpus])
        assert [f.reason for f in report.failed] == ["extraction failed: ValueError: boom"]
        assert PLAIN not in {s.file_name for s in opened.articles().values()}
        assert len(opened.articles()) == 4


# --- interruption and concurrency -------------------------------------------------------


def make_corpus(folder: Path, count: int) -> list[Path]:
    """`count` small articles, each a sample paragraph with a sentence of its own."""
    folder.mkdir()
    texts = [paragraphs(name, 2) for name in SAMPLE_NAMES]
    files = []
    for i in range(count):
        body = texts[i % len(texts)]
        path = folder / f"{i:04d}.txt"
        path.write_text("\n".join([*body, f"这是第{i}号测试稿件。"]) + "\n", encoding="utf-8")
        files.append(path)
    return files


def test_a_build_killed_midway_leaves_only_complete_article_graphs(tmp_path, store):
    files = make_corpus(tmp_path / "many", 300)
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", "--jobs", "1", "--store", str(store),
                             str(tmp_path / "many")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 40
        written = 0
        while written < 20 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
            if store.is_dir():
                try:
                    with open_store(str(store), read_only=True) as peek:
                        written = len(peek.articles())
                except StoreError:
                    pass
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL, "the build ended before it could be killed"

    with open_store(str(store)) as opened:  # opens for writing: no lock left behind, nothing corrupt
        graphs = {q.graph_name.value for q in opened.quads()} - {ENTITIES_GRAPH.value}
        states = opened.articles()
        # every graph present is a whole article: its metadata, content hash included, is there
        for graph in graphs:
            assert [q.object.value for q in opened.quads(graph) if q.predicate.value == CONTENT_HASH], graph
        assert graphs == set(states)
        killed = {s.file_name: sum(1 for _ in opened.quads(s.graph)) for s in states.values()}
    assert 20 <= len(killed) < 300
    # Articles are built in sorted order, so what landed is a prefix of the corpus.
    done = [f for f in files if f.name in killed]
    assert done == files[:len(done)]

    with open_store("memory:") as reference:
        build(reference, done)
        alone = {s.file_name: sum(1 for _ in reference.quads(s.graph)) for s in reference.articles().values()}
    assert killed == alone

    # and the next build finishes the job
    result = run_kg("build", "--store", store, tmp_path / "many")
    assert result.exit_code == 0, result.output
    assert f"{len(done)} unchanged" in result.stdout


HOLDER = textwrap.dedent("""
    import sys, time
    from kg.store import open_store
    store = open_store(sys.argv[1])
    print("holding", flush=True)
    time.sleep(60)
""")


def test_a_second_build_while_the_store_is_in_use_gets_a_clear_message(corpus, store, tmp_path):
    assert run_kg("build", "--store", store, corpus).exit_code == 0
    before = graph_sizes(store)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(store)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        result = subprocess.run([sys.executable, "-m", "kg", "build", "--store", str(store), str(corpus)],
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 2
        assert result.stderr.splitlines() == [
            f"Error: the store {store} is in use by another kg process; wait for it to finish"]
        # readers are not locked out
        assert run_kg("stats", "--store", store).stdout.startswith("articles: 5\n")
    finally:
        holder.kill()
        holder.wait(timeout=10)
    assert graph_sizes(store) == before
    again = run_kg("build", "--store", store, corpus)
    assert "5 unchanged" in again.stdout
