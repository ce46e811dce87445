"""RDF files: the union graph (Turtle, N-Triples, JSON-LD), or the dataset with one
named graph per article (N-Quads, TriG), or one self-contained file per article."""

from __future__ import annotations

import re
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, Triple, serialize

from kg.store import Store
from kg.vocab import ENTITIES_GRAPH, PREFIXES

FORMATS = {
    "turtle": (RdfFormat.TURTLE, ".ttl", False),
    "nt": (RdfFormat.N_TRIPLES, ".nt", False),
    "jsonld": (RdfFormat.JSON_LD, ".jsonld", False),
    "nquads": (RdfFormat.N_QUADS, ".nq", True),
    "trig": (RdfFormat.TRIG, ".trig", True),
}


def suffix(fmt: str) -> str:
    return FORMATS[fmt][1]


def export(store: Store, fmt: str, path: Path) -> int:
    """Write the store to `path`; return the number of statements written."""
    rdf_format, _, is_dataset = FORMATS[fmt]
    if is_dataset:
        items = sorted(store.quads(), key=str)
    else:
        items = sorted({Triple(q.subject, q.predicate, q.object) for q in store.quads()}, key=str)
    _write(items, path, rdf_format)
    return len(items)


def export_per_article(store: Store, directory: Path, fmt: str = "turtle") -> list[Path]:
    """One file per article, named as the scorer expects: the article's file name + suffix; each
    holds the article's graph and the types and names of every entity it mentions."""
    directory.mkdir(parents=True, exist_ok=True)
    rdf_format, ext, _ = FORMATS[fmt]
    written = []
    cards: dict[str, list[Triple]] = {}
    for q in store.quads(ENTITIES_GRAPH.value):
        cards.setdefault(q.subject.value, []).append(Triple(q.subject, q.predicate, q.object))
    for state in sorted(store.articles().values(), key=lambda s: s.file_name):
        own = {Triple(q.subject, q.predicate, q.object) for q in store.quads(state.graph)}
        named = {t.subject.value for t in own} | {t.object.value for t in own if isinstance(t.object, NamedNode)}
        triples = sorted(own | {t for iri in named for t in cards.get(iri, ())}, key=str)
        target = directory / (_safe_name(state.file_name) + ext)
        _write(triples, target, rdf_format)
        written.append(target)
    return written


def _safe_name(file_name: str) -> str:
    return re.sub(r"[\\/:*?\"<>|]", "_", file_name)


def _write(items: list, path: Path, rdf_format: RdfFormat) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    kwargs = {"prefixes": PREFIXES} if rdf_format in (RdfFormat.TURTLE, RdfFormat.TRIG) else {}
    with tmp.open("wb") as handle:
        serialize(items, handle, rdf_format, **kwargs)
    tmp.replace(path)
