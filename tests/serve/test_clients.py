"""`kg serve` with real clients: SPARQLWrapper, rdflib's SPARQLStore and curl get what `kg query` gets."""

from __future__ import annotations

import json
import subprocess

import pytest
from click.testing import CliRunner

from kg.api import curated_query
from kg.cli import main

PRODUCTS = curated_query("products-and-developers")


def cli_rows(store: str, query: str) -> set[tuple]:
    result = CliRunner().invoke(main, ["query", query, "--store", store, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    return {tuple(row.values()) for row in rows}


def test_sparqlwrapper_gets_the_rows_of_kg_query(endpoint, store_dir):
    from SPARQLWrapper import JSON, POST, SPARQLWrapper

    expected = cli_rows(store_dir, str(PRODUCTS.path))
    assert expected
    for method in ("GET", POST):
        client = SPARQLWrapper(endpoint + "/sparql")
        client.setMethod(method)
        client.setQuery(PRODUCTS.text)
        client.setReturnFormat(JSON)
        data = client.query().convert()
        names = data["head"]["vars"]
        got = {tuple(b[n]["value"] if n in b else None for n in names) for b in data["results"]["bindings"]}
        assert got == expected


def test_rdflib_sparqlstore_gets_the_rows_of_kg_query(endpoint, store_dir):
    import rdflib
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    expected = cli_rows(store_dir, str(PRODUCTS.path))
    graph = rdflib.Graph(SPARQLStore(endpoint + "/sparql", returnFormat="json"))
    got = {tuple(str(v) if v is not None else None for v in row) for row in graph.query(PRODUCTS.text)}
    assert got == expected


@pytest.mark.parametrize(("accept", "ctype", "check"), [
    ("application/sparql-results+json", "application/sparql-results+json",
     lambda body: json.loads(body)["results"]["bindings"]),
    ("application/sparql-results+xml", "application/sparql-results+xml",
     lambda body: b"<sparql" in body and "昇腾".encode() in body),
    ("text/csv", "text/csv", lambda body: body.startswith(b"product,productName,type,developerName\r\n")),
    ("text/tab-separated-values", "text/tab-separated-values",
     lambda body: body.startswith(b"?product\t?productName") and '"昇腾"@zh'.encode() in body),
])
def test_curl_select_formats(endpoint, accept, ctype, check):
    out = subprocess.run(["curl", "-s", "-i", "-H", f"Accept: {accept}", "--data-urlencode",
                          f"query={PRODUCTS.text}", endpoint + "/sparql"], capture_output=True, check=True).stdout
    head, _, body = out.partition(b"\r\n\r\n")
    assert b" 200 " in head.split(b"\r\n")[0]
    assert f"content-type: {ctype}".encode() in head.lower()
    assert check(body)


@pytest.mark.parametrize(("accept", "ctype"), [("text/turtle", "text/turtle"),
                                               ("application/ld+json", "application/ld+json")])
def test_curl_construct_formats(endpoint, accept, ctype):
    import rdflib

    query = "CONSTRUCT { ?o kgo:develops ?p } WHERE { ?o kgo:develops ?p }"
    out = subprocess.run(["curl", "-s", "-i", "-H", f"Accept: {accept}", "--data-urlencode", f"query={query}",
                          endpoint + "/sparql"], capture_output=True, check=True).stdout
    head, _, body = out.partition(b"\r\n\r\n")
    assert f"content-type: {ctype}".encode() in head.lower()
    graph = rdflib.Graph().parse(data=body.decode(), format="json-ld" if "json" in ctype else "turtle")
    assert len(graph) >= 3

