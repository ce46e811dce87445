"""Resolve stage: mentions become entities with IRIs; an extraction becomes quads.

One IRI per real-world entity: a mention resolves under its canonical name (the
lexicon's, or the full form its short form points back to), so 百度, 百度公司 and
北京百度网讯科技有限公司 meet in one node. People are the exception, since names
repeat: see `PersonIndex` for the rule.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, Quad

from kg import lexicon
from kg.model import Extraction, Mention, Triple
from kg.vocab import (
    DATE_PREDICATES,
    ENTITIES_GRAPH,
    article_iri,
    dcterms,
    entity_iri,
    kgo,
    prov,
    rdf,
    rdfs,
    schema,
    skos,
    xsd,
)

# 3: source paths relative to the build's root; 4: learned tagger and classifier; 5: venues, clause hosts
EXTRACTOR_VERSION = "5"

KnownPersons = Callable[[str], list[tuple[str, frozenset[str]]]]


@dataclass
class PersonIndex:
    """Which person IRI a name means, across articles.

    The rule: a person mentioned with organisations O joins the first existing person
    of the same name (in IRI order) whose organisations overlap O, or who has no
    organisation, or any one of them when O is empty. Beyond that, a distinctive name —
    three Chinese characters or more (李彦宏, 欧阳明高) or a Latin name of two words or
    more (Sam Altman) — is one person whatever organisations each article gives, since
    well-known people hold several posts (李彦宏 at 百度 and at 全国政协) and such names
    rarely repeat in one field. A two-character name (王龙, 张勇) is common: with organisations
    that differ from every known one it gets a new IRI with the next variant number. So two
    王龙 at different companies stay apart, and a 王龙 with no affiliation joins the one known.
    """

    known: KnownPersons = field(default=lambda name: [])
    _fresh: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)

    def resolve(self, name: str, orgs: frozenset[str]) -> tuple[NamedNode, str]:
        # One candidate per IRI with the union of its organisations, from the store and
        # from this build, in variant order: the same answer whatever the hash seed.
        merged: dict[str, frozenset[str]] = {}
        for iri, their in (*self.known(name), *self._fresh.get(name, {}).items()):
            merged[iri] = merged.get(iri, frozenset()) | their
        candidates = sorted(merged.items(), key=lambda c: (_variant(c[0]), c[0]))
        fresh = self._fresh.setdefault(name, {})
        ordered = sorted(candidates, key=lambda c: not (orgs & c[1]))  # a shared organisation first
        for iri, their_orgs in ordered:
            if orgs & their_orgs:
                why = "same organisation"
            elif not orgs or not their_orgs:
                why = "one of the two has no organisation"
            elif distinctive(name):
                why = "a distinctive name, organisations added"
            else:
                continue
            fresh[iri] = fresh.get(iri, frozenset()) | their_orgs | orgs
            return NamedNode(iri), f"{name}: merged with the person of the same name ({why})"
        iri = entity_iri("Person", name, len(candidates) + 1).value
        fresh[iri] = orgs
        note = f"{name}: a new person; organisations differ from the {len(candidates)} known" if candidates else ""
        return NamedNode(iri), note


def distinctive(name: str) -> bool:
    """Three Chinese characters or more, or a Latin name of two words or more."""
    if re.fullmatch(r"[A-Za-z][A-Za-z.'-]*(?: [A-Za-z][A-Za-z.'-]*)+", name):
        return True
    return len(re.findall(r"[\u4e00-\u9fff]", name)) >= 3


def _variant(iri: str) -> int:
    tail = iri.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() and len(tail) < 4 else 1


def _hash(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:12]


def _date_literal(value: str) -> Literal:
    return Literal(value, datatype=xsd("date" if len(value) == 10 else "gYearMonth"))


class Resolution:
    """The quads of one article's named graph."""

    def __init__(self, extraction: Extraction, persons: PersonIndex | None = None) -> None:
        self.extraction = extraction
        self.article = extraction.article
        self.graph = article_iri(self.article.id)
        self.persons = persons or PersonIndex()
        self.quads: list[Quad] = []
        self.iris: dict[tuple[str, str], NamedNode] = {}
        self.notes: dict[NamedNode, set[str]] = {}

    def run(self) -> list[Quad]:
        self._article()
        self._person_iris()
        labelled: set[NamedNode] = set()
        for mention in self.extraction.mentions:
            self._entity(mention, labelled)
        for triple in self.extraction.triples:
            self._triple(triple)
        for position in self.extraction.positions:
            self._position(position)
        for node, notes in sorted(self.notes.items(), key=lambda item: item[0].value):
            for note in sorted(notes):
                self._add(node, kgo("mergeNote"), Literal(note, language="zh"))
        return self.quads

    def _add(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        self.quads.append(Quad(s, p, o, self.graph))

    def _add_card(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        """An entity's type or name: written to the shared entities graph (see vocab.ENTITIES_GRAPH)."""
        self.quads.append(Quad(s, p, o, ENTITIES_GRAPH))

    def _article(self) -> None:
        a, node = self.article, self.graph
        self._add(node, rdf("type"), kgo("Article"))
        self._add(node, dcterms("title"), Literal(a.title, language="zh"))
        if a.date:
            self._add(node, dcterms("date"), _date_literal(a.date))
        if a.source:
            self._add(node, dcterms("publisher"), Literal(a.source))
        if a.url:
            self._add(node, schema("url"), NamedNode(a.url))
        self._add(node, kgo("fileName"), Literal(a.file_name))
        self._add(node, kgo("sourcePath"), Literal(a.path))
        self._add(node, kgo("contentHash"), Literal(a.content_hash))
        self._add(node, kgo("wasTraditional"), Literal(a.was_traditional))
        self._add(node, kgo("extractorVersion"), Literal(EXTRACTOR_VERSION))

    def _person_iris(self) -> None:
        orgs: dict[str, set[str]] = {}
        for triple in self.extraction.triples:
            if triple.predicate == "affiliatedWith" and isinstance(triple.object, Mention):
                orgs.setdefault(triple.subject.name, set()).add(self.iri(triple.object).value)
        for mention in self.extraction.mentions:
            if mention.kind == "Person" and mention.key not in self.iris:
                node, note = self.persons.resolve(mention.name, frozenset(orgs.get(mention.name, ())))
                self.iris[mention.key] = node
                if note:
                    self.notes.setdefault(node, set()).add(note)

    def iri(self, mention: Mention) -> NamedNode:
        if mention.key not in self.iris:
            self.iris[mention.key] = entity_iri(mention.kind, mention.name)
        return self.iris[mention.key]

    def _entity(self, mention: Mention, labelled: set[NamedNode]) -> None:
        node = self.iri(mention)
        if node not in labelled:
            labelled.add(node)
            self._add_card(node, rdf("type"), kgo(mention.type))
            self._add_card(node, rdfs("label"), Literal(mention.name, language="zh"))
            if mention.english:
                self._add_card(node, rdfs("label"), Literal(mention.english, language="en"))
            self._add(node, kgo("mentionedIn"), self.graph)
        surfaces = set() if mention.source == "coref" else {mention.text}
        for alias in sorted(self.extraction.aliases.get(mention.key, set()) | surfaces):
            if alias != mention.name:
                self._add(node, skos("altLabel"), Literal(alias, language="zh"))
                self.notes.setdefault(node, set()).add(f"{alias} → {mention.name}: {mention.source}")

    def _object(self, value: Mention | str, predicate: str) -> NamedNode | Literal:
        if predicate in DATE_PREDICATES:
            return _date_literal(str(value))
        assert isinstance(value, Mention)
        return self.iri(value)

    def _triple(self, triple: Triple) -> None:
        s, p = self.iri(triple.subject), kgo(triple.predicate)
        o = self._object(triple.object, triple.predicate)
        ev = triple.evidence
        self._add(s, p, o)
        node = NamedNode(f"{self.graph.value}/ev/{_hash(s.value, p.value, o, ev.start, ev.rule)}")
        self._add(node, rdf("type"), kgo("Evidence"))
        self._add(node, rdf("subject"), s)
        self._add(node, rdf("predicate"), p)
        self._add(node, rdf("object"), o)
        self._add(node, kgo("sentence"), Literal(ev.sentence, language="zh"))
        self._add(node, kgo("charStart"), Literal(str(ev.start), datatype=xsd("integer")))
        self._add(node, kgo("charEnd"), Literal(str(ev.end), datatype=xsd("integer")))
        self._add(node, kgo("rule"), Literal(ev.rule))
        self._add(node, kgo("confidence"), Literal(f"{ev.confidence:.2f}", datatype=xsd("decimal")))
        self._add(node, prov("wasDerivedFrom"), self.graph)

    def _position(self, position) -> None:
        person = self.iri(position.person)
        org = self.iri(position.organization) if position.organization else None
        node = NamedNode(f"{self.graph.value}/pos/{_hash(person.value, org, position.title)}")
        self._add(node, rdf("type"), kgo("Position"))
        self._add(node, kgo("holder"), person)
        if org is not None:
            self._add(node, kgo("atOrganization"), org)
        self._add(node, kgo("title"), Literal(position.title, language="zh"))
        english = lexicon.positions().get(position.title, ("", ""))[0]
        if english:
            self._add(node, kgo("title"), Literal(english, language="en"))
        self._add(node, prov("wasDerivedFrom"), self.graph)


def resolve(extraction: Extraction, persons: PersonIndex | None = None) -> list[Quad]:
    """The quads of an article's named graph, deduplicated, in a stable order."""
    quads = Resolution(extraction, persons).run()
    return list(dict.fromkeys(quads))


def to_nquads(quads: Iterable[Quad]) -> str:
    return "".join(f"{q.subject} {q.predicate} {q.object} {q.graph_name} .\n" for q in quads)
