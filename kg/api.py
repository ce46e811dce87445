"""The Python API: `KnowledgeGraph`, for notebooks and for the CLI, which is a thin layer over it.

    from kg import KnowledgeGraph
    with KnowledgeGraph.open("kg-store") as kg:
        kg.build(["samples/articles"])
        rows = kg.query("SELECT ?e WHERE { ?o kgo:hosts ?e }")
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from pyoxigraph import Literal, NamedNode

from kg.build import BuildReport, Progress, build
from kg.errors import NotFoundError, QueryError
from kg.export import rdf as rdf_export
from kg.ontology import top_class
from kg.params import bind_values
from kg.store import QueryResult, Store, open_store
from kg.store.base import Term
from kg.vocab import ONTOLOGY, PREDICATES


class KnowledgeGraph:
    """A knowledge graph in a store: build it from articles, query it, export it."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @classmethod
    def open(cls, store: str | None = None, read_only: bool = False) -> KnowledgeGraph:
        """Open (or create) the store at a folder, `memory:`, or a SPARQL endpoint URL."""
        return cls(open_store(store, read_only=read_only))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def build(self, paths: Iterable[str | Path], progress: Progress | None = None) -> BuildReport:
        """Read, extract and store every article under `paths`; unchanged ones are skipped."""
        return build(self.store, paths, progress)

    def query_result(self, sparql: str, params: dict[str, str] | None = None) -> QueryResult:
        """Run a query; each parameter is bound to the variable of its name as an RDF term."""
        bindings = {name: as_term(value) for name, value in (params or {}).items()}
        unknown = [name for name in bindings if not re.search(rf"[?$]{re.escape(name)}\b", sparql)]
        if unknown:
            raise QueryError(f"the query has no variable ?{unknown[0]} to bind")
        # As a VALUES block in the WHERE group (kg.params): pyoxigraph's substitutions only take
        # projected variables, and remote endpoints have none.
        return self.store.query(bind_values(sparql, bindings))

    def query(self, sparql: str, **params: str) -> list[dict[str, object]]:
        """SELECT rows as dicts of plain Python values (IRIs and literals as strings, numbers as numbers)."""
        result = self.query_result(sparql, params)
        if result.kind == "ask":
            return [{"ask": result.boolean}]
        if result.kind == "graph":
            return [{"subject": t.subject.value, "predicate": t.predicate.value, "object": t.object.value}
                    for t in result.triples]
        return [{k: python_value(v) for k, v in row.items()} for row in result.rows]

    def to_dataframe(self, sparql: str, **params: str):
        """The rows of `query` as a pandas DataFrame (pandas must be installed)."""
        import pandas as pd

        return pd.DataFrame(self.query(sparql, **params))

    def to_networkx(self, **selection):
        """The entity graph as a networkx MultiDiGraph (see `kg.export.network`)."""
        from kg.export.network import to_networkx

        return to_networkx(self.store, **selection)

    def export(self, fmt: str, path: str | Path) -> int:
        return rdf_export.export(self.store, fmt, Path(path))

    def export_per_article(self, directory: str | Path, fmt: str = "turtle") -> list[Path]:
        return rdf_export.export_per_article(self.store, Path(directory), fmt)

    def remove(self, article: str) -> list[str]:
        """Drop an article's graph, named by article id, IRI, file name or source path."""
        states = self.store.articles().values()
        matches = [s.graph for s in states
                   if article in (s.graph, s.graph.rsplit("/", 1)[-1], s.file_name, s.source_path)
                   or Path(article).resolve().as_posix() == Path(s.source_path).resolve().as_posix()]
        if not matches:
            raise NotFoundError(f"no article {article!r} in the store {self.store.location}")
        self.store.remove_articles(matches)
        return matches

    def stats(self) -> dict[str, object]:
        """Articles, entities by type, relations by predicate."""
        types = self.store.query(f"""
            SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e a ?type .
              FILTER(STRSTARTS(STR(?type), "{ONTOLOGY}")) }} GROUP BY ?type""").rows
        by_type: Counter[str] = Counter()
        for row in types:
            local = row["type"].value[len(ONTOLOGY):]
            if top_class(local) in ("Organization", "Person", "Event", "Place", "Product"):
                by_type[local] += int(row["n"].value)
        preds = self.store.query("""
            SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p""").rows
        by_pred = {p: 0 for p in PREDICATES}
        for row in preds:
            local = row["p"].value.removeprefix(ONTOLOGY)
            if local in by_pred:
                by_pred[local] = int(row["n"].value)
        entities = self.store.query(f"""
            SELECT ?top (COUNT(DISTINCT ?e) AS ?n) WHERE {{
              ?e a ?t . ?t <http://www.w3.org/2000/01/rdf-schema#subClassOf>* ?top .
              VALUES ?top {{ {" ".join(f"<{ONTOLOGY}{k}>" for k in
                                       ("Organization", "Person", "Event", "Place", "Product"))} }} }}
            GROUP BY ?top""").rows
        return {
            "articles": len(self.store.articles()),
            "entities_by_type": dict(sorted(by_type.items())),
            "relations_by_predicate": by_pred,
            "entities_by_kind": {row["top"].value[len(ONTOLOGY):]: int(row["n"].value) for row in entities},
        }


def as_term(value: str) -> Term:
    """A parameter as an RDF term: IRIs stay IRIs, numbers become numbers, names Chinese literals."""
    if re.fullmatch(r"https?://\S+", value):
        return NamedNode(value)
    if re.fullmatch(r"-?\d+", value):
        return Literal(value, datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Literal(value, datatype=NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    return Literal(value)


def python_value(term: Term | None) -> object:
    if term is None:
        return None
    if isinstance(term, Literal):
        kind = term.datatype.value.rsplit("#", 1)[-1]
        if kind in ("integer", "int", "long"):
            return int(term.value)
        if kind in ("decimal", "double", "float"):
            return float(term.value)
        if kind == "boolean":
            return term.value == "true"
    return term.value
