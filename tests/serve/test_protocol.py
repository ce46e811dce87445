"""Content negotiation: which result format an `Accept` header or a `format=` name gets."""

from __future__ import annotations

from kg.serve import negotiate


def test_negotiation():
    assert negotiate("text/csv;q=0.5, application/sparql-results+xml", "select") == "xml"
    assert negotiate("*/*", "graph") == "turtle"
    assert negotiate("text/html,application/xhtml+xml,*/*;q=0.8", "select") == "json"
    assert negotiate("", "select", "tsv") == "tsv"

