"""Normalise stage: a `Document` becomes a clean `Article`.

Traditional Chinese becomes Simplified, but only when the text is detected as
Traditional, and characters of lexicon names survive the conversion (OpenCC turns
昇腾 into 升腾). Full-width ASCII becomes half-width; the inline pinyin that some
converters leave behind (新華網(wǎng)) goes; so do HTML entities and boilerplate lines.
"""

from __future__ import annotations

import hashlib
import html
import re
from functools import cache
from urllib.parse import urlsplit

import opencc

from kg import lexicon
from kg.model import Article, Document

_TRADITIONAL_SHARE = 0.04
_PINYIN = re.compile(
    r"\((?=[^)]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,7}"
    r"(?:\s+[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{1,7})*\)"
)
_CJK = r"\u3400-\u9fff\uf900-\ufaff"
# Spaces between Chinese and Latin or digits (11 月 16 日, RISC-V 国际基金会) only set the scripts apart:
# names are written both ways, and the lexicon without them.
_SPACE_IN_CJK = re.compile(rf"(?<=[{_CJK}\w])[ \t\u00a0]+(?=[{_CJK}])|(?<=[{_CJK}])[ \t\u00a0]+(?=\w)")
_SOURCE = re.compile(r"^\(?(?:文章来源|来源)[:：]\s*([^\s)]{2,20})\)?$")
_HAN = re.compile(rf"[{_CJK}]")
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@cache
def _protected() -> frozenset[str]:
    """Characters of lexicon names that OpenCC would change but that the names need."""
    convert = _t2s().convert
    chars = {ch for surface in lexicon.named_entries() for ch in surface if convert(ch) != ch}
    return frozenset(chars)


@cache
def _boilerplate() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(row["pattern"]) for row in lexicon.rows("boilerplate.tsv"))


def is_traditional(text: str) -> bool:
    """Traditional when a noticeable share of Han characters change under t2s."""
    han = _HAN.findall(text)
    if not han:
        return False
    sample = "".join(han[:20000])
    changed = sum(1 for a, b in zip(sample, _t2s().convert(sample), strict=False) if a != b)
    return changed / len(sample) >= _TRADITIONAL_SHARE


def to_simplified(text: str) -> str:
    """t2s that keeps characters lexicon names rely on (昇 in 昇腾)."""
    converted = _t2s().convert(text)
    if len(converted) != len(text):
        return "\n".join(to_simplified(line) for line in text.split("\n")) if "\n" in text else converted
    keep = _protected()
    return "".join(o if o in keep else c for o, c in zip(text, converted, strict=True))


# Markdown that readers leave in the text: images and bare links go, a link keeps its words, and
# heading, quote and list marks and emphasis go, so names and evidence sentences read as prose.
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_MD_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\s]*\)")
_URL = re.compile(r"(?:https?|ftp)://[^\s\u3000-\u303f\uff00-\uffef“”‘’「」()]+|www\.[A-Za-z0-9.-]+\.[a-z]{2,}\S*")
_MD_PREFIX = re.compile(r"^(?:#{1,6}\s+|>\s*|[-*+•]\s+)+")
_MD_EMPHASIS = re.compile(r"\*\*|__|~~|`")
_MD_RULE = re.compile(r"^(?:[-*_=]\s*){3,}$")


def strip_markdown(line: str) -> str:
    if _MD_RULE.match(line):
        return ""
    line = _MD_IMAGE.sub("", line)
    line = _MD_LINK.sub(r"\1", line)
    line = _URL.sub("", line)
    return _MD_EMPHASIS.sub("", _MD_PREFIX.sub("", line))


def clean_line(line: str) -> str:
    line = html.unescape(line).translate(_FULLWIDTH)
    line = strip_markdown(line.strip())
    line = _PINYIN.sub("", line)
    line = _SPACE_IN_CJK.sub("", line)
    return " ".join(line.split())


def normalise_text(text: str, traditional: bool, blocks: bool = False) -> tuple[str, str | None]:
    """Clean text with one paragraph per line, and the source named in a 来源 line if any. The lines of
    a web page's blocks are never taken for a post's phrases (see `_rejoin`)."""
    if traditional:
        text = to_simplified(text)
    paragraphs, source = [], None
    for raw in text.splitlines():
        line = clean_line(raw)
        if not line:
            continue
        found = _SOURCE.match(line)
        if found and source is None:
            source = found.group(1)
        if any(pattern.search(line) for pattern in _boilerplate()):
            continue
        paragraphs.append(line)
    return "\n".join(_rejoin(paragraphs, phrases=not blocks)), source


_FINAL = re.compile(r"(?:[。！？!?；;：:」”』…]|[。！？!?][）)])$")  # a bracket closes a note, not a sentence
_OPEN_END = re.compile(r"[,，、由在将与和及为是被对以从向把]$")
_CLOSING_START = re.compile(r"^[,，、。；;！？!?)）」”』]")
# A field (时间：…, 地点：…), a section number (01, 二、) or a photo caption (▲…) stands on its own line.
_SEPARATE = re.compile(r"^(?:[^\s:：]{1,6}[:：]|[0-9一二三四五六七八九十]{1,3}[.、．]?$|[.．]$|▲)")


def _latin_wrap(previous: str, line: str) -> bool:
    """A paragraph of Chinese that a page wrapped at the space between two Latin words."""
    last, first = previous[-1], line[:1]
    return last.isascii() and last.isalnum() and first.isascii() and first.isalpha() and bool(_HAN.search(previous))



# A date a page cut into lines: a number, then its unit on the next line, or a unit, then a number.
_DATE_CUT = re.compile(r"^(?:\d[年月日号]|[年月]\d)$")


def _rejoin(lines: list[str], phrases: bool = True) -> list[str]:
    """Sentences that a page broke over lines, joined again.

    A line that ends in a comma or an open word (由, 在, 与 …), a line that starts with a comma or a
    closing mark, one wrapped between two Latin words (…Hinton、Yann⏎LeCun) or inside a date
    (2026年⏎7⏎月⏎19⏎日), continues a sentence.
    Some pages (WeChat posts above all) put every phrase on its own line: when most lines are short
    and end without a full stop, lines are joined up to the next one that does end a sentence, except
    fields, section numbers and captions.
    """
    han = [line for line in lines if _HAN.search(line)]
    fragments = sum(1 for line in han if not _FINAL.search(line) and len(line) < 20)
    broken = phrases and len(han) >= 20 and fragments > 0.4 * len(han)
    out: list[str] = []
    for line in lines:
        fragment = broken and out and not _FINAL.search(out[-1]) and not _SEPARATE.search(out[-1]) \
            and not _SEPARATE.search(line)
        wrapped = out and len(out[-1]) >= 30 and _latin_wrap(out[-1], line)
        wrapped = wrapped or (out and _DATE_CUT.search(out[-1][-1:] + line[:1]))  # 2026年⏎7⏎月⏎19⏎日下午
        if out and (_OPEN_END.search(out[-1]) or _CLOSING_START.match(line) or fragment or wrapped):
            joiner = " " if (out[-1][-1:] + line[:1]).isascii() and (out[-1][-1:] + line[:1]).isalnum() else ""
            out[-1] = out[-1] + joiner + line
        else:
            out.append(line)
    return out


def content_hash(doc: Document) -> str:
    digest = hashlib.sha256()
    for part in (doc.title, doc.text, doc.date or "", doc.source or "", doc.url or ""):
        digest.update(part.encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()


def article_id(file_name: str, digest: str) -> str:
    """Stable id from the content and the file name: same article, same id."""
    return hashlib.sha1(f"{file_name}\n{digest}".encode()).hexdigest()[:16]


def _heading(text: str) -> str:
    """An article without a title field is titled by its first heading (# …), else its first line."""
    lines = [line.strip() for line in text[:4000].splitlines() if line.strip()]
    heading = next((line for line in lines if re.match(r"#{1,6}\s", line)), None)
    first = heading or next((line for line in lines if strip_markdown(line).strip()), "")
    return first[:200]


def absolute_url(url: str | None) -> str | None:
    """The article's URL when it is an absolute http(s) IRI; a Jekyll `permalink: /join.html` is a
    path relative to a site we do not know, so it is dropped rather than guessed."""
    if not url:
        return None
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or re.search(r"[\s<>\"{}|\\^`]", url):
        return None
    return url


def normalise(doc: Document) -> Article:
    traditional = is_traditional(doc.title + doc.text[:5000])
    text, named_source = normalise_text(doc.text, traditional, doc.blocks)
    title, _ = normalise_text(doc.title or _heading(doc.text), traditional)
    digest = content_hash(doc)
    source = doc.source or named_source
    if source:
        source = clean_line(to_simplified(source) if traditional else source)
    return Article(
        id=article_id(doc.file_name, digest),
        title=title.replace("\n", " "),
        text=text,
        path=doc.path,
        file_name=doc.file_name,
        content_hash=digest,
        date=doc.date,
        source=source,
        url=absolute_url(doc.url),
        was_traditional=traditional,
    )
