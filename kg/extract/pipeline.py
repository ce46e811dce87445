"""The extraction pipeline: small components, registered by name, run in order over a `Doc`.

Each component does one job (split sentences, find organisation names, attach
dates, ...) and reads or adds to the shared `Doc`. `extract()` in `kg.extract`
runs the default pipeline; tests run single components by name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from kg.model import Article, Mention, Position, Triple

Component = Callable[["Doc"], None]
REGISTRY: dict[str, Component] = {}

_PRIORITY = {"lexicon": 3, "chain": 3, "pattern": 2, "suffix": 1}


def component(name: str) -> Callable[[Component], Component]:
    """Register a pipeline component under a name."""

    def register(func: Component) -> Component:
        REGISTRY[name] = func
        return func

    return register


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class DateSpan:
    start: int
    end: int
    first: str
    last: str | None


@dataclass
class Doc:
    """An article being read by the pipeline; components fill its fields."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    dates: list[DateSpan] = field(default_factory=list)
    triples: list[Triple] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    aliases: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    main_event: Mention | None = None
    event_article: bool = False

    @property
    def text(self) -> str:
        return self.article.text

    def add(self, mention: Mention) -> bool:
        """Keep a mention unless a longer (or equally long, stronger) one overlaps it."""
        overlapping = [m for m in self.mentions if m.start < mention.end and mention.start < m.end]
        for other in overlapping:
            longer = (other.end - other.start) > (mention.end - mention.start)
            same = (other.end - other.start) == (mention.end - mention.start)
            if longer or (same and _PRIORITY.get(other.source, 0) >= _PRIORITY.get(mention.source, 0)):
                return False
        for other in overlapping:
            self.mentions.remove(other)
        self.mentions.append(mention)
        self.mentions.sort(key=lambda m: m.start)
        return True

    def in_span(self, start: int, end: int, kind: str | None = None) -> list[Mention]:
        return [m for m in self.mentions if m.start >= start and m.end <= end and (kind is None or m.kind == kind)]

    def sentence_at(self, offset: int) -> Sentence:
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return self.sentences[-1]
