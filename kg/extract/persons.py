"""People, found by pattern, never by a list of names.

A name is a surname from the lexicon plus one or two characters, accepted only where
the context marks a person: after a position (百度首席技术官王海峰), before one
(徐扬生院士), after an organisation in a list (南京大学周志华、...等著名学者), in a
list closed by a group noun (高文、于全及徐宗本等多位院士), or before a speech verb
(崔宝秋也在论坛上分享). The positions and organisations in front of a name, chained
with 、, become the person's positions and affiliations.
"""

from __future__ import annotations

import itertools
import re
from functools import cache

import jieba

from kg import lexicon
from kg.extract.pipeline import Doc, component
from kg.model import Evidence, Mention, Position, Triple

_HAN = re.compile(r"[\u4e00-\u9fff]")
_NOT_IN_GIVEN_NAME = set("某的了在是和与及等也都就还被把将对从向为以于而并或这那其该此各每个们中上下内外年月日时表指认称说示出副")
# Function words that are also common first characters of two-character given names (齐向东, 李中华, 王月明).
_FIRST_OF_TWO = set("向中月为以")
_PUNCT = set("，,。；;：:！!？?（）()“”\"《》、\n ")


@cache
def _titles() -> tuple[re.Pattern[str], dict[str, str]]:
    titles = lexicon.positions()
    pattern = re.compile("|".join(map(re.escape, sorted(titles, key=len, reverse=True))))
    return pattern, {t: e for t, (e, _) in titles.items()}


def titles_pattern() -> re.Pattern[str]:
    """Every position title of the lexicon, longest first."""
    return _titles()[0]


@cache
def _role(role: str) -> tuple[str, ...]:
    words = [row["word"] for row in lexicon.rows("context_words.tsv") if row.get("role") == role]
    return tuple(sorted(words, key=len, reverse=True))


def _starts_with(text: str, words: tuple[str, ...]) -> str | None:
    return next((w for w in words if text.startswith(w)), None)


def starts_with_title(text: str, offset: int) -> bool:
    return bool(_titles()[0].match(text, offset))


def _boundary_after(text: str, end: int, name: str = "") -> bool:
    if end >= len(text) or text[end] in _PUNCT:
        return True
    if word_tags().get(text[end:end + 2]) in _VERB_TAGS and jieba.dt.FREQ.get(text[end:end + 2], 0) > 1000:
        return True  # 周鸿祎 + 发出了: a common verb starts after the name
    if name and text.startswith(name, end):
        return True
    rest = text[end:end + 6]
    if _starts_with(rest, _role("after_name")) or _starts_with(rest, _role("speech")) or _COUNTED_GROUP.match(rest):
        return True
    title = _titles()[0].match(text, end)
    return bool(title)


def name_end(text: str, start: int, end: int) -> int:
    """Where a tagged name ends when it runs into the word after it (高慧称, 刘德音今早, 石亮则): at the
    first two or three characters, led by a surname, that a word ending a name follows."""
    span = text[start:end]
    if len(span) < 3 or not all(_HAN.match(c) for c in span) or span[:1] not in lexicon.surnames():
        return end
    for size in (2, 3):
        rest = text[start + size:end]
        if rest and (_starts_with(rest, _role("after_name")) or _starts_with(rest, _role("speech"))
                     or starts_with_title(text, start + size)):
            return start + size  # 姚涛副(教授): a title starts after the name
    return end


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
            if not _can_be_given_name(name[surname_len:]) or starts_with_title(text, start + surname_len):
                continue  # 王院长, 李教授: a surname and a title are how one addresses a person, not a name
            if given == 2 and name[-1] in "亦也还都" and text[end:end + 1] in ("是", "为", "在", "将", "有"):
                continue  # 陈立亦是: an adverb before a verb, not the name's
            if given == 2 and _is_verb(name[surname_len:]):
                continue  # 全揭晓: a surname character before a verb
            if given == 2 and _runs_into_verb(text, end - 1):
                shorter = text[start:end - 1]
                if is_common_word(shorter):
                    return None  # 全程参与: a word, then a verb
                continue  # 赵恺作为: the name's last character opens the verb after it
            if not need_boundary or _boundary_after(text, end, name):
                return name
    return None


def _is_verb(word: str) -> bool:
    """揭晓, 发展: a verb of the dictionary, no given name."""
    return jieba.dt.FREQ.get(word, 0) > 100 and word_tags().get(word) in _VERB_LIKE_TAGS


_VERB_LIKE_TAGS = frozenset({"v", "vn", "p", "c", "u"})


def _runs_into_verb(text: str, at: int) -> bool:
    """Whether a common verb or preposition (作为, 参与) starts at `at`."""
    word = text[at:at + 2]
    return jieba.dt.FREQ.get(word, 0) > 5000 and word_tags().get(word) in _FUNCTION_TAGS


def _name_between(text: str, start: int, end: int) -> str | None:
    """text[start:end] when it is a surname and a given name of one or two characters (曾丹 before 教授;
    name_at would read the longest name, 曾丹教)."""
    name = text[start:end]
    if is_common_word(name) or starts_with_title(text, start) or (len(name) == 3 and name[-1] in _VERB_AFTER_NAME):
        return None  # 高级 of 高级工程师, 党委 of 党委书记; 姚某曾 + 任…
    for surname_len in (2, 1):
        given = name[surname_len:]
        if name[:surname_len] in lexicon.surnames() and 1 <= len(given) <= 2 and all(_HAN.match(c) for c in name) \
                and _can_be_given_name(given) and not starts_with_title(text, start + surname_len):
            return name
    return None


# A post taken, held or held before (曾任, 加入, 任职于): a name before it is a person's.
CAREER = r"(?:曾经?|现|先后|此前|目前|已|后|随后)?(?:担任|出任|曾任|现任|历任|任职于|就职于|供职于|加盟|加入|入职)(?:了)?"
COUNTED_PEOPLE = r"[一二两三四五六七八九十\d]+位"  # 安波四位专家, 12位嘉宾: a count of the people just named
_COUNTED_GROUP = re.compile(COUNTED_PEOPLE)
_VERB_TAGS = frozenset({"v", "vd", "vi"})
_VERB_AFTER_NAME = frozenset("曾作面在将为是和与及等也还任")


def _can_be_given_name(given: str) -> bool:
    first_ok = given[0] not in _NOT_IN_GIVEN_NAME or (len(given) == 2 and given[0] in _FIRST_OF_TWO)
    return first_ok and all(c not in _NOT_IN_GIVEN_NAME for c in given[1:])


@cache
def word_tags() -> dict[str, str]:
    """jieba's dictionary part of speech of each word (nr person, ns place, nt organisation, ...)."""
    import jieba.posseg

    jieba.initialize()
    return jieba.posseg.dt.word_tag_tab


def _is_word(name: str) -> bool:
    """A 'name' that is a dictionary word other than a person's (金融, 管理层, 关注) is no name on
    weak evidence."""
    if name[0] in _NOT_IN_GIVEN_NAME:
        return True
    return jieba.dt.FREQ.get(name, 0) > 0 and not word_tags().get(name, "nr").startswith("nr")


# jieba's tags of ordinary words (noun, verb, adjective, abbreviation, idiom, ...): 理事长单位 and
# 成员代表 end in no name, while place-like words can be names (院士钟南山).
_COMMON_TAGS = frozenset({"n", "v", "vn", "vd", "a", "an", "ad", "b", "d", "j", "l", "i", "m", "q", "r", "p", "c", "u",
                          "t", "f", "s"})


def is_common_word(name: str) -> bool:
    """A strong context (a position right before it) still takes no ordinary word for a name."""
    tags = word_tags()  # loads jieba's dictionary first
    return jieba.dt.FREQ.get(name, 0) > 0 and tags.get(name) in _COMMON_TAGS


_FUNCTION_TAGS = frozenset({"v", "d", "p", "c", "u"})


def starts_with_function_word(name: str) -> bool:
    """包括俗, 都可: a common verb, adverb or particle at its start makes a span no person's name."""
    tags = word_tags()
    head = name[:2]
    return jieba.dt.FREQ.get(head, 0) > 1000 and tags.get(head) in _FUNCTION_TAGS


def _latin_name_at(text: str, start: int) -> str | None:
    match = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}").match(text, start)
    if match and (match.end() >= len(text) or not (text[match.end()].isascii() and text[match.end()].isalpha())):
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
            while end < len(self.text) and self.text[end] == " " and end - match.end() < 2:
                end += 1  # 记者 王小明: a byline may space the name from its title
            name = name_at(self.text, end) or _latin_name_at(self.text, end)
            if name and not self._inside_org(end) and not is_common_word(name):
                self.person(end, name, "position-name", 0.9)

    def before_titles(self) -> None:
        pattern, _ = _titles()
        kinds = lexicon.positions()
        for match in pattern.finditer(self.text):
            for size in (3, 2, 4):
                start = match.start() - size
                if start < 0 or (size == 4 and kinds[match.group()][1] == "executive"):
                    continue  # 东方算芯董事长: four characters before an executive's title name a company
                name = _name_between(self.text, start, match.start())
                if name and self._left_ok(start):
                    self.person(start, name, "name-position", 0.85)
                    break

    def bylines(self) -> None:
        """作者丨叶某, 文|张某某, 编辑：李某: a credit line's name, whatever mark sets it off."""
        credits = "|".join(map(re.escape, _role("credit")))
        for match in re.finditer(rf"(?:^|\n|\s)({credits})\s*[|丨｜:：/／]\s*", self.text):
            name = name_at(self.text, match.end())
            if name and not is_common_word(name):
                self.person(match.end(), name, "byline", 0.85)
                if match.end() in self.found:  # the credit is the person's role in the article
                    mention = self.found[match.end()][0]
                    s = self.doc.sentence_at(mention.start)
                    self.doc.positions.append(Position(mention, match.group(1), None, Evidence(
                        s.text.strip(), s.start, s.end, "byline", 0.85)))

    def after_organizations(self) -> None:
        """南京大学周志华、…等: an organisation, then a name, in a list."""
        for org in [m for m in self.doc.mentions if m.kind == "Organization"]:
            name = name_at(self.text, org.end)
            if name and self._listed(org.end + len(name)) and name not in _role("group_noun") \
                    and not starts_with_title(name, 0) and not _is_word(name):
                self.person(org.end, name, "org-name", 0.8)
            elif self.text.startswith("的", org.end):  # 真格基金的徐小平: an organisation's person
                name = name_at(self.text, org.end + 1)
                if name and not starts_with_title(name, 0) and not _is_word(name) and not is_common_word(name):
                    self.person(org.end + 1, name, "org-name", 0.8)

    def _listed(self, end: int) -> bool:
        return end < len(self.text) and self.text[end] in "、等"

    def lists(self) -> None:
        """高文、于全及徐宗本等多位院士: names in a list closed by 等 and a group noun."""
        groups = "|".join(_role("group_noun"))
        item = r"(?:[\u4e00-\u9fff]{2,6}|[A-Z][a-z]+(?: [A-Z][a-z]+){1,2})"
        pattern = re.compile(rf"({item}(?:[、，,]\s*{item}){{1,}}(?:[及和与]\s*{item})?)\s*等[^，。,；]{{0,14}}?(?:{groups})")
        for match in pattern.finditer(self.text):
            offset = match.start(1)
            for part in re.split(r"([、，,及和与]\s*)", match.group(1)):
                if part and not re.fullmatch(r"[、，,及和与]\s*", part):
                    self._list_item(offset, offset + len(part))
                offset += len(part)

    def _list_item(self, start: int, end: int) -> None:
        if self._inside_org(start) or any(m.start == start and m.end == end
                                          for m in self.doc.mentions.overlapping(start, end)):
            return
        latin = _latin_name_at(self.text, start)
        if latin and start + len(latin) == end:
            self.person(start, latin, "name-list", 0.8)
            return
        for size in (4, 3, 2):
            first = end - size
            if first < start:
                continue
            name = name_at(self.text, first, need_boundary=False)
            if name and len(name) == size and (first == start or not self._inside_org(first)) and not _is_word(name):
                if first > start and self.doc.mentions.ending_at(first):
                    return
                self.person(first, name, "name-list", 0.8)
                return

    def latin_after_titles(self) -> None:
        for match in re.finditer(r"(?<=[者家授士])([A-Z][a-z]+(?: [A-Z][a-z]+){1,2})(?=[、，,。等和与及\s]|$)", self.text):
            self.person(match.start(1), match.group(1), "title-latin-name", 0.75)

    def speakers(self) -> None:
        speech = "|".join(_role("speech"))
        pattern = re.compile(rf"(?<=[，,。；、\n的])([\u4e00-\u9fff]{{2,4}})(?:也|还|则|就|曾|亦)?(?:在[^，。,]{{1,16}}?[上中])?(?:{speech})")
        for match in pattern.finditer(self.text):
            for size in (3, 2):
                name = name_at(self.text, match.start(1), need_boundary=False)
                if name and len(name) == size and self._boundary_soft(match.start(1) + size) and not _is_word(name):
                    self.person(match.start(1), name, "name-speech", 0.7)
                    break

    def careers(self) -> None:
        """张直政曾任微软研究院…, 姚期智加入清华大学任教授: a name before a post at an organisation."""
        pattern = re.compile(rf"(?:^|(?<=[，,。；、\n]))([\u4e00-\u9fff]{{2,4}}?)(?:[^，,。；\n]{{0,6}}?)(?:{CAREER}|(以))")
        for match in pattern.finditer(self.text):
            verb_end = match.end()
            org = next((m for m in self.doc.mentions.overlapping(verb_end, verb_end + 1)
                        if m.kind == "Organization" and m.start == verb_end), None)
            if org is None or (match.group(2) and not re.match(r"[^，,。；]{1,12}的身份", self.text[org.end:])):
                continue  # 以X公司副总裁的身份: only as a post
            start = match.start(1)
            cuts = set(itertools.accumulate(len(w) for w in jieba.cut(self.text[start:start + 10], HMM=False)))
            name = name_at(self.text, start, need_boundary=False)
            if name and len(name) in cuts and not _is_word(name) and not is_common_word(name) \
                    and self._career_after(start + len(name)):
                self.person(start, name, "name-career", 0.75)

    def _career_after(self, end: int) -> bool:
        return bool(re.match(rf"[^，,。；\n]{{0,6}}?(?:{CAREER}|以)", self.text[end:end + 20]))

    def _boundary_soft(self, end: int) -> bool:
        rest = self.text[end:end + 20]
        return bool(re.match(rf"(?:也|还|则|就|曾|亦)?(?:在[^，。,]{{1,16}}?[上中])?(?:{'|'.join(_role('speech'))})", rest))

    def _left_ok(self, start: int) -> bool:
        if start == 0 or self.text[start - 1] in _PUNCT:
            return True
        if any(m.kind == "Organization" for m in self.doc.mentions.ending_at(start)):
            return True
        pattern, _ = _titles()
        return any(m.end() == start for m in pattern.finditer(self.text, max(0, start - 8), start)) or \
            self.text[start - 1] in "由的和与及"

    def _inside_org(self, offset: int) -> bool:
        return any(m.start < offset and m.kind != "Person" for m in self.doc.mentions.overlapping(offset, offset + 1))


@component("persons")
def persons(doc: Doc) -> None:
    finder = _Finder(doc)
    finder.after_titles()
    finder.before_titles()
    finder.after_organizations()
    finder.latin_after_titles()
    finder.lists()
    finder.speakers()
    finder.careers()
    finder.bylines()
    for mention, _, _ in list(finder.found.values()):
        _titled_organisation(doc, mention)
    reporters = tuple(t for t, (_, kind) in lexicon.positions().items()
                      if kind == "media" and re.search("记者|通讯员|编辑|撰稿|作者|实习生", t))
    for _, (mention, rule, confidence) in sorted(finder.found.items()):
        if mention in doc.mentions:
            _affiliations(doc, mention, rule, confidence)
            before = doc.text[max(0, mention.start - 8):mention.start]
            if before.rstrip(" |｜丨:：/／").endswith(reporters) or _credit_line().search(before):  # 文｜王某
                _outlet(doc, mention, confidence)


@cache
def _credit_line() -> re.Pattern[str]:
    """The end of a credit line before a name: 文｜, 作者：."""
    return re.compile(rf"(?:^|\n)\s*(?:{'|'.join(map(re.escape, _role('credit')))})\s*[|丨｜:：/／]\s*$")


@component("appositions")
def appositions(doc: Doc) -> None:
    """Every person's organisation given after the name, whoever found the name (rules or tagger), and
    the organisations and positions chained before the name that are not linked yet (the tagger may
    have found the name, or an organisation in the chain the rules missed)."""
    linked = {(t.subject.key, t.object.key) for t in doc.triples if t.predicate == "affiliatedWith"}
    placed = {person for person, _ in linked}
    for mention in [m for m in doc.mentions if m.kind == "Person"]:
        triples, positions = len(doc.triples), len(doc.positions)
        _affiliations(doc, mention, "tagger-position", 0.8)
        doc.triples[triples:] = [t for t in doc.triples[triples:] if (t.subject.key, t.object.key) not in linked]
        if mention.key in placed:  # a placed person gains posts at organisations new to them, no bare titles
            doc.positions[positions:] = [p for p in doc.positions[positions:]
                                         if p.organization and (p.person.key, p.organization.key) not in linked]
        _apposition(doc, mention, 0.85)


# What sets off an apposition after a name: a comma, a colon, a bracket, a dash (李明——星河科技创始人),
# after an English name in brackets (杰弗里·辛顿（Geoffrey Hinton）（谷歌副总裁…）).
_APPOSITION_OPENER = re.compile(r"(?:[(（][A-Za-z][A-Za-z .\-]{1,40}[)）])?\s*(?:[,，:：(（]|——|—|－－)\s*")
# What may open a later clause of an apposition: 现任…, 曾任… (former posts count), 也是….
_APPOSITION_LEAD = re.compile(r"(?:现任|曾任|历任|担任|兼任|同时担任|也是|亦是|还是|同时是|前|原)?")


def _apposition(doc: Doc, person: Mention, confidence: float) -> None:
    """A name, then its organisations and positions set off by a comma, a colon, brackets or a dash, clause
    by clause: 王小川，百川智能创始人兼CEO，…, 杨植麟（月之暗面创始人）…, 讲师：张伟，星河社区大使、云帆
    科技布道师 (each item of a 、 list), 周明：澜舟科技创始人，现任中国计算机学会副理事长. A clause that
    runs into another name is that name's position chain (A，星河大学教授、云帆科技顾问B，…)."""
    text = doc.text
    opener = _APPOSITION_OPENER.match(text, person.end)
    at = opener.end() if opener else len(text)
    while at < len(text):
        clause_end = at + re.search(r"[,，)）。;；\n]|$", text[at:at + 40]).start()
        if clause_end == at + 40 or doc.in_span(at, clause_end, "Person") \
                or not _apposed_clause(doc, person, _APPOSITION_LEAD.match(text, at).end(), clause_end, confidence) \
                or text[clause_end:clause_end + 1] not in ",，":
            return
        at = clause_end + 1


def _apposed_clause(doc: Doc, person: Mention, at: int, clause_end: int, confidence: float) -> bool:
    """One clause of an apposition, a 、 list of organisation + position; whether it was one."""
    text, found = doc.text, False
    while at < clause_end:
        orgs = [m for m in doc.mentions.overlapping(at, at + 2) if m.kind == "Organization" and m.start <= at + 1]
        if not orgs:
            return found
        org = orgs[0]
        item_end = text.find("、", org.end, clause_end)
        item_end = clause_end if item_end < 0 else item_end
        between = text[org.end:item_end]
        title = next((t for t in _titles()[0].finditer(between) if t.end() == len(between)), None)
        if not title:
            return found
        sentence = doc.sentence_at(person.start)
        evidence = Evidence(sentence.text.strip(), sentence.start, sentence.end, "name-apposition", confidence)
        doc.triples.append(Triple(person, "affiliatedWith", org, evidence))
        doc.positions.append(Position(person, title.group(), org, evidence))
        found = True
        at = item_end + 1
    return found


def _outlet(doc: Doc, reporter: Mention, confidence: float) -> None:
    """A reporter in a byline (新华社杭州5月9日电（记者王可欣）) works for the outlet named before it on
    its line, else, in a credit line (作者 | 王某), for the article's own outlet (`_article_outlet`): the
    guidelines affiliate reporters and editors with their outlet (not a paper's 核心作者)."""
    line_start = doc.text.rfind("\n", 0, reporter.start) + 1
    outlets = [m for m in doc.in_span(max(line_start, reporter.start - 40), reporter.start, "Organization")
               if m.type == "Media"]
    credit = "|".join(map(re.escape, _role("credit")))
    in_byline = re.search(rf"(?:^|\s|[|丨｜/])(?:{credit})\s*[|丨｜:：/／]?\s*$", doc.text[line_start:reporter.start])
    outlet = outlets[-1] if outlets else _article_outlet(doc) if in_byline else None
    if outlet and not any(t.subject == reporter and t.predicate == "affiliatedWith" for t in doc.triples[-4:]):
        sentence = doc.sentence_at(reporter.start)
        doc.triples.append(Triple(reporter, "affiliatedWith", outlet,
                                  Evidence(sentence.text.strip(), sentence.start, sentence.end, "byline", confidence)))


# Lines that name the outlet publishing an article: 公众号：InfoQ, 出品丨深网, and the account under a
# WeChat article's 原创 mark (原创 / 作者 / 极客公园).
_OUTLET_LINE = re.compile(r"^(?:公众号|出品|来源|本文来源)\s*[|丨｜:：]\s*(.+)$|^原创\n[^\n]{1,30}\n(.+)$", re.M)


def _article_outlet(doc: Doc) -> Mention | None:
    """The outlet an article's credit lines speak for: an organisation named on a 公众号/出品 line or under
    the 原创 mark, else the article's source when the text names it as an organisation."""
    head = doc.text[:2000]
    for match in _OUTLET_LINE.finditer(head):
        group = 1 if match.group(1) else 2
        orgs = doc.in_span(match.start(group), match.end(group), "Organization")
        if orgs:
            return _media_brand(orgs[0])
    source = doc.article.source
    return next((m for m in doc.mentions if m.kind == "Organization" and source and m.name == source), None)


def _media_brand(account: Mention) -> Mention:
    """财联社 of the account 财联社AI daily: an outlet's channel named after a known outlet writes for it."""
    if account.type == "Media":
        return account
    prefix = lexicon.organisation_prefix(account.text, keep=2)
    entry = lexicon.named_entries().get(prefix) if prefix else None
    if entry is None or entry.type != "Media":
        return account
    return Mention(prefix, account.start, account.start + len(prefix), "Organization", entry.type, entry.name,
                   entry.english, "lexicon", entry.parent)


_GLOSS_BEFORE = re.compile(r"[（(](?:简称|以下简称)?[“\"]?[^（()）。，,]{1,30}?[”\"]?[）)]$")
_CHAIN_STOP = set("，,。；;：:！!？?（）()“”\"《》\n")
_SCHOOL = re.compile(r"^(?!国家|中国|全国|国际|省|市).*(学院|研究生院|系|研究中心|实验室|研究所)$")
_TOP_TYPES = ("University", "Company", "ResearchInstitute", "GovernmentBody", "Association")


def _affiliations(doc: Doc, person: Mention, rule: str, confidence: float) -> None:
    """The organisations and positions chained in front of a person's name.

    The chain is split at 、 into segments, each an organisation and a position
    (北京大学常务副校长、深圳研究生院院长、中国科学院院士张锦). A segment's unit with no
    organisation of its own in its name (深圳研究生院, 科学智能学院) belongs to the chain's
    top organisation (北京大学); a committee or office (学术委员会主任) stands for the
    organisation it is part of.
    """
    text = doc.text
    start = person.start
    while start > 0 and person.start - start < 80:
        if text[start - 1] in "）)":  # 中国信息通信研究院（简称“中国信通院”）院长: a gloss inside the chain
            gloss = _GLOSS_BEFORE.search(text, max(0, start - 40), start)
            if gloss and doc.mentions.ending_at(gloss.start()):
                start = gloss.start()
                continue
        if text[start - 1] in _CHAIN_STOP:
            break
        start -= 1
    sentence = doc.sentence_at(person.start)
    pattern, _ = _titles()
    earlier = [m for m in doc.in_span(start, person.start) if m.kind == "Person"]
    if earlier:
        start = max(m.end for m in earlier)
    root: Mention | None = None
    positioned = False
    offset = start
    for segment in _segments(doc, start, person.start):
        seg_start, seg_end = offset, offset + len(segment)
        offset = seg_end
        orgs = [m for m in doc.in_span(seg_start, seg_end) if m.kind == "Organization"
                and not re.search(r"[由在与和及向对把将被]", text[m.end:seg_end])]
        titles = [t for t in pattern.finditer(text, seg_start, seg_end) if t.end() == seg_end]
        by_school = text.startswith("校党委", seg_start) or (text.startswith("校", seg_start)
                                                             and starts_with_title(text, seg_start + 1))
        school = _school_before(doc, seg_start, sentence.start) if by_school else None
        root = root or school
        if not orgs and school is not None and titles:
            orgs = [school]  # 校副校长: the university just named
        if not orgs and titles:
            orgs = _makers(doc, seg_start, seg_end)  # 腾讯混元团队研究员: the product's maker
        if not orgs:
            continue
        org = orgs[0]
        if not titles and org.end != seg_end and text[org.end:seg_end] != "的":
            continue
        org, root = _unit(doc, org, root)
        if org is None:
            continue
        evidence = Evidence(sentence.text.strip(), sentence.start, sentence.end,
                            "position-chain" if titles else "org-name", confidence)
        doc.triples.append(Triple(person, "affiliatedWith", org, evidence))
        if titles:
            doc.positions.append(Position(person, titles[-1].group(), org, evidence))
            positioned = True
    title = pattern.search(text, max(start, person.start - 12), person.start)
    if title and title.end() == person.start and not positioned and earlier and text[start] == "、" \
            and title.start() - start <= 3 and not any(m.kind == "Organization" for m in doc.in_span(start, person.start)):
        # 中国信通院院长余晓晖、副院长魏亮: a position with no organisation of its own, listed after a
        # colleague's, is at the colleague's organisation (not 、星河科技的CEO李某, words the tagger may
        # find to be an organisation later).
        kinds = lexicon.positions()
        colleague = [p for p in doc.positions if p.person == earlier[-1] and p.organization is not None
                     and p.evidence.start == sentence.start and p.title in kinds and kinds[p.title][1] != "honorary"]
        if colleague:
            evidence = Evidence(sentence.text.strip(), sentence.start, sentence.end, "position-chain", confidence)
            doc.triples.append(Triple(person, "affiliatedWith", colleague[-1].organization, evidence))
            doc.positions.append(Position(person, title.group(), colleague[-1].organization, evidence))
            positioned = True
    if not positioned and earlier and _shares_organisation(doc, earlier[-1], person):
        colleague = next(t for t in reversed(doc.triples) if t.subject == earlier[-1] and t.predicate == "affiliatedWith")
        evidence = Evidence(sentence.text.strip(), sentence.start, sentence.end, "name-title-list", confidence)
        doc.triples.append(Triple(person, "affiliatedWith", colleague.object, evidence))
        positioned = True
    if title and title.end() == person.start and not positioned:
        evidence = Evidence(sentence.text.strip(), sentence.start, sentence.end, rule, confidence)
        doc.positions.append(Position(person, title.group(), None, evidence))


def _shares_organisation(doc: Doc, colleague: Mention, person: Mention) -> bool:
    """清华大学王敏教授、李华教授: a name with its title after it, listed after a colleague's whose
    organisation is named right before the colleague's name, is at that organisation too."""
    pattern, text = _titles()[0], doc.text
    between = text[colleague.end:person.start]
    title_after = pattern.match(text, colleague.end)
    if not (title_after and between == title_after.group() + "、" and pattern.match(text, person.end)):
        return False
    return any(t.subject == colleague and t.predicate == "affiliatedWith" and t.evidence.rule == "org-name"
               and t.object.end == colleague.start for t in doc.triples)


def _segments(doc: Doc, start: int, end: int) -> list[str]:
    """A position chain cut at 、, at a 兼 that opens another organisation (阿里巴巴集团首席技术官兼
    阿里云智能总裁) and where a position runs straight into another organisation (星河学会青年委员
    云帆大学教授李明); the cuts are kept, so the pieces add up to the chain."""
    text, pieces, last = doc.text, [], start
    org_starts = {m.start for m in doc.in_span(start, end) if m.kind == "Organization"}
    title_ends = {t.end() for t in _titles()[0].finditer(text, start, end)}
    for i in range(start, end):
        opens = text[i] == "兼" and i + 1 in org_starts
        if text[i] == "、" or opens:
            pieces += [text[last:i], text[i]]
            last = i + 1
        elif i in org_starts and i in title_ends and i > last:
            pieces += [text[last:i], ""]
            last = i
    return [*pieces, text[last:end]]


_TITLE_JOINERS = "兼、&/和及"
_UNIT_END = re.compile(r"(?:事业部|事业群|BG|BU|部门|部|处|组|线|团队|办公室)$", re.IGNORECASE)


def is_unit_word(name: str) -> bool:
    """事业部, 部门: a word for a unit of an organisation, naming none."""
    return bool(_UNIT_END.fullmatch(name))


_MODIFIER_TAGS = frozenset({"a", "b", "d", "ad", "f"})
_LATIN_NAME_END = re.compile(r"[A-Z][A-Za-z0-9.&-]*(?: [A-Z][A-Za-z0-9.&-]*){0,3}$")


@cache
def _not_a_company_end() -> tuple[str, ...]:
    """An organisation suffix the suffix finder did not take (该公司, 公司) or a kind of product (大模型负责人)."""
    words = set(lexicon.suffixes("org_suffixes.tsv")) | set(_role("product_noun")) | set(_role("venue"))
    return tuple(sorted(words, key=len, reverse=True))


def _titled_organisation(doc: Doc, person: Mention) -> None:
    """星河智能创始人兼CEO刘文涛: the words before an executive's title name the company, even one
    that no lexicon or suffix knows."""
    from kg.extract.names import is_generic, left_edge

    text, pattern = doc.text, _titles()[0]
    kinds = lexicon.positions()
    first, start = None, person.start
    while True:
        title = next((t for t in pattern.finditer(text, max(0, start - 12), start) if t.end() == start), None)
        if title is None:
            break
        first, start = title, title.start()
        if start > 0 and text[start - 1] in _TITLE_JOINERS:
            start -= 1
        else:
            break
    if first is None or kinds[first.group()][1] != "executive":
        return
    start = first.start()
    sentence = doc.sentence_at(start)
    floor = max([sentence.start] + [m.end for m in doc.in_span(sentence.start, start)]
                + [i + 1 for i in range(max(sentence.start, start - 14), start) if text[i] in _CHAIN_STOP | {"、"}])
    if any(m.end > floor for m in doc.mentions.overlapping(floor, start)):
        return
    latin = _LATIN_NAME_END.search(text, floor, start)
    begin = latin.start() if latin else left_edge(text, start, floor)
    name = text[begin:start]
    words = [w for w in jieba.cut(name, HMM=False) if w.strip()]
    if not words or (begin > 0 and text[begin - 1] in "与和及") or is_common_word(name):
        return  # ICT产品与解决方案总裁: a business line, not a company
    if not (2 <= len(name) <= 12) or is_generic(name, places_name_nothing=True) or name.endswith(_not_a_company_end()) \
            or _UNIT_END.search(name) or word_tags().get(words[-1]) in _MODIFIER_TAGS \
            or any(word_tags().get(w) in ("v", "m", "r") for w in words):
        return  # 高级 of 高级产品经理, 事业部 of a company, 一位, 该: no company's name
    doc.add(Mention(name, begin, start, "Organization", "Company", name, None, "title"))


def _school_before(doc: Doc, offset: int, floor: int) -> Mention | None:
    """The university that 校 (校副校长, 校党委书记) stands for: the last one named in the sentence."""
    schools = [m for m in doc.in_span(floor, offset, "Organization") if m.type == "University"
               and m.source != "chain" and not _SCHOOL.search(m.name)]
    return schools[-1] if schools else None


def _makers(doc: Doc, start: int, end: int) -> list[Mention]:
    """The organisations behind the products a position's segment names (百度文心一言团队负责人,
    腾讯混元青云计划研究员)."""
    return [maker for product in doc.in_span(start, end, "Product") if (maker := maker_in_name(product))]


def maker_in_name(product: Mention) -> Mention | None:
    """The company a product is named after (腾讯混元 → 腾讯), from the lexicon, as a mention at the
    product's start."""
    prefix = lexicon.organisation_prefix(product.text)
    if prefix is None:
        return None
    entry = lexicon.named_entries()[prefix]
    return Mention(prefix, product.start, product.start + len(prefix), "Organization", entry.type, entry.name,
                   entry.english, "lexicon", entry.parent)


def _unit(doc: Doc, org: Mention, root: Mention | None) -> tuple[Mention | None, Mention | None]:
    """The organisation a chain segment names, and the chain's top organisation after it."""
    table = lexicon.named_entries()
    governance = _role("governance_unit")
    inner = next((org.text[:n] for n in range(len(org.text) - 1, 1, -1) if org.text[:n] in table
                  and table[org.text[:n]].kind == "Organization"), None)
    if org.source == "suffix" and any(org.name.endswith(g) for g in governance):
        if inner:
            entry = table[inner]
            replacement = Mention(inner, org.start, org.start + len(inner), "Organization", entry.type, entry.name,
                                  entry.english, "lexicon", entry.parent)
            doc.mentions.replace(org, replacement)
            return replacement, root or replacement
        return root, root
    if inner and table[inner].type in _TOP_TYPES:
        entry = table[inner]
        root = Mention(inner, org.start, org.start + len(inner), "Organization", entry.type, entry.name,
                       entry.english, "lexicon", entry.parent)
    elif org.source == "suffix" and root is not None and _SCHOOL.search(org.name) \
            and not org.name.startswith(root.name):
        composed = Mention(org.text, org.start, org.end, "Organization", org.type, root.name + org.name,
                           None, "chain", root.name)
        doc.mentions.replace(org, composed)
        doc.aliases.setdefault(composed.key, set()).add(org.text)
        return composed, root
    if root is None and org.type in _TOP_TYPES:
        root = org
    return org, root
