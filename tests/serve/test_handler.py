"""The SPARQL 1.1 Protocol over HTTP: GET and POST queries, parameters, updates, and the 400s."""

from __future__ import annotations

import json
import urllib.parse

from kg.api import KnowledgeGraph, curated_query
from tests.conftest import SAMPLES
from tests.serve.helpers import http, post_query, running


def test_ask_and_get(endpoint):
    query = urllib.parse.quote("ASK { ?p a kgo:Person }")
    status, _, body = http(f"{endpoint}/sparql?query={query}", headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and json.loads(body)["boolean"] is True


def test_post_sparql_query_and_params(endpoint):
    text = curated_query("people-of-organization").text
    status, _, body = http(endpoint + "/sparql?%24org=" + urllib.parse.quote("百度"), text.encode(),
                           {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    assert status == 200
    names = {b["name"]["value"] for b in json.loads(body)["results"]["bindings"]}
    assert "王海峰" in names


def test_update_refused_unless_allowed(endpoint, tmp_path):
    update = "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"
    status, _, body = http(endpoint + "/sparql", update.encode(), {"Content-Type": "application/sparql-update"})
    assert status == 403 and b"--allow-update" in body
    status, _, _ = http(endpoint + "/sparql", urllib.parse.urlencode({"update": update}).encode(),
                        {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403

    writable = str(tmp_path / "rw")
    with KnowledgeGraph.open(writable) as kg:
        kg.build([SAMPLES / "003_8aa938fb62833662.txt"])
    with running(writable, allow_update=True, update_token="t0ken", timeout=10) as base:
        status, _, _ = http(base + "/sparql", update.encode(), {"Content-Type": "application/sparql-update",
                                                                "Authorization": "Bearer t0ken"})
        assert status == 204
        status, _, body = post_query(base, "ASK { <urn:x:a> <urn:x:b> <urn:x:c> }")
        assert json.loads(body)["boolean"] is True


def test_bad_sparql_is_a_400_with_the_parser_message(endpoint):
    status, _, body = post_query(endpoint, "SELECT * WHERE { ?s ?p }")
    assert status == 400
    assert b"SPARQL syntax error: error at 1:" in body and b"expected" in body

