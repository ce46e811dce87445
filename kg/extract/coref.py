"""Short forms pointing back to full names inside one article.

本届论坛 / 该论坛 / 本次大会 point to the article's main event; 该联盟 / 联盟 to the
alliance named last before them. The article's main event is the event named in the
title, or else the one named most often, or else the first one held (举行, 开幕).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter

from kg import lexicon
from kg.extract.pipeline import Doc, component
from kg.model import Mention

_DETERMINER = "本届|本次|此次|该|这次|这届|今年的?|今天的?"


def is_event_article(doc: Doc, event: Mention | None) -> bool:
    """An article is about its main event when the title names it, or the opening paragraph
    reports it as held (举行, 开幕 in the event's own sentence), or it opens the article and
    recurs: only then do its speakers count as participants. An event named twice somewhere
    is not enough: measured on general news, that made commentators quoted in articles about
    a G7 summit or a shareholders' meeting into participants."""
    if event is None:
        return False
    if event.name in doc.article.title or event.text in doc.article.title:
        return True
    held = lexicon.cues().get("held", frozenset())
    if event.start < 400 and any(cue in doc.sentence_at(event.start).text for cue in held):
        return True
    return event.start < 200 and sum(1 for m in doc.mentions if m.key == event.key) > 1


def choose_main_event(doc: Doc) -> Mention | None:
    events = [m for m in doc.mentions if m.kind == "Event"]
    if not events:
        return None
    title = doc.article.title
    in_title = [m for m in events if m.name in title or (m.text in title)]
    if in_title:
        return max(in_title, key=lambda m: len(m.name))
    counts = Counter(m.name for m in events)
    top, count = counts.most_common(1)[0]
    if count > 1:
        return next(m for m in events if m.name == top)
    held = lexicon.cues().get("held", frozenset())
    for m in events:
        sentence = doc.sentence_at(m.start).text
        if any(cue in sentence for cue in held):
            return m
    return events[0]


@component("coreference")
def coreference(doc: Doc) -> None:
    doc.main_event = choose_main_event(doc)
    doc.event_article = is_event_article(doc, doc.main_event)
    suffixes = sorted(lexicon.suffixes("event_suffixes.tsv"), key=len, reverse=True)
    if doc.main_event is not None:
        main = doc.main_event
        pattern = re.compile(rf"(?:{_DETERMINER})(?:{'|'.join(map(re.escape, suffixes))})")
        for match in pattern.finditer(doc.text):
            doc.add(Mention(match.group(), match.start(), match.end(), "Event", main.type, main.name,
                            main.english, "coref"))
    named = {word: _by_end([m for m in doc.mentions if m.kind == "Organization" and m.name.endswith(word)])
             for word in _ORG_TYPES}
    in_events = {word: _by_end([m for m in doc.mentions if m.kind == "Event" and word in m.name])
                 for word in _ORG_TYPES}
    for match in re.finditer(r"(?:该|这一|此)?(联盟|协会|学会|组委会)", doc.text):
        word = match.group(1)
        if any(m.start <= match.start() for m in doc.mentions.overlapping(match.start(), match.start() + 1)):
            continue
        full = _last_before(named[word], match.start()) or _named_inside_event(
            _last_before(in_events[word], match.start()), word)
        if full:
            doc.add(Mention(match.group(), match.start(), match.end(), "Organization", full.type, full.name,
                            full.english, "coref"))
    for m in doc.mentions:
        gloss = re.match(r"\(([A-Za-z][A-Za-z0-9 .,&'-]{2,80})\)", doc.text[m.end:m.end + 84])
        if gloss and m.kind in ("Organization", "Event", "Product"):
            doc.aliases.setdefault(m.key, set()).add(gloss.group(1))
        if m.text != m.name and m.source not in ("coref",):
            doc.aliases.setdefault(m.key, set()).add(m.text)


def _by_end(mentions: list[Mention]) -> tuple[list[int], list[Mention]]:
    """Mentions in offset order (they never overlap, so their ends are sorted too), with those ends."""
    return [m.end for m in mentions], mentions


def _last_before(indexed: tuple[list[int], list[Mention]], limit: int) -> Mention | None:
    """The last mention that ends by `limit`."""
    ends, mentions = indexed
    i = bisect_right(ends, limit)
    return mentions[i - 1] if i else None


def _named_inside_event(event: Mention | None, word: str) -> Mention | None:
    """国际科学智能联盟成立活动 names the alliance too: 该联盟 may point into an event's name."""
    if event is None:
        return None
    name = event.name[:event.name.index(word) + len(word)]
    if len(name) <= len(word) + 1:
        return None
    return Mention(name, event.start, event.start + len(name), "Organization", _ORG_TYPES[word], name, None,
                   "pattern")


_ORG_TYPES = {"联盟": "Alliance", "协会": "Association", "学会": "Association", "组委会": "Organization"}
