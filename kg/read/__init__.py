"""Read stage: files and folders in, `Document`s (or `ReadFailure`s) out, lazily.

Folders are walked recursively in sorted order; hidden files and folders are skipped.
A file that cannot be read becomes a `ReadFailure` naming the path and the reason;
the walk goes on.
"""

from __future__ import annotations

import gzip
import io
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import ReadError
from kg.model import Document, ReadFailure
from kg.read.decode import decode
from kg.read.formats import parse_html, parse_json_records, parse_markdown, parse_text

MAX_FILE_BYTES = 16 * 1024 * 1024
_SINGLE = {".md": parse_markdown, ".markdown": parse_markdown, ".txt": parse_text,
           ".html": parse_html, ".htm": parse_html}
_RECORDS = (".jsonl", ".json", ".jsonl.gz", ".json.gz")


def is_article_file(path: Path) -> bool:
    name = path.name.lower()
    return path.suffix.lower() in _SINGLE or name.endswith(_RECORDS)


def discover(paths: Iterable[str | Path]) -> Iterator[Path | ReadFailure]:
    """Every article file under the given paths, sorted, hidden ones skipped."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = False
            for root, dirs, files in os.walk(path, onerror=None):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    candidate = Path(root) / name
                    if not name.startswith(".") and is_article_file(candidate):
                        found = True
                        yield candidate
            if not found:
                yield ReadFailure(str(path), "no articles in this folder (.md .txt .html .json .jsonl)")
        elif path.exists():
            yield path
        else:
            yield ReadFailure(str(path), "no such file or folder")


def read_file(path: Path) -> Iterator[Document | ReadFailure]:
    """One file's documents: one for single-article formats, one per record for JSON."""
    name = path.name.lower()
    try:
        if name.endswith(_RECORDS):
            yield from _read_records(path)
            return
        parser = _SINGLE.get(path.suffix.lower())
        if parser is None:
            raise ReadError(f"unsupported file type {path.suffix or '(none)'}")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ReadError(f"file too large for one article ({size / 2**20:.0f} MB > "
                            f"{MAX_FILE_BYTES // 2**20} MB); split it or use JSON lines")
        yield parser(decode(path.read_bytes()), path)
    except ReadError as err:
        yield ReadFailure(str(path), str(err))
    except OSError as err:
        yield ReadFailure(str(path), f"cannot read: {err.strerror or err}")


def _read_records(path: Path) -> Iterator[Document | ReadFailure]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    with opener(path, "rb") as raw:
        head = raw.read(4)
        if not head.strip():
            raise ReadError("empty file")
        raw.seek(0)
        lines = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="strict")
        try:
            yield from parse_json_records(iter(lines), path)
        except UnicodeDecodeError as err:
            raise ReadError(f"undecodable bytes: JSON must be UTF-8 ({err.reason})") from None
        except (EOFError, gzip.BadGzipFile) as err:
            raise ReadError(f"broken gzip: {err}") from None


def read_paths(paths: Iterable[str | Path]) -> Iterator[Document | ReadFailure]:
    for item in discover(paths):
        if isinstance(item, ReadFailure):
            yield item
        else:
            yield from read_file(item)
