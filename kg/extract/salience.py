"""Which mentions become entities of the article's graph.

An entity is kept when a relation uses it, or when the lexicon knows it (an
organisation, product, recurring event or place named in the text: the guidelines annotate every city
and district an article names), or when a person's name is found by a pattern (a title, 表示, a
byline), or when a name found by its suffix recurs.
A suffix name seen once and used by no relation is too often generic to state. A country is an
entity only where an event is held in it (GUIDELINES), that is, where a relation uses it.
"""

from __future__ import annotations

from collections import Counter

from kg.extract.pipeline import Doc, component
from kg.model import Mention


@component("salience")
def salience(doc: Doc) -> None:
    used: set[tuple[str, str]] = set()
    extra: dict[tuple[str, str], Mention] = {}
    for triple in doc.triples:
        used.add(triple.subject.key)
        extra.setdefault(triple.subject.key, triple.subject)
        if isinstance(triple.object, Mention):
            used.add(triple.object.key)
            extra.setdefault(triple.object.key, triple.object)
    for position in doc.positions:
        used.add(position.person.key)
        if position.organization:
            used.add(position.organization.key)
    counts = Counter(m.key for m in doc.mentions)
    kept = [m for m in doc.mentions
            if m.key in used or (m.type != "Country" and (
                m.key in doc.confirmed or (m.source in ("lexicon", "chain") and m.kind in ("Organization", "Product", "Event", "Place"))
                or (m.kind == "Organization" and m.source == "suffix" and counts[m.key] >= 2)
                or (m.kind == "Person" and m.source == "pattern")))]
    keys = {m.key for m in kept}
    kept += [m for key, m in extra.items() if key not in keys]
    keys = {m.key for m in kept}
    kept += [m for m in doc.nested if m.key not in keys and not keys.add(m.key)]
    doc.entities = sorted(kept, key=lambda m: (m.start, m.end))
