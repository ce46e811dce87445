"""A learned entity tagger: a character CRF over each sentence, with the rules' findings as features.

The rules find what their patterns and lexicons know, precisely; the tagger learns from the
development gold how names look where no rule fires (a speaker's name with no title, a
product with a version, a venue). Each character gets BIO tags for the five kinds; its
features are the characters around it, jieba's word boundaries, the lexicons (titles before
and after, name suffixes, surnames, cue words) and the rule mention covering it. The tagger's
spans are then merged with the rules' mentions by `merge`.

`features` is shared with `kg.train`, which fits the model on the same features.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import jieba

from kg import lexicon
from kg.extract.domain import in_domain
from kg.extract.names import EDITION_COUNT, after_titles, full_form, product_nouns, role_words, subclass
from kg.extract.persons import is_common_word, is_unit_word, name_end, starts_with_function_word, word_tags
from kg.extract.pipeline import Doc, Mentions, component
from kg.model import Mention

KIND_TAG = {"Organization": "ORG", "Person": "PER", "Event": "EVT", "Place": "LOC", "Product": "PRD"}
TAG_KIND = {tag: kind for kind, tag in KIND_TAG.items()}
_MAX_CHUNK = 160
_CLAUSE = re.compile(r"[,，、:：]")


def chunks(doc: Doc) -> Iterator[tuple[int, int]]:
    """Sentence spans, long ones cut at a clause mark so that no chunk is much over 160 characters."""
    for sentence in doc.sentences:
        start, end = sentence.start, sentence.end
        while end - start > _MAX_CHUNK:
            cut = None
            for match in _CLAUSE.finditer(doc.text, start + 40, start + _MAX_CHUNK):
                cut = match.end()
            cut = cut or start + _MAX_CHUNK
            yield start, cut
            start = cut
        if doc.text[start:end].strip():
            yield start, end


def _char_class(ch: str) -> str:
    if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf":
        return "H"
    if ch.isascii():
        if ch.isdigit():
            return "D"
        if ch.isalpha():
            return "U" if ch.isupper() else "L"
        return "S" if ch.isspace() else "P"
    return "D" if ch.isdigit() else "P"


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    def union(words) -> re.Pattern[str]:
        return re.compile("|".join(map(re.escape, sorted(set(words), key=len, reverse=True))))

    cues = lexicon.cues()
    context = lexicon.rows("context_words.tsv")
    return {
        "title": union(lexicon.positions()),
        "org": union(lexicon.suffixes("org_suffixes.tsv")),
        "event": union(lexicon.suffixes("event_suffixes.tsv")),
        "speech": union([*cues.get("speaks", ()), *cues.get("opinion", ()),
                         *(r["word"] for r in context if r.get("role") == "speech")]),
        "after": union(r["word"] for r in context if r.get("role") in ("after_name", "group_noun")),
        "stop": union(r["word"] for r in context if r.get("role") in ("left_stop", "determiner") and len(r["word"]) > 1),
        "product": union(r["word"] for r in context if r.get("role") in ("product_noun", "product_hint")),
    }


_MARGIN = 40  # characters read beyond a chunk on each side, for words and suffixes across its edges


def _marks(doc: Doc, start: int, end: int) -> list[list[str]]:
    """The lexicon and rule features of each character of [start, end).

    Word families mark where one of their words starts or ends next to a character (a title just
    before it, a name suffix just after it, a speech verb next, ...); an event or organisation
    suffix also marks the characters before it, by distance; the rules' mention covering a
    character gives its kind, its position and the rule's source. Computed chunk by chunk over a
    window a little wider than the chunk, so that memory does not grow with the article.
    """
    lo, hi = max(0, start - _MARGIN), min(len(doc.text), end + _MARGIN)
    window = doc.text[lo:hi]
    marks: list[list[str]] = [[] for _ in range(end - start)]
    patterns = _patterns()

    def put(offset: int, feature: str) -> None:  # offset in the window
        at = offset + lo - start
        if 0 <= at < len(marks):
            marks[at].append(feature)

    for match in patterns["title"].finditer(window):
        put(match.end(), "title<")
        put(match.start() - 1, "title>")
        put(match.start(), "title0")
    for family, reach in (("org", 12), ("event", 30)):
        for match in patterns[family].finditer(window):
            last = match.end() - 1
            put(last, family[:3] + "end")
            for offset in range(max(0, last - reach), last):
                distance = last - offset
                bucket = "1" if distance <= 2 else "4" if distance <= 4 else "8" if distance <= 8 else "far"
                feature = family[:3] + "+" + bucket
                at = offset + lo - start
                if 0 <= at < len(marks) and (not marks[at] or marks[at][-1] != feature):
                    marks[at].append(feature)
    for family, feature in (("speech", "speech>"), ("after", "after>")):
        for match in patterns[family].finditer(window):
            put(match.start() - 1, feature)
    for match in patterns["stop"].finditer(window):
        put(match.end(), "stop<")
        put(match.start() - 1, "stop>")
    for match in patterns["product"].finditer(window):
        put(match.start() - 1, "prod>")
        put(match.end() - 1, "prodend")
    single, double = _surnames()
    text = doc.text
    for i in range(start, end):
        if text[i] in single:
            marks[i - start].append("sur1")
        if text[i:i + 2] in double:
            marks[i - start].append("sur2")
    for m in doc.mentions.overlapping(start - 1, end + 1):
        tag, source = KIND_TAG[m.kind], m.source[:3]
        for i in range(m.start, m.end):
            position = "B" if i == m.start else "I"
            if start <= i < end:
                marks[i - start] += ["r=" + position + tag + source, "rk=" + position + tag]
            if start <= i - 1 < end:
                marks[i - 1 - start].append("r+1=" + position + tag)
            if start <= i + 1 < end:
                marks[i + 1 - start].append("r-1=" + position + tag)
    return marks


@cache
def _surnames() -> tuple[frozenset[str], frozenset[str]]:
    names = lexicon.surnames()
    return frozenset(n for n in names if len(n) == 1), frozenset(n for n in names if len(n) == 2)


def doc_features(doc: Doc) -> Iterator[tuple[int, int, list[list[str]]]]:
    """(start, end, features per character) for every chunk of the article, one chunk at a time."""
    for start, end in chunks(doc):
        yield start, end, _chunk_features(doc.text, start, end, _marks(doc, start, end))


def _chunk_features(text: str, start: int, end: int, marks: list[list[str]]) -> list[list[str]]:
    chunk = text[start:end]
    n = len(chunk)
    padded = "^^" + chunk + "$$"
    classes = [_char_class(c) for c in chunk]
    per_word: list[tuple[str, ...]] = [()] * n  # the word-level features of each character
    words = list(jieba.cut(chunk, HMM=True))
    tags = word_tags()
    offset = 0
    for number, word in enumerate(words):
        size = len(word)
        previous = words[number - 1] if number else "^"
        following = words[number + 1] if number + 1 < len(words) else "$"
        tag = tags.get(word, "new" if size > 1 else "")
        shared = ("wt=" + tag, "w=" + word if size <= 6 or (word.isascii() and size <= 20) else "w=long")
        if word.isascii() and word.strip():
            shared += ("ws=" + _shape(word),)
        for k in range(size):
            position = "S" if size == 1 else "B" if k == 0 else "E" if k == size - 1 else "M"
            extra = ("wp=" + position,)
            if k == 0:
                extra += ("w-1=" + (previous if len(previous) <= 6 else previous[-2:]),)
            if k == size - 1:
                extra += ("w+1=" + (following if len(following) <= 6 else following[:2]),)
            per_word[offset + k] = shared + extra
        offset += size
    quoted = _inside_quotes(chunk)
    feats = []
    for i in range(n):
        j = i + 2
        f = [
            "c=" + padded[j], "c-1=" + padded[j - 1], "c+1=" + padded[j + 1], "c-2=" + padded[j - 2],
            "c+2=" + padded[j + 2], "b-1=" + padded[j - 1:j + 1], "b+1=" + padded[j:j + 2], "b-2=" + padded[j - 2:j],
            "b+2=" + padded[j + 1:j + 3], "t=" + padded[j - 1:j + 2],
            "k=" + classes[i], "k-1=" + (classes[i - 1] if i else "^"), "k+1=" + (classes[i + 1] if i + 1 < n else "$"),
            *per_word[i], *marks[i],
        ]
        if quoted[i]:
            f.append("q=" + quoted[i])
        feats.append(f)
    return feats


def _shape(word: str) -> str:
    """DeepSeek-V3 → Xx-X9: runs of upper, lower, digit and other, each once."""
    shape = []
    for ch in word:
        kind = "X" if ch.isupper() else "x" if ch.islower() else "9" if ch.isdigit() else ch
        if not shape or shape[-1] != kind:
            shape.append(kind)
    return "".join(shape)[:8]


_OPEN = {"“": "”", "「": "」", "《": "》", "『": "』"}


def _inside_quotes(chunk: str) -> list[str]:
    """Which characters sit inside quotes or title marks (“…” 「…」 《…》), by the mark."""
    out = [""] * len(chunk)
    i = 0
    while i < len(chunk):
        close = _OPEN.get(chunk[i])
        if close:
            j = chunk.find(close, i + 1)
            if 0 < j - i <= 40:
                for k in range(i + 1, j):
                    out[k] = chunk[i]
                i = j
        i += 1
    return out


def spans(labels: list[str], offset: int) -> Iterator[tuple[int, int, str]]:
    """BIO labels to (start, end, kind); an I without its B starts a span too."""
    start, tag = None, None
    for i, label in enumerate([*labels, "O"]):
        if label.startswith("I-") and tag == label[2:]:
            continue
        if start is not None:
            yield offset + start, offset + i, TAG_KIND[tag]
            start, tag = None, None
        if label != "O":
            start, tag = i, label[2:]


@component("tagger")
def tagger(doc: Doc) -> None:
    """The model's spans, each standing when the model is sure enough of every character of it (the
    bar per kind in `kg/models/entities.tsv`: cross-validated, it trades a little recall on
    organisations and products, the kinds the model over-finds, for precision)."""
    model = doc.models.tagger("entities")
    if model is None or not in_domain(doc):
        return
    bar = doc.models.span_thresholds()
    found, unsure = [], []
    for start, _, feats in doc_features(doc):
        labels = model.tag(feats)
        for first, last, kind in spans(labels, start):
            sure = kind not in bar or min(model.marginal(labels[i - start], i - start)
                                          for i in range(first, last)) >= bar[kind]
            (found if sure else unsure).append((first, last, kind))
    merge(doc, found, unsure)


_EDGE = " \t,，、:：;；.。!！?？“”\"'‘’「」『』《》()（）[]【】|-—·"
# Rule mentions that stand even where the tagger saw nothing: names from the lexicon of kinds the
# tagger is weak on, names composed from a chain of units, and pointers to the main event.
_RULE_KEPT = {("Product", "lexicon"), ("Event", "lexicon"), ("Product", "pattern"), ("Organization", "chain"), ("Event", "coref"),
              ("Organization", "coref"), ("Person", "pattern")}


_PAIRS = {"》": "《", "”": "“", "」": "「", "』": "『"}


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """A span without the punctuation and spaces at its edges; a closing bracket stays when the span
    opens it (论坛(第三期)), and an opening one just before the span is taken in when the span closes
    it (《…指南》编制启动仪式)."""
    while start < end and text[start] in _EDGE:
        start += 1
    for closing, opening in _PAIRS.items():
        if start > 0 and text[start - 1] == opening and text.count(closing, start, end) > text.count(opening, start, end):
            start -= 1
    while end > start and text[end - 1] in _EDGE:
        if text[end - 1] in ")）" and _open_brackets(text[start:end - 1]) > 0:
            break
        end -= 1
    return start, end


def _product_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """A product's name without the words around it that describe it: 自研/全新 before it, 开发商/团队
    after it, and a description of common words ending in a kind of product before a Latin name
    (向量数据库Tencent Cloud VectorDB, API网关Higress; not 理想 of 理想 L9)."""
    leads, tails = _product_trims()
    lead = next((w for w in leads if text.startswith(w, start)), "")
    if end - start - len(lead) >= 2:
        start += len(lead)
    tail = next((w for w in tails if text.endswith(w, start, end)), "")
    if end - start - len(tail) >= 2:
        end -= len(tail)
    described = _DESCRIBED_LATIN.fullmatch(text, start, end)
    if described and _a_description(described.group(1)):
        start = described.start(2)
    return start, end


@cache
def _product_trims() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words a product's name never starts or ends with, longest first."""
    return tuple(sorted(role_words("product_lead"), key=len, reverse=True)), \
        tuple(sorted(role_words("product_tail"), key=len, reverse=True))


def _a_description(words: str) -> bool:
    """向量数据库, API网关: dictionary words (or generic ones) ending in a kind of product, with no known
    name inside."""
    table, generic = lexicon.named_entries(), role_words("generic")
    if any(words[i:j] in table for i in range(len(words)) for j in range(i + 2, len(words) + 1)):
        return False
    cut = list(jieba.cut(words, HMM=False))
    return cut[-1] in _product_kind_words() and all(is_common_word(w) or w in generic for w in cut)


@cache
def _product_kind_words() -> frozenset[str]:
    """大模型, 数据库, 网关: words for a kind of product, what a description before a name ends with."""
    return frozenset(product_nouns()) | role_words("product_hint")


_DESCRIBED_LATIN = re.compile(r"((?:[A-Z]{2,4})?[\u4e00-\u9fff]{2,8})\s*([A-Za-z][A-Za-z0-9 ._\-]*[A-Za-z0-9])")


def _open_brackets(span: str) -> int:
    return span.count("(") + span.count("（") - span.count(")") - span.count("）")


# Function words (jieba's tags: prepositions, conjunctions, particles, adverbs, pronouns) and the verb
# 有 end a product's name before them: 鸿蒙4就将… is 鸿蒙4, 腾讯混元和… is 腾讯混元. (Measured: the
# same cut loses more organisation and person names than it mends.)
_CLAUSE_TAGS = ("p", "c", "u", "d", "r", "y", "e")


def _clause_end(text: str, start: int, end: int) -> int:
    tags = word_tags()
    offset = start
    for word in jieba.cut(text[start:end], HMM=False):
        tag = tags.get(word, "")
        if offset > start and (word == "有" or (tag.startswith(_CLAUSE_TAGS) and not word.isascii())):
            return offset
        offset += len(word)
    return end


@cache
def _leading_stops() -> frozenset[str]:
    return frozenset(row["word"] for row in lexicon.rows("context_words.tsv")
                     if row.get("role") in ("left_stop", "determiner"))


def _lead_words_off(text: str, start: int, end: int) -> int:
    """A name starts after the words no name starts with (图为, 由, 这场 …), as the rules' names do:
    a stop of two characters or more wherever the span starts with it, one of one character when
    it is the span's first word."""
    for _ in range(2):
        span = text[start:end]
        first = next(iter(jieba.cut(span, HMM=False)), "")
        long = next((w for w in _long_leading_stops() if span.startswith(w)), None)
        cut = long or (first if first in _leading_stops() else None)
        if cut and _known_at_start(span, len(cut)):
            break  # 前海 of 前海国际事务研究院: a known name that starts with a stop word
        if cut and end - start - len(cut) >= 2:
            start += len(cut)
        else:
            break
    return start


def _known_at_start(span: str, size: int) -> bool:
    """Whether the span's first `size` + 1 characters open a lexicon name (前海 of 前海合作区): the stop
    word of `size` characters is then the start of a name."""
    return span[:size + 1] in _name_openings()


@cache
def _name_openings() -> frozenset[str]:
    return frozenset(name[:n] for name in lexicon.named_entries() for n in range(2, min(len(name), 4) + 1))


_LEADING_DATE = re.compile(r"(?:\d{4}\s*年\s*)?(?:\d{1,2}\s*月\s*)?(?:\d{1,2}\s*[日号])?")


def _after_titles_and_dates(text: str, start: int, end: int) -> int:
    """An organisation's name starts after a date and after the last position title inside the span
    (2013年赴X大学, 评委代表X中心, 委员X公司): a title is a person's, not part of the name, unless a
    unit word follows it (委员会, 主任办公室)."""
    date = _LEADING_DATE.match(text, start)
    if date and date.end() > start and end - date.end() >= 2:
        start = _lead_words_off(text, date.end(), end)
    cut = after_titles(text, start, end, keep=4)
    return _lead_words_off(text, cut, end) if cut > start else start


def _after_determiners(text: str, start: int, end: int) -> int:
    """龙虾Hermes后首场智能体大会 is 智能体大会: an event's name starts after a determiner or a
    stop word of two characters or more inside the span (conjunctions join topics, so they stay)."""
    stops = {w for w in _leading_stops() if len(w) > 1 and w != "以及"} | role_words("determiner")
    offset, cut = start, start
    for word in jieba.cut(text[start:end], HMM=False):
        offset += len(word)
        if word in stops and end - offset >= 4:
            cut = offset
    return cut


_QUOTED_NAME = re.compile(r"[“「\"]([^“”「」\"]{2,20})[”」\"](\S{1,6})")
_UNCLOSED_NOTE = re.compile(r"\s*[(（]([^()（）]{1,40})$")


def _close_or_cut_note(text: str, start: int, end: int) -> int:
    """An organisation's span that opens a bracket it does not close: a Latin short form is an alias
    (中国计算机学会(CCF), cut before it); other words are part of the name (香港中文大学（深圳, closed)."""
    note = _UNCLOSED_NOTE.search(text, start, end)
    if note is None:
        return end
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9 .&\-]*", note.group(1)):
        return note.start()
    return end + 1 if text[end:end + 1] in (")", "）") else note.start()
_NOTE_AT_END = re.compile(r"\s*[(（](?![^()（）]*第[\d一二三四五六七八九十百]+[期届次])[^()（）]{1,40}[)）]?$")
_AT_ANOTHER = re.compile(r"(?:上|期间)[^的，,。]{0,8}的")


def _names_a_known_event(words: str) -> bool:
    table = lexicon.named_entries()
    return any(words[i:] in table and table[words[i:]].kind == "Event" for i in range(len(words) - 1))


def _event_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """An event's span without a note in brackets at its end (2026中国AI智能体大会（AgenticAICon 2026）:
    the acronym is an alias, which the rules record) and with the 第 of an edition the span cut off
    (第 + 五届人工智能算法挑战赛), but not a count of editions (已举办五届…挑战赛), nor what happened at a
    known event before the name (WAIC上爆火的…论坛). An edition in brackets (（第二期）) is part of the name."""
    note = _NOTE_AT_END.search(text, start, end)
    if note and note.start() - start >= 2:
        end = note.start()
    at = _AT_ANOTHER.search(text, start, end)
    if at and _names_a_known_event(text[start:at.start()]) and end - at.end() >= 4:
        start = at.end()  # 这届WAIC上爆火的具身智能论坛: what happened at a known event, then the name
    count = EDITION_COUNT.match(text, start)
    if count and start > 0 and text[start - 1] == "第":
        start -= 1
    elif count and end - count.end() >= 4:  # 举办五届人工智能挑战赛: a count of editions, not one
        start = count.end()
    return start, end


@cache
def _long_leading_stops() -> tuple[str, ...]:
    return tuple(sorted((w for w in _leading_stops() if len(w) > 1), key=len, reverse=True))


def merge(doc: Doc, found: list[tuple[int, int, str]], unsure: list[tuple[int, int, str]] = ()) -> None:
    """The tagger's spans and the rules' mentions as one set of mentions.

    Where both name the same span the rule's mention stands (it carries the lexicon's canonical
    name). A tagger span that covers rule mentions replaces them, and the lexicon organisations
    inside it stay as nested entities (清华大学 inside 清华大学智能产业研究院, 华为 inside
    华为开发者大会); a product line inside a versioned name (GLM inside GLM-5) or a city inside a
    name is no entity of its own. A tagger span inside a
    rule mention, or crossing one, gives way. Rule mentions the tagger did not touch stand only
    where the rules are precise (`_RULE_KEPT`); a span the model is `unsure` of is not kept but
    touches the rule mentions under it.
    """
    text = doc.text
    rules = list(doc.mentions)
    touched: set[Mention] = {m for start, end, _ in unsure for m in doc.mentions.overlapping(start, end)}
    merged = Mentions()
    for start, end, kind in found:
        start, end = trim(text, start, end)
        if kind in ("Organization", "Product", "Event"):
            start = _lead_words_off(text, start, end)
        if kind == "Organization":
            start = _after_titles_and_dates(text, start, end)
            end = _close_or_cut_note(text, start, end)
        if kind == "Product":
            start, end = _product_edges(text, start, _clause_end(text, start, end))
            quoted = _QUOTED_NAME.fullmatch(text, start, end)
            if quoted and quoted.group(2) in product_nouns():
                start, end = quoted.span(1)  # “天枢”平台: the quoted name, as the rules read it
        if end - start < 2:
            continue
        if kind == "Event":
            start, end = _event_edges(text, _after_determiners(text, start, end), end)
        if kind == "Organization" and (text[start:end] in lexicon.suffixes("org_suffixes.tsv")
                                       or is_unit_word(text[start:end])):
            continue  # 事业部, 研究院: the kind of an organisation alone names none
        if kind == "Event" and (not looks_like_event(text[start:end]) or _bare_event_word(text[start:end])):
            continue  # 孙东称体现…枢纽, 上海世博展览馆b2层会议室: no event's name ends so; 仪式 names none
        if kind == "Person":
            end = name_end(text, start, end)
            half = (end - start) // 2
            if (end - start) % 2 == 0 and half >= 2 and text[start:start + half] == text[start + half:end]:
                end = start + half  # 王恩东王恩东: a name glued to its repeat (a caption, then the text)
        if kind == "Person" and (is_common_word(text[start:end]) or starts_with_function_word(text[start:end])):
            continue  # 董事局, 包括俗: a word or a clause, not a name
        overlapping = doc.mentions.overlapping(start, end)
        touched.update(overlapping)
        if any(m.start <= start and end <= m.end for m in overlapping):
            continue  # the same span as a rule mention, or inside one
        if any(m.start < start or m.end > end for m in overlapping):
            continue  # crossing a rule mention
        doc.nested.extend(m for m in overlapping if m.source == "lexicon" and m.kind == "Organization")
        merged.add(_mention(text, start, end, kind))
    for m in rules:
        inside_tagged = merged.overlapping(m.start, m.end)
        if inside_tagged:
            continue
        if m in touched or (m.kind, m.source) in _RULE_KEPT:
            merged.add(m)
    doc.mentions = merged
    doc.confirmed = {m.key for m in merged}


# What may follow an event word at the end of a name: a note in brackets (closed or cut off by the
# span), a year, an edition (・第二期), a city's leg (——2024).
_EVENT_TAIL = re.compile(r"(?:\s*[(（][^()（）]*[)）]?|[\s·・\-—–]*第?[\d一二三四五六七八九十百]+[年届期次]?|[\s·・\-—–]+)$")


def _bare_event_word(name: str) -> bool:
    """仪式, 大会, 启动仪式: an event word alone names no event."""
    return (len(name) < 2 or name in lexicon.suffixes("event_suffixes.tsv") or name in role_words("event_head")
            or name in role_words("bare_event"))


def looks_like_event(name: str) -> bool:
    """An event's name ends with an event word (大会, 论坛, 挑战赛, 开幕礼, 上海站) once a note in brackets
    and a trailing year or edition are set aside, or it is written in Latin letters (CVPR, KubeCon)."""
    core = name.strip()
    for _ in range(3):
        core = _EVENT_TAIL.sub("", core) or core
    if not re.search(r"[\u4e00-\u9fff]", core):
        return bool(re.search(r"[A-Za-z]{2}", core))
    return core.endswith(tuple(role_words("event_head"))) or core.endswith(tuple(lexicon.suffixes("event_suffixes.tsv")))


def _mention(text: str, start: int, end: int, kind: str) -> Mention:
    surface = text[start:end]
    entry = lexicon.named_entries().get(surface)
    if entry is not None and entry.kind == kind:
        return Mention(surface, start, end, kind, entry.type, entry.name, entry.english, "lexicon", entry.parent)
    name = full_form(surface) if kind == "Organization" else surface
    return Mention(surface, start, end, kind, subclass(surface, kind), name, None, "tagger")
