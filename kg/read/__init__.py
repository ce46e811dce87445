"""Read stage: files and folders in, `Document`s (or `ReadFailure`s) out, lazily.

Folders are walked recursively in sorted order; hidden files and folders are skipped.
A file that cannot be read becomes a `ReadFailure` naming the path and the reason;
the walk goes on.
"""

from __future__ import annotations

import gzip
import os
import stat
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from kg.errors import ReadError
from kg.model import Document, ReadFailure
from kg.read.decode import decode
from kg.read.formats import parse_html, parse_json_records, parse_markdown, parse_text

MAX_ARTICLE_BYTES = 16 * 1024 * 1024  # the largest article: a file, or one record of a JSON file
_PIECE = 1 << 20  # the most bytes read from a JSON file at a time (a line may be longer)
_SINGLE = {".md": parse_markdown, ".markdown": parse_markdown, ".txt": parse_text,
           ".html": parse_html, ".htm": parse_html}
_RECORDS = (".jsonl", ".json", ".jsonl.gz", ".json.gz")
_NOT_REGULAR = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
                (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                (stat.S_ISSOCK, "a socket"))


def is_article_file(path: Path) -> bool:
    return path.suffix.lower() in _SINGLE or holds_records(path)


def holds_records(path: Path) -> bool:
    """Whether the file is JSON, of any number of articles (a single-article file holds one)."""
    return path.name.lower().endswith(_RECORDS)


def discover(paths: Iterable[str | Path]) -> Iterator[Path | ReadFailure]:
    """Every article file under the given paths, sorted, hidden ones skipped."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = False
            for item in _walk(path):
                found = True
                yield item
            if not found:
                yield ReadFailure(str(path), "no articles in this folder (.md .txt .html .json .jsonl)")
        elif path.exists():
            yield path
        else:
            yield ReadFailure(str(path), "no such file or folder")


def _walk(folder: Path) -> Iterator[Path | ReadFailure]:
    """The article files under a folder, and a failure for each sub-folder that cannot be listed:
    its articles are missing from the build, which should not go unsaid."""
    unlisted: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=unlisted.append):
        yield from _unlisted(unlisted)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            candidate = Path(root) / name
            if not name.startswith(".") and is_article_file(candidate):
                yield candidate
    yield from _unlisted(unlisted)


def _unlisted(errors: list[OSError]) -> Iterator[ReadFailure]:
    while errors:
        err = errors.pop(0)
        yield ReadFailure(str(err.filename), f"cannot read this folder: {err.strerror or err}")


def read_file(path: Path) -> Iterator[Document | ReadFailure]:
    """One file's documents: one for single-article formats, one per record for JSON."""
    name = path.name.lower()
    try:
        parser = _SINGLE.get(path.suffix.lower())
        if parser is None and not name.endswith(_RECORDS):
            raise ReadError(f"unsupported file type {path.suffix or '(none)'}")
        with _open_regular(path) as raw:
            if parser is None:
                yield from _read_records(raw, path)
                return
            known = os.fstat(raw.fileno()).st_size
            # Bounded all the same: stat says 0 for files of /proc, and a file can grow.
            data = b"" if known > MAX_ARTICLE_BYTES else raw.read(MAX_ARTICLE_BYTES + 1)
        if known > MAX_ARTICLE_BYTES or len(data) > MAX_ARTICLE_BYTES:
            size = f"{known / 2**20:.0f} MB > " if known > MAX_ARTICLE_BYTES else "over "
            raise ReadError(f"file too large for one article ({size}{MAX_ARTICLE_BYTES // 2**20} MB); "
                            "split it or use JSON lines")
        yield parser(decode(data), path)
    except ReadError as err:
        yield ReadFailure(str(path), str(err))
    except OSError as err:
        yield ReadFailure(str(path), f"cannot read: {err.strerror or err}")


def _open_regular(path: Path) -> BinaryIO:
    """The file, opened for reading, if it is a regular file once links are followed.

    Anything else is refused before it is opened (a FIFO would block the open, a device can
    answer an open and never end), and again on the opened descriptor, in case the path was
    swapped in between.
    """
    _regular(os.stat(path))
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    try:
        _regular(os.fstat(fd))
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _regular(info: os.stat_result) -> None:
    for test, kind in _NOT_REGULAR:
        if test(info.st_mode):
            raise ReadError(f"not a regular file: {kind}")


def _read_records(raw: BinaryIO, path: Path) -> Iterator[Document | ReadFailure]:
    """Records read in bounded pieces, from the gzip stream as it inflates for .gz, so that no
    record is held whole (or inflated whole) beyond the cap."""
    stream = gzip.GzipFile(fileobj=raw, mode="rb") if path.name.lower().endswith(".gz") else raw
    pieces = iter(lambda: stream.readline(_PIECE), b"")
    try:
        yield from parse_json_records(pieces, path, MAX_ARTICLE_BYTES)
    except UnicodeDecodeError as err:
        raise ReadError(f"undecodable bytes: JSON must be UTF-8 ({err.reason})") from None
    except (EOFError, gzip.BadGzipFile, zlib.error) as err:
        raise ReadError(f"broken gzip: {err}") from None


def read_paths(paths: Iterable[str | Path]) -> Iterator[Document | ReadFailure]:
    for item in discover(paths):
        if isinstance(item, ReadFailure):
            yield item
        else:
            yield from read_file(item)
