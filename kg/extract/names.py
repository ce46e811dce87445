"""Mention finders for named things other than people.

- `gazetteer`: lexicon names and aliases (longest match first);
- `organizations` and `events`: a suffix (研究院, 联盟, 论坛, 峰会, ...) extended
  leftwards over the words of the name, stopping at punctuation and boundary words;
- `products`: quoted names after a product noun (大模型“…”, 框架“…”);
- `place_abbreviations`: 在京举行-style one-character places, only before a 举行-like cue.
"""

from __future__ import annotations

import bisect
import re
from functools import cache, lru_cache

import jieba

from kg import lexicon
from kg.extract.persons import is_common_word, titles_pattern
from kg.extract.pipeline import Doc, component
from kg.model import Mention
from kg.ontology import top_class

jieba.setLogLevel(60)

_NAME_CHAR = re.compile(r"[\u3400-\u9fffA-Za-z0-9·\-]")
_MAX_NAME = 30


@cache
def _surface_index() -> tuple[dict[str, tuple[int, ...]], dict[str, lexicon.Entry]]:
    table = lexicon.named_entries()
    lengths: dict[str, set[int]] = {}
    for surface in table:
        if len(surface) >= 2:
            lengths.setdefault(surface[:2], set()).add(len(surface))
    return {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}, table


def latin_boundary(text: str, start: int, end: int) -> bool:
    """A Latin name must not be glued to more Latin letters (AMD inside AMDAHL)."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    first, last = text[start], text[end - 1]
    if first.isascii() and first.isalnum() and before.isascii() and before.isalnum():
        return False
    return not (last.isascii() and last.isalnum() and after.isascii() and after.isalnum())


def _inside_english(text: str, start: int, end: int) -> bool:
    """Science in "AI for Science" is a word of an English phrase, not the journal."""
    if not text[start:end].isascii():
        return False
    before = text[max(0, start - 2):start]
    after = text[end:end + 2]
    return bool(re.fullmatch(r"[A-Za-z] ", before) or re.fullmatch(r" [A-Za-z]", after))


@component("gazetteer")
def gazetteer(doc: Doc) -> None:
    lengths, table = _surface_index()
    text, i = doc.text, 0
    ambiguous: list[Mention] = []
    while i < len(text) - 1:
        for size in lengths.get(text[i:i + 2], ()):
            surface = text[i:i + size]
            entry = table.get(surface) if len(surface) == size else None
            year = entry and entry.kind == "Event" and _YEAR_AFTER.match(text, i + size)
            if entry and latin_boundary(text, i, year.end() if year else i + size) \
                    and not _inside_english(text, i, i + size):
                mention = Mention(surface, i, i + size, entry.kind, entry.type, entry.name, entry.english,
                                  "lexicon", entry.parent)
                if entry.kind == "Event":  # 中国多媒体大会（ChinaMM）2024: the note and the year are the edition's
                    mention = _edition(text, mention)
                    size = mention.end - i
                if entry.type == "GovernmentBody" and _foreign_before(text, i):
                    pass
                elif surface in role_words("ambiguous_name"):
                    ambiguous.append(mention)
                else:
                    doc.add(mention)
                i += size - 1
                break
        i += 1
    for mention in ambiguous:
        if _organisation_context(doc, mention):
            doc.add(mention)


_EDITION_BEFORE = re.compile(r"(?:(?:19|20)\d{2}年?|第[一二三四五六七八九十百\d]+届) ?$")
_YEAR_AFTER = re.compile(r"(?: ?[(（][^()（）\n]{1,20}[)）])? ?((?:19|20)\d{2})(?![\d年月.\-/])")


def _edition(text: str, series: Mention) -> Mention:
    """A series from the events lexicon written with its year or number names that edition, under the
    series' name: 2024年WAIC and WAIC 2024 are 2024世界人工智能大会, CVPR2023 is CVPR 2023; a note in
    brackets may stand between the name and its year."""
    before = _EDITION_BEFORE.search(text, max(0, series.start - 8), series.start)
    after = _YEAR_AFTER.match(text, series.end)
    if before:
        start, end, edition = before.start(), series.end, before.group().strip()
    elif after:
        start, end, edition = series.start, after.end(), after.group(1)
    else:
        return series
    return Mention(text[start:end], start, end, "Event", series.type, edition_name(series.name, edition),
                   series.english, "lexicon")


def edition_name(series: str, edition: str) -> str:
    """CVPR + 2023 → CVPR 2023; 世界人工智能大会 + 2024 → 2024世界人工智能大会; 第七届 stays in front."""
    return f"{series} {edition}" if series.isascii() and edition.isdigit() else f"{edition}{series}"


def _foreign_before(text: str, start: int) -> bool:
    """美国国务院 is not 国务院: a foreign country's name before a government body's."""
    table = lexicon.named_entries()
    return any(text[max(0, start - n):start] in table and table[text[max(0, start - n):start]].type == "Country"
               and table[text[max(0, start - n):start]].name != "中国" for n in (2, 3, 4))


_CHAIN_WORDS = re.compile(r"[\u4e00-\u9fffA-Za-z]{2,14}")
_UNIT_WORD = re.compile(r"部|团队|实验室|中心|事业群|BU|BG")


def _organisation_context(doc: Doc, mention: Mention) -> bool:
    """A name that is also a common word (小米, 浪潮) counts only where it reads as a company:
    before a position or 公司/集团, before a unit of it and a position, or listed with another
    organisation."""
    from kg.extract.persons import starts_with_title

    after = doc.text[mention.end:mention.end + 4]
    if starts_with_title(doc.text, mention.end) or after.startswith(("公司", "集团", "科技", "股份")):
        return True
    words = _CHAIN_WORDS.match(doc.text, mention.end, mention.end + 14)
    unit = _UNIT_WORD.search(words.group()) if words else None
    if unit and any(t.start() >= mention.end + unit.end()
                    for t in titles_pattern().finditer(doc.text, mention.end, words.end())):
        return True  # 蔚来云端工程部训练加速负责人: a unit of it, then a position
    near = doc.text[max(0, mention.start - 2):mention.end + 2]
    listed = any(sep in near for sep in "、与和及")
    return listed and any(m.kind == "Organization" and (abs(m.start - mention.end) < 14 or
                          abs(mention.start - m.end) < 14)
                          for m in doc.mentions.overlapping(mention.start - 14, mention.end + 14) if m is not mention)


@cache
def role_words(role: str) -> frozenset[str]:
    """The words of one role of context_words.tsv (left_stop, determiner, venue, ...)."""
    return frozenset(row["word"] for row in lexicon.rows("context_words.tsv") if row.get("role") == role)


@cache
def _long_stops() -> tuple[str, ...]:
    return tuple(w for w in role_words("left_stop") if len(w) > 1)


@cache
def _suffix_pattern(file_name: str) -> re.Pattern[str]:
    suffixes = sorted(lexicon.suffixes(file_name), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, suffixes)))


def left_edge(text: str, end_of_modifier: int, floor: int) -> int:
    """Where a name ending at `end_of_modifier` starts: walk back over jieba words."""
    start = end_of_modifier
    while start > floor and end_of_modifier - start < _MAX_NAME and (
            _NAME_CHAR.match(text[start - 1]) or _between_latin_words(text, start - 1, floor)):
        start -= 1
    lead = max(floor, start - 4)  # segment from a little earlier, so the first word is a whole word
    words = list(jieba.cut(text[lead:end_of_modifier], HMM=False))
    stops, edge = role_words("left_stop") | role_words("determiner"), end_of_modifier
    for word in reversed(words):
        if edge - len(word) < start:
            break  # a word that only partly fits (任 of 曾任) is not the name's
        if word in stops or (re.fullmatch(r"\d{1,2}[月日]|\d+", word) and edge == end_of_modifier):
            break
        if re.fullmatch(r"\d{1,2}[日号]", word) or (word in ("日", "号") and text[edge - 2:edge - 1].isdigit()):
            break  # 7月19日上海马桥…论坛: a day before a name is no part of it
        if word.endswith(_long_stops()) or text[max(0, edge - 6):edge].endswith(_long_stops()):
            break  # 应邀出席 is one jieba word, 曾任 two (曾 / 任)
        edge -= len(word)
    return edge


def _between_latin_words(text: str, offset: int, floor: int) -> bool:
    """A space inside a Latin name (Computer-Use Agent技术研讨会), not one before or after it."""
    return (text[offset] == " " and offset - 1 >= floor and offset + 1 < len(text)
            and text[offset - 1].isascii() and text[offset - 1].isalnum()
            and text[offset + 1].isascii() and text[offset + 1].isalpha())


def after_titles(text: str, start: int, end: int, keep: int = 2) -> int:
    """Where a name spanning [start, end) starts once the position titles inside it are set aside
    (委员中国海洋大学, 评委代表X中心): a title is a person's, not part of the name, unless a unit word
    follows it (委员会, 主任办公室). At least `keep` characters stay after the cut."""
    cut = start
    for title in titles_pattern().finditer(text, start, end):
        if end - title.end() >= keep and text[title.end()] not in "会处部局厅院所室组团":
            cut = title.end()
    return cut


_COUNTED = re.compile(r"[\d一二两三四五六七八九十几多数百千万]+[大个家轮批项类种所位场次]?|\d+")


@lru_cache(maxsize=4096)
def _name_words(text: str) -> tuple[str, ...]:
    """The jieba words of a candidate name's modifier (cached: events test the same one twice)."""
    return tuple(w for w in jieba.cut(text, HMM=False) if w.strip() and w not in "·-")


def is_generic(modifier: str, places_name_nothing: bool = False) -> bool:
    """A modifier of generic words (相关, 人工智能, 两大) names nothing; for events, neither do
    place names alone (苏州会议)."""
    words = _name_words(modifier)
    generic = role_words("generic") | role_words("determiner")
    if places_name_nothing:
        table = lexicon.named_entries()
        places = [w for w in words if w in table and table[w].kind == "Place"]
        if words and len(places) == len(words):
            return True
    return not words or all(w in generic or _COUNTED.fullmatch(w) for w in words)


def _thin_after_known(modifier: str) -> bool:
    """中科院高 + 科技: a known organisation plus one character is that organisation's word, not a name."""
    table = lexicon.named_entries()
    return any(modifier[:n] in table and table[modifier[:n]].kind == "Organization" and len(modifier) - n <= 1
               for n in range(2, len(modifier)))


def _suffix_mentions(doc: Doc, file_name: str, kind: str, min_modifier: int) -> None:
    text = doc.text
    types = lexicon.suffixes(file_name)
    occupied = [(m.start, m.end) for m in doc.mentions if m.kind == "Person"]
    for match in _suffix_pattern(file_name).finditer(text):
        end = match.end()
        if end < len(text) and kind == "Organization" and text[end] in "所院" and not _starts_title(text, end):
            continue  # 研究院所, not 学院 + 院长
        if _starts_title(text, match.start()) or (end < len(text) and text[end] in "部处科室组"):
            continue
        floor = max((e for s, e in occupied if e <= match.start()), default=0)
        start = left_edge(text, match.start(), floor)
        if kind == "Organization":
            start = after_titles(text, _over_conjunctions(doc, start, floor, "与"), match.start())
        modifier = text[start:match.start()]
        quoted = start > 0 and text[start - 1] in "“「" and end < len(text) and text[end] in "”」"
        if len(modifier) < min_modifier or (is_generic(modifier) and not quoted) or _thin_after_known(modifier):
            continue
        name = text[start:end]
        inner = [m for m in doc.mentions.overlapping(start, end) if m.kind == kind and m.source == "lexicon"
                 and m.end == end and m.start > start]
        before = doc.in_span(start, inner[0].start) if inner else []
        if inner and not before:
            continue  # 毕业于清华大学: words before a known name that name nothing are not part of it
        known = lexicon.named_entries().get(modifier)
        if known and known.kind == "Organization" and match.group() in _SAME_ORG_SUFFIXES:
            doc.add(Mention(name, start, end, kind, known.type, known.name, known.english, "lexicon", known.parent))
            continue
        canonical = full_form(name) if kind == "Organization" else name
        doc.add(Mention(name, start, end, kind, types[match.group()], canonical, None, "suffix"))


# 索尼公司 is 索尼, and 华为集团 is 华为: these endings add no new organisation to a known name.
_SAME_ORG_SUFFIXES = frozenset({"公司", "集团", "集团公司", "有限公司", "股份有限公司", "集团有限公司",
                                "集团股份有限公司", "股份公司"})


def full_form(name: str) -> str:
    """A unit's name with its parent's short form spelled out, so that short and long forms meet in one
    node: 国防科大计算机学院 → 国防科技大学计算机学院."""
    table = lexicon.named_entries()
    for size in range(len(name) - 2, 1, -1):
        entry = table.get(name[:size])
        if entry is not None and entry.kind == "Organization" and entry.name != name[:size]:
            rest = name[size:]  # 智源 + 人工智能研究院 is 北京智源人工智能研究院 itself, not a unit of it
            return entry.name if entry.name.endswith(rest) else entry.name + rest
    return name


def _starts_title(text: str, offset: int) -> bool:
    """厅 in 厅长, 院 in 院长: the suffix is the head of a position title."""
    from kg.extract.persons import starts_with_title

    return starts_with_title(text, offset)


@component("organizations")
def organizations(doc: Doc) -> None:
    _suffix_mentions(doc, "org_suffixes.tsv", "Organization", 2)


_YEAR_PREFIX = re.compile(r"(?:(?:19|20)\d{2}(?:年)?|第[一二三四五六七八九十百\d]+届) ?$")
EDITION_COUNT = re.compile(r"[一二三四五六七八九十百\d]+届")
_CUP = re.compile(r"(?:(?:19|20)\d{2}年?|第[一二三四五六七八九十百\d]+届)?[“「\"][^“”「」\"\s，。]{1,10}杯[”」\"]$")
_QUOTED = re.compile(r"(?:“[^”\n]{2,24}”|「[^」\n]{2,24}」|『[^』\n]{2,24}』)$")
_ENGLISH_NOTE = re.compile(r"\([A-Za-z][A-Za-z0-9 .,&'-]{2,80}\)$")


@component("events")
def events(doc: Doc) -> None:
    """Event names: suffix words, reaching back over a quoted theme (中关村论坛“AI开源…”平行论坛),
    an English gloss in brackets, a leading year or 第N届, and a cup (“华为杯”)."""
    text = doc.text
    types = lexicon.suffixes("event_suffixes.tsv")
    people = sorted(m.end for m in doc.mentions if m.kind == "Person")
    for match in _suffix_pattern("event_suffixes.tsv").finditer(text):
        start = match.start()
        before = bisect.bisect_right(people, start)
        floor = people[before - 1] if before else 0  # a name never reaches back over a person's
        gloss = _ENGLISH_NOTE.search(text[max(0, start - 82):start])
        if gloss:
            start -= len(gloss.group())
        quoted = _QUOTED.search(text[max(0, start - 26):start])
        if quoted:
            start -= len(quoted.group())
        head = left_edge(text, start, floor)
        head = _over_conjunctions(doc, head, floor)
        count = EDITION_COUNT.match(text, head, start)
        if count and text[head - 1:head] != "第":
            head = count.end()  # 已连续举办五届人工智能挑战赛: a count of editions is no part of the name
        modifier = text[head:start] + (quoted.group() if quoted else "")
        if not quoted and not _names_event(modifier):
            continue
        if any(m.kind == "Event" and m.source == "lexicon" and m.start >= head
               for m in doc.mentions.ending_at(match.end())):
            continue  # the lexicon knows this name (北京车展): words before it are no part of it
        year = _YEAR_PREFIX.search(text[max(0, head - 8):head])
        if year:
            head -= len(year.group())
        cup = _CUP.search(text[max(0, head - 20):head])
        if cup:  # 第三届“兴智杯”全国…大赛, “华为杯”第六届…大赛: the cup and the editions around it
            head -= len(cup.group())
        first = [m for m in doc.mentions.ending_at(head - 1) if m.kind == "Event"] if text[head - 1:head] == "暨" else []
        if first:  # X大会暨Y会议 is one event
            head = first[0].start
        end = match.end()
        edition = _TRAILING_EDITION.match(text, end)
        if edition:  # X论坛（第二期）, X论坛·第二期, X大会 2025: the edition after the name is part of it
            end = edition.end()
        leg = _LEG.match(text, end)
        place = lexicon.named_entries().get(leg.group(1)) if leg else None
        if place is not None and place.kind == "Place":
            end = leg.end()  # HAMi Meetup 深圳站, 火山引擎AI创新巡展·上海站: the city of a touring event's leg
        surface = text[head:end]
        name = surface.replace(gloss.group(), "") if gloss else surface
        doc.add(Mention(surface, head, end, "Event", types[match.group()], name, None, "pattern"))


_LEADING_CUP = re.compile(r"^[“「\"][^“”「」\"]{1,10}杯[”」\"]")
# The stage of an event that is no event type of its own: its final, its opening or closing (X大赛全国决赛).
STAGE = re.compile(r"(?:全国|全球)?(?:总决赛|决赛|开幕式|闭幕式|开幕大会|开幕典礼)$")


@component("event_parts")
def event_parts(doc: Doc) -> None:
    """The conference a part is named after is an event of its own: 2026世界人工智能大会 in
    2026世界人工智能大会“共赢金砖”论坛, 2024 WAIC in 2024 WAIC「…」论坛 (GUIDELINES: a sub-forum is
    an event of its own). Every level counts (大赛, its 专项赛, the 专项赛's 启动仪式). It runs after
    the tagger, over the final mentions; X大会暨Y会议 is one event, not two."""
    pattern = _suffix_pattern("event_suffixes.tsv")
    types = lexicon.suffixes("event_suffixes.tsv")
    named = {m.name for m in doc.mentions if m.kind == "Event"}
    for m in doc.mentions:
        if m.kind != "Event" or "暨" in m.text:
            continue
        series = _series_at_start(m.text)
        ends = [series[0]] if series else []
        ends += [match.end() for match in pattern.finditer(m.text)
                 if m.text[match.end():match.end() + 1] not in ("", "”", "」", ")", "）")  # a quoted theme's
                 and _names_event(m.text[:match.start()])]
        for end in sorted(set(ends)):
            rest = m.text[end:].strip(" ·・")
            if len(rest) < 2 or not (rest.endswith(tuple(types)) or STAGE.fullmatch(rest)):
                continue
            surface = m.text[:end].strip()
            if series and end == series[0]:
                edition = surface[:len(surface) - series[2]].strip()
                name = edition_name(series[1].name, edition) if edition else series[1].name
                kind = series[1].type
            else:
                name, kind = surface, subclass(surface, "Event")
                bare = _LEADING_CUP.sub("", name)  # “华为杯”第六届…大赛 is the 第六届…大赛 named elsewhere
                name = bare if bare != name and bare in named else name
            doc.nested.append(Mention(surface, m.start, m.start + len(surface), "Event", kind, name, None, "pattern"))


def _series_at_start(name: str) -> tuple[int, lexicon.Entry, int] | None:
    """(end, entry, length of the series' own words) for a name that opens with a year and a series
    of the events lexicon: 2024 WAIC「…」论坛 → the end of WAIC."""
    year = _LEADING_YEAR.match(name)
    offset = year.end() if year else 0
    offset += len(name[offset:]) - len(name[offset:].lstrip())
    table = lexicon.named_entries()
    for size in range(min(len(name) - offset, 24), 1, -1):
        entry = table.get(name[offset:offset + size])
        if entry is not None and entry.kind == "Event":
            return offset + size, entry, size
    return None


def subclass(name: str, kind: str) -> str:
    """University for …大学, Forum for …论坛: the class a name's ending implies, else the kind."""
    table = {"Organization": "org_suffixes.tsv", "Event": "event_suffixes.tsv"}.get(kind)
    if table:
        suffixes = lexicon.suffixes(table)
        for size in range(min(len(name) - 1, 8), 0, -1):
            if name[-size:] in suffixes:
                return suffixes[name[-size:]]
    return kind


_LEG = re.compile(r"[\s·・]?([\u4e00-\u9fff]{2,3}?)站")
_TRAILING_EDITION = re.compile(r"(?:[(（]第[一二三四五六七八九十百\d]+[期届次][)）]|[·・]第[一二三四五六七八九十百\d]+[期届次]"
                               r"|第[一二三四五六七八九十百\d]+期|\s?(?:19|20)\d{2}(?![\d年月.\-/]))")


def _over_conjunctions(doc: Doc, head: int, floor: int, conjunctions: str = "与和及") -> int:
    """A name may join topics (智能传感与机器人技术研讨会, 大模型及智能体应用论坛, 软件新技术与产业化
    协同创新中心): reach back over 与/和/及 when the words before it are topical, not a name (华为与腾讯峰会
    stays 腾讯峰会)."""
    text = doc.text
    while head - 1 > floor and text[head - 1] in conjunctions:
        earlier = left_edge(text, head - 1, floor)
        topic = text[earlier:head - 1]
        inside = doc.mentions.overlapping(earlier, head - 1)
        # A place or a parent may open the name (江苏省软件新技术与…中心, 北京大学人工智能与…研究院),
        # but a topic that is itself a name is a list (华为与腾讯峰会).
        named = [m for m in inside if m.kind != "Place" and not (m.start == earlier and head - 1 - m.end >= 2)]
        if len(topic) < 2 or named or is_generic(topic):
            break
        head = earlier
    return head


def _names_event(modifier: str) -> bool:
    """Whether the words before an event suffix make a name. Beyond a modifier that is not generic,
    event names are often made of topical words alone: those name an event when dated
    (2024人工智能大会) or when there are at least three of them (智能计算产业发展论坛); a
    determiner or a count (相关, 多个, 两场) never does."""
    if len(modifier) >= 2 and not is_generic(modifier, places_name_nothing=True):
        return True
    year = _LEADING_YEAR.match(modifier)
    rest = modifier[year.end():] if year else modifier
    words = _name_words(rest)
    if len(rest) < 2 or any(w in role_words("determiner") or _COUNTED.fullmatch(w) for w in words):
        return False
    return bool(year) or len(words) >= 3


_LEADING_YEAR = re.compile(r"(?:(?:19|20)\d{2}年?|第[一二三四五六七八九十百\d]+届|首届)+")


@cache
def product_nouns() -> dict[str, str]:
    """Product noun → the product class it implies (`context_words.tsv`, role `product_noun`)."""
    return {row["word"]: row.get("type") or "Software" for row in lexicon.rows("context_words.tsv")
            if row.get("role") == "product_noun"}


@cache
def _product_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    nouns = "|".join(sorted(product_nouns(), key=len, reverse=True))
    quoted_after = re.compile(rf"({nouns})[“「]([^”」\n]{{2,16}})[”」]")
    quoted_before = re.compile(rf"[“「]([^”」\n]{{2,16}})[”」](?:系列|通用|多模态|行业|基础)?({nouns})")
    # 发布了开源框架FooBar, 推出 AgentX: a coined Latin name (mixed case or with digits) that a release
    # verb takes, after an optional product noun.
    latin = re.compile(rf"(?:发布|推出|开源|上线|亮相)了?(?:全新的?|新一代|最新的?)?(?:[\u4e00-\u9fff]{{0,6}}?({nouns}))?"
                       rf"\s*((?=[A-Za-z]*[a-z][A-Z]|[A-Za-z]*\d)[A-Za-z][A-Za-z0-9]{{2,}}(?:[ -][A-Z0-9][A-Za-z0-9.]*)?)")
    # 多模态大模型悟界·Emu3.5, 影像芯片V2, 平台ModelArts: a coined Latin name (mixed case, digits or
    # capitals), perhaps after a Chinese series name and ·, right after a product noun.
    coined = (r"(?:[\u4e00-\u9fff]{2,4}[·・])?(?=[A-Za-z]*[a-z][A-Z]|[A-Za-z.\-]*\d|[A-Z]{3,})"
              r"[A-Za-z][A-Za-z0-9]+(?:[.\-][A-Za-z0-9]+)*(?![A-Za-z0-9])")
    after_noun = re.compile(rf"({nouns})\s*({coined})")
    return quoted_after, quoted_before, latin, after_noun


@component("products")
def products(doc: Doc) -> None:
    """Quoted names next to a product noun: 大模型“日日新” and “日日新”大模型. A quoted slogan of
    topical words (“人工智能+”平台) names no product. Coined Latin names a release verb or a product
    noun takes."""
    quoted_after, quoted_before, latin, after_noun = _product_patterns()
    found = [(m.group(2), m.start(2), m.end(2), m.group(1)) for m in quoted_after.finditer(doc.text)]
    found += [(m.group(1), m.start(1), m.end(1), m.group(2)) for m in quoted_before.finditer(doc.text)]
    table = lexicon.named_entries()
    found += [(m.group(2), m.start(2), m.end(2), m.group(1) or "") for m in latin.finditer(doc.text)
              if not (m.group(2) in table and table[m.group(2)].kind != "Product")]
    found += [(m.group(2), m.start(2), m.end(2), m.group(1)) for m in after_noun.finditer(doc.text)
              if not (m.group(2) in table and table[m.group(2)].kind != "Product")]
    types = product_nouns()
    for name, start, end, noun in found:
        if is_generic(re.sub(r"[^\w]", "", name)):
            continue
        canonical = re.sub(r"[。.·・]", "", name) if re.search(r"[\u4e00-\u9fff][。.·・][\u4e00-\u9fff]", name) \
            else name
        doc.add(Mention(name, start, end, "Product", types.get(noun, "Software"), canonical, None, "pattern"))


# A version after a product's name: 盘古大模型5.5, 日日新大模型V6, Llama 3, 鸿蒙5, Qwen-VL-Max. Not a
# quantity (5.5亿, 3个), a year or a parameter count (671B).
_VERSION = re.compile(r"(?:大模型|模型|芯片|系列)?[ -]?"
                      r"(?:[Vv]?\d+(?:\.\d+)*(?![\d.%年月日号个家位款亿万千百倍BbMmKk])[A-Za-z]{0,3}"
                      r"|(?:Pro|Max|Plus|Turbo|Ultra|Lite|Mini|Flash|Air|VL)(?![A-Za-z]))"
                      r"(?:[ -]?(?:Pro|Max|Plus|Turbo|Ultra|Lite|Mini|Flash|Air|VL|Instruct|Chat)(?![A-Za-z]))*")


@component("versions")
def versions(doc: Doc) -> None:
    """A product's name runs on over its version: the version is part of the name (GUIDELINES); the
    product line without it is an entity of its own only where the text names it alone."""
    text = doc.text
    for m in [m for m in doc.mentions if m.kind == "Product"]:
        match = _VERSION.match(text, m.end)
        if not match or not re.search(r"[\dA-Z]", match.group()) or re.match(r"\d{4}", match.group().strip(" -")):
            continue
        end = match.end()
        if doc.mentions.overlapping(m.end, end):
            continue
        surface = text[m.start:end]
        doc.mentions.replace(m, Mention(surface, m.start, end, "Product", m.type, surface, None, m.source, m.parent))


@cache
def _abbreviations() -> dict[str, lexicon.Entry]:
    return {abbr: entry for entry in lexicon.places() for abbr in entry.abbr}


@component("place_abbreviations")
def place_abbreviations(doc: Doc) -> None:
    held = "|".join(sorted(lexicon.cues().get("held", ()), key=len, reverse=True))
    if not held:
        return
    pattern = re.compile(rf"[在于赴抵]([{''.join(_abbreviations())}])(?:[^，。,]{{0,4}}?)(?:{held})")
    for match in pattern.finditer(doc.text):
        entry = _abbreviations()[match.group(1)]
        doc.add(Mention(match.group(1), match.start(1), match.end(1), "Place", entry.type, entry.name,
                        entry.english, "lexicon", entry.parent))


def kind_of(type_name: str) -> str:
    return top_class(type_name)


_ITEM_SPLIT = re.compile(r"[、，,]|及|和|与|以及")


@component("organization_lists")
def organization_lists(doc: Doc) -> None:
    """Every item of a list of organisations is an organisation: a list closed by 等 and an
    organisation noun (吸引到航天宏图、北京飞渡网络科技等…企业), or one whose items are mostly
    organisations already (麒麟软件、麒麟信安、华为公司、超聚变: 麒麟信安 is one too)."""
    groups = "|".join(sorted(role_words("org_group"), key=len, reverse=True))
    closed = re.compile(rf"((?:[^，。；、\s]{{2,16}}、)+[^，。；、\s]{{2,16}})等[^，。；]{{0,16}}?(?:{groups})")
    for match in closed.finditer(doc.text):
        _list_items(doc, match.start(1), match.group(1).split("、"))
    for match in _LIST.finditer(doc.text):
        items = match.group().split("、")
        offsets = [match.start() + sum(len(x) + 1 for x in items[:n]) for n in range(len(items))]
        known = sum(1 for item, start in zip(items, offsets, strict=True)
                    if any(m.kind == "Organization" and m.end == start + len(item) for m in doc.in_span(start, start + len(item))))
        if len(items) >= 3 and known * 2 >= len(items) and known < len(items):
            _list_items(doc, match.start(), items, closed=False)


_LIST = re.compile(r"(?:[^，,。；;、\s:：]{2,24}、){2,}[^，,。；;、\s:：等]{2,24}")


def _list_items(doc: Doc, offset: int, items: list[str], closed: bool = True) -> None:
    """Add the items of a list of organisations that are no mention yet. In a list closed by 等…企业
    (`closed`) every item is a whole name: a known name an item ends with takes the item's surface as
    an alias. Among known names an unknown item must look like a name of its own."""
    text = doc.text
    for number, item in enumerate(items):
        start, end = offset, offset + len(item)
        offset = end + 1
        if number == 0:
            start = left_edge(text, end, start)
        surface = text[start:end]
        if len(surface) < 2 or not all(_NAME_CHAR.match(c) or c in "()（）" for c in surface):
            continue
        inside = doc.in_span(start, end)
        leading_place = [m for m in inside if m.kind == "Place" and m.start == start and m.end < end]
        if leading_place and len(inside) == 1 and not closed:
            doc.mentions.remove(leading_place[0])  # 上海未来产业基金 among organisations: a place opens its name
            inside = []
        others = any(m.kind in ("Person", "Place", "Product", "Event") for m in inside)
        if others and not any(m.kind == "Organization" for m in inside):
            continue
        known = [m for m in inside if m.kind == "Organization" and m.end == end]
        if known:
            if known[0].start != start and closed:
                doc.aliases.setdefault(known[0].key, set()).add(surface)
                doc.mentions.remove(known[0])
                doc.add(Mention(surface, start, end, "Organization", known[0].type, known[0].name,
                                known[0].english, known[0].source, known[0].parent))
            continue
        if inside or is_generic(surface) or is_common_word(surface):
            continue  # 来自金融、制造、医疗等领域的企业: sectors, not organisations
        if not closed and not (surface.endswith(tuple(lexicon.suffixes("org_suffixes.tsv")))
                                    or (len(surface) <= 8 and not re.search("[和及与]", surface))):
            continue  # among known names, an unknown one ends like an organisation or is short: not 机构和科研院所加入
        doc.add(Mention(surface, start, end, "Organization", "Organization", surface, None, "list"))


@component("venues")
def venues(doc: Doc) -> None:
    """An organisation-like name where an event is held is its venue: 在滨江国际会议中心举行, 于东湖会展中心
    举行, 地点：某某大酒店. The name must end with a venue word (`context_words.tsv`, role `venue`). A place
    name that starts with other places is split into them (江苏省苏州市金鸡湖大酒店 → 江苏省, 苏州市, the hotel)."""
    heads = tuple(sorted(role_words("venue"), key=len, reverse=True))
    held = "|".join(lexicon.cues().get("held", ()))
    text = doc.text
    for m in list(doc.mentions):
        if m.kind == "Organization" and m.name.endswith(heads):
            before, after = text[max(0, m.start - 16):m.start], text[m.end:m.end + 10]
            listed = re.search(r"(?:地点|地址|会址)[:：]\s*$", before)
            at = re.search(r"[在于][^，。,;；\n在于]{0,12}$", before) and re.match(rf"[^，。,;；\n]{{0,8}}?(?:{held})", after)
            if listed or at:
                doc.mentions.remove(m)
                venue = Mention(m.text, m.start, m.end, "Place", "Venue", m.name, None, "pattern")
                for place in _split_places(doc.text, venue, heads) or [venue]:
                    doc.add(place)
        elif m.kind == "Place":
            parts = _split_places(doc.text, m, heads)
            if parts:  # most places are one name: left as they are
                doc.mentions.remove(m)
                for place in parts:
                    doc.add(place)
    _unnamed_venues(doc, heads, held)


def _unnamed_venues(doc: Doc, heads: tuple[str, ...], held: str) -> None:
    """A venue no finder named: the words before a venue word, between 在/于 and a 举行-like cue
    (在张江科学会堂举行, 于济州国际会议中心召开) or after 地点：. Names of other kinds inside it stay
    theirs unless they are places the venue starts with."""
    text = doc.text
    pattern = re.compile("|".join(map(re.escape, heads)))
    for match in pattern.finditer(text):
        end = match.end()
        if any(m.kind == "Place" and m.end == end for m in doc.mentions.overlapping(match.start(), end)):
            continue  # a venue already
        start = left_edge(text, match.start(), max(0, match.start() - 24))
        before, after = text[max(0, start - 16):start], text[end:end + 10]
        listed = re.search(r"(?:地点|地址|会址)[:：]\s*$", before)
        at = re.search(r"[在于]$", before) and re.match(rf"[^，。,;；\n]{{0,8}}?(?:{held})", after)
        inside = doc.mentions.overlapping(start, end)
        if not (listed or at) or match.start() - start < 2 or any(
                m.kind not in ("Place", "Organization") or m.start < start or m.end > end for m in inside):
            continue  # 滨江科学会 (学会) inside 滨江科学会堂 gives way; a name reaching out of it does not
        venue = Mention(text[start:end], start, end, "Place", "Venue", text[start:end], None, "pattern")
        for m in inside:
            doc.mentions.remove(m)
        for place in _split_places(text, venue, heads) or [venue]:
            doc.add(place)


def _splits_off(rest: str, heads: tuple[str, ...], table: dict[str, lexicon.Entry]) -> bool:
    """Whether what follows a leading place is a place of its own: another known place, or a venue
    with a name of its own (紫金山实验室报告厅 after 南京江宁), not a venue word with a modifier alone
    (成都国际会展中心) nor a university's campus (浙江大学紫金港校区)."""
    if (rest in table and table[rest].kind == "Place") or _leading_place(rest, table, keep=1):
        return True
    head = next((h for h in heads if rest.endswith(h)), "")
    return len(rest) - len(head) >= 3 and not re.search(r"大学|学院|研究院|公司", rest)


def _leading_place(rest: str, table: dict[str, lexicon.Entry], keep: int) -> int:
    """The length of the longest known place `rest` starts with, leaving at least `keep` characters."""
    return next((n for n in range(min(8, len(rest) - keep), 1, -1)
                 if rest[:n] in table and table[rest[:n]].kind == "Place"), 0)


def _split_places(text: str, m: Mention, heads: tuple[str, ...]) -> list[Mention] | None:
    """The known places `m` starts with, each a place of its own, and what is left (see `_splits_off`
    for when a place stays part of the venue's name); None when `m` stays whole: no place leads it, or
    what is left is no place (a known one, a venue or an address): 深圳市南山区科技创新局."""
    table = lexicon.named_entries()
    start, found = m.start, []
    while True:
        rest = text[start:m.end]
        size = _leading_place(rest, table, keep=2)
        if not size or table[rest[:size]].type == "Country" or not _splits_off(rest[size:], heads, table):
            break
        found.append((start, start + size, table[rest[:size]]))
        start += size
    rest = text[start:m.end]
    entry = table.get(rest)
    known = entry is not None and entry.kind == "Place"
    if not found or not (known or m.type == "Venue" or rest.endswith(heads) or _ADDRESS.search(rest)):
        return None
    parts = [Mention(text[first:last], first, last, "Place", place.type, place.name, place.english, "lexicon",
                     place.parent) for first, last, place in found]
    if known:
        parts.append(Mention(rest, start, m.end, "Place", entry.type, entry.name, entry.english, "lexicon",
                             entry.parent))
    else:
        parts.append(Mention(rest, start, m.end, "Place", "Venue", rest, None, m.source))
    return parts


def places_leading(venue: Mention) -> list[Mention]:
    """The known places a venue's name starts with and keeps (深圳国际会展中心 → 深圳; 西班牙巴塞罗那会展
    中心 → 西班牙, 巴塞罗那): the text states them as where the event is, so they are places of it too."""
    table, found, at = lexicon.named_entries(), [], 0
    while size := _leading_place(venue.text[at:], table, keep=2):
        entry = table[venue.text[at:at + size]]
        found.append(Mention(venue.text[at:at + size], venue.start + at, venue.start + at + size, "Place", entry.type,
                             entry.name, entry.english, "lexicon", entry.parent))
        at += size
    return found


_ADDRESS = re.compile(r"\d+\s*号|[路街道巷]\d|[楼层室厅馆]$")
