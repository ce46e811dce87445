"""People, found by pattern, never by a list of names.

A name is a surname from the lexicon plus one or two characters, accepted only where
the context marks a person: after a position (百度首席技术官王海峰), before one
(徐扬生院士), after an organisation in a list (南京大学周志华、...等著名学者), in a
list closed by a group noun (高文、于全及徐宗本等多位院士), or before a speech verb
(崔宝秋也在论坛上分享). The positions and organisations in front of a name, chained
with 、, become the person's positions and affiliations.
"""

from __future__ import annotations

import re
from functools import cache

from kg import lexicon
from kg.extract.pipeline import Doc, component
from kg.model import Evidence, Mention, Position, Triple

_HAN = re.compile(r"[\u4e00-\u9fff]")
_NOT_IN_GIVEN_NAME = set("的了在是和与及等也都就还被把将对从向为以于而并或这那其该此各每个们中上下内外年月日时表指认称说示出")
_PUNCT = set("，,。；;：:！!？?（）()“”\"《》、\n ")


@cache
def _titles() -> tuple[re.Pattern[str], dict[str, str]]:
    titles = lexicon.positions()
    pattern = re.compile("|".join(map(re.escape, sorted(titles, key=len, reverse=True))))
    return pattern, {t: e for t, (e, _) in titles.items()}


@cache
def _role(role: str) -> tuple[str, ...]:
    words = [row["word"] for row in lexicon.rows("context_words.tsv") if row.get("role") == role]
    return tuple(sorted(words, key=len, reverse=True))


def _starts_with(text: str, words: tuple[str, ...]) -> str | None:
    return next((w for w in words if text.startswith(w)), None)


def _boundary_after(text: str, end: int) -> bool:
    if end >= len(text) or text[end] in _PUNCT:
        return True
    rest = text[end:end + 6]
    if _starts_with(rest, _role("after_name")) or _starts_with(rest, _role("speech")):
        return True
    title = _titles()[0].match(text, end)
    return bool(title)


def name_at(text: str, start: int, need_boundary: bool = True) -> str | None:
    """The person name starting at `start`, if the characters there can be one."""
    surnames = lexicon.surnames()
    for surname_len in (2, 1):
        surname = text[start:start + surname_len]
        if surname not in surnames:
            continue
        for given in (2, 1):
            end = start + surname_len + given
            name = text[start:end]
            if len(name) != surname_len + given or not all(_HAN.match(c) for c in name):
                continue
            if any(c in _NOT_IN_GIVEN_NAME for c in name[surname_len:]):
                continue
            if not need_boundary or _boundary_after(text, end):
                return name
    return None


def _latin_name_at(text: str, start: int) -> str | None:
    match = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}").match(text, start)
    if match and (match.end() >= len(text) or not text[match.end()].isalpha()):
        return match.group()
    return None


class _Finder:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text
        self.found: dict[int, tuple[Mention, str, float]] = {}

    def person(self, start: int, name: str, rule: str, confidence: float) -> None:
        if start in self.found:
            return
        mention = Mention(name, start, start + len(name), "Person", "Person", name, None, "pattern")
        if self.doc.add(mention):
            self.found[start] = (mention, rule, confidence)

    def after_titles(self) -> None:
        pattern, _ = _titles()
        for match in pattern.finditer(self.text):
            end = match.end()
            name = name_at(self.text, end) or _latin_name_at(self.text, end)
            if name and not self._inside_org(end):
                self.person(end, name, "position-name", 0.9)

    def before_titles(self) -> None:
        pattern, _ = _titles()
        for match in pattern.finditer(self.text):
            for size in (3, 2, 4):
                start = match.start() - size
                if start < 0:
                    continue
                name = name_at(self.text, start, need_boundary=False)
                if name and len(name) == size and self._left_ok(start):
                    self.person(start, name, "name-position", 0.85)
                    break

    def lists(self) -> None:
        groups = "|".join(_role("group_noun"))
        item = r"(?:[\u4e00-\u9fff]{2,4}|[A-Z][a-z]+(?: [A-Z][a-z]+){1,2})"
        pattern = re.compile(rf"({item}(?:[、，,]\s*{item}){{1,}}(?:[及和与]\s*{item})?)\s*等[^，。,；]{{0,14}}?(?:{groups})")
        for match in pattern.finditer(self.text):
            offset = match.start(1)
            for part in re.split(r"([、，,及和与]\s*)", match.group(1)):
                if part and not re.fullmatch(r"[、，,及和与]\s*", part):
                    org = self._org_ending_at(offset + len(part))
                    core_start = offset
                    for m in self.doc.mentions:
                        if m.kind == "Organization" and m.start == offset and m.end < offset + len(part):
                            core_start = m.end
                    name = name_at(self.text, core_start, need_boundary=False) or _latin_name_at(self.text, core_start)
                    if name and core_start + len(name) == offset + len(part) and org is None:
                        self.person(core_start, name, "name-list", 0.8)
                offset += len(part)

    def speakers(self) -> None:
        speech = "|".join(_role("speech"))
        pattern = re.compile(rf"(?<=[，,。；、\n的])([\u4e00-\u9fff]{{2,4}})(?:也|还|则|就)?(?:在[^，。,]{{1,16}}?[上中])?(?:{speech})")
        for match in pattern.finditer(self.text):
            for size in (3, 2):
                name = name_at(self.text, match.start(1), need_boundary=False)
                if name and len(name) == size and self._boundary_soft(match.start(1) + size):
                    self.person(match.start(1), name, "name-speech", 0.7)
                    break

    def _boundary_soft(self, end: int) -> bool:
        rest = self.text[end:end + 20]
        return bool(re.match(rf"(?:也|还|则|就)?(?:在[^，。,]{{1,16}}?[上中])?(?:{'|'.join(_role('speech'))})", rest))

    def _left_ok(self, start: int) -> bool:
        if start == 0 or self.text[start - 1] in _PUNCT:
            return True
        if any(m.end == start and m.kind == "Organization" for m in self.doc.mentions):
            return True
        pattern, _ = _titles()
        return any(m.end() == start for m in pattern.finditer(self.text, max(0, start - 8), start)) or \
            self.text[start - 1] in "由的和与及"

    def _inside_org(self, offset: int) -> bool:
        return any(m.start < offset < m.end for m in self.doc.mentions if m.kind != "Person")

    def _org_ending_at(self, offset: int) -> Mention | None:
        return next((m for m in self.doc.mentions if m.end == offset and m.kind == "Organization"), None)


@component("persons")
def persons(doc: Doc) -> None:
    finder = _Finder(doc)
    finder.after_titles()
    finder.before_titles()
    finder.lists()
    finder.speakers()
    for _, (mention, rule, confidence) in sorted(finder.found.items()):
        if mention in doc.mentions:
            _affiliations(doc, mention, rule, confidence)


_CHAIN_STOP = set("，,。；;：:！!？?（）()“”\"《》\n")
_SUB_UNIT = re.compile(r"(学院|研究生院|系|研究中心|事业部|实验室)$")


def _affiliations(doc: Doc, person: Mention, rule: str, confidence: float) -> None:
    """The organisations and positions chained in front of a person's name."""
    text = doc.text
    start = person.start
    while start > 0 and text[start - 1] not in _CHAIN_STOP and person.start - start < 80:
        start -= 1
    sentence = doc.sentence_at(person.start)
    evidence = Evidence(sentence.text.strip(), sentence.start, sentence.end, "", confidence)
    pattern, _ = _titles()
    orgs = [m for m in doc.in_span(start, person.start) if m.kind == "Organization"]
    others = [m for m in doc.in_span(start, person.start) if m.kind == "Person"]
    if others:
        last = max(others, key=lambda m: m.end)
        orgs = [o for o in orgs if o.start >= last.end]
    root = None
    for org in orgs:
        between = text[org.end:person.start]
        title = pattern.match(text, org.end)
        adjacent = org.end == person.start or title is not None
        if not adjacent and not re.match(r"[、]", between):
            continue
        if org.source == "suffix" and root and _SUB_UNIT.search(org.name) and not org.name.startswith(root.name):
            composed = Mention(org.text, org.start, org.end, "Organization", org.type, root.name + org.name,
                               None, "chain", root.name)
            doc.mentions[doc.mentions.index(org)] = composed
            org = composed
        elif org.type in ("University", "Company", "ResearchInstitute") and root is None:
            root = org
        doc.triples.append(Triple(person, "affiliatedWith", org,
                                  Evidence(evidence.sentence, evidence.start, evidence.end,
                                           "position-chain" if title else "org-name", confidence)))
        if title:
            doc.positions.append(Position(person, title.group(), org, evidence))
    title = pattern.search(text, max(start, person.start - 12), person.start)
    if title and title.end() == person.start and not any(p.person == person for p in doc.positions):
        doc.positions.append(Position(person, title.group(), None, evidence))
