"""`kg serve`: a SPARQL 1.1 Protocol endpoint over the store, and a query page.

    GET  /sparql?query=...              POST /sparql (form `query=` or application/sparql-query)
    POST /sparql (form `update=` or application/sparql-update) — only with --allow-update, else 403
    GET  /                              the query page (self-contained HTML, no CDN)
    GET  /queries                       the curated queries as JSON
    GET  /viz?query=CONSTRUCT...        the network view of a CONSTRUCT result (kg.export.viz)

Results by content negotiation (`Accept`), or by a `format=` parameter:
SELECT/ASK as SPARQL JSON (default), XML, CSV or TSV; CONSTRUCT/DESCRIBE as Turtle (default),
JSON-LD, N-Triples or RDF/XML. Parameters `$name=value` (an extension) bind ?name to an RDF term
as `kg query --param` does.

Queries run in worker processes, each holding the store open (read-only unless --allow-update,
then there is one read-write worker). A query that runs past `--timeout` seconds is answered
503 and its worker is killed and replaced, so a runaway query cannot hold the server.
SELECT results are cut at `--max-rows` rows (CONSTRUCT at as many triples); a cut result
carries the header `X-KG-Truncated: <max-rows>`. Bad SPARQL is answered 400 with the
parser's message.

Modules: `protocol` (content negotiation and result formats), `pool` (the worker processes and
the time limit), `handler` (HTTP and the protocol's parameters), `page` (the query page and the
network view), `server` (starting it all).
"""

from kg.serve.protocol import negotiate
from kg.serve.server import make_server, serve, serve_in_thread

__all__ = ["make_server", "negotiate", "serve", "serve_in_thread"]
