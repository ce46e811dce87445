"""The one interface every store backend implements, and the shapes of query results."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, Quad, Triple

from kg.vocab import ENTITIES_GRAPH, ONTOLOGY, PREFIXES

Term = NamedNode | Literal


@dataclass(frozen=True)
class ArticleState:
    """What the store knows of one article graph, enough to skip or replace it."""

    graph: str
    file_name: str
    source_path: str
    content_hash: str
    extractor_version: str


@dataclass
class QueryResult:
    """SELECT rows, an ASK answer, or CONSTRUCT/DESCRIBE triples."""

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, Term | None]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[Triple] = field(default_factory=list)


PREFIX_HEADER = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())

ARTICLES_QUERY = f"""
SELECT ?g ?file ?path ?hash ?version WHERE {{
  GRAPH ?g {{ ?g a <{ONTOLOGY}Article> ; <{ONTOLOGY}fileName> ?file ; <{ONTOLOGY}sourcePath> ?path ;
             <{ONTOLOGY}contentHash> ?hash .
             OPTIONAL {{ ?g <{ONTOLOGY}extractorVersion> ?version }} }}
}}"""

# The default graph is the union of the article graphs, and a quad met in n graphs is
# met n times: a pattern joining three such quads yields n³ rows. Each query below
# matches one quad pattern (EXISTS stops at the first match), so it stays linear.
PERSONS_QUERY = f"""
SELECT DISTINCT ?p ?name WHERE {{
  ?p <http://www.w3.org/2000/01/rdf-schema#label> ?name .
  FILTER EXISTS {{ ?p a <{ONTOLOGY}Person> }}
}}"""

ALL_PERSONS_QUERY = f"""
SELECT DISTINCT ?p ?name ?org WHERE {{
  {{ SELECT DISTINCT ?p WHERE {{ ?p a <{ONTOLOGY}Person> }} }}
  ?p <http://www.w3.org/2000/01/rdf-schema#label> ?name .
  OPTIONAL {{ ?p <{ONTOLOGY}affiliatedWith> ?org }}
}}"""

AFFILIATIONS_QUERY = f"""
SELECT DISTINCT ?p ?org WHERE {{ ?p <{ONTOLOGY}affiliatedWith> ?org }}"""


def replace_graph_update(graph: NamedNode, quads: list[Quad], replaces: Iterable[str] = ()) -> str:
    """One SPARQL update that drops an article's old graphs and inserts its new one (and its
    entities' cards into the entities graph): one transaction."""
    drops = "".join(f"DROP SILENT GRAPH <{iri}> ;\n" for iri in sorted({*replaces, graph.value}))
    by_graph: dict[str, list[str]] = {}
    for q in quads:
        by_graph.setdefault(str(q.graph_name), []).append(f"{q.subject} {q.predicate} {q.object} .\n")
    blocks = "".join(f"GRAPH {g} {{\n{''.join(lines)}}}\n" for g, lines in by_graph.items())
    return f"{drops}INSERT DATA {{ {blocks}}}"


# The cards (types and names) of entities that no article mentions any more.
SWEEP_ENTITIES_UPDATE = f"""DELETE {{ GRAPH {ENTITIES_GRAPH} {{ ?e ?p ?o }} }}
WHERE {{ GRAPH {ENTITIES_GRAPH} {{ ?e ?p ?o }}
        FILTER NOT EXISTS {{ GRAPH ?g {{ ?e <{ONTOLOGY}mentionedIn> ?a }} }} }}"""


def drop_graphs_update(graphs: Iterable[str]) -> str:
    """Drop article graphs, then the entity cards they alone held up, in one update."""
    drops = [f"DROP SILENT GRAPH <{iri}>" for iri in sorted(set(graphs))]
    return " ;\n".join([*drops, SWEEP_ENTITIES_UPDATE]) if drops else ""


class Store(ABC):
    """A quad store holding one named graph per article; queries see their union."""

    location: str

    @abstractmethod
    def write_article(self, graph: NamedNode, quads: list[Quad], replaces: Iterable[str] = ()) -> None:
        """Write one article's graph, dropping `replaces` (and its own old graph), atomically."""

    @abstractmethod
    def remove_articles(self, graphs: Iterable[str]) -> None:
        """Drop these article graphs in one transaction."""

    @abstractmethod
    def sweep_entities(self) -> None:
        """Drop the cards of entities no article mentions any more (after replacing articles)."""

    @abstractmethod
    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
        """Run a SPARQL query over the union of all graphs, with variables bound to terms."""

    @abstractmethod
    def quads(self, graph: str | None = None) -> Iterator[Quad]:
        """All quads, or those of one graph."""

    def close(self) -> None:  # noqa: B027 - most backends hold nothing to release
        """Release files or connections."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def articles(self) -> dict[str, ArticleState]:
        """Every article graph by IRI."""
        states = {}
        for row in self.query(ARTICLES_QUERY).rows:
            graph = row["g"].value
            version = row.get("version")
            states[graph] = ArticleState(graph, row["file"].value, row["path"].value, row["hash"].value,
                                         version.value if version is not None else "")
        return states

    def persons(self) -> dict[str, list[tuple[str, frozenset[str]]]]:
        """Every person IRI by label, each with its organisations: `persons_named` for all names, one query."""
        table: dict[tuple[str, str], set[str]] = {}
        for row in self.query(ALL_PERSONS_QUERY).rows:
            name = row["name"]
            if name is None or getattr(name, "language", None) != "zh":
                continue
            orgs = table.setdefault((name.value, row["p"].value), set())
            if row.get("org") is not None:
                orgs.add(row["org"].value)
        found: dict[str, list[tuple[str, frozenset[str]]]] = {}
        for (name, person), orgs in sorted(table.items()):
            found.setdefault(name, []).append((person, frozenset(orgs)))
        return found

    def persons_named(self, name: str) -> list[tuple[str, frozenset[str]]]:
        """The person IRIs known under this label, each with its organisations."""
        found = []
        for row in self.query(PERSONS_QUERY, {"name": Literal(name, language="zh")}).rows:
            person = row["p"]
            orgs = self.query(AFFILIATIONS_QUERY, {"p": person}).rows
            found.append((person.value, frozenset(r["org"].value for r in orgs)))
        return found
