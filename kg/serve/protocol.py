"""The SPARQL 1.1 Protocol's side of `kg serve`: which result format a request gets
(content negotiation on `Accept`, or a `format=` parameter), and the results in that format.

Kept apart from the HTTP handler and the worker pool so that it can be tested on its own:
it knows nothing of sockets or processes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from xml.sax.saxutils import escape as xml_escape

from kg.errors import QueryError

SELECT_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle", "application/x-turtle": "turtle", "application/ld+json": "jsonld",
    "application/json": "jsonld", "application/n-triples": "ntriples", "text/plain": "ntriples",
    "application/rdf+xml": "rdfxml",
}
FORMAT_NAMES = {"json": ("json", "jsonld"), "xml": ("xml", "rdfxml"), "csv": ("csv", None), "tsv": ("tsv", None),
                "turtle": (None, "turtle"), "ttl": (None, "turtle"), "jsonld": (None, "jsonld"),
                "json-ld": (None, "jsonld"), "nt": (None, "ntriples"), "ntriples": (None, "ntriples"),
                "rdfxml": (None, "rdfxml")}
CONTENT_TYPES = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8", "jsonld": "application/ld+json",
    "ntriples": "application/n-triples", "rdfxml": "application/rdf+xml",
}


def negotiate(accept: str, kind: str, fmt: str | None = None) -> str:
    """The result format for an Accept header (or a `format=` name) and a result kind."""
    graph = kind == "graph"
    if fmt:
        names = FORMAT_NAMES.get(fmt.lower())
        chosen = names and names[1 if graph else 0]
        if not chosen:
            raise QueryError(f"format {fmt!r} does not fit a {'CONSTRUCT/DESCRIBE' if graph else 'SELECT/ASK'} "
                             "result")
        return chosen
    table = GRAPH_TYPES if graph else SELECT_TYPES
    default = "turtle" if graph else "json"
    offers = []
    for i, part in enumerate(accept.split(",")):
        media, *args = [p.strip() for p in part.split(";")]
        q = 1.0
        for arg in args:
            if arg.startswith("q="):
                try:
                    q = float(arg[2:])
                except ValueError:
                    q = 0.0
        offers.append((-q, i, media.lower()))
    for _q, _i, media in sorted(offers):
        if _q == 0:
            break
        if media in table:
            return table[media]
        if media in ("*/*", "application/*", "text/*"):
            return default
    return default


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
        lines += [",".join(_csv_cell(r[v].value) if r.get(v) is not None else "" for v in variables) for r in rows]
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
