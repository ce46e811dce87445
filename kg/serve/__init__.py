"""`kg serve`: a SPARQL 1.1 Protocol endpoint over the store, and a query page.

    GET  /sparql?query=...              POST /sparql (form `query=` or application/sparql-query)
    POST /sparql (form `update=` or application/sparql-update) — with --allow-update and the token
    GET  /                              the query page (self-contained HTML, no CDN)
    GET  /queries                       the curated queries as JSON
    GET  /viz?query=CONSTRUCT...        the network view of a CONSTRUCT result (kg.export.viz)

Results by content negotiation (`Accept`), or by a `format=` parameter:
SELECT/ASK as SPARQL JSON (default), XML, CSV or TSV; CONSTRUCT/DESCRIBE as Turtle (default),
JSON-LD, N-Triples or RDF/XML. Parameters `$name=value` (an extension) bind ?name to an RDF term
as `kg query --param` does.

Queries run in worker processes (`pool`), each holding the store open (read-only unless
--allow-update, then there is one read-write worker); a query past `--timeout` seconds, or whose
client left, is stopped by killing its worker. SELECT results are cut at `--max-rows` rows
(CONSTRUCT at as many triples), a cut result carrying `X-KG-Truncated: <max-rows>`. Bad SPARQL
is answered 400 with the parser's message. What the server refuses, and why, is said where it
is done: `access` (Host names, the update token, Origin), `federation` (SERVICE and LOAD),
`body` (request sizes and framing), `pool` (the queue and the time limit).

Modules: `settings` (the options), `protocol` (content negotiation and result formats), `body`
(request bodies), `access`, `federation`, `pool` (the workers, the queue, the time limit),
`handler` (HTTP routes and the protocol's parameters), `page` (the query page and the network
view), `server` (starting it all).
"""

from kg.serve.protocol import negotiate
from kg.serve.server import make_server, serve, serve_in_thread

__all__ = ["make_server", "negotiate", "serve", "serve_in_thread"]
