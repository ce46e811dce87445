"""Plain in-memory rdflib as a store: the baseline the benchmarks compare Oxigraph with.

`open_store("rdflib:")`. An `rdflib.Dataset` with `default_union=True`, so queries see the
union of the article graphs as with the other backends. Nothing is persisted; writes are
atomic only in the sense that nothing else runs in between (one process, no concurrency).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import rdflib
from pyoxigraph import BlankNode, Literal, NamedNode, Quad, Triple
from rdflib.namespace import XSD

from kg.errors import QueryError
from kg.store.base import PREFIX_HEADER, SWEEP_ENTITIES_UPDATE, QueryResult, Store, Term

_XSD_STRING = str(XSD.string)
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def to_rdflib(term):
    if isinstance(term, NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return rdflib.Literal(term.value, datatype=None if datatype == _XSD_STRING else rdflib.URIRef(datatype),
                              normalize=False)
    if isinstance(term, BlankNode):
        return rdflib.BNode(term.value)
    raise TypeError(f"cannot store {term!r}")


def from_rdflib(term):
    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        return NamedNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return Literal(str(term), language=term.language)
        if term.datatype is not None and str(term.datatype) not in (_XSD_STRING, _LANG_STRING):
            return Literal(str(term), datatype=NamedNode(str(term.datatype)))
        return Literal(str(term))
    if isinstance(term, rdflib.BNode):
        return BlankNode(str(term))
    raise TypeError(f"unexpected term {term!r}")


class RdflibStore(Store):
    """Article graphs in an in-memory `rdflib.Dataset`; queries see their union."""

    def __init__(self) -> None:
        self.location = "rdflib:"
        self._ds = rdflib.Dataset(default_union=True)

    def write_article(self, graph: NamedNode, quads: list[Quad], replaces: Iterable[str] = ()) -> None:
        for iri in {*replaces, graph.value}:
            self._ds.remove_graph(rdflib.URIRef(iri))
        targets: dict[str, rdflib.Graph] = {}
        for q in quads:
            name = q.graph_name.value
            if name not in targets:
                targets[name] = self._ds.graph(rdflib.URIRef(name))
            targets[name].add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))

    def remove_articles(self, graphs: Iterable[str]) -> None:
        for iri in set(graphs):
            self._ds.remove_graph(rdflib.URIRef(iri))
        self.sweep_entities()

    def sweep_entities(self) -> None:
        self._ds.update(SWEEP_ENTITIES_UPDATE)

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
        try:
            result = self._ds.query(PREFIX_HEADER + sparql,
                                    initBindings={k: to_rdflib(v) for k, v in (bindings or {}).items()})
        except Exception as err:  # rdflib raises pyparsing and many other errors
            raise QueryError(f"the query failed: {err}") from None
        if result.type == "ASK":
            return QueryResult("ask", boolean=bool(result.askAnswer))
        if result.type == "SELECT":
            names = [str(v) for v in result.vars]
            rows = [{n: from_rdflib(row[i]) for i, n in enumerate(names)} for row in result]
            return QueryResult("select", variables=names, rows=rows)
        return QueryResult("graph", triples=[Triple(*map(from_rdflib, t)) for t in result])

    def quads(self, graph: str | None = None) -> Iterator[Quad]:
        for s, p, o, g in self._ds.quads((None, None, None, rdflib.URIRef(graph) if graph else None)):
            if g is None or (isinstance(g, rdflib.Graph) and g.identifier == rdflib.graph.DATASET_DEFAULT_GRAPH_ID):
                continue
            name = g.identifier if isinstance(g, rdflib.Graph) else g
            yield Quad(from_rdflib(s), from_rdflib(p), from_rdflib(o), NamedNode(str(name)))
