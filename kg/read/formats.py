"""One parser per input format, each turning a file's text into `Document`s."""

from __future__ import annotations

import codecs
import datetime as dt
import email.utils
import itertools
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml

from kg.errors import ReadError
from kg.model import Document, ReadFailure
from kg.read.html import holds_markup, html_title, html_to_text, looks_like_html, markdown_to_text, soup

_FRONT_MATTER = re.compile(r"\A\s*---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_TEXT_KEYS = ("content", "text", "body", "article")


def parse_markdown(text: str, path: Path) -> Document:
    """Hexo/Jekyll/Hugo: YAML front matter, then an HTML or Markdown body."""
    meta, body = split_front_matter(text)
    return _document(path, meta, _with_front_matter_prose(meta, markdown_to_text(body)), blocks=holds_markup(body))


def parse_text(text: str, path: Path) -> Document:
    """Plain text; front matter and stray HTML are handled as in Markdown files."""
    meta, body = split_front_matter(text)
    blocks = looks_like_html(body)
    if meta or blocks:
        body = markdown_to_text(body)
    return _document(path, meta, _with_front_matter_prose(meta, body), blocks=blocks)


# Front-matter fields that hold the article's prose: a Hugo event page keeps its whole report in
# `abstract` and `summary` and has an empty body; `location` says where the event was held.
_PROSE_KEYS = ("summary", "abstract", "description", "excerpt", "subtitle")
_PLACE_KEYS = ("location", "venue", "address")
_AUTHOR_KEYS = ("authors", "author")


def _with_front_matter_prose(meta: dict, body: str) -> str:
    lines = []
    for key in _PROSE_KEYS:
        value = _scalar(meta.get(key))
        if value and value not in body:
            lines.append(value)
    for key in _PLACE_KEYS:
        value = _scalar(meta.get(key))
        if value and value not in body:
            lines.append(f"地点：{value}")
    authors = meta.get(next((k for k in _AUTHOR_KEYS if meta.get(k)), ""))
    names = [str(a) for a in (authors if isinstance(authors, list) else [authors] if authors else [])]
    if names and all(re.fullmatch(r"[\u4e00-\u9fff·]{2,8}", n) for n in names):
        lines.append("作者：" + "、".join(names))
    return "\n".join([*lines, body]) if lines else body


def parse_html(text: str, path: Path) -> Document:
    doc = soup(text)
    title = html_title(doc)
    meta = {"title": title}
    for name, key in (("article:published_time", "date"), ("og:url", "url"), ("og:site_name", "source"),
                      ("pubdate", "date"), ("publishdate", "date")):
        tag = doc.find("meta", attrs={"property": name}) or doc.find("meta", attrs={"name": name})
        if tag and tag.get("content") and key not in meta:
            meta[key] = tag["content"]
    return _document(path, meta, html_to_text(doc, main_only=True), blocks=True)


def parse_json_records(pieces: Iterable[bytes], path: Path, limit: int) -> Iterator[Document | ReadFailure]:
    """JSON lines (or one JSON array or object): one article per record, read lazily.

    `pieces` are the file's UTF-8 bytes in order, each a whole line or a part of a longer one
    (as `readline(size)` gives them). No record, array element or object longer than `limit`
    bytes is held whole: it becomes a failure as soon as it is known to be too long.
    """
    pieces = iter(pieces)
    first, skipped = next(pieces, b"").removeprefix(codecs.BOM_UTF8), 0
    while first and not first.strip():
        skipped += first.count(b"\n")
        first = next(pieces, b"")
    if not first:
        raise ReadError("empty file")
    pieces = itertools.chain([first], pieces)
    if first.lstrip().startswith(b"["):
        yield from _json_array(_texts(pieces), path, limit)
        return
    lines = _lines(pieces, limit)
    if first.lstrip().startswith(b"{"):
        line = next(lines)
        if line is not None and not _is_complete_json(line.decode("utf-8")):
            yield from _whole_json(itertools.chain([line], lines), path, limit)
            return
        lines = itertools.chain([line], lines)
    for number, line in enumerate(lines, skipped + 1):
        if line is None:
            yield ReadFailure(f"{path}:{number}", f"record too large for one article (over {_mb(limit)})")
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line.decode("utf-8"))
        except json.JSONDecodeError as err:
            yield ReadFailure(f"{path}:{number}", f"not JSON ({err.msg})")
            continue
        yield _record(record, path, number)


def _lines(pieces: Iterator[bytes], limit: int) -> Iterator[bytes | None]:
    """Whole lines, or None for a line over `limit` bytes: its pieces are read and dropped."""
    parts: list[bytes] = []
    size = 0
    for piece in pieces:
        size += len(piece)
        if size <= limit:
            parts.append(piece)
        else:
            parts.clear()
        if piece.endswith(b"\n"):
            yield b"".join(parts) if size <= limit else None
            parts, size = [], 0
    if size:
        yield b"".join(parts) if size <= limit else None


def _texts(pieces: Iterator[bytes]) -> Iterator[str]:
    """The pieces decoded, a character cut between two pieces joined again."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    for piece in pieces:
        yield decoder.decode(piece)
    yield decoder.decode(b"", final=True)


def _longer(text: str, limit: int) -> bool:
    """Whether `text` is over `limit` bytes of UTF-8: characters first (one takes at most four
    bytes), so that the encoding is only paid for text near the limit."""
    return len(text) > limit // 4 and len(text.encode("utf-8")) > limit


def _mb(limit: int) -> str:
    return f"{limit / 2**20:g} MB"


def _whole_json(lines: Iterator[bytes | None], path: Path, limit: int) -> Iterator[Document | ReadFailure]:
    """A file holding one JSON value over several lines: one article (or a list of them), capped as one."""
    parts: list[bytes] = []
    size = 0
    for line in lines:
        size += limit + 1 if line is None else len(line)
        if size > limit:
            yield ReadFailure(str(path), f"file too large for one article (over {_mb(limit)}); "
                                         "write many articles as JSON lines or as an array")
            return
        parts.append(line)
    text = b"".join(parts).decode("utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        yield ReadFailure(str(path), f"not JSON ({err.msg} at line {err.lineno})")
        return
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records, 1):
        yield _record(record, path, number)


def _json_array(texts: Iterator[str], path: Path, limit: int) -> Iterator[Document | ReadFailure]:
    """The records of one JSON array, decoded one element at a time, never the whole file at once.

    The buffer holds the element being decoded; when it is incomplete, at least as much text
    again is read before the next attempt, so the work stays linear in the file's size. An
    element over `limit` bytes ends the array: its end cannot be found without holding it.
    """
    decoder = json.JSONDecoder()
    buffer = next(texts)
    pos, number, ended = buffer.index("[") + 1, 0, False

    def more() -> bool:
        nonlocal buffer, pos
        wanted, got = max(len(buffer) - pos, 1 << 16), []
        for text in texts:
            got.append(text)
            wanted -= len(text)
            if wanted <= 0:
                break
        buffer = buffer[pos:] + "".join(got)
        pos = 0
        return bool(got)

    while True:
        while True:  # skip blanks and the comma between elements
            while pos < len(buffer) and buffer[pos] in " \t\r\n,":
                pos += 1
            if pos < len(buffer) or not more():
                break
        if pos >= len(buffer):
            break
        if buffer[pos] == "]":
            ended = True
            break
        try:
            record, end = decoder.raw_decode(buffer, pos)
        except json.JSONDecodeError as err:
            if _longer(buffer[pos:], limit):
                yield ReadFailure(str(path), f"element {number + 1} too large for one article (over "
                                             f"{_mb(limit)}); the rest of the array is not read")
                return
            if more():
                continue
            yield ReadFailure(str(path), f"not JSON ({err.msg} in element {number + 1})")
            return
        if end == len(buffer) and more():  # a number may go on in the next chunk
            continue
        number += 1
        start, pos = pos, end
        if _longer(buffer[start:end], limit):
            yield ReadFailure(f"{path}:{number}", f"element too large for one article (over {_mb(limit)})")
            continue
        yield _record(record, path, number)
    if not ended:
        yield ReadFailure(str(path), f"not JSON (the array is not closed after element {number})")


def _is_complete_json(line: str) -> bool:
    try:
        json.loads(line)
    except json.JSONDecodeError:
        return False
    return True


def _record(record: object, path: Path, number: int) -> Document | ReadFailure:
    if not isinstance(record, dict):
        return ReadFailure(f"{path}:{number}", "record is not a JSON object")
    body = next((record[k] for k in _TEXT_KEYS if isinstance(record.get(k), str) and record[k].strip()), None)
    if body is None:
        return ReadFailure(f"{path}:{number}", "record has no content or text field")
    blocks = looks_like_html(body)
    if blocks:
        body = html_to_text(body)
    key = record.get("id") or record.get("url") or number
    doc = _document(path, record, body)
    return Document(path=f"{path}#{key}", file_name=f"{path.name}#{key}", title=doc.title, text=doc.text,
                    date=doc.date, source=doc.source, url=doc.url, blocks=blocks)


def split_front_matter(text: str) -> tuple[dict, str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as err:
        where = getattr(err, "problem_mark", None)
        line = f" at line {where.line + 2}" if where else ""
        problem = getattr(err, "problem", None) or "invalid YAML"
        raise ReadError(f"broken front matter{line}: {problem}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ReadError("broken front matter: not a mapping of fields")
    return meta, text[match.end():]


def _document(path: Path, meta: dict, body: str, blocks: bool = False) -> Document:
    source = meta.get("source") or meta.get("site") or meta.get("author")
    return Document(
        blocks=blocks,
        path=str(path),
        file_name=path.name,
        title=_scalar(meta.get("title")),
        text=body,
        date=iso_date(meta.get("date")),
        source=_scalar(source) or None,
        url=_scalar(meta.get("url") or meta.get("link") or meta.get("permalink")) or None,
    )


def _scalar(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return _scalar(value[0]) if value else ""
    return str(value).strip()


def iso_date(value: object) -> str | None:
    """Front-matter dates in their many spellings, as ISO 8601 (a date, no time)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    match = re.match(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})", text)
    if match:
        year, month, day = map(int, match.groups())
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return None
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None
