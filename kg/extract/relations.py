"""Relation patterns over tagged sentences.

Each sentence is rewritten with its mentions as tags — «O3» an organisation, «P5» a
person, «E1» an event, «L2» a place, «R4» a product, «D0» a date — so that a rule
reads like the Chinese it matches: `由{ORGS}(?:联合|共同)?{hosts}` is "由A、B和C
联合主办". Cue words come from `lexicons/cues.tsv`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property

from kg import lexicon
from kg.extract.coref import is_bare_part, without_edition
from kg.extract.dates import in_edition_year
from kg.extract.names import STAGE, places_leading
from kg.extract.persons import CAREER, COUNTED_PEOPLE, maker_in_name, titles_pattern
from kg.extract.pipeline import DateSpan, Doc, Sentence, component
from kg.lexicon import Entry
from kg.model import Evidence, Mention, Triple

_TAG = {"Organization": "O", "Person": "P", "Event": "E", "Place": "L", "Product": "R"}
_SEP = r"\s*(?:、|，|,|和|与|及|以及|、以及)\s*"


# What says a product is an organisation's: 推出的, 研发的, 捐赠的 (a project given to a foundation is its donor's),
# in 百度的千帆平台 / 英伟达旗下的CUDA, 由沐曦研发的曦云, 飞桨是百度推出的.
_OWNED_BY = r"(?:推出|发布|研发|开发|打造|开源|捐赠|捐献|首发)"
_OWNERSHIP = (
    rf"(?P<org>{{ORG}})(?:(?:旗下|自研|自主研发|{_OWNED_BY})?的)?[“「\"]?(?P<product>{{PROD}})",
    rf"由(?P<org>{{ORG}})(?:自主|联合)?{_OWNED_BY}的[^«。，,]{{0,8}}?(?P<product>{{PROD}})",
    rf"(?P<product>{{PROD}})[”」\"]?[^«。，,]{{0,4}}?(?:是|为|由)(?P<org>{{ORG}})(?:自主|联合|正式)?{_OWNED_BY}",
    # Volcano是业界首个云原生批量计算项目，2019年由华为云捐献给CNCF: the topic, made by whom a later clause says
    rf"^[^«。]{{0,4}}?(?P<product>{{PROD}})[”」\"]?[^«。]{{0,30}}?[,，][^«。，,]{{0,8}}?由(?P<org>{{ORG}})(?:自主|联合|正式)?{_OWNED_BY}",
)

# The products a release verb takes: its first noun phrase (大模型“X”, A、B和C), not a product named
# later in the clause or inside a longer phrase (推出支持ChatGPT的服务器).
_PRODUCTS_OBJECT = (r"((?:[^。；，,«《]{0,12}?{PRODS}(?![^«。，,；]{0,3}的))"
                    r"(?:[^。；«]{0,6}?(?:、|和|及|与|以及|，|,)[^。；«]{0,12}?{PRODS}(?![^«。，,；]{0,3}的))*)")


def _within_country(places: list[Mention]) -> list[Mention]:
    """The places an event is held in, without the country when a place inside it is named too
    (地点：中国·西安 is 西安): a country is the place only when nothing finer is given."""
    finer = [p for p in places if p.type != "Country"]
    return finer or places


def _one(letter: str) -> str:
    return rf"«{letter}\d+»"


def _many(letter: str) -> str:
    """A list of mentions of one kind; an organisation may carry its short form in brackets
    (上海人工智能实验室（Shanghai AI Lab）、复旦大学, 中国图象图形学学会（CSIG）、中国计算机学会（CCF）)."""
    # （Shanghai AI Lab）, （CSIG）, （下称「上智院」）: a short form or an English name in brackets
    note = rf"[(（](?:(?:以下|下文)?(?:简称|下称)[为:：]?)?(?:{_one(letter)}|[^()（）«»。，,、]{{1,16}}?)[)）]"
    item = rf"{_one(letter)}(?:{note})?" if letter == "O" else _one(letter)
    sep = rf"(?:{_SEP}|\s*·?\s*)" if letter == "L" else _SEP  # places run on: 北京海淀…, 中国·苏州
    return rf"{item}(?:{sep}{item})*"


@cache
def _cue(role: str) -> str:
    words = sorted(lexicon.cues().get(role, ()), key=len, reverse=True)
    return "(?:" + "|".join(map(re.escape, words)) + ")" if words else "(?!)"


@cache
def _attendee_words() -> frozenset[str]:
    return frozenset(row["word"] for row in lexicon.rows("context_words.tsv") if row.get("role") == "attendee_label")


@cache
def _attendee_labels() -> str:
    return "|".join(map(re.escape, sorted(_attendee_words(), key=len, reverse=True)))


@cache
def _group_nouns() -> str:
    return "|".join(row["word"] for row in lexicon.rows("context_words.tsv") if row.get("role") == "group_noun")


@cache
def _expand(pattern: str) -> re.Pattern[str]:
    table = {"ORG": _one("O"), "ORGS": _many("O"), "PER": _one("P"), "PERS": _many("P"), "EVT": _one("E"),
             "PLACE": _one("L"), "PLACES": _many("L"), "PROD": _one("R"), "PRODS": _many("R"),
             "DATE": _one("D"), "ANY": r"«[OPELR]\d+»", "ORGPER": r"«[OP]\d+»"}
    for role in ("hosts", "coOrganizes", "held", "launch", "develops", "member", "lead", "lead_unit", "speaks",
                 "attends"):
        table[role] = _cue(role)
    return re.compile(re.sub(r"\{(\w+)\}", lambda m: f"(?:{table[m.group(1)]})", pattern))


_GROUPS = ("Alliance", "Association")
# A body several organisations found together, whose founders are its members: 联合实验室, 创新联合体.
_JOINT = re.compile(r"联合(?:实验室|研究院|研究中心|创新中心|体)$|共同体$")
# What places a release before the event an article reports: 此前, 去年, 曾, 已于 ….
_EARLIER = re.compile(r"此前|之前|以前|去年|前年|上月|上周|曾经?|早在|已于|已经|年初|年前|过去|当年|彼时|回顾|回首")
_FIELD = re.compile(r"[^\s:：，,。]{1,6}[:：]")  # 时间：…, 主办方：…: a field line of an event's block
# Events that hold others (a conference, a summit, an exhibition) and the events held inside them.
_UMBRELLAS = ("Conference", "Summit", "Exhibition")
_PARTS = ("Forum", "Workshop", "Ceremony")

# What places something at an event named just before: 上, 期间, 现场 (华为开发者大会2023（Cloud）上).
_AT_EVENT = r"(?:\s*\([^()«。]{1,20}\))?[^«。，,]{0,4}?(?:上|期间|现场|之际|(?:发言|致辞|演讲|讲话)中)"

# X研讨会将在第二日上午的分会场一进行: 进行 says an event is held only in this form.
_HELD_AT = re.compile(r"^[^。，,]{0,6}在[^。，,]{1,24}进行")


@dataclass
class Tagged:
    sentence: Sentence
    text: str
    items: dict[str, Mention | DateSpan]

    def tags(self, fragment: str) -> list[Mention | DateSpan]:
        return [self.items[t] for t in re.findall(r"«[OPELRD]\d+»", fragment)]

    def mentions(self, fragment: str, kind: str | None = None) -> list[Mention]:
        return [m for m in self.tags(fragment) if isinstance(m, Mention) and (kind is None or m.kind == kind)]


def tag(doc: Doc, sentence: Sentence) -> Tagged:
    items: dict[str, Mention | DateSpan] = {}
    spans: list[tuple[int, int, str, Mention | DateSpan]] = []
    for n, m in enumerate(doc.in_span(sentence.start, sentence.end)):
        spans.append((m.start, m.end, f"«{_TAG[m.kind]}{n}»", m))
    taken = [(s, e) for s, e, _, _ in spans]
    for n, d in doc.dates_in(sentence.start, sentence.end):
        if not any(s < d.end and d.start < e for s, e in taken):
            spans.append((d.start, d.end, f"«D{n}»", d))
    out, pos = [], sentence.start
    for start, end, label, item in sorted(spans, key=lambda s: s[0]):
        out.append(doc.text[pos:start])
        out.append(label)
        items[label] = item
        pos = end
    out.append(doc.text[pos:sentence.end])
    return Tagged(sentence, "".join(out), items)


class Rules:
    """The relation rules, applied to one tagged sentence at a time."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.seen: set[tuple] = set()

    @cached_property
    def groups(self) -> list[Mention]:
        """The article's alliances and associations, for rules that refer to "the alliance"."""
        return [m for m in self.doc.mentions if m.kind == "Organization" and m.type in _GROUPS]

    def emit(self, t: Tagged, subject: Mention, predicate: str, obj: Mention | str, rule: str,
             confidence: float) -> None:
        if isinstance(obj, Mention) and obj.key == subject.key:
            return
        key = (subject.key, predicate, obj.key if isinstance(obj, Mention) else obj)
        if key in self.seen:
            return
        self.seen.add(key)
        s = t.sentence
        self.doc.triples.append(Triple(subject, predicate, obj,
                                       Evidence(s.text.strip(), s.start, s.end, rule, confidence)))
        main = self.doc.main_event
        if predicate == "participatesIn" and main is not None and isinstance(obj, Mention) and self._part_of_main(obj):
            self.emit(t, subject, predicate, main, rule, confidence)  # at its opening ceremony is at the event
        if predicate == "heldIn" and isinstance(obj, Mention) and obj.type == "Venue":
            for place in places_leading(obj):  # 在深圳国际会展中心举行 is held in 深圳 too
                self.emit(t, subject, predicate, place, rule, confidence)

    def _part_of_main(self, event: Mention) -> bool:
        """An event inside the article's main one: its opening ceremony (2026人工智能大会开幕式), or in an
        article about a conference, a forum, workshop or ceremony held at it (a speaker at a sub-forum
        of a summit is at the summit)."""
        main = self.doc.main_event
        if main is None or event.key == main.key:
            return False
        if event.name.startswith(main.name) and is_bare_part(event.name[len(main.name):]):
            return True
        return self.doc.event_article and main.type in _UMBRELLAS and event.type in _PARTS

    def event_for(self, t: Tagged, fragment: str = "") -> Mention | None:
        """The event a sentence is about: one named in it, else the main event if referred to."""
        named = t.mentions(fragment, "Event") if fragment else []
        if named:
            return named[0]
        in_sentence = t.mentions(t.text, "Event")
        if in_sentence:
            return in_sentence[0]
        return None

    def event_above(self, t: Tagged) -> Mention | None:
        """The event of a sentence that names none, from the sentence just before it (on its line or the
        line above) when that one says the event is held: X研讨会将在分会场一进行。A、B、C作为报告嘉宾
        带来分享。 The event it says is held is the last it names (an earlier one may be a headline's);
        a sentence that says nothing of holding one gives none."""
        previous = self.doc.sentence_before(t.sentence)
        if previous is None or self.doc.text.count("\n", previous.end, t.sentence.start) > 1:
            return None
        named = [m for m in self.doc.in_span(previous.start, previous.end, "Event") if not is_bare_part(m.name)]
        held = lexicon.cues().get("held", frozenset())

        def said_held(event: Mention) -> bool:
            after = previous.text[event.end - previous.start:]
            return not self.doc.in_span(event.end, previous.end, "Event") and (
                any(cue in after for cue in held) or bool(_HELD_AT.search(after)))

        staged = [m for m in named if said_held(m)]  # (《A研讨会议程公布》)B研讨会将在…进行: B
        if len({m.key for m in staged}) != 1:
            return None
        listed = any(re.fullmatch(r"\s*(?:、|和|与|及|以及|,|，)\s*", self.doc.text[m.end:staged[0].start]) for m in named)
        return None if listed else staged[0]  # A论坛、B论坛在第二日举行: held both, whose guests is unsaid

    def event_in_paragraph(self, t: Tagged) -> Mention | None:
        """The event a sentence that names none is about, from the paragraph it is in: the last one
        named (or pointed to, 本次论坛) before it on its line. A page that reports several events gives
        each its own paragraph. Where the paragraph calls one 本次/本届, that one; outside an article about
        an event, only such a one is reported, not merely named (二十国集团峰会即将召开。X认为… is a comment)."""
        start = self.doc.text.rfind("\n", 0, t.sentence.start) + 1
        named = [m for m in self.doc.in_span(start, t.sentence.start, "Event") if not is_bare_part(m.name)]
        pointed = {m.key for m in named if m.source == "coref"}
        if pointed or not self.doc.event_article:  # the one it calls 本次论坛, not a series named in passing
            named = [m for m in named if m.key in pointed]
        return named[-1] if named else None

    def _under_attendee_label(self, t: Tagged) -> bool:
        """Whether the line just above the sentence's is an attendee label alone (参会人员, 演讲嘉宾)."""
        text, start = self.doc.text, t.sentence.start
        if start == 0 or text[start - 1] != "\n":
            return False
        return text[text.rfind("\n", 0, start - 1) + 1:start - 1].strip(" :：") in _attendee_words()

    def event_before(self, t: Tagged) -> Mention | None:
        """The event a 时间：/地点：/主办方： line belongs to: the one named on the first line above its
        block of such lines (a page may list several events, each with its own lines). A block under a
        line that names no event belongs to the main event only when the article names no other."""
        text, end = self.doc.text, t.sentence.start - 1
        while end > 0:
            start = text.rfind("\n", 0, end) + 1
            if not _FIELD.match(text, start):
                named = [m for m in self.doc.in_span(start, end, "Event") if not is_bare_part(m.name)]
                if named:
                    return named[-1]
                break
            end = start - 1
        events = {m.key for m in self.doc.mentions if m.kind == "Event" and not is_bare_part(m.name)}
        return self.doc.main_event if len(events) <= 1 or end <= 0 else None

    @staticmethod
    def _only_after(t: Tagged, event: Mention, offset: int) -> bool:
        """Whether the sentence names the event, and only after `offset` (of the tagged text)."""
        tags = [m for m in re.finditer(r"«E\d+»", t.text) if t.items[m.group()].key == event.key]
        return bool(tags) and all(m.start() >= offset for m in tags)

    def run(self, t: Tagged) -> None:
        if not t.items:
            return
        for method in (self.hosting, self.held, self.launch, self.membership, self.lead, self.develop,
                       self.subsidiary, self.participation, self.career):
            method(t)

    def career(self, t: Tagged) -> None:
        """张三曾任星河研究院首席科学家, 李四加入清华大学任教授, 以X公司副总裁的身份亮相: a post held
        now or before (the guidelines count former posts; having studied somewhere is no post)."""
        for m in _expand(r"({PER})[^«。，,；]{0,6}?" + CAREER + r"({ORG})").finditer(t.text):
            self.emit(t, t.mentions(m.group(1))[0], "affiliatedWith", t.mentions(m.group(2))[0], "任职", 0.8)
        for m in _expand(r"({PER})[^«。；]{0,12}?以({ORG})[^«。，,；的]{1,12}的身份").finditer(t.text):
            self.emit(t, t.mentions(m.group(1))[0], "affiliatedWith", t.mentions(m.group(2))[0], "以-身份", 0.8)
        # 王某教授是星河大学机器人研究所名誉所长; 徐某，是…实验室的骨干: a post stated with 是.
        titles = titles_pattern().pattern
        for m in _expand(r"({PER})(?:" + titles + r")?[,，]?(?:也|还|现|目前)?(?:是|系|为)({ORG})的?(?:"
                         + titles + r"|骨干|成员)(?![^«。，,；]{0,2}?(?:的|之))").finditer(t.text):
            self.emit(t, t.mentions(m.group(1))[0], "affiliatedWith", t.mentions(m.group(2))[0], "是-职务", 0.8)
        # 旷视科技的三位创始人——A、B及C: the people a post of an organisation is named for.
        for m in _expand(r"({ORG})的?(?:" + COUNTED_PEOPLE + r")?(?:" + titles + r")(?:——|—|:|：|分别是|分别为|包括|是)(({PER})"
                         r"(?:(?:、|和|及|与|以及)({PER}))*)").finditer(t.text):
            for person in t.mentions(m.group(2), "Person"):
                self.emit(t, person, "affiliatedWith", t.mentions(m.group(1))[0], "职务-名单", 0.8)

    def hosting(self, t: Tagged) -> None:
        for m in _expand(r"由({ORGS})(?:等[^，。«]{0,8})?(?:联合|共同)?{hosts}(?:单位)?(?:[，,、]\s*({ORGS})(?:等)?(?:联合|共同)?{coOrganizes})?").finditer(t.text):
            event = self.event_for(t, t.text[m.end():]) or self.doc.main_event
            if event:
                for org in t.mentions(m.group(1), "Organization"):
                    self.emit(t, org, "hosts", event, "由-主办", 0.9)
                for org in t.mentions(m.group(2) or "", "Organization"):
                    self.emit(t, org, "coOrganizes", event, "由-主办-协办", 0.85)
        for m in _expand(r"({ORGS})(?:等)?(?:联合|共同)?{hosts}(?:、({ORGS})(?:等)?{coOrganizes})?的[^，。«]{0,6}({EVT})").finditer(t.text):
            event = t.mentions(m.group(3))[0]
            for org in t.mentions(m.group(1), "Organization"):
                self.emit(t, org, "hosts", event, "主办的-事件", 0.9)
            for org in t.mentions(m.group(2) or "", "Organization"):
                self.emit(t, org, "coOrganizes", event, "主办的-事件", 0.85)
        for m in _expand(r"({ORGS})(?:等)?(?:联合|共同)?{coOrganizes}的[^，。«]{0,6}({EVT})").finditer(t.text):
            for org in t.mentions(m.group(1), "Organization"):
                self.emit(t, org, "coOrganizes", t.mentions(m.group(2))[0], "协办的-事件", 0.85)
        for role, predicate in (("hosts", "hosts"), ("coOrganizes", "coOrganizes")):
            for m in _expand("{" + role + r"}(?:单位|方)(?:为|是|有|[:：])\s*({ORGS})").finditer(t.text):
                field = m.start() == 0 and _FIELD.match(t.text)
                event = self.event_for(t) or (self.event_before(t) if field else self.doc.main_event)
                if event:
                    for org in t.mentions(m.group(1), "Organization"):
                        self.emit(t, org, predicate, event, "主办单位", 0.9)
        # A clause of its own in a sentence about an event: …提供指导，A、B共同主办，C承办。
        clause = r"(?:^|[,，;；])\s*({ORGS})(?:等[^，。«]{0,8})?(?:联合|共同)?"
        end = r"(?:单位)?(?=[,，;；。]|$)"
        for predicate, cue in (("hosts", "{hosts}"), ("coOrganizes", "(?!(?:联合|共同|携手)(?:主办|举办)){coOrganizes}")):
            for m in _expand(clause + cue + end).finditer(t.text):
                after = re.search(r"的[^，。«]{0,6}(«E\d+»)", t.text[m.end():])  # …主办，C协办的“E”
                event = (t.mentions(after.group(1))[0] if after else None) or self.event_for(t) or self.doc.main_event
                if event is None:
                    continue
                # 联合主办 beside a host named before it is co-organising (A主办，B联合主办).
                joint = predicate == "hosts" and re.search(r"(?:联合|共同|携手)(?:主办|举办)", m.group(0)) \
                    and "主办" in t.text[:m.start()]
                for org in t.mentions(m.group(1), "Organization"):
                    self.emit(t, org, "coOrganizes" if joint else predicate, event, "分句-主办", 0.85)
        members = r"(?:{ORG}(?:的)?(?:成员单位|成员|旗下))?"  # X由Y成员单位A、B等共同举办: A and B host
        for m in _expand(r"({EVT})[^«。，]{0,4}?(?:由|是由)" + members + r"({ORGS})(?:等[^，。«]{0,8})?(?:联合|共同)?{hosts}").finditer(t.text):
            for org in t.mentions(m.group(2), "Organization"):
                self.emit(t, org, "hosts", t.mentions(m.group(1))[0], "事件-由-主办", 0.9)
        # 腾讯研究院联合A、B一同发起X研讨会; A、B联合发起「X」: those who launch an event hold it.
        for m in _expand(r"({ORGS})(?:联合({ORGS}))?(?:等[^，。«]{0,6})?(?:一同|共同|联合)?发起(?:了)?(?:举办)?[“「\"]?({EVT})").finditer(t.text):
            for org in t.mentions(m.group(1), "Organization") + t.mentions(m.group(2) or "", "Organization"):
                self.emit(t, org, "hosts", t.mentions(m.group(3))[0], "发起-事件", 0.85)
        # 百度在北京举办AI开发者大会: the organisation that holds the event it names next.
        # 腾讯云在北京召开X峰会 too, but not 百度在北京召开的X大会上发布…, where 召开的 only places the event.
        for m in _expand(r"(?:^|[,，;；])\s*(?:{DATE}[,，]?\s*)?({ORGS})[^«。，,]{0,6}?(?:在(?:{PLACES}|{ORG})[^«。，,]{0,4}?)?"
                         r"(?:联合|共同)?(?:成功|隆重)?(?:(?:举办|主办)(?:了)?[^«，。,]{0,4}?|(?:召开|举行)(?:了)?[^«，。,的]{0,4}?)"
                         r"({EVT})").finditer(t.text):
            for org in t.mentions(m.group(1), "Organization"):
                self.emit(t, org, "hosts", t.mentions(m.group(2))[0], "举办-事件", 0.85)

    def held(self, t: Tagged) -> None:
        pattern = _expand(r"({EVT})?[^«。]{0,20}?(?:({DATE})[^«。]{0,6}?)?[在于]\s*({PLACES})[^，。«]{0,8}?{held}")
        for m in pattern.finditer(t.text):
            event = (t.mentions(m.group(1))[0] if m.group(1) else None) or self.event_for(t)
            if event is None:
                continue
            for place in _within_country(t.mentions(m.group(3), "Place")):  # every place stated: 在南京江宁…举行
                self.emit(t, event, "heldIn", place, "在-举行", 0.85)
                for whole in self._staged(event):
                    self.emit(t, whole, "heldIn", place, "决赛-在-举行", 0.8)
            self._dates(t, event, m.group(0))
        # 第二十六届中国机器人大赛全国决赛（宜兴）: a place in brackets right after an event's name.
        for m in _expand(r"({EVT})[(（]({PLACES})[)）]").finditer(t.text):
            event = t.mentions(m.group(1))[0]
            for place in t.mentions(m.group(2), "Place"):
                self.emit(t, event, "heldIn", place, "事件（地点）", 0.8)
                for whole in self._staged(event):
                    self.emit(t, whole, "heldIn", place, "决赛-在-举行", 0.8)
        for m in _expand(r"在({PLACE})[^，。«]{0,6}?{held}的[^，。«]{0,6}({EVT})").finditer(t.text):
            event = t.mentions(m.group(2))[0]
            self.emit(t, event, "heldIn", t.mentions(m.group(1))[0], "在-举行的-事件", 0.85)
            self._dates(t, event)
        for m in _expand(r"({EVT})[^。«]{0,12}?({DATE})[^。«]{0,8}?{held}").finditer(t.text):
            self._dates(t, t.mentions(m.group(1))[0])
        for m in _expand(r"({EVT})(?:将|将会)?(?:于|在)({DATE})[^。«，,]{0,4}?进行").finditer(t.text):
            self._dates(t, t.mentions(m.group(1))[0], m.group(2))  # X研讨会将在7月2日上午进行
        for m in _expand(r"({DATE})[^«。，,]{0,4}?{held}的[^«。，,]{0,4}?({EVT})").finditer(t.text):
            self._dates(t, t.mentions(m.group(2))[0], m.group(1))  # 在今年4月举办的2023X论坛上
        for m in _expand(r"({DATE})[)）]?的({EVT})").finditer(t.text):
            self._dates(t, t.mentions(m.group(2))[0], m.group(1))  # 7月18日的X论坛上; 为期4天（7月17日至20日）的X
        self._opening_date(t)
        for m in _expand(r"^[^«。:：]{0,6}?(?:地点|地址|会址|举办地)[:：]\s*[^«。]{0,6}?({PLACES})").finditer(t.text):
            event = self.event_for(t) or self.event_before(t)
            for place in _within_country(t.mentions(m.group(1), "Place")) if event else ():
                self.emit(t, event, "heldIn", place, "地点", 0.8)
        for m in _expand(r"({DATE})[,，]\s*({EVT})(?:[^。«]|{PLACE}){0,16}?{held}").finditer(t.text):
            self._dates(t, t.mentions(m.group(2))[0])
        for m in _expand(r"(?<!当地)(?:时间|日期)(?:[和与及]地点[:：]?|[:：])\s*({DATE})\s*[^«。]{0,6}?({PLACES})?").finditer(t.text):
            event = self.event_for(t) or self.event_before(t)
            if event:
                self._dates(t, event, m.group(1))
                for place in _within_country(t.mentions(m.group(2) or "", "Place") or self._leading_places(t)):
                    self.emit(t, event, "heldIn", place, "时间地点", 0.8)

    def _staged(self, event: Mention) -> list[Mention]:
        """The event whose final or opening `event` is (X大赛总决赛, X大会开幕式): where its final is held,
        the whole is held too."""
        stage = STAGE.search(event.name)
        if stage is None:
            return []
        whole = event.name[:stage.start()].rstrip(" ·・-—")
        return [m for m in (*self.doc.nested, *self.doc.mentions) if m.kind == "Event" and m.text == whole][:1]

    def _opening_date(self, t: Tagged) -> None:
        """A sentence that opens with a date and tells of an event being held dates that event:
        5月8日，某公司在杭州召开X峰会; 3月2日，以“…”为主题的X在成都举行. A dateline's date
        (11月5日消息) is the report's, the event's only when the event is today's (今日举办的X)."""
        opening = _expand(r"^[^«。,，]{0,12}?({DATE})(消息|讯|电)?[,，\s]")
        m = opening.match(t.text)
        if m is None:
            return
        rest = t.text[m.end():]
        if m.group(2) and not re.search(r"今日|今天|当天|当日|今晚", rest):
            return
        no_date = r"(?:(?!«D)[^。]){0,60}?"
        found = (_expand(no_date + r"(?:{held}|{hosts}|发起)(?:了)?的?[^«。，,]{0,6}?({EVT})").match(rest)
                 or _expand(no_date + r"({EVT})(?:[^。«]|{ORG}|{PLACE}){0,30}?{held}").match(rest))
        if found:
            self._dates(t, t.mentions(found.group(1))[0], m.group(1))

    def _leading_places(self, t: Tagged) -> list[Mention]:
        """时间和地点 on one line, the place at the start of the next (中国·苏州)."""
        head = self.doc.sentence_from(t.sentence.end)
        if head is None:
            return []
        places = [m for m in self.doc.in_span(head.start, head.start + 12, "Place")]
        return places if places and places[0].start - head.start <= 1 else []

    def _dates(self, t: Tagged, event: Mention, fragment: str | None = None) -> None:
        for span in t.tags(fragment if fragment is not None else t.text):
            if isinstance(span, DateSpan):
                first, last = in_edition_year(event.name, self.doc.text, span)
                if first:
                    self.emit(t, event, "startDate", first, "事件日期", 0.85)
                if last:
                    self.emit(t, event, "endDate", last, "事件日期", 0.85)
                return

    def launch(self, t: Tagged) -> None:
        """Organisations founded (成立, 揭牌) and products released (发布, 亮相) at an event."""
        event = self.event_for(t)
        at_main = re.search(r"现场|期间|会上|论坛上|大会上|峰会上|活动上|仪式上", t.text)
        context = event or (self.doc.main_event if at_main and self.doc.event_article else None)
        if context is None:
            self._released_at_main(t)
            return
        founded = r"(?:正式|宣布|相继|同时|宣告)?(?:成立|揭牌|挂牌|组建|启动)"
        for m in _expand(rf"({{ORGS}})(?:等[^，。«]{{0,6}})?{founded}").finditer(t.text):
            for org in t.mentions(m.group(1), "Organization"):
                self.emit(t, org, "launchedAt", context, "成立于会上", 0.8)
        if event is not None:  # X大会在深圳召开，成立了A联盟和B研究院: founded at the event the sentence names
            for m in _expand(r"(?<!将)(?<!拟)(?:成立|揭牌|组建|(发起))(?:了)[“\"]?({ORGS})").finditer(t.text):
                for org in t.mentions(m.group(2), "Organization"):
                    if not m.group(1) or org.type in _GROUPS:  # 发起了“开源AIOS联盟”, not 发起了一项倡议
                        self.emit(t, org, "launchedAt", event, "会上成立了", 0.8)
        for m in _expand(r"({PRODS})(?:等[^，。«]{0,6})?(?:正式|首次|重磅)?{launch}").finditer(t.text):
            for product in t.mentions(m.group(1), "Product"):
                self.emit(t, product, "launchedAt", context, "发布于会上", 0.8)
        # 在X大会上，某公司发布了A和B: released at the event the sentence places the release at (not 将发布).
        at = re.search(r"(«E\d+»)" + _AT_EVENT, t.text)
        stage = t.mentions(at.group(1))[0] if at else (context if at_main else None)
        if stage is not None:
            verb = r"(?<!将)(?<!即将)(?<!计划)(?<!拟)(?:正式|首次|重磅|全新)?(?:{develops}|{launch})(?:了)?"
            for m in _expand(verb + _PRODUCTS_OBJECT).finditer(t.text):
                for product in t.mentions(m.group(1), "Product"):
                    self.emit(t, product, "launchedAt", stage, "会上发布", 0.8)
        for m in _expand(r"(?:倡议|宣布|正式|联合)(?:成立|发起成立)[“\"]?({ORG})").finditer(t.text):
            self.emit(t, t.mentions(m.group(1))[0], "launchedAt", context, "倡议成立", 0.8)
        self._counted_release(t, context)

    def _counted_release(self, t: Tagged, context: Mention) -> None:
        """华为云在会上发布四大新品。A通过…；B用于…: a release counted but not named, then a sentence whose
        clauses each open with one of the products: each is released at the event, and made by the
        organisation."""
        m = _expand(r"({ORG})[^«。，,]{0,8}?(?:正式|重磅|首次|同时|还)?(?:发布|推出|首发)(?:了)?"
                    r"[一二三四五六七八九十两\d]+(?:大|款|项|个|件|类)(?:[^«。]|«R\d+»){0,16}?(?:新品|产品|成果|模型|方案|平台)[。：:]?$"
                    ).search(t.text.strip())
        if m is None:
            return
        maker, following = t.mentions(m.group(1))[0], self.doc.sentence_from(t.sentence.end)
        for _ in range(6):  # a sentence, or a clause, for each product, until one opens with none
            if following is None:
                return
            listed = tag(self.doc, following)
            openings = list(re.finditer(r"(?:^(?:其中|首先|此外|另外)?[,，]?|[；;])\s*(«R\d+»)", listed.text))
            if not openings:
                return
            for opening in openings:
                product = listed.items[opening.group(1)]
                self.emit(listed, product, "launchedAt", context, "发布N款-逐一", 0.75)
                self.emit(listed, maker, "develops", product, "发布N款-逐一", 0.75)
            following = self.doc.sentence_from(following.end)

    def _released_at_main(self, t: Tagged) -> None:
        """In an article about one event, an organisation's release the sentence reports as news (智源发布了X;
        华为云正式推出A和B), with no other time or event named, is a release at that event; 此前/去年/曾
        and dates mark a release before it."""
        main = self.doc.main_event
        dated = any(isinstance(x, DateSpan) for x in t.tags(t.text))
        if not (self.doc.event_article and main is not None) or dated or _EARLIER.search(t.text):
            return
        verb = r"(?<!将)(?<!即将)(?<!计划)(?<!拟)(?:正式|首次|重磅|全新|全球)?(?:发布|推出|首发|连发|亮相)(?:了)?"
        for m in _expand(r"{ORG}[^«。，,]{0,4}?" + verb + _PRODUCTS_OBJECT).finditer(t.text):
            for product in t.mentions(m.group(1), "Product"):
                self.emit(t, product, "launchedAt", main, "发布于本届", 0.7)

    def membership(self, t: Tagged) -> None:
        for m in _expand(r"({ORG})[^«。]{0,4}?由({ORGS})(?:等[^，。«]{0,24}?)?(?:共同|联合)?{member}").finditer(t.text):
            group = t.mentions(m.group(1))[0]
            for org in t.mentions(m.group(2), "Organization"):
                self.emit(t, org, "memberOf", group, "由-共同发起", 0.85)
        subject = t.mentions(t.text, "Organization")
        if subject and subject[0].type in ("Alliance", "Association", "Organization"):
            for m in _expand(r"吸引(?:到|了)?({ORGS})(?:等[^。]{0,40}?)?加入").finditer(t.text):
                for org in t.mentions(m.group(1), "Organization"):
                    self.emit(t, org, "memberOf", subject[0], "吸引-加入", 0.85)
        joins = r"(?:宣布|已经?|正式|先后|相继|率先|也|还|均|都|于[^，。«]{1,10}?)*加入(?:了)?"
        led = r"(?:由({ORGS})(?:等[^，。«]{0,12}?)?牵头的)?"  # 加入了由A、B等高校牵头的「X联席会」
        for m in _expand(r"({ORGS})(?:等[^，。«]{0,8})?" + joins + led + r"[“\"「]?({ORG})").finditer(t.text):
            group = t.mentions(m.group(3))[0]
            for org in t.mentions(m.group(1), "Organization"):
                self.emit(t, org, "memberOf", group, "加入", 0.85)
            for leader in t.mentions(m.group(2) or "", "Organization"):
                self.emit(t, group, "ledBy", leader, "加入-由-牵头", 0.8)
        founding = r"(?:等[^，。«]{0,12}?)?(?:宣布|共同|联合|正式|签约|签署协议)*(发起)?(?:成立|组建)(?:了)?[“\"]?({ORG})"
        for m in _expand(r"({ORGS})" + founding).finditer(t.text):
            group, founders = t.mentions(m.group(3))[0], t.mentions(m.group(1), "Organization")
            joint = _JOINT.search(group.name) and len(founders) >= 2  # A与B、C共同签约成立X联合实验室
            if (group.type in _GROUPS or joint) and (m.group(2) or len(founders) >= 2):  # A、B等企业宣布成立X联盟
                for org in founders:
                    self.emit(t, org, "memberOf", group, "共同发起成立", 0.85)
        for m in _expand(r"成员(?:单位)?(?:包括|有|为|是)[:：]?\s*({ORGS})").finditer(t.text):
            alliances = [o for o in self.groups if o.type == "Alliance"]
            if len({a.key for a in alliances}) == 1:  # 首批成员单位包括A和B: the article's one alliance
                for org in t.mentions(m.group(1), "Organization"):
                    self.emit(t, org, "memberOf", alliances[0], "成员单位包括", 0.8)
        for m in _expand(r"({ORG})的?(?:成员|会员|理事)(?:单位|企业|机构)[:：]?({ORGS})").finditer(t.text):
            group = t.mentions(m.group(1))[0]
            if group.type in (*_GROUPS, "Community"):  # openEuler社区成员单位A、B: members named after their group
                for org in t.mentions(m.group(2), "Organization"):
                    self.emit(t, org, "memberOf", group, "成员单位A、B", 0.8)
        # 浸大事实查核为「国际事实查核联盟」的认证成员; X成为Y联盟首批理事单位: a member named first.
        for m in _expand(r"({ORG})[^«。，,]{0,12}?(?<!不)(?:是|为|成为)(?:了)?[“「\"]?({ORG})[”」\"]?的?"
                         r"(?:认证|正式|首批|创始|核心|理事)?(?:成员|会员|理事单位)").finditer(t.text):
            group = t.mentions(m.group(2))[0]
            if group.type in (*_GROUPS, "Community"):
                self.emit(t, t.mentions(m.group(1))[0], "memberOf", group, "为-成员", 0.8)
        for m in _expand(r"({ORGS})等?(?:联盟|协会|学会)?成员单位").finditer(t.text):
            alliances = [o for o in self.groups if o.type == "Alliance"]
            if alliances:
                for org in t.mentions(m.group(1), "Organization"):
                    self.emit(t, org, "memberOf", alliances[0], "成员单位", 0.75)

    def lead(self, t: Tagged) -> None:
        for m in _expand(r"({ORG})(?:为|担任|是|作为)(?:该)?(?:联盟|协会|学会|({ORG}))?的?(?:首届|首任)?{lead_unit}").finditer(t.text):
            named = t.mentions(m.group(2) or "")
            groups = named or [g for g in self.groups if g.key != t.mentions(m.group(1))[0].key]
            if len({g.key for g in groups}) == 1:
                self.emit(t, groups[0], "ledBy", t.mentions(m.group(1))[0], "为-理事长单位", 0.8)
        for m in _expand(r"由({ORGPER})(?:等)?{lead}[^。«]{0,12}?(?:[^。]*?)的[“\"]?({ORG})[”\"]?(?:正式|宣布|近日)?(?:成立|揭牌|启动)").finditer(t.text):
            group = t.mentions(m.group(2))[0]
            if group.type in _GROUPS or group.type == "Organization":  # 由X牵头…发起的Y联盟正式成立
                self.emit(t, group, "ledBy", t.mentions(m.group(1))[0], "由-牵头-成立", 0.8)
        for m in _expand(r"({ORG})(?:(?!加入)[^«。，]){0,4}?由((?:{ORGPER}[^«，。]{0,6}?)+){lead}").finditer(t.text):
            leaders = t.mentions(m.group(2))  # not X加入了由Y牵头的Z: Z is led, X joins
            people = [x for x in leaders if x.kind == "Person"]
            leader = people[-1] if people else leaders[-1]
            self.emit(t, t.mentions(m.group(1))[0], "ledBy", leader, "由-牵头", 0.85)
        for m in _expand(r"({ORGS}){lead}(?:发起)?(?:成立|组建)(?:了)?[“\"「]?({ORG})").finditer(t.text):
            group = t.mentions(m.group(2))[0]  # 英伟达牵头成立开放安全AI联盟
            for leader in t.mentions(m.group(1), "Organization"):
                self.emit(t, group, "ledBy", leader, "牵头成立", 0.8)

    def develop(self, t: Tagged) -> None:
        for m in _expand(r"({ORGS})(?:[^«。，]{0,8}?)(分别)?(?:自主|联合|正式|首次)?{develops}(?:了)?" + _PRODUCTS_OBJECT).finditer(t.text):
            orgs = t.mentions(m.group(1), "Organization")
            products = t.mentions(m.group(3), "Product")
            if not products:
                continue
            if m.group(2) and len(orgs) == len(products):
                for org, product in zip(orgs, products, strict=True):
                    self.emit(t, org, "develops", product, "分别发布", 0.85)
            elif len(orgs) == 1:
                for product in products:
                    self.emit(t, orgs[0], "develops", product, "发布-产品", 0.8)
        # 字节跳动旗下火山引擎在深圳举办AI创新巡展，一举发布了包括「A」「B」在内的多款模型: the sentence's
        # subject, carried over its clauses, releases what a later clause names.
        subject = _expand(r"^(?:{DATE})?[^«。]{0,12}?(?:{ORG}旗下)?({ORG})(?:(?!«[OP])[^。])*?[,，]\s*(?:一举|同时|还|也|并|正式|首次)*"
                          r"{develops}(?:了)?(?:包括)?" + _PRODUCTS_OBJECT)
        m = subject.match(t.text)
        if m:
            for product in t.mentions(m.group(2), "Product"):
                self.emit(t, t.mentions(m.group(1))[0], "develops", product, "主语-发布", 0.75)
        # 华为的昇腾芯片, 由沐曦研发的曦云, 飞桨是百度推出的 (_OWNERSHIP): the product is the organisation's
        # (the guidelines' "owns"); a lexicon maker outside its group says it only offers it (腾讯云DeepSeek服务).
        table = lexicon.named_entries()
        for pattern in _OWNERSHIP:
            for m in _expand(pattern).finditer(t.text):
                org, product = t.mentions(m.group("org"))[0], t.mentions(m.group("product"))[0]
                entry = table.get(product.name) or _product_line(product.name, table)
                if entry is None or not entry.parent or lexicon.related(entry.parent, org.name):
                    self.emit(t, org, "develops", product, "所有", 0.7)
        # 腾讯混元团队开源了UniRL: a product's team releases for the company the product is named after.
        for m in _expand(r"({PROD})团队(?:[^«。，,]{0,6}?){develops}(?:了)?" + _PRODUCTS_OBJECT).finditer(t.text):
            maker = maker_in_name(t.mentions(m.group(1))[0])
            for product in t.mentions(m.group(2), "Product") if maker else ():
                self.emit(t, maker, "develops", product, "产品团队-发布", 0.75)

    def subsidiary(self, t: Tagged) -> None:
        """字节跳动旗下火山引擎, 中国电子旗下的华大半导体, 科技园公司去年成立的全资子公司「港深公司」, Y是X的全资
        子公司: a company or body the sentence says belongs to another."""
        kind = r"(?:[^«。，,；]{0,8}?(?:子公司|公司|企业|品牌|机构|单位|平台|基金))?"
        for m in _expand(r"({ORG})(?:的)?(?:旗下|下属|控股|直属|(?:[^«。，,；]{0,8}?(?:成立|设立|组建)的)?全资子公司)(?:的)?"
                         + kind + r"[“「\"]?({ORG})").finditer(t.text):
            parent, unit = t.mentions(m.group(1))[0], t.mentions(m.group(2))[0]
            self.emit(t, unit, "subOrganizationOf", parent, "旗下", 0.8)
        for m in _expand(r"({ORG})[”」\"]?(?:是|为|系)({ORG})(?:的)?(?:全资|控股)?(?:子公司|下属(?:公司|企业|机构|单位)|"
                         r"旗下(?:公司|企业|机构))").finditer(t.text):
            self.emit(t, t.mentions(m.group(1))[0], "subOrganizationOf", t.mentions(m.group(2))[0], "是-子公司", 0.8)

    def participation(self, t: Tagged) -> None:
        event = self.event_for(t) or self.event_in_paragraph(t) \
            or ((self.event_above(t) or self.doc.main_event) if self.doc.event_article else None)
        if event is None:
            return
        role = rf"(?:担任|作为|亦是|也是|是)(?:本次|本届|此次|[^«。，,；]{{0,6}}?){_cue('event_role')}"  # 担任执行主席, 亦是主礼嘉宾
        cue = rf"({_cue('speaks')}|{_cue('attends')}|{role})"
        apposition = r"(?:[,，(（]«O\d+»[^«。]{0,12}?[,，)）])?"  # 张伟，星河数据创始人，在论坛上发表演讲
        gap = r"(?:[^«。《]|«[ELR]\d+»|《[^》«。]{0,40}》){0,24}?"  # a talk's 《title》, an event, place or product count as one word
        for m in re.finditer(rf"({_many('P')}){apposition}{gap}{cue}", t.text):
            if m.group(2) in lexicon.cues().get("opinion", ()) and self._only_after(t, event, m.end()):
                continue  # X表示，G7峰会的成果…: an opinion about an event named after the verb
            for person in t.mentions(m.group(1), "Person"):
                self.emit(t, person, "participatesIn", event, "发言", 0.75)
        # 南京大学人工智能学院院长周志华、商汤科技联合创始人徐立出席并致辞 (or 吴某教授，…副院长何某教授等出席):
        # each titled person of the list.
        titled = rf"(?:«O\d+»[^«。,，、;；]{{0,12}}?)*[^«。,，、;；]{{0,12}}?{_one('P')}(?:{titles_pattern().pattern})?"
        for m in re.finditer(rf"((?:{titled})(?:(?:[、，,和与及]|以及){titled})+)[^«。]{{0,8}}?{cue}", t.text):
            for person in t.mentions(m.group(1), "Person"):
                self.emit(t, person, "participatesIn", event, "职务姓名-发言", 0.75)
        # 参会人员：A、B、C; 主持人：D: a list of names after a label for the people at the event, the one
        # the label's block is under (as for 时间：/地点： lines), not one named after the list.
        for m in re.finditer(rf"(?:{_attendee_labels()})\s*[:：]\s*((?:{titled})(?:\s*[、，,/]\s*{titled})*)", t.text):
            stage = self.event_before(t) if m.start() == 0 else self.event_for(t, t.text[:m.start()])
            for person in t.mentions(m.group(1), "Person") if stage else ():
                self.emit(t, person, "participatesIn", stage, "参会人员", 0.75)
        if re.fullmatch(rf"{_one('P')}(?:[、，,]{_one('P')})+[。]?", t.text.strip()) and self._under_attendee_label(t):
            stage = self.event_before(t) or self.doc.main_event  # 参会人员⏎A、B、C: the label is a heading
            for person in t.mentions(t.text, "Person") if stage else ():
                self.emit(t, person, "participatesIn", stage, "参会人员", 0.75)
        for m in re.finditer(rf"(?:邀请(?:到)?|嘉宾[:：]?|出席[^«]{{0,6}}?)([^。]*?{_one('P')}[^。]*?)(?:等|出席|参加|。|$)", t.text):
            for person in t.mentions(m.group(1), "Person"):
                self.emit(t, person, "participatesIn", event, "邀请", 0.75)
        # 在2019云栖大会上，X发布了…; X在2026智源大会期间表示…: whoever speaks or releases at an event the
        # sentence places them at.
        at = re.search(r"在[^«。，,]{0,12}?(«E\d+»)" + _AT_EVENT, t.text)
        if at:
            stage = t.items[at.group(1)]
            near = r"(?:[^«。《]|«[EO]\d+»|《[^》«。]{0,40}》){0,30}?"
            act = _expand(r"(?:(?<!将)(?:正式|首次|重磅|也|还|则|曾|亦)?(?:{develops}|{launch})|{speaks})")  # 将在会上分享 is a talk
            for m in re.finditer(rf"({_one('P')}){near}(?:{act.pattern})", t.text):
                self.emit(t, t.mentions(m.group(1))[0], "participatesIn", stage, "在会上-发言发布", 0.75)
        # X出席A成立典礼及B签署仪式: at each event attended.
        events = r"«E\d+»(?:(?:[^«。，,]|«[OL]\d+»){0,12}?«E\d+»)+"
        for m in re.finditer(rf"({_many('P')})[^«。]{{0,8}}?{_cue('attends')}({events})", t.text):
            for stage in t.mentions(m.group(2), "Event"):
                for person in t.mentions(m.group(1), "Person"):
                    self.emit(t, person, "participatesIn", stage, "出席-多个活动", 0.75)
        groups = _group_nouns()
        for m in re.finditer(rf"^(.*{_one('P')})[^«。]{{0,4}}(?:等[^«。，,]{{0,8}}|{COUNTED_PEOPLE}[^«。，,]{{0,6}}?)(?:{groups})",
                             t.text):
            for person in t.mentions(m.group(1), "Person"):
                self.emit(t, person, "participatesIn", event, "等嘉宾", 0.75)
        for m in re.finditer(rf"({_one('P')}(?:[^«。]{{0,3}}{_one('P')})+)[^«。]{{0,4}}等", t.text):
            for person in t.mentions(m.group(1), "Person"):
                self.emit(t, person, "participatesIn", event, "嘉宾名单", 0.7)


# A unit inside an organisation: what the rest of a nested name must end with to be an entity of its
# own (a department or business line is an alias of its parent instead, see GUIDELINES).
_UNIT = re.compile(r"(研究院|研究所|研究生院|学院|书院|实验室|研究中心|创新中心|工程中心|中心|系|分院|分公司|子公司|医院|"
                   r"委员会|专委会|分会|工作组|研究会|基地|孵化器|联盟|社区|智库|所)$")
_DEPARTMENT = re.compile(r"(部|办公室|处|科|事业群|事业部|业务|业务线|团队|小组|集团)$")
# Where a parent's name ends inside a longer name: a university, an academy, a company, an association.
_TOP = re.compile(r"(大学|科学院|工程院|社会科学院|集团|有限公司|股份有限公司|公司|协会|学会|联合会|基金会|研究院)")


def _regional_company(rest: str) -> bool:
    """甘肃公司, 香港分公司, 上海有限公司: a place and a company word, a regional company of the group
    named before it."""
    m = re.fullmatch(r"(.{2,6}?)(?:分公司|有限公司|公司)", rest)
    if not m:
        return False
    entry = lexicon.named_entries().get(m.group(1))
    return entry is not None and entry.kind == "Place"


def nested_parent(name: str) -> tuple[str, str] | None:
    """(parent's canonical name, the parent's text in `name`) when `name` is a unit of an organisation
    it begins with: 清华大学智能产业研究院 → 清华大学; 中国科学院自动化研究所 → 中国科学院. The parent
    is the longest known organisation the name starts with, else the name up to a university's,
    academy's or company's ending; the rest must name a unit, not a department."""
    table = lexicon.named_entries()
    for size in range(len(name) - 2, 1, -1):
        entry = table.get(name[:size])
        if entry is not None and entry.kind == "Organization":
            head = name[:size]
            break
    else:
        ends = [m.end() for m in _TOP.finditer(name) if 2 <= m.end() <= len(name) - 2]
        if not ends:
            return None
        head = name[:ends[0]]
        entry = None
    rest = name[len(head):].lstrip("(（)）·- ")
    if _regional_company(rest):
        return (entry.name if entry else head), head  # 中国移动甘肃公司, 商汤科技香港公司
    if len(rest) < 2 or not _UNIT.search(rest) or _DEPARTMENT.search(rest) or rest in _LEGAL_FORMS:
        return None
    return (entry.name if entry else head), head


_LEGAL_FORMS = frozenset({"有限公司", "股份有限公司", "科技有限公司", "技术有限公司", "集团有限公司", "研究院有限公司"})


def _structural(doc: Doc) -> Iterator[Triple]:
    """Relations read off names: 中科院自动化所 ⊂ 中科院, even where 中科院 is named only there;
    百度翻译API is developed by 百度."""
    orgs: dict[str, Mention] = {}
    for m in doc.mentions:
        if m.kind == "Organization":
            orgs.setdefault(m.name, m)
    table = lexicon.named_entries()
    seen = set()
    for m in doc.mentions:
        if m.kind not in ("Organization", "Product"):
            continue
        if m.kind == "Organization" and m.source == "chain" and m.parent:
            found: tuple[str, str] | None = (m.parent, m.parent)
        elif m.kind == "Organization":
            found = nested_parent(m.text) or nested_parent(m.name) or _group_parent(m, orgs, table)
        else:
            prefix = lexicon.organisation_prefix(m.text, keep=2)
            found = (table[prefix].name, prefix) if prefix else None
        if not found or found[0] == m.name:
            continue
        parent_name, surface = found
        entry = table.get(parent_name)
        parent = orgs.get(parent_name) or Mention(
            surface, m.start, m.start + len(surface), "Organization", entry.type if entry else _org_type(parent_name),
            parent_name, entry.english if entry else None, "lexicon" if entry else "pattern")
        if (m.key, parent.key) in seen:
            continue
        seen.add((m.key, parent.key))
        sentence = doc.sentence_at(m.start)
        evidence = Evidence(sentence.text.strip(), sentence.start, sentence.end, "name-prefix", 0.8)
        if m.kind == "Organization":
            yield Triple(m, "subOrganizationOf", parent, evidence)
        else:
            yield Triple(parent, "develops", m, evidence)


def _group_parent(m: Mention, orgs: dict[str, Mention], table: dict[str, Entry]) -> tuple[str, str] | None:
    """阿里云 in an article that also names 阿里巴巴: a company's business or lab that the lexicon puts in a
    corporate group, where the article names the group too (a reader of the article knows 阿里云 is
    Alibaba's); government and academic hierarchies are not read off the lexicon."""
    entry = table.get(m.name)
    parent = table.get(entry.parent) if entry and entry.parent in orgs else None
    if parent is None or parent.type != "Company" or entry.type not in _GROUP_MEMBERS:
        return None
    return parent.name, orgs[parent.name].text


_GROUP_MEMBERS = frozenset({"Company", "ResearchInstitute"})


@component("relations")
def relations(doc: Doc) -> None:
    rules = Rules(doc)
    for sentence in doc.sentences:
        rules.run(tag(doc, sentence))
    hosted = {key[2] for key in rules.seen if key[1] == "hosts"}
    for triple in [*_structural(doc), *_named_after(doc, hosted)]:
        key = (triple.subject.key, triple.predicate, triple.object.key)
        if key not in rules.seen:
            rules.seen.add(key)
            doc.triples.append(triple)
    _lexicon_developers(doc, rules)


def _named_after(doc: Doc, hosted: set[str]) -> Iterator[Triple]:
    """Relations an event's name states: X成立大会 launches X; X峰会组委会 hosts X峰会; 华为开发者大会
    is hosted by 华为 unless the article names its hosts (`hosted`: their events' keys); X Meetup 深圳站
    is held in 深圳."""
    launch_words = ("成立活动", "成立大会", "成立仪式", "成立典礼", "揭牌仪式", "启动仪式", "成立暨")
    committees = tuple(row["word"] for row in lexicon.rows("context_words.tsv")
                       if row.get("role") == "organizing_committee")
    events = [m for m in doc.mentions if m.kind == "Event" and m.source != "coref"]
    table = lexicon.named_entries()
    orgs: dict[str, Mention] = {}
    for m in doc.mentions:
        if m.kind == "Organization":
            orgs.setdefault(m.name, m)
    for event in events:
        sentence = doc.sentence_at(event.start)
        evidence = Evidence(sentence.text.strip(), sentence.start, sentence.end, "event-name", 0.85)
        for word in launch_words:
            if word in event.name and event.name.index(word) >= 2:
                founded = event.name[:event.name.index(word)]
                org = orgs.get(founded) or Mention(founded, event.start, event.start + len(founded), "Organization",
                                       _org_type(founded), founded, None, "pattern")
                yield Triple(org, "launchedAt", event, evidence)
                break
    products = {m.name: m for m in doc.mentions if m.kind == "Product"}
    for event in events:  # 文心一言发布会, 零一万物Yi系列模型发布会: the product its launch event is named for
        head = _RELEASE_EVENT.sub("", without_edition(event.name))
        named = [p for name, p in products.items() if len(name) >= 2 and head.endswith(name)] \
            if head != event.name else []
        if named:
            s = doc.sentence_at(event.start)
            yield Triple(max(named, key=lambda p: len(p.name)), "launchedAt", event,
                         Evidence(s.text.strip(), s.start, s.end, "release-event-name", 0.8))
    by_surface = {**{m.text: m for m in orgs.values()}, **orgs}
    for event in events:
        if event.key in hosted or any(word in event.name for word in launch_words):
            continue
        owner = _owner(event.name, by_surface, table)
        if owner is not None:
            s = doc.sentence_at(event.start)
            yield Triple(owner if isinstance(owner, Mention) else Mention(
                owner.name, event.start, event.start + len(owner.name), "Organization", owner.type, owner.name,
                owner.english, "lexicon"), "hosts", event, Evidence(s.text.strip(), s.start, s.end, "named-event", 0.8))
    for org in orgs.values():
        for word in committees:
            if org.name.endswith(word) and len(org.name) > len(word) + 2:
                target = org.name[:-len(word)]
                event = next((e for e in events if target in e.name), None)
                if event:
                    s = doc.sentence_at(org.start)
                    yield Triple(org, "hosts", event,
                                 Evidence(s.text.strip(), s.start, s.end, "organizing-committee", 0.85))
    places = {m.name: m for m in doc.mentions if m.kind == "Place"}
    for event in events:  # HAMi Meetup 深圳站: a touring event's leg is held in its city
        leg = _LEG_END.search(event.name)
        entry = table.get(leg.group(1)) if leg else None
        if entry is not None and entry.kind == "Place":
            place = places.get(entry.name) or Mention(leg.group(1), event.start, event.start + len(leg.group(1)),
                                                      "Place", entry.type, entry.name, entry.english, "lexicon",
                                                      entry.parent)
            s = doc.sentence_at(event.start)
            yield Triple(event, "heldIn", place, Evidence(s.text.strip(), s.start, s.end, "event-leg", 0.8))


_RELEASE_EVENT = re.compile(r"\s*(?:全球|正式|新品|上市)?(?:发布会|发布仪式|首发仪式|发布活动|发布典礼)$")
_LEG_END = re.compile(r"([\u4e00-\u9fff]{2,3}?)站(?:[\s—–\-·]*(?:19|20)\d{2})?$")


def _owner(name: str, orgs: dict[str, Mention], table: dict[str, Entry]) -> Mention | Entry | None:
    """The organisation an event is named after (华为全联接大会, 第十届中国电子学会青年学术论坛):
    the longest organisation of the article, else of the lexicon, its name starts with after the
    year and edition. A cup (“华为杯”) names a sponsor, not a host."""
    rest = without_edition(name.lstrip("“\"「《 "))
    for size in range(len(rest) - 2, 1, -1):
        head, tail = rest[:size], rest[size:].lstrip(" ·-")
        if tail.startswith(("杯", "”杯", "\"杯")) or len(tail) < 2 or (head[-1].isascii() and tail[0].isascii()
                                                                   and tail[0].isalnum()):
            continue  # a cup names a sponsor; Intel is not the owner of Intelligence…
        if head in orgs:
            return orgs[head]
        entry = table.get(head)
        if entry is not None and entry.kind == "Organization":
            return orgs.get(entry.name) or entry
    return None


def _org_type(name: str) -> str:
    suffixes = lexicon.suffixes("org_suffixes.tsv")
    return next((suffixes[s] for s in sorted(suffixes, key=len, reverse=True) if name.endswith(s)), "Organization")


def _product_line(name: str, table: dict[str, Entry]) -> Entry | None:
    """The known product a version is of: 鸿蒙OS 4.0 → 鸿蒙OS, 文心大模型4.0 → 文心大模型."""
    for size in range(len(name) - 1, 1, -1):
        entry = table.get(name[:size].rstrip(" -"))
        if entry is not None and entry.kind == "Product" and re.fullmatch(r"[\s\-]*[Vv]?\d[\w.\-]*", name[size:]):
            return entry
    return None


def _lexicon_developers(doc: Doc, rules: Rules) -> None:
    """A product (or a version of one) and its known developer named in one sentence (华为的昇腾芯片,
    百度文心一言和…, 华为…鸿蒙OS 4.0): the sentence relates them. Named only apart, the relation would come from the lexicon, not the article
    (measured: half of those were facts no reader takes from the text)."""
    table = lexicon.named_entries()
    for product in [m for m in doc.mentions if m.kind == "Product"]:
        entry = table.get(product.name) or _product_line(product.name, table)
        if not (entry and entry.parent):
            continue
        s = doc.sentence_at(product.start)
        maker = next((m for m in doc.in_span(s.start, s.end, "Organization") if m.name == entry.parent), None)
        if maker is None:
            continue
        key = (maker.key, "develops", product.key)
        if key not in rules.seen:
            rules.seen.add(key)
            doc.triples.append(Triple(maker, "develops", product,
                                      Evidence(s.text.strip(), s.start, s.end, "lexicon-developer", 0.6)))
