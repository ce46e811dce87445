"""Helpers that let an extraction test read like the news sentence it is about.

`facts(text)` runs the whole extractor over a one-article `Document` and returns the
relations as plain tuples `(subject name, predicate, object name or ISO date)`, with
names in their canonical Simplified form. Pass `only=` to look at some predicates.
"""

from __future__ import annotations

from collections.abc import Iterable

from kg.extract import PIPELINE, extract, run
from kg.extract.models import Models
from kg.extract.pipeline import REGISTRY
from kg.model import Article, Document, Extraction, Mention
from kg.normalise import normalise

DATE = "2024-05-10"

Fact = tuple[str, str, str]


def article(text: str, date: str | None = DATE, title: str = "") -> Article:
    return normalise(Document(path="t.txt", file_name="t.txt", title=title, text=text, date=date))


def extraction(text: str, date: str | None = DATE, title: str = "") -> Extraction:
    return extract(article(text, date, title))


def _object(value: Mention | str) -> str:
    return value.name if isinstance(value, Mention) else value


def facts(text: str, date: str | None = DATE, title: str = "", only: Iterable[str] | str | None = None) -> set[Fact]:
    """Every relation the extractor states for one article, as (subject, predicate, object)."""
    wanted = {only} if isinstance(only, str) else set(only) if only else None
    return {(t.subject.name, t.predicate, _object(t.object)) for t in extraction(text, date, title).triples
            if wanted is None or t.predicate in wanted}


def mentions(text: str, date: str | None = DATE, title: str = "", kind: str | None = None) -> set[str]:
    """The names of the entities the article's graph keeps, optionally of one kind."""
    return {m.name for m in extraction(text, date, title).mentions if kind is None or m.kind == kind}


def positions(text: str, date: str | None = DATE, title: str = "") -> set[tuple[str, str, str | None]]:
    """(person, title, organisation) for every position the article states."""
    return {(p.person.name, p.title, p.organization.name if p.organization else None)
            for p in extraction(text, date, title).positions}


def component_doc(text: str, pipeline: tuple[str, ...], date: str | None = DATE, title: str = "",
                  models: Models | None = None):
    """Run only some named components, to test one of them on its own."""
    return run(article(text, date, title), pipeline=pipeline, models=models)


def as_if_tagged(text: str, name: str | tuple[str, ...], kind: str, type_: str, then: tuple[str, ...]):
    """The document after the components before the tagger, with `name` (its first use; or each of
    several names) found as the tagger would find it, replacing the rules' mentions there, and then the
    components `then`: what a later component makes of a name only the tagger finds, whatever the
    shipped model tags."""
    doc = component_doc(text, PIPELINE[:PIPELINE.index("tagger")])
    for one in (name,) if isinstance(name, str) else name:
        start = text.index(one)
        for m in doc.mentions.overlapping(start, start + len(one)):
            doc.mentions.remove(m)
        doc.mentions.add(Mention(one, start, start + len(one), kind, type_, one, None, "tagger"))
    for component in then:
        REGISTRY[component](doc)
    return doc
