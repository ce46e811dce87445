"""The extraction pipeline: small components, registered by name, run in order over a `Doc`.

Each component does one job (split sentences, find organisation names, attach
dates, ...) and reads or adds to the shared `Doc`. `extract()` in `kg.extract`
runs the default pipeline; tests run single components by name.

Every look-up a component makes on the `Doc` (the mentions over a span, the sentence at an
offset, the dates in a sentence) is a binary search, so extraction stays O(n log n) in the
length of the article: a 10 MB text costs ten times a 1 MB one, not a hundred.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from kg.extract.models import Models, shipped
from kg.model import Article, Mention, Position, Triple

Component = Callable[["Doc"], None]
REGISTRY: dict[str, Component] = {}

_PRIORITY = {"lexicon": 3, "chain": 3, "pattern": 2, "tagger": 2, "suffix": 1}


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


class Mentions:
    """An article's mentions, never overlapping, kept sorted by offset.

    Because no two overlap, sorting by start also sorts by end, so every span query is a
    binary search plus the mentions it returns.
    """

    def __init__(self) -> None:
        self._items: list[Mention] = []
        self._starts: list[int] = []

    def __iter__(self) -> Iterator[Mention]:
        return iter(list(self._items))

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, mention: object) -> bool:
        if not isinstance(mention, Mention):
            return False
        i = bisect_left(self._starts, mention.start)
        while i < len(self._items) and self._starts[i] == mention.start:
            if self._items[i] == mention:
                return True
            i += 1
        return False

    def overlapping(self, start: int, end: int) -> list[Mention]:
        """The mentions that share at least one character with [start, end)."""
        i = bisect_left(self._starts, end)
        found = []
        while i > 0 and self._items[i - 1].end > start:
            i -= 1
            found.append(self._items[i])
        found.reverse()
        return found

    def inside(self, start: int, end: int, kind: str | None = None) -> list[Mention]:
        lo, hi = bisect_left(self._starts, start), bisect_right(self._starts, end)
        return [m for m in self._items[lo:hi] if m.end <= end and (kind is None or m.kind == kind)]

    def ending_at(self, offset: int) -> list[Mention]:
        return [m for m in self.overlapping(offset - 1, offset) if m.end == offset]

    def add(self, mention: Mention) -> bool:
        """Keep a mention unless a longer (or equally long, stronger) one overlaps it; a name never
        runs over a line break."""
        if "\n" in mention.text:
            return False
        overlapping = self.overlapping(mention.start, mention.end)
        size = mention.end - mention.start
        for other in overlapping:
            longer = (other.end - other.start) > size
            same = (other.end - other.start) == size
            if longer or (same and _PRIORITY.get(other.source, 0) >= _PRIORITY.get(mention.source, 0)):
                return False
        for other in overlapping:
            self.remove(other)
        self._insert(mention)
        return True

    def _insert(self, mention: Mention) -> None:
        i = bisect_right(self._starts, mention.start)
        self._starts.insert(i, mention.start)
        self._items.insert(i, mention)

    def remove(self, mention: Mention) -> None:
        i = bisect_left(self._starts, mention.start)
        while self._items[i] != mention:
            i += 1
        del self._items[i]
        del self._starts[i]

    def replace(self, old: Mention, new: Mention) -> None:
        """Put `new` where `old` was; `new` must lie within the room `old` and its neighbours leave."""
        self.remove(old)
        self._insert(new)


@dataclass
class Doc:
    """An article being read by the pipeline; components fill its fields."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    mentions: Mentions = field(default_factory=Mentions)
    dates: list[DateSpan] = field(default_factory=list)
    triples: list[Triple] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    aliases: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    main_event: Mention | None = None
    event_article: bool = False
    models: Models = field(default_factory=shipped)
    nested: list[Mention] = field(default_factory=list)
    confirmed: set[tuple[str, str]] = field(default_factory=set)  # entities the tagger vouches for
    in_domain: bool | None = None  # about AI and technology (kg.extract.domain), once asked
    entities: list[Mention] | None = None  # what salience keeps; None until it has run
    _sentence_starts: list[int] = field(default_factory=list, repr=False)
    _date_starts: list[int] = field(default_factory=list, repr=False)

    @property
    def text(self) -> str:
        return self.article.text

    def add(self, mention: Mention) -> bool:
        return self.mentions.add(mention)

    def in_span(self, start: int, end: int, kind: str | None = None) -> list[Mention]:
        return self.mentions.inside(start, end, kind)

    def _starts(self) -> list[int]:
        if len(self._sentence_starts) != len(self.sentences):
            self._sentence_starts = [s.start for s in self.sentences]
        return self._sentence_starts

    def sentence_from(self, offset: int) -> Sentence | None:
        """The first sentence that starts at or after `offset`."""
        i = bisect_left(self._starts(), offset)
        return self.sentences[i] if i < len(self.sentences) else None

    def sentence_before(self, sentence: Sentence) -> Sentence | None:
        i = bisect_left(self._starts(), sentence.start)
        return self.sentences[i - 1] if i > 0 else None

    def sentence_at(self, offset: int) -> Sentence:
        i = bisect_right(self._starts(), offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return self.sentences[i]
        return self.sentences[-1]

    def dates_in(self, start: int, end: int) -> list[tuple[int, DateSpan]]:
        """(index, date) for the dates inside [start, end)."""
        if len(self._date_starts) != len(self.dates):
            self._date_starts = [d.start for d in self.dates]
        lo, hi = bisect_left(self._date_starts, start), bisect_left(self._date_starts, end)
        return [(n, self.dates[n]) for n in range(lo, hi) if self.dates[n].end <= end]

