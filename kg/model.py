"""Plain records passed between the pipeline's stages.

read → normalise produce an `Article`; extract produces `Mention`s, `Triple`s and
`Position`s bundled as an `Extraction`. Nothing here knows about RDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ENTITY_KINDS = ("Organization", "Person", "Event", "Place", "Product")


@dataclass(frozen=True)
class Document:
    """What a reader found in a file or record, before normalisation."""

    path: str
    file_name: str
    title: str
    text: str
    date: str | None = None
    source: str | None = None
    url: str | None = None
    blocks: bool = False  # the lines are a web page's blocks (paragraphs, headings): each stands alone


@dataclass(frozen=True)
class Article:
    """One news article, cleaned: Simplified Chinese, half-width ASCII, no boilerplate."""

    id: str
    title: str
    text: str
    path: str
    file_name: str
    content_hash: str
    date: str | None = None
    source: str | None = None
    url: str | None = None
    was_traditional: bool = False


@dataclass(frozen=True)
class Mention:
    """A name found in an article's text, typed with an ontology class local name.

    `kind` is the top class (one of ENTITY_KINDS); `type` may be a subclass
    (Company, Forum, City, Model, ...). `name` is the canonical Simplified name the
    entity resolves under; `text` is the surface form at `start:end`.
    """

    text: str
    start: int
    end: int
    kind: str
    type: str
    name: str
    english: str | None = None
    source: str = ""
    parent: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.name)


@dataclass(frozen=True)
class Evidence:
    """Why a triple is believed: the sentence, its offsets, the rule and a confidence."""

    sentence: str
    start: int
    end: int
    rule: str
    confidence: float


@dataclass(frozen=True)
class Triple:
    """A relation between two mentions, or between a mention and an ISO date string."""

    subject: Mention
    predicate: str
    object: Mention | str
    evidence: Evidence


@dataclass(frozen=True)
class Position:
    """A person's title at an organisation (首席技术官 at 百度), kept as data."""

    person: Mention
    title: str
    organization: Mention | None
    evidence: Evidence


@dataclass
class Extraction:
    """Everything the extractor found in one article."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    triples: list[Triple] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    aliases: dict[tuple[str, str], set[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class ReadFailure:
    """A file (or record) that could not be read, and why, in one line."""

    path: str
    reason: str
