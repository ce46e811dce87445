"""Store stage: where article graphs live. Backends share the `Store` interface.

`open_store(spec)` picks the backend from the spec: a folder path (pyoxigraph on
disk, the default), `memory:` (in-memory pyoxigraph, for tests), `rdflib:` (plain
in-memory rdflib, the baseline that benchmarks compare with), or an `http(s)://`
SPARQL endpoint.
"""

from __future__ import annotations

import os

from kg.store.base import ArticleState, QueryResult, Store

DEFAULT_STORE = "kg-store"

__all__ = ["DEFAULT_STORE", "ArticleState", "QueryResult", "Store", "default_location", "open_store"]


def default_location() -> str:
    return os.environ.get("KG_STORE") or DEFAULT_STORE


def open_store(spec: str | None = None, read_only: bool = False) -> Store:
    spec = spec or default_location()
    if spec.startswith(("http://", "https://")):
        from kg.store.remote import RemoteStore

        return RemoteStore(spec, read_only=read_only)
    if spec == "memory:":
        from kg.store.oxigraph import OxigraphStore

        return OxigraphStore(None)
    if spec == "rdflib:":
        from kg.store.memory import RdflibStore

        return RdflibStore()
    from kg.store.oxigraph import OxigraphStore

    return OxigraphStore(spec, read_only=read_only)
