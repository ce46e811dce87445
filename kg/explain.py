"""Why the graph believes something: the evidence behind facts, and why names were merged."""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import Literal

from kg.errors import NotFoundError
from kg.params import bind_values
from kg.store import Store

FIND = """
SELECT DISTINCT ?e WHERE { ?e rdfs:label|skos:altLabel ?l . FILTER(STR(?l) = STR(?name)) }"""

FACTS = """
SELECT DISTINCT ?p ?o ?olabel ?sentence ?rule ?confidence ?title ?file ?date WHERE {
  ?ev a kgo:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
      kgo:sentence ?sentence ; kgo:rule ?rule ; kgo:confidence ?confidence ; prov:wasDerivedFrom ?a .
  ?a kgo:fileName ?file . OPTIONAL { ?a dcterms:title ?title } OPTIONAL { ?a dcterms:date ?date }
  OPTIONAL { ?o rdfs:label ?olabel . FILTER(LANG(?olabel) = "zh") }
  FILTER(?s = ?subject)
} ORDER BY ?p ?olabel ?file"""

NOTES = """SELECT DISTINCT ?note WHERE { ?subject kgo:mergeNote ?note } ORDER BY ?note"""
LABEL = """SELECT ?l WHERE { ?subject rdfs:label ?l . FILTER(LANG(?l) = "zh") } LIMIT 1"""


@dataclass
class Fact:
    predicate: str
    object: str
    sentence: str
    rule: str
    confidence: float
    article: str


def find(store: Store, name: str):
    rows = store.query(bind_values(FIND, {"name": Literal(name)})).rows
    if not rows:
        raise NotFoundError(f"no entity is named {name!r}")
    return [row["e"] for row in rows]


def explain(store: Store, subject: str, predicate: str | None = None, obj: str | None = None) -> str:
    """Evidence for every fact about `subject` (optionally of one predicate, to one object)."""
    lines = []
    for node in find(store, subject):
        label_rows = store.query(bind_values(LABEL, {"subject": node})).rows
        label = label_rows[0]["l"].value if label_rows else subject
        lines.append(f"{label}  <{node.value}>")
        for row in store.query(bind_values(NOTES, {"subject": node})).rows:
            lines.append(f"  merged: {row['note'].value}")
        for row in store.query(bind_values(FACTS, {"subject": node})).rows:
            local = row["p"].value.rsplit("#", 1)[-1]
            target = row["olabel"].value if row.get("olabel") is not None else row["o"].value
            if predicate and local != predicate:
                continue
            if obj and obj not in (target, row["o"].value):
                continue
            title = row["title"].value if row.get("title") is not None else ""
            date = f", {row['date'].value}" if row.get("date") is not None else ""
            lines.append(f"  {local} → {target}   [{row['rule'].value}, confidence {row['confidence'].value}]")
            lines.append(f"    “{row['sentence'].value}”")
            lines.append(f"    — {row['file'].value}: {title}{date}")
    return "\n".join(lines) + "\n"
