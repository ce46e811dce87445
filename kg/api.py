"""The Python API: `KnowledgeGraph`, for notebooks and for the CLI, which is a thin layer over it.

    from kg import KnowledgeGraph
    with KnowledgeGraph.open("kg-store") as kg:
        kg.build(["samples/articles"])
        rows = kg.query("SELECT ?e WHERE { ?o kgo:hosts ?e }")
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from pyoxigraph import Literal, NamedNode

from kg.build import BuildReport, Progress, build
from kg.errors import NotFoundError, QueryError
from kg.export import rdf as rdf_export
from kg.ontology import top_class
from kg.params import bind_values
from kg.resources import data_dir
from kg.store import QueryResult, Store, open_store
from kg.store.base import PREFIX_HEADER, Term
from kg.store.oxigraph import OxigraphStore
from kg.vocab import ONTOLOGY, PREDICATES

_KINDS = ("Organization", "Person", "Event", "Place", "Product")


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

    def build(self, paths: Iterable[str | Path], progress: Progress | None = None, *, jobs: int = 1,
              prune: bool = False, engine: str = "local", scheduler: str | None = None) -> BuildReport:
        """Read, extract and store every article under `paths`; unchanged ones are skipped.

        `jobs` worker processes extract (the result does not depend on it); `prune` drops
        articles that the paths no longer hold; `engine="dask"` extracts on the Dask
        cluster at `scheduler`; `progress` is called with each article's path once it is done.
        """
        return build(self.store, paths, progress, jobs=jobs, prune=prune, engine=engine, scheduler=scheduler)

    def query_result(self, sparql: str, params: dict[str, str] | None = None,
                     max_rows: int | None = None) -> QueryResult:
        """Run a query; each parameter is bound to the variable of its name as an RDF term.

        With `max_rows`, at most max_rows + 1 rows (or triples) are read, so a caller can tell a
        cut result; on the embedded store the rest is never computed.
        """
        bindings = {name: as_term(value) for name, value in (params or {}).items()}
        unknown = [name for name in bindings if not re.search(rf"[?$]{re.escape(name)}\b", sparql)]
        if unknown:
            raise QueryError(f"the query has no variable ?{unknown[0]} to bind")
        # As a VALUES block in the WHERE group (kg.params): pyoxigraph's substitutions only take
        # projected variables, and remote endpoints have none.
        text = bind_values(sparql, bindings)
        try:
            if max_rows is not None and isinstance(self.store, OxigraphStore):
                return _limited_query(self.store, text, max_rows + 1)
            return self.store.query(text)
        except QueryError as err:
            raise QueryError(_user_lines(str(err))) from None

    def update(self, sparql: str) -> None:
        """Run a SPARQL update (`kg serve --allow-update`); writes outside article graphs land in the
        default graph, which queries see along with all article graphs."""
        if isinstance(self.store, OxigraphStore):
            from pyoxigraph import Store as OxStore

            ox = getattr(self.store, "_store", None)
            if isinstance(ox, OxStore):
                try:
                    ox.update(PREFIX_HEADER + sparql)
                except SyntaxError as err:
                    raise QueryError(_user_lines(f"SPARQL syntax error: {err}")) from None
                return
        update = getattr(self.store, "update", None)
        if update is None:
            raise QueryError(f"the store {self.store.location} does not take SPARQL updates")
        update(sparql)

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
        """The rows of `query` as a pandas DataFrame; pandas is the optional extra `china-ai-kg[pandas]`."""
        try:
            import pandas as pd
        except ImportError:
            raise ImportError("to_dataframe needs pandas: pip install 'china-ai-kg[pandas]'") from None

        return pd.DataFrame(self.query(sparql, **params))

    def to_networkx(self, **selection):
        """The entity graph as a networkx MultiDiGraph (see `kg.export.network`)."""
        from kg.export.network import to_networkx

        return to_networkx(self.store, **selection)

    def viz(self, path: str | Path, color_by: str = "type", isolated: bool = False,
            **selection) -> tuple[Path, object]:
        """Write the interactive HTML view (see `kg.export.viz`); return its path and the graph drawn.

        Entities without relations are left out unless `isolated`: on real news they are most of
        the graph and would bury what connects; the page says how many were left out."""
        from kg.export.network import full_graph, select
        from kg.export.viz import render_html

        whole = full_graph(self.store)
        graph = select(whole, isolated=isolated, **selection)
        hidden = 0
        if not isolated:
            chosen = select(whole, **{**selection, "max_nodes": None})
            hidden = sum(1 for n in chosen if chosen.degree(n) == 0)
        return render_html(graph, path, color_by=color_by, hidden=hidden), graph

    def export_network(self, fmt: str, path: str | Path, **selection) -> list[Path]:
        """GraphML, GEXF (for Gephi) or CSV (nodes.csv and edges.csv in the folder `path`)."""
        from kg.export import network

        graph = self.to_networkx(**selection)
        if fmt == "graphml":
            return [network.write_graphml(graph, path)]
        if fmt == "gexf":
            return [network.write_gexf(graph, path)]
        if fmt == "csv":
            return list(network.write_csv(graph, path))
        raise ValueError(f"unknown network format {fmt!r}")

    def top(self, n: int = 10) -> dict[str, list[tuple[str, str, int]]]:
        """The most connected organisations and persons and the events with most participants."""
        from kg.export.network import top_entities

        return top_entities(self.to_networkx(), n)

    def export(self, fmt: str, path: str | Path) -> int:
        return rdf_export.export(self.store, fmt, Path(path))

    def export_per_article(self, directory: str | Path, fmt: str = "turtle") -> list[Path]:
        return rdf_export.export_per_article(self.store, Path(directory), fmt)

    def remove(self, article: str) -> list[str]:
        """Drop an article's graph, named by article id, IRI, file name or path.

        Source paths are stored relative to their build's root, so a path as given to the build
        (or any other spelling of it) names the article whose stored path its end is; when
        several do, the longest, since it agrees on more folders.
        """
        states = self.store.articles().values()
        matches = [s.graph for s in states
                   if article in (s.graph, s.graph.rsplit("/", 1)[-1], s.file_name, s.source_path)]
        if not matches:
            given = Path(os.path.abspath(article)).parts
            ends = {s.graph: _ending(given, s.source_path) for s in states}
            longest = max(ends.values(), default=0)
            matches = [graph for graph, length in ends.items() if length and length == longest]
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
            if top_class(local) in _KINDS:
                by_type[local] += int(row["n"].value)
        preds = self.store.query("""
            SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p""").rows
        by_pred = {p: 0 for p in PREDICATES}
        for row in preds:
            local = row["p"].value.removeprefix(ONTOLOGY)
            if local in by_pred:
                by_pred[local] = int(row["n"].value)
        # The store holds no ontology, so subclasses are climbed in Python, not with rdfs:subClassOf*.
        typed = self.store.query(f"""
            SELECT DISTINCT ?e ?type WHERE {{ ?e a ?type .
              FILTER(STRSTARTS(STR(?type), "{ONTOLOGY}")) }}""").rows
        kinds: dict[str, set[str]] = {}
        for row in typed:
            top = top_class(row["type"].value[len(ONTOLOGY):])
            if top in _KINDS:
                kinds.setdefault(top, set()).add(row["e"].value)
        return {
            "articles": len(self.store.articles()),
            "entities_by_type": dict(sorted(by_type.items())),
            "relations_by_predicate": by_pred,
            "entities_by_kind": {kind: len(members) for kind, members in sorted(kinds.items())},
        }


def _ending(given: tuple[str, ...], source_path: str) -> int:
    """How many parts of a stored source path the given path ends with: all of them, or none."""
    parts = PurePosixPath(source_path).parts
    return len(parts) if parts and given[-len(parts):] == parts else 0


@dataclass(frozen=True)
class CuratedQuery:
    """A query of `queries/`: its file name without .rq, its question in English and Chinese, its
    parameters (name and meaning) and its text."""

    name: str
    en: str
    zh: str
    params: list[dict[str, str]]
    text: str
    path: Path


def curated_queries() -> list[CuratedQuery]:
    """The curated query library, read from the header comments of `queries/*.rq`.

    Header lines: `# en: question`, `# zh: 问题`, and one `# param: name — meaning` per parameter.
    """
    found = []
    for path in sorted(data_dir("queries").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        head = {"en": "", "zh": ""}
        params = []
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            key, _, value = line.lstrip("# ").partition(":")
            if key in head:
                head[key] = value.strip()
            elif key == "param":
                name, _, meaning = value.strip().partition(" ")
                params.append({"name": name, "meaning": meaning.strip().lstrip("—-– ").strip()})
        found.append(CuratedQuery(path.stem, head["en"], head["zh"], params, text, path))
    return found


def curated_query(name: str) -> CuratedQuery:
    """The curated query called `name` (with or without .rq), read from the copy installed with the
    package, so `kg.query(curated_query("subsidiaries").text, org=...)` works from any folder."""
    for query in curated_queries():
        if query.name == name.removesuffix(".rq"):
            return query
    raise NotFoundError(f"no curated query {name!r}: `kg query --list` shows them")


def _limited_query(store: OxigraphStore, sparql: str, limit: int) -> QueryResult:
    """An embedded query read lazily, stopping after `limit` rows or triples."""
    from itertools import islice

    from pyoxigraph import QueryBoolean, QuerySolutions

    try:
        result = store._store.query(PREFIX_HEADER + sparql, use_default_graph_as_union=True)
    except SyntaxError as err:
        raise QueryError(f"SPARQL syntax error: {err}") from None
    if isinstance(result, QueryBoolean):
        return QueryResult("ask", boolean=bool(result))
    if isinstance(result, QuerySolutions):
        names = [v.value for v in result.variables]
        return QueryResult("select", variables=names,
                           rows=[{n: s[n] for n in names} for s in islice(result, limit)])
    return QueryResult("graph", triples=list(islice(result, limit)))


_HEADER_LINES = PREFIX_HEADER.count("\n")


def _user_lines(message: str) -> str:
    """Parser positions counted in the user's text, not in the text with our PREFIX lines."""
    def shift(m: re.Match) -> str:
        line = int(m.group(1))
        return f"at {line - _HEADER_LINES}:{m.group(2)}" if line > _HEADER_LINES else m.group(0)

    return re.sub(r"\bat (\d+):(\d+)", shift, message)


def as_term(value: str) -> Term:
    """A parameter as an RDF term: IRIs stay IRIs, numbers become numbers, names Chinese literals;
    a value in double quotes is a plain string, or with `@lang` a literal in that language.

    A name is bound as the `@zh` literal that labels carry, so a query can match it directly
    (`?o rdfs:label|skos:altLabel ?org`), which the store answers from its index: measured on
    the large corpus, 0.2 ms against 430 ms for comparing `STR(?label)` with the name."""
    if re.fullmatch(r"https?://\S+", value):
        return NamedNode(value)
    if re.fullmatch(r"-?\d+", value):
        return Literal(value, datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return Literal(value, datatype=NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    quoted = re.fullmatch(r'"(.*)"(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*))?', value, re.DOTALL)
    if quoted:  # "003.txt" is a plain string, "Baidu"@en a literal in that language
        return Literal(quoted.group(1), language=quoted.group(2)) if quoted.group(2) else Literal(quoted.group(1))
    return Literal(value, language="zh")


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
