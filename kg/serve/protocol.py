"""The SPARQL 1.1 Protocol's side of `kg serve`: which result format a request gets
(content negotiation on `Accept`, or a `format=` parameter), and the results in that format.

Kept apart from the HTTP handler and the worker pool so that it can be tested on its own:
it knows nothing of sockets or processes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from xml.sax.saxutils import escape as xml_escape

# What a result can be sent as, in order of preference: (media type, format).
SELECT_OFFERS = [
    ("application/sparql-results+json", "json"), ("application/json", "json"),
    ("application/sparql-results+xml", "xml"), ("application/xml", "xml"), ("text/xml", "xml"),
    ("text/csv", "csv"), ("text/tab-separated-values", "tsv"),
]
GRAPH_OFFERS = [
    ("text/turtle", "turtle"), ("application/x-turtle", "turtle"), ("application/turtle", "turtle"),
    ("application/ld+json", "jsonld"), ("application/x-json+ld", "jsonld"), ("application/json", "jsonld"),
    ("application/n-triples", "ntriples"), ("text/plain", "ntriples"), ("application/rdf+xml", "rdfxml"),
]
# Short names for `format=`, as (SELECT/ASK format, CONSTRUCT/DESCRIBE format); SPARQLWrapper's among them.
FORMAT_NAMES = {"json": ("json", "jsonld"), "xml": ("xml", "rdfxml"), "csv": ("csv", None), "tsv": ("tsv", None),
                "turtle": (None, "turtle"), "ttl": (None, "turtle"), "n3": (None, "turtle"),
                "jsonld": (None, "jsonld"), "json-ld": (None, "jsonld"), "nt": (None, "ntriples"),
                "ntriples": (None, "ntriples"), "rdfxml": (None, "rdfxml"), "rdf+xml": (None, "rdfxml"),
                "rdf": (None, "rdfxml")}
CONTENT_TYPES = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8", "jsonld": "application/ld+json",
    "ntriples": "application/n-triples", "rdfxml": "application/rdf+xml",
}


def _ranges(accept: str) -> list[tuple[str, float]]:
    """The media ranges of an Accept header with their weights (a malformed weight counts as 0)."""
    ranges = []
    for part in accept.split(","):
        media, *params = [p.strip() for p in part.split(";")]
        if "/" not in media:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        ranges.append((media.lower(), q))
    return ranges


def _match(media: str, ranges: list[tuple[str, float]]) -> tuple[float, int] | None:
    """The weight of a media type and the position of the range it takes it from: the most
    specific range that covers it (`text/csv` before `text/*` before `*/*`), as HTTP says."""
    kind = media.split("/")[0]
    best: tuple[int, float, int] | None = None
    for position, (pattern, q) in enumerate(ranges):
        specific = {media: 2, f"{kind}/*": 1, "*/*": 0}.get(pattern)
        if specific is not None and (best is None or specific > best[0]):
            best = (specific, q, position)
    return None if best is None else (best[1], best[2])


def negotiate(accept: str, kind: str, formats: list[str] | tuple[str, ...] = ()) -> str | None:
    """The result format for a result kind (select, ask or graph): from the `format=` values if
    there are any (short names or media types, as SPARQLWrapper sends both), else from Accept;
    None when nothing this endpoint offers for that kind is acceptable (406)."""
    graph = kind == "graph"
    offers = GRAPH_OFFERS if graph else SELECT_OFFERS
    if formats:
        for value in formats:
            names = FORMAT_NAMES.get(value.strip().lower())
            chosen = names[1 if graph else 0] if names else negotiate(value, kind)
            if chosen:
                return chosen
        return None
    ranges = _ranges(accept.strip() or "*/*")
    best: tuple[float, int, int] | None = None
    chosen = None
    for order, (media, fmt) in enumerate(offers):
        match = _match(media, ranges)
        if match and match[0] > 0 and (best is None or (match[0], -match[1], -order) > best):
            best, chosen = (match[0], -match[1], -order), fmt
    return chosen


def offered(kind: str) -> str:
    """The media types a result kind can be sent as, for a 406 answer."""
    return ", ".join(media for media, _ in (GRAPH_OFFERS if kind == "graph" else SELECT_OFFERS))


def _term_json(term) -> dict[str, str]:
    kind = type(term).__name__
    if kind == "NamedNode":
        return {"type": "uri", "value": term.value}
    if kind == "BlankNode":
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def _term_xml(term) -> str:
    kind = type(term).__name__
    if kind == "NamedNode":
        return f"<uri>{xml_escape(term.value)}</uri>"
    if kind == "BlankNode":
        return f"<bnode>{xml_escape(term.value)}</bnode>"
    if term.language:
        return f'<literal xml:lang="{xml_escape(term.language)}">{xml_escape(term.value)}</literal>'
    if term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        return f'<literal datatype="{xml_escape(term.datatype.value)}">{xml_escape(term.value)}</literal>'
    return f"<literal>{xml_escape(term.value)}</literal>"


def _csv_value(term) -> str:
    """A term's string in CSV: the value itself, a blank node in its `_:label` form (the spec's)."""
    return "_:" + term.value if type(term).__name__ == "BlankNode" else term.value


def _csv_cell(value: str) -> str:
    if any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def serialize_rows(variables: list[str], rows: list[dict], fmt: str) -> bytes:
    if fmt == "json":
        bindings = [{v: _term_json(r[v]) for v in variables if r.get(v) is not None} for r in rows]
        return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                          ensure_ascii=False).encode()
    if fmt == "xml":
        head = "".join(f'<variable name="{v}"/>' for v in variables)
        body = "".join("<result>" + "".join(f'<binding name="{v}">{_term_xml(r[v])}</binding>'
                                            for v in variables if r.get(v) is not None) + "</result>\n"
                       for r in rows)
        return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head>{head}</head>\n<results>\n{body}</results></sparql>\n").encode()
    if fmt == "csv":
        lines = [",".join(variables)]
        lines += [",".join(_csv_cell(_csv_value(r[v])) if r.get(v) is not None else "" for v in variables)
                  for r in rows]
        return ("\r\n".join(lines) + "\r\n").encode()
    lines = ["\t".join("?" + v for v in variables)]
    lines += ["\t".join(str(r[v]) if r.get(v) is not None else "" for v in variables) for r in rows]
    return ("\n".join(lines) + "\n").encode()


def serialize_boolean(value: bool, fmt: str) -> bytes:
    text = "true" if value else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if fmt == "xml":
        return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{text}</boolean></sparql>\n").encode()
    return (f"_askResult\r\n{text}\r\n" if fmt == "csv" else f"?_askResult\n{text}\n").encode()


def serialize_triples(triples: list, fmt: str) -> bytes:
    from pyoxigraph import RdfFormat, serialize

    from kg.vocab import PREFIXES

    rdf_format = {"turtle": RdfFormat.TURTLE, "jsonld": RdfFormat.JSON_LD, "ntriples": RdfFormat.N_TRIPLES,
                  "rdfxml": RdfFormat.RDF_XML}[fmt]
    prefixes = PREFIXES if fmt in ("turtle", "rdfxml") else None
    return serialize(triples, format=rdf_format, prefixes=prefixes) if prefixes else serialize(
        triples, format=rdf_format)



@dataclass
class Answer:
    """One HTTP response, as the pool and the handler pass it around."""

    status: int
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"
    headers: dict[str, str] | None = None
