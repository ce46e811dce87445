"""Content negotiation and result formats: which format an `Accept` header or a `format=` value
gets, 406 when none fits, and CSV/TSV as the SPARQL 1.1 Query Results CSV and TSV Formats spec
writes them (a table: a header of variable names, then one line per row)."""

from __future__ import annotations

import io

import pytest
from pyoxigraph import QueryResultsFormat, parse_query_results

from kg.serve import negotiate
from tests.serve.helpers import http, post_query


@pytest.mark.parametrize(("accept", "kind", "chosen"), [
    ("text/csv;q=0.5, application/sparql-results+xml", "select", "xml"),
    ("text/csv, application/sparql-results+json", "select", "csv"),      # equal weights: the client's order
    ("*/*", "graph", "turtle"),
    ("", "select", "json"),
    ("text/html,application/xhtml+xml,*/*;q=0.8", "select", "json"),     # a browser
    ("text/*", "graph", "turtle"),
    ("text/*, text/xml;q=0", "select", "csv"),                          # the most specific range decides
    ("*/*, application/sparql-results+json;q=0, application/json;q=0", "select", "xml"),
    ("application/json", "graph", "jsonld"),
    ("text/html", "select", None),
    ("image/png, text/html;q=0.9", "graph", None),
    ("text/csv", "graph", None),
])
def test_accept(accept, kind, chosen):
    assert negotiate(accept, kind) == chosen


@pytest.mark.parametrize(("formats", "kind", "chosen"), [
    (["tsv"], "select", "tsv"),
    (["tsv", "text/tab-separated-values"], "select", "tsv"),             # what SPARQLWrapper sends for TSV
    (["text/tab-separated-values"], "select", "tsv"),
    (["json-ld", "application/ld+json,application/x-json+ld"], "graph", "jsonld"),  # and for JSON-LD
    (["application/ld+json"], "graph", "jsonld"),
    (["rdf+xml"], "graph", "rdfxml"),
    (["json"], "graph", "jsonld"),
    (["csv"], "graph", None),
    (["html"], "select", None),
])
def test_format_takes_short_names_and_media_types(formats, kind, chosen):
    assert negotiate("application/sparql-results+xml", kind, formats) == chosen


def test_sparqlwrapper_gets_tsv_and_json_ld(endpoint):
    from SPARQLWrapper import JSONLD, TSV, SPARQLWrapper

    client = SPARQLWrapper(endpoint + "/sparql")
    client.setQuery("SELECT ?p WHERE { ?p a kgo:Person } LIMIT 3")
    client.setReturnFormat(TSV)
    assert client.query().convert().decode().startswith("?p\n<https://")

    client.setQuery("CONSTRUCT { ?o kgo:develops ?p } WHERE { ?o kgo:develops ?p }")
    client.setReturnFormat(JSONLD)
    assert len(client.query().convert()) >= 3


def test_an_accept_nothing_fits_gets_406(endpoint):
    status, _, body = post_query(endpoint, "SELECT * WHERE { ?s ?p ?o } LIMIT 1", accept="text/html")
    assert status == 406 and b"application/sparql-results+json" in body
    status, _, body = post_query(endpoint, "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 1", accept="text/csv")
    assert status == 406 and b"text/turtle" in body
    status, _, _ = http(endpoint + "/sparql?format=csv&query=ASK%7B%7D")
    assert status == 200


def read_tsv(body: bytes) -> dict:
    solution = next(iter(parse_query_results(io.BytesIO(body), format=QueryResultsFormat.TSV)))
    return {name: solution[name] for name in ("b", "s")}


def read_csv(body: bytes) -> dict:
    from rdflib.query import Result

    return next(iter(Result.parse(io.BytesIO(body), format="csv"))).asdict()


@pytest.mark.parametrize(("accept", "read"), [("text/csv", read_csv), ("text/tab-separated-values", read_tsv)])
def test_csv_and_tsv_read_back_as_the_spec_says(endpoint, accept, read):
    # Read back by spec readers (rdflib's for CSV, pyoxigraph's for TSV): a blank node stays one.
    status, _, body = post_query(endpoint, 'SELECT ?b ?s WHERE { BIND(BNODE() AS ?b) BIND("a,\\"b\\"\\nc" AS ?s) }',
                                 accept=accept)
    assert status == 200
    row = read(body)
    assert type(row["b"]).__name__ in ("BlankNode", "BNode")
    assert row["s"].value == 'a,"b"\nc'


@pytest.mark.parametrize(("accept", "expected"), [("text/csv", b"_askResult\r\ntrue\r\n"),
                                                 ("text/tab-separated-values", b"?_askResult\ntrue\n")])
def test_ask_as_csv_and_tsv_is_a_one_cell_table(endpoint, accept, expected):
    # The spec defines CSV and TSV for SELECT results only; an ASK answer is sent as the table
    # of one variable and one row that any reader of the spec can read (Jena writes the same).
    status, headers, body = post_query(endpoint, "ASK { ?s ?p ?o }", accept=accept)
    assert status == 200 and headers["Content-Type"].startswith(accept)
    assert body == expected
