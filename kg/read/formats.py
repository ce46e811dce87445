"""One parser per input format, each turning a file's text into `Document`s."""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
from collections.abc import Iterator
from pathlib import Path

import yaml

from kg.errors import ReadError
from kg.model import Document, ReadFailure
from kg.read.html import html_title, html_to_text, looks_like_html, markdown_to_text, soup

_FRONT_MATTER = re.compile(r"\A\s*---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_TEXT_KEYS = ("content", "text", "body", "article")


def parse_markdown(text: str, path: Path) -> Document:
    """Hexo/Jekyll: YAML front matter, then an HTML or Markdown body."""
    meta, body = split_front_matter(text)
    return _document(path, meta, markdown_to_text(body))


def parse_text(text: str, path: Path) -> Document:
    """Plain text; front matter and stray HTML are handled as in Markdown files."""
    meta, body = split_front_matter(text)
    if meta or looks_like_html(body):
        body = markdown_to_text(body)
    return _document(path, meta, body)


def parse_html(text: str, path: Path) -> Document:
    doc = soup(text)
    title = html_title(doc)
    meta = {"title": title}
    for name, key in (("article:published_time", "date"), ("og:url", "url"), ("og:site_name", "source"),
                      ("pubdate", "date"), ("publishdate", "date")):
        tag = doc.find("meta", attrs={"property": name}) or doc.find("meta", attrs={"name": name})
        if tag and tag.get("content") and key not in meta:
            meta[key] = tag["content"]
    return _document(path, meta, html_to_text(doc, main_only=True))


def parse_json_records(lines: Iterator[str], path: Path) -> Iterator[Document | ReadFailure]:
    """JSON lines (or one JSON array/object): one article per record, read lazily."""
    first = None
    for number, line in enumerate(lines, 1):
        if first is None:
            if not line.strip():
                continue
            first = line.lstrip()
            if first.startswith("["):
                yield from _json_array(line, lines, path)
                return
            if first.startswith("{") and not _is_complete_json(first):
                yield from _whole_json(line + "".join(lines), path)
                return
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield ReadFailure(f"{path}:{number}", f"not JSON ({err.msg})")
            continue
        yield _record(record, path, number)


def _whole_json(text: str, path: Path) -> Iterator[Document | ReadFailure]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        yield ReadFailure(str(path), f"not JSON ({err.msg} at line {err.lineno})")
        return
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records, 1):
        yield _record(record, path, number)


def _json_array(head: str, lines: Iterator[str], path: Path) -> Iterator[Document | ReadFailure]:
    """The records of one JSON array, decoded one element at a time, never the whole file at once.

    The buffer holds the element being decoded; when it is incomplete, at least as much text
    again is read before the next attempt, so the work stays linear in the file's size.
    """
    decoder = json.JSONDecoder()
    buffer, pos, number, ended = head, head.index("[") + 1, 0, False

    def more() -> bool:
        nonlocal buffer, pos
        wanted, got = max(len(buffer) - pos, 1 << 16), []
        for line in lines:
            got.append(line)
            wanted -= len(line)
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
            if more():
                continue
            yield ReadFailure(str(path), f"not JSON ({err.msg} in element {number + 1})")
            return
        if end == len(buffer) and more():  # a number may go on in the next chunk
            continue
        number += 1
        pos = end
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
    if looks_like_html(body):
        body = html_to_text(body)
    key = record.get("id") or record.get("url") or number
    doc = _document(path, record, body)
    return Document(path=f"{path}#{key}", file_name=f"{path.name}#{key}", title=doc.title, text=doc.text,
                    date=doc.date, source=doc.source, url=doc.url)


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


def _document(path: Path, meta: dict, body: str) -> Document:
    source = meta.get("source") or meta.get("site") or meta.get("author")
    return Document(
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
