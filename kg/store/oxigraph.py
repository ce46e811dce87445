"""The default store: pyoxigraph on disk, one RocksDB folder, one writer at a time."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from pyoxigraph import NamedNode, Quad, QueryBoolean, QuerySolutions, Variable
from pyoxigraph import Store as OxStore

from kg.errors import QueryError, StoreError, StoreLockedError
from kg.store.base import (
    PREFIX_HEADER,
    SWEEP_ENTITIES_UPDATE,
    QueryResult,
    Store,
    Term,
    drop_graphs_update,
    replace_graph_update,
)


class OxigraphStore(Store):
    """Embedded and persistent. Each article is written in one transaction (see `write_article`)."""

    def __init__(self, path: str | Path | None, read_only: bool = False) -> None:
        self.location = str(path) if path else ":memory:"
        self._written = False
        try:
            if path is None:
                self._store = OxStore()
            elif read_only:
                if not Path(path).is_dir():
                    raise StoreError(f"no store at {path}: run `kg build` first")
                self._store = OxStore.read_only(str(path))
            else:
                self._store = OxStore(str(path))
        except OSError as err:
            if "lock" in str(err).lower():
                raise StoreLockedError(
                    f"the store {path} is in use by another kg process; wait for it to finish") from None
            raise StoreError(f"cannot open the store {path}: {err}") from None
        except RuntimeError as err:
            # RocksDB answers a folder that is not (or not yet) a store with "Column family
            # not found": a read-only open racing the first `kg build`, or a foreign folder.
            raise StoreError(f"cannot open the store {path}: not a kg store, or still being created ({err})") from None

    def write_article(self, graph: NamedNode, quads: list[Quad], replaces: Iterable[str] = ()) -> None:
        # A new article (the common case) is one `Store.extend` call, which pyoxigraph runs
        # as one transaction and which skips SPARQL serialising and parsing: measured 0.38 ms
        # against 0.48-0.69 ms per article for the update string (benchmarks/RESULTS.md).
        # Replacing needs the old graphs dropped in the same transaction, and pyoxigraph has
        # no transaction object in Python, so that stays one `DROP …; INSERT DATA` update.
        # (`bulk_extend` is faster still but not transactional, so it is not used.)
        replaces = list(replaces)
        self._written = True
        try:
            if not replaces and not self._store.contains_named_graph(graph):
                self._store.extend(quads)
                return
        except OSError as err:
            raise StoreError(f"writing to the store {self.location} failed: {err}") from None
        self._update(replace_graph_update(graph, quads, replaces))

    def remove_articles(self, graphs: Iterable[str]) -> None:
        drops = drop_graphs_update(graphs)
        if drops:
            self._update(drops)

    def sweep_entities(self) -> None:
        self._update(SWEEP_ENTITIES_UPDATE)

    def _update(self, update: str) -> None:
        self._written = True
        try:
            self._store.update(update)
        except OSError as err:
            raise StoreError(f"writing to the store {self.location} failed: {err}") from None

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
        try:
            result = self._store.query(
                PREFIX_HEADER + sparql,
                use_default_graph_as_union=True,
                substitutions={Variable(k): v for k, v in (bindings or {}).items()},
            )
            if isinstance(result, QueryBoolean):
                return QueryResult("ask", boolean=bool(result))
            if isinstance(result, QuerySolutions):
                names = [v.value for v in result.variables]
                rows = [{n: solution[n] for n in names} for solution in result]
                return QueryResult("select", variables=names, rows=rows)
            return QueryResult("graph", triples=list(result))
        except SyntaxError as err:
            raise QueryError(f"SPARQL syntax error: {_one_line(str(err))}") from None
        except (RuntimeError, OSError) as err:
            # Evaluation errors (a SERVICE that cannot be reached, a substitution the
            # query cannot take) are the query's fault, not a crash.
            raise QueryError(f"the query failed: {err}") from None

    def quads(self, graph: str | None = None) -> Iterator[Quad]:
        yield from self._store.quads_for_pattern(None, None, None, NamedNode(graph) if graph else None)

    def close(self) -> None:
        """Flush what was written to RocksDB's sorted files, so the next open does not replay the
        write-ahead log: measured, that replay made the first open after a full build of the
        large corpus take 26 s."""
        if hasattr(self, "_store"):
            if self._written:
                self._store.flush()
            del self._store


def _one_line(message: str, limit: int = 200) -> str:
    """pyoxigraph lists every character class it expected, over several lines: keep one short line."""
    message = " ".join(message.split())
    return message if len(message) <= limit else message[:limit].rstrip(" ,") + " …"
