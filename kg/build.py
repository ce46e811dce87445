"""The build: read → normalise → extract → resolve → store, one article at a time.

Each article is written in its own transaction, so an interrupted build leaves every
article either fully written or as it was. An article whose id and extractor version
are already in the store is recognised and skipped without extracting it again.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.extract import extract
from kg.model import Article, Document, ReadFailure
from kg.normalise import normalise
from kg.ontology import top_class
from kg.read import discover, read_file
from kg.resolve import EXTRACTOR_VERSION, PersonIndex, resolve
from kg.store import ArticleState, Store
from kg.vocab import ONTOLOGY, PREDICATES, article_iri

Progress = Callable[[str], None]
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_KINDS = {"Organization", "Person", "Event", "Place", "Product"}


@dataclass
class BuildReport:
    read: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: list[ReadFailure] = field(default_factory=list)
    entities: set[str] = field(default_factory=set)
    relations: int = 0
    seconds: float = 0.0

    @property
    def written(self) -> int:
        return self.new + self.changed


def build(store: Store, paths: Iterable[str | Path], progress: Progress | None = None) -> BuildReport:
    started = time.perf_counter()
    report = BuildReport()
    known = store.articles()
    by_path: dict[str, list[str]] = {}
    for state in known.values():
        by_path.setdefault(state.source_path, []).append(state.graph)
    persons = PersonIndex(known=store.persons_named)
    for item in discover(paths):
        if isinstance(item, ReadFailure):
            report.failed.append(item)
            continue
        for doc in read_file(item):
            if isinstance(doc, ReadFailure):
                report.failed.append(doc)
            else:
                _one(store, doc, known, by_path, persons, report)
        if progress:
            progress(str(item))
    report.seconds = time.perf_counter() - started
    return report


def _one(store: Store, doc: Document, known: dict[str, ArticleState], by_path: dict[str, list[str]],
         persons: PersonIndex, report: BuildReport) -> None:
    report.read += 1
    try:
        article = normalise(doc)
    except Exception as err:
        report.failed.append(ReadFailure(doc.path, f"cannot normalise: {err}"))
        return
    graph = article_iri(article.id)
    state = known.get(graph.value)
    if state is not None and state.extractor_version == EXTRACTOR_VERSION:
        report.unchanged += 1
        return
    stale = [g for g in by_path.get(article.path, []) if g != graph.value]
    try:
        quads = resolve(extract(article), persons)
    except Exception as err:
        report.failed.append(ReadFailure(doc.path, f"extraction failed: {type(err).__name__}: {err}"))
        return
    store.write_article(graph, quads, replaces=stale)
    if stale or state is not None:
        report.changed += 1
    else:
        report.new += 1
    _count(quads, report)
    _remember(article, graph.value, known, by_path)


def _count(quads, report: BuildReport) -> None:
    for q in quads:
        p = q.predicate.value
        if p == _RDF_TYPE and q.object.value.startswith(ONTOLOGY):
            if _top_kind(q.object.value[len(ONTOLOGY):]):
                report.entities.add(q.subject.value)
        elif p.startswith(ONTOLOGY) and p[len(ONTOLOGY):] in PREDICATES:
            report.relations += 1


def _top_kind(local: str) -> bool:
    return top_class(local) in _KINDS


def _remember(article: Article, graph: str, known: dict[str, ArticleState],
              by_path: dict[str, list[str]]) -> None:
    for old in by_path.get(article.path, []):
        known.pop(old, None)
    known[graph] = ArticleState(graph, article.file_name, article.path, article.content_hash, EXTRACTOR_VERSION)
    by_path[article.path] = [graph]

