"""The ontology's class tree, read from `ontology/*.ttl` once."""

from __future__ import annotations

from functools import cache

from pyoxigraph import RdfFormat, parse

from kg.resources import data_dir
from kg.vocab import ONTOLOGY, RDFS

TOP_CLASSES = ("Organization", "Person", "Event", "Place", "Product")


@cache
def parents() -> dict[str, str]:
    """Class local name → its parent's local name, for classes in our namespace."""
    table = {}
    for path in sorted(data_dir("ontology").glob("*.ttl")):
        with path.open("rb") as handle:
            for triple in parse(handle, format=RdfFormat.TURTLE):
                if (triple.predicate.value == RDFS + "subClassOf" and triple.subject.value.startswith(ONTOLOGY)
                        and triple.object.value.startswith(ONTOLOGY)):
                    table[triple.subject.value[len(ONTOLOGY):]] = triple.object.value[len(ONTOLOGY):]
    return table


@cache
def top_class(local: str) -> str:
    """Organization for Company, Event for Forum, ...; the name itself for a top class."""
    seen = {local}
    while local not in TOP_CLASSES and local in parents():
        local = parents()[local]
        if local in seen:
            break
        seen.add(local)
    return local
