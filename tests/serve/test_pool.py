"""The worker pool: a runaway query is stopped, and results are cut at --max-rows."""

from __future__ import annotations

import json
import time

from tests.serve.helpers import post_query


def test_runaway_query_is_stopped_and_the_server_keeps_serving(endpoint):
    started = time.monotonic()
    cross = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    status, _, body = post_query(endpoint, cross)
    assert status == 503 and b"time limit" in body
    assert time.monotonic() - started < 6
    status, _, body = post_query(endpoint, "ASK { ?s ?p ?o }")
    assert status == 200 and json.loads(body)["boolean"] is True


def test_result_size_limit(endpoint):
    status, headers, body = post_query(endpoint, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == 50
    assert headers["X-KG-Truncated"] == "50"

