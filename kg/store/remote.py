"""A store on a SPARQL server the user runs: Oxigraph server, Apache Jena Fuseki, Virtuoso, GraphDB…

`--store URL` names the SPARQL query endpoint. The other endpoints are derived from it:

| query URL ends in | update endpoint           | Graph Store Protocol endpoint |
| ----------------- | ------------------------- | ----------------------------- |
| `/query`          | same path ending `/update` | same path ending `/store`     |
| anything else     | the query URL itself       | none                          |

so `http://localhost:7878/query` fits Oxigraph server and `http://localhost:8890/sparql` fits
Virtuoso. Override them in the URL's fragment, `URL#update=URL2&gsp=URL3&union=none`, or with
the environment variables `KG_SPARQL_UPDATE`, `KG_SPARQL_GSP` and `KG_SPARQL_UNION`.

Writing: each article is written by ONE SPARQL update request,
`DROP SILENT GRAPH <old>…; INSERT DATA { GRAPH <article> { … } }`, which Oxigraph server,
Fuseki (TDB2) and Virtuoso run as one transaction; removing articles is one `DROP` request.
Reading all quads uses the Graph Store Protocol (`GET gsp?graph=` / `GET gsp` as N-Quads)
when there is one, and a `SELECT … GRAPH ?g` query otherwise.

Queries see the union of all article graphs, as with the embedded store. The default,
`union=param`, adds the `union-default-graph` parameter that Oxigraph server understands;
`union=none` sends queries unchanged, for servers whose default graph already is the union
(Virtuoso without FROM; Fuseki with `tdb2:unionDefaultGraph true`). Parameters are bound as
a VALUES block (kg.params), since servers know nothing of pyoxigraph's substitutions.

Only the standard library (urllib) is used. Credentials may be given in the URL
(`http://user:password@host/...`, sent as HTTP Basic authentication).
"""

from __future__ import annotations

import base64
import os
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator, Mapping
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from pyoxigraph import (
    DefaultGraph,
    NamedNode,
    Quad,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    parse,
    parse_query_results,
)

from kg.errors import QueryError, StoreError
from kg.params import bind_values
from kg.store.base import (
    PREFIX_HEADER,
    SWEEP_ENTITIES_UPDATE,
    QueryResult,
    Store,
    Term,
    drop_graphs_update,
    replace_graph_update,
)

TIMEOUT = float(os.environ.get("KG_SPARQL_TIMEOUT", "300"))

ALL_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def endpoints(url: str) -> dict[str, str | None]:
    """The query, update and GSP URLs, the union mode and the credentials for a `--store` URL."""
    base, _, fragment = url.partition("#")
    options = dict(parse_qsl(fragment))
    parts = urlsplit(base)
    auth = None
    if parts.username:
        auth = f"{parts.username}:{parts.password or ''}"
        parts = parts._replace(netloc=parts.hostname + (f":{parts.port}" if parts.port else ""))
    query = urlunsplit(parts)
    if parts.path.endswith("/query"):
        stem = urlunsplit(parts._replace(path=parts.path[: -len("query")], query=""))
        update, gsp = stem + "update", stem + "store"
    else:
        update, gsp = query, None
    update = options.get("update") or os.environ.get("KG_SPARQL_UPDATE") or update
    gsp = options.get("gsp") or os.environ.get("KG_SPARQL_GSP") or gsp
    union = options.get("union") or os.environ.get("KG_SPARQL_UNION") or "param"
    if union not in ("param", "none"):
        raise StoreError(f"union= is 'param' or 'none', not {union!r}")
    return {"query": query, "update": update, "gsp": gsp or None, "union": union, "auth": auth}


class RemoteStore(Store):
    """Article graphs on a SPARQL 1.1 server, over HTTP."""

    def __init__(self, url: str, read_only: bool = False) -> None:
        ends = endpoints(url)
        self.location = url.partition("#")[0]
        self.query_url: str = ends["query"]
        self.update_url: str = ends["update"]
        self.gsp_url: str | None = ends["gsp"]
        self.union = ends["union"]
        self.read_only = read_only
        self._auth = ends["auth"]

    # --- HTTP ---

    def _request(self, url: str, data: bytes | None = None, content_type: str | None = None,
                 accept: str | None = None, method: str | None = None, with_type: bool = False):
        request = urllib.request.Request(url, data=data, method=method)
        if content_type:
            request.add_header("Content-Type", content_type)
        if accept:
            request.add_header("Accept", accept)
        if self._auth:
            request.add_header("Authorization", "Basic " + base64.b64encode(self._auth.encode()).decode())
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                body = response.read()
                ctype = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
                return (ctype, body) if with_type else body
        except urllib.error.HTTPError as err:
            message = err.read().decode("utf-8", errors="replace").strip()[:2000]
            if err.code == 400:
                raise QueryError(f"the SPARQL server rejected the request: {message}") from None
            raise StoreError(f"the SPARQL server {url} answered {err.code} {err.reason}: {message}") from None
        except (urllib.error.URLError, OSError) as err:
            reason = getattr(err, "reason", err)
            raise StoreError(f"cannot reach the SPARQL server {url}: {reason}") from None

    def update(self, sparql: str) -> None:
        """Run a SPARQL update on the server (one request, so one transaction on most servers)."""
        if self.read_only:
            raise StoreError(f"the store {self.location} is open read-only")
        self._request(self.update_url, (PREFIX_HEADER + sparql).encode(),
                      "application/sparql-update; charset=utf-8")

    # --- Store ---

    def write_article(self, graph: NamedNode, quads: list[Quad], replaces: Iterable[str] = ()) -> None:
        self.update(replace_graph_update(graph, quads, replaces))

    def remove_articles(self, graphs: Iterable[str]) -> None:
        drops = drop_graphs_update(graphs)
        if drops:
            self.update(drops)

    def sweep_entities(self) -> None:
        self.update(SWEEP_ENTITIES_UPDATE)

    def query(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
        return self._query(PREFIX_HEADER + bind_values(sparql, bindings or {}), self.union == "param")

    def _query(self, text: str, union: bool) -> QueryResult:
        url = self.query_url
        if union:
            url += ("&" if "?" in url else "?") + "union-default-graph"
        accept = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"
        try:
            ctype, body = self._request(url, text.encode(), "application/sparql-query; charset=utf-8", accept,
                                        with_type=True)
        except QueryError as err:
            raise QueryError(str(err).replace("the SPARQL server rejected the request", "SPARQL syntax error",
                                              1)) from None
        if ctype in ("application/sparql-results+json", "application/json", "application/sparql-results+xml",
                     "application/xml", "text/xml"):
            fmt = QueryResultsFormat.JSON if "json" in ctype else QueryResultsFormat.XML
            result = parse_query_results(body, format=fmt)
            if isinstance(result, QueryBoolean):
                return QueryResult("ask", boolean=bool(result))
            if isinstance(result, QuerySolutions):
                names = [v.value for v in result.variables]
                return QueryResult("select", variables=names, rows=[{n: s[n] for n in names} for s in result])
        rdf_format = RdfFormat.from_media_type(ctype) or RdfFormat.N_TRIPLES
        return QueryResult("graph", triples=[q.triple for q in parse(body, format=rdf_format)])

    def quads(self, graph: str | None = None) -> Iterator[Quad]:
        if self.gsp_url:
            url = self.gsp_url + ("?" + urlencode({"graph": graph}) if graph else "")
            body = self._request(url, accept="application/n-quads" if graph is None else "application/n-triples")
            if graph is None:
                for quad in parse(body, format=RdfFormat.N_QUADS):
                    if quad.graph_name != DefaultGraph():
                        yield quad
            else:
                for quad in parse(body, format=RdfFormat.N_TRIPLES):
                    yield Quad(quad.subject, quad.predicate, quad.object, NamedNode(graph))
            return
        text = ALL_QUADS if graph is None else f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        for row in self._query(text, union=False).rows:
            yield Quad(row["s"], row["p"], row["o"], row["g"] if graph is None else NamedNode(graph))
