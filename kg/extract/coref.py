"""Short forms pointing back to full names inside one article.

本届论坛 / 该论坛 / 本次大会 point to the article's main event; 该联盟 / 联盟 to the
alliance named last before them. The article's main event is the event named in the
title, or else the one named most often, or else the first one held (举行, 开幕).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import replace
from itertools import pairwise

from kg import lexicon
from kg.extract.names import latin_boundary
from kg.extract.pipeline import Doc, component
from kg.model import Mention

_DETERMINER = "本届|本次|此次|该|这次|这届|今年的?|今天的?"


def is_event_article(doc: Doc, event: Mention | None) -> bool:
    """An article is about its main event when the title names it, or the opening paragraph
    reports it as held (举行, 开幕 in the event's own sentence), or it opens the article and
    recurs: only then do its speakers count as participants. A title of three or more headlines
    (a news digest) is about none. An event named twice somewhere
    is not enough: measured on general news, that made commentators quoted in articles about
    a G7 summit or a shareholders' meeting into participants."""
    if event is None or len(re.findall(r"[；;]", doc.article.title)) >= 2:
        return False  # A停办；B警告员工；C成立 | 早知道: a digest of stories is about no one event
    if event.name in doc.article.title or event.text in doc.article.title:
        return True
    held = lexicon.cues().get("held", frozenset())
    if event.start < 400 and any(cue in doc.sentence_at(event.start).text for cue in held):
        return True
    return event.start < 200 and sum(1 for m in doc.mentions if m.key == event.key) > 1


def _held_inside(title: str, events: list[Mention]) -> Mention | None:
    """这届WAIC上爆火的具身智能论坛: the event a title places at another (X上…的Y) is the one it is about."""
    def surface(m: Mention) -> str:
        return m.text if m.text in title else m.name

    ordered = sorted(events, key=lambda m: title.find(surface(m)))
    for first, later in pairwise(ordered):
        between = title[title.find(surface(first)) + len(surface(first)):title.find(surface(later))]
        if re.match(r"^[^，,；;|]{0,3}(?:上|期间)[^，,；;|]{0,10}的", between):
            return later
    return None


def choose_main_event(doc: Doc) -> Mention | None:
    """A part of an event named by its bare kind (开幕式, 主论坛) is never the article's main event."""
    events = [m for m in doc.mentions if m.kind == "Event" and not is_bare_part(m.name)]
    if not events:
        return None
    title = doc.article.title
    in_title = [m for m in events if m.name in title or (m.text in title)]
    held = lexicon.cues().get("held", frozenset())
    reported = [m for m in events if m.start < 400 and _held_after(doc, m, held)]
    if in_title:
        best = _held_inside(title, in_title) or max(in_title, key=lambda m: len(m.name))
        fuller = [m for m in reported if m.key != best.key and without_edition(best.name) in m.name]
        return fuller[0] if fuller else best  # a title's short form (智能体大会) of the lead's event
    if reported:  # the lead reports it: 2026人工智能大会将于7月2日在杭州开幕
        return reported[0]
    counts = Counter(m.name for m in events)
    top, count = counts.most_common(1)[0]
    if count > 1:
        return next(m for m in events if m.name == top)
    for m in events:
        sentence = doc.sentence_at(m.start).text
        if any(cue in sentence for cue in held):
            return m
    return events[0]


def _held_after(doc: Doc, event: Mention, held: frozenset[str]) -> bool:
    """Whether the clause that names the event says it is held (举行, 开幕) after naming it."""
    clause = re.split(r"[，,。；;！!？?]", doc.text[event.end:event.end + 40], maxsplit=1)[0]
    return any(cue in clause for cue in held)


_EDITION = re.compile(r"^(?:(?:19|20)\d{2}\s*年?度?\s*|[(（]?第[一二三四五六七八九十百零\d]+\s*[届期次]\s*[)）]?\s*|首届\s*|届\s*)+")


def without_edition(name: str) -> str:
    """An event's name without the year and edition it starts with (2025年第三届数字中国峰会 → 数字中国峰会)."""
    return _EDITION.sub("", name)
_TRAILING_NOTE = re.compile(r"\s*[(（][^()（）]{1,40}[)）]\s*$")
_MARKS = re.compile(r"[\s·・“”「」『』《》\"'‘’]")
_FORMAL = ("集团股份有限公司", "集团有限公司", "股份有限公司", "有限责任公司", "有限公司", "股份公司", "集团公司", "公司",
           "集团")


def _core(mention: Mention) -> str:
    """What stays of a name when the ways of writing it differ are taken away: the year and edition
    of an event (2025年数字中国峰会 → 数字中国峰会), a trailing note in brackets, quotes and spaces; the city
    and the legal form of a company (北京深势科技有限公司 → 深势科技); the given name of a foreign
    person written in full (乔·韦曼 → 韦曼)."""
    name = mention.name
    if mention.kind == "Person":
        return re.split(r"[·・.]", name)[-1].strip() if re.search(r"[\u4e00-\u9fff][·・]", name) else name
    name = _TRAILING_NOTE.sub("", name)
    if mention.kind == "Event":
        name = without_edition(_MARKS.sub("", name))
    elif mention.kind == "Organization":
        name = _MARKS.sub("", name)
        formal = next((f for f in _FORMAL if name.endswith(f) and len(name) - len(f) >= 2), None)
        if formal:  # only a company's legal name carries a city that its short name drops
            name = name[:-len(formal)]
            place = next(iter(_places_before(name)), "")
            if len(name) - len(place) >= 2:
                name = name[len(place):]
    return name


def _places_before(name: str) -> list[str]:
    table = lexicon.named_entries()
    return [name[:n] for n in range(min(len(name) - 2, 6), 1, -1)
            if name[:n] in table and table[name[:n]].kind == "Place"]


def merge_variants(doc: Doc) -> None:
    """One entity for the ways an article writes one name: 2025年数字中国峰会, 数字中国峰会 and 届数字中国峰会;
    北京深势科技有限公司 and 深势科技; 乔·韦曼 and 韦曼. Names whose cores are equal are one entity, and
    so is an event whose core ends another's of the same kind of event (具身智能产业生态论坛 in
    上海马桥人工智能创新试验区·具身智能产业生态论坛). The entity takes the lexicon's name when a variant
    is known, else the longest (the most complete) name, for a company the shortest."""
    groups: dict[tuple[str, str], list[Mention]] = {}
    for m in doc.mentions:
        if m.kind in ("Event", "Organization", "Person") and m.source != "coref":
            core = _core(m)
            if len(core) >= 2:
                groups.setdefault((m.kind, core), []).append(m)
    events = sorted((core for kind, core in groups if kind == "Event"), key=len, reverse=True)
    for i, short in enumerate(events):
        if len(short) < 4:
            continue
        longer = next((long for long in events[:i] if long.endswith(short) and len(long) > len(short)), None)
        if longer is not None:
            groups[("Event", longer)].extend(groups.pop(("Event", short)))
    for (kind, _), members in groups.items():
        names = {m.name for m in members}
        if len(names) < 2:
            continue
        known = [m for m in members if m.source == "lexicon"]
        if known:
            chosen = known[0]
        elif kind == "Organization":
            chosen = min(members, key=lambda m: (len(m.name), m.start))
        else:
            chosen = max(members, key=lambda m: (len(m.name), -m.start))
        aliases = doc.aliases.setdefault(chosen.key, set())
        for m in members:
            if m.name != chosen.name:
                aliases.update({m.name, m.text})
                doc.mentions.replace(m, replace(m, name=chosen.name, type=chosen.type, english=chosen.english,
                                                parent=chosen.parent))


_PARTS = ("开幕式", "闭幕式", "开幕典礼", "闭幕典礼", "开幕礼", "颁奖典礼", "颁奖仪式", "主论坛", "全体大会", "全体会议", "开幕大会")


_BARE_PARTS = re.compile(rf"(?:大会)?({'|'.join(_PARTS)})(?=上|期间|现场|中|环节)")
_WHEN_OR_WHICH = re.compile(r"^(?:(?:\d{1,2}月)?\d{1,2}日(?:上午|下午|晚间|晚)?|第[一二三四五六七八九十\d]+场)")


def bare_part(name: str) -> str | None:
    """开幕式, 大会开幕式, 21日全体会议, 第二场全体会议: the part of an event that a name with no name of
    its own writes (开幕式, 全体会议), else None."""
    core = _WHEN_OR_WHICH.sub("", name).removeprefix("大会")
    return core if core in _PARTS else None


def is_bare_part(name: str) -> bool:
    return bare_part(name) is not None


def _name_parts(doc: Doc) -> None:
    """In an article about one event, its opening ceremony or main forum written bare (开幕式上，…致辞)
    is that event's: 2026人工智能大会开幕式."""
    main = doc.main_event
    if main is None or not doc.event_article:
        return
    for m in [m for m in doc.mentions if m.kind == "Event" and is_bare_part(m.name)]:
        part = bare_part(m.name)
        doc.mentions.replace(m, replace(m, name=main.name + part))
        doc.aliases.setdefault(("Event", main.name + part), set()).add(m.text)
    for match in _BARE_PARTS.finditer(doc.text):  # 将在开幕式上分享: a part no finder named
        if not doc.mentions.overlapping(match.start(), match.end()):
            name = main.name + match.group(1)
            doc.add(Mention(match.group(), match.start(), match.end(), "Event", "Ceremony", name, None, "coref"))
            doc.aliases.setdefault(("Event", name), set()).add(match.group())


# 上海科学智能研究院（下称「上智院」）, 中国信息通信研究院（简称“中国信通院”）, 第四届泰山智能产业创新发展大会
# （TAIIC2023）, “2024全球开发者先锋大会”(GDC): a short form the article defines for a name and then uses on
# its own.
_DEFINED = re.compile(r"[”」\"』》]?\s*[(（](?:(?:以下|下文)?(?:简称|下称|称)[为:：]?\s*[“「\"『]?([^“”「」\"『』()（）,，。、\s]{2,12})[”」\"』]?"
                      r"|([A-Z][A-Za-z0-9\-]{1,15}(?: ?\d{4})?))[)）]")


def short_forms(doc: Doc) -> None:
    """Every later use of a short form the article defines stands for the name it was defined for."""
    replaced: dict[Mention, Mention] = {}
    for m in [m for m in doc.mentions if m.kind in ("Organization", "Event", "Product") and m.source != "coref"]:
        defined = _DEFINED.match(doc.text, m.end)
        if not defined:
            continue
        group = 1 if defined.group(1) else 2
        short = defined.group(group)
        if group == 2 and sum(c.isupper() for c in short) < 2:
            continue  # （Cloud）: a word in brackets, not an acronym the article goes on to use
        doc.aliases.setdefault(m.key, set()).add(short)
        for use in re.finditer(re.escape(short), doc.text[defined.start(group):]):
            start = defined.start(group) + use.start()
            end = start + len(short)
            there = doc.mentions.overlapping(start, end)
            if not latin_boundary(doc.text, start, end) or any(x.start < start or x.end > end for x in there):
                continue  # a name reaching out of this use is a name of its own
            for x in there:  # the short form, or a piece of it (智院 of 上智院), found as a name of its own
                doc.mentions.remove(x)
                replaced[x] = m
            if start >= defined.end():  # the definition itself is an alias, not another mention
                doc.add(Mention(short, start, end, m.kind, m.type, m.name, m.english, "coref", m.parent))
    _repoint(doc, replaced)


def _repoint(doc: Doc, replaced: dict[Mention, Mention]) -> None:
    """Relations and positions stated before coreference (a post read off a chain) follow a mention
    that a short form's use replaced to the name it stands for."""
    if not replaced:
        return
    doc.triples[:] = [replace(t, subject=replaced.get(t.subject, t.subject),
                              object=replaced.get(t.object, t.object) if isinstance(t.object, Mention) else t.object)
                      for t in doc.triples]
    doc.positions[:] = [replace(p, person=replaced.get(p.person, p.person),
                                organization=replaced.get(p.organization, p.organization) if p.organization else None)
                        for p in doc.positions]


@component("coreference")
def coreference(doc: Doc) -> None:
    short_forms(doc)
    merge_variants(doc)
    doc.main_event = choose_main_event(doc)
    doc.event_article = is_event_article(doc, doc.main_event)
    _name_parts(doc)
    suffixes = sorted(lexicon.suffixes("event_suffixes.tsv"), key=len, reverse=True)
    if doc.main_event is not None:
        main = doc.main_event
        pattern = re.compile(rf"(?:{_DETERMINER})(?:{'|'.join(map(re.escape, suffixes))})")
        for match in pattern.finditer(doc.text):
            target = _antecedent(doc, match) or _umbrella(doc, main, match.group()) or main
            doc.add(Mention(match.group(), match.start(), match.end(), "Event", target.type, target.name,
                            target.english, "coref"))
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


def _umbrella(doc: Doc, main: Mention, pointer: str) -> Mention | None:
    """本届大赛 in an article about 第四届X大赛总决赛及颁奖典礼 is 第四届X大赛, the event the main one is
    a part of (`event_parts` found it): the pointer's word names the umbrella, not the part."""
    kind = re.sub(f"^(?:{_DETERMINER})", "", pointer)
    if main.name.endswith(kind):
        return None
    return next((m for m in doc.nested if m.kind == "Event" and m.name.endswith(kind)
                 and main.name.startswith(m.name)), None)


def _antecedent(doc: Doc, match: re.Match[str]) -> Mention | None:
    """本次论坛 on a page that lists several events, each in a paragraph of its own, is the 论坛 that
    opens its paragraph; 本届 names an edition, so 本届论坛 stays the main event."""
    if match.group().startswith("本届"):
        return None
    kind = re.sub(f"^(?:{_DETERMINER})", "", match.group())
    end = doc.text.rfind("\n", 0, match.start())
    for _ in range(5):  # the heading, then its 时间：/地点：/主办方： lines
        if end <= 0:
            return None
        start = doc.text.rfind("\n", 0, end) + 1
        line = doc.text[start:end]
        named = [m for m in doc.in_span(start, end, "Event") if m.source != "coref" and m.start == start]
        if named and len(line) < 40 and kind in named[0].name:
            return named[0]
        end = start - 1
    return None


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
