"""SHACL validation of the stored graph against `ontology/shapes.ttl`."""

from __future__ import annotations

import pyshacl
import rdflib
from pyoxigraph import RdfFormat, serialize

from kg.resources import data_dir
from kg.store import Store


def union_graph(store: Store) -> rdflib.Graph:
    from pyoxigraph import Triple

    triples = {Triple(q.subject, q.predicate, q.object) for q in store.quads()}
    graph = rdflib.Graph()
    graph.parse(data=serialize(sorted(triples, key=str), format=RdfFormat.N_TRIPLES), format="nt")
    return graph


def validate(graph: rdflib.Graph) -> tuple[bool, str]:
    """(conforms, a readable report of the violations)."""
    ontology_dir = data_dir("ontology")
    shapes = rdflib.Graph().parse(ontology_dir / "shapes.ttl", format="turtle")
    ontology = rdflib.Graph().parse(ontology_dir / "kg.ttl", format="turtle")
    conforms, _, text = pyshacl.validate(graph, shacl_graph=shapes, ont_graph=ontology, inference="none",
                                         advanced=True, allow_warnings=True)
    return bool(conforms), text
