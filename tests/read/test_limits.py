"""The readers' limits: only regular files, and no read without a bound, so no file can make a
build hang or take the machine's memory. An article (a file, or one record of a JSON file) holds
at most `MAX_ARTICLE_BYTES`; a larger one is refused while it is read, never after."""

from __future__ import annotations

import gzip
import json
import tracemalloc
from pathlib import Path

import pytest

import kg.read
from kg.model import Document, ReadFailure
from kg.read import MAX_ARTICLE_BYTES, read_file
from tests.conftest import json_records


def peak_memory_of(read) -> tuple[list, int]:
    tracemalloc.start()
    try:
        items = list(read())
        return items, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs Linux's /proc")
def test_a_file_whose_size_stat_does_not_know_is_read_only_up_to_the_cap(tmp_path, monkeypatch):
    """Files of /proc (and of some network file systems) report a size of 0: the read itself is bounded."""
    monkeypatch.setattr(kg.read, "MAX_ARTICLE_BYTES", 1000)
    link = tmp_path / "maps.txt"
    link.symlink_to("/proc/self/maps")  # a regular file of several KB whose stat says 0 bytes
    assert link.stat().st_size == 0
    [failure] = read_file(link)
    assert isinstance(failure, ReadFailure)
    assert failure.reason.startswith("file too large for one article")


def test_a_400_mb_record_in_a_gzip_stream_is_refused_while_streaming(tmp_path):
    """The record's own failure, found by reading at most the cap of it; the records after it still come."""
    first, last = (json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in json_records())
    path = tmp_path / "huge.jsonl.gz"
    block = "人工智能大会在北京举行。".encode() * (2**20 // 36)
    with gzip.open(path, "wb", compresslevel=1) as out:
        out.write(first + b'{"id": "huge", "content": "')
        for _ in range(400 * 2**20 // len(block)):
            out.write(block)
        out.write(b'"}\n' + last)
    assert path.stat().st_size < 5 * 2**20  # small on disk, 400 MB inflated

    items, peak = peak_memory_of(lambda: read_file(path))
    assert [type(i) for i in items] == [Document, ReadFailure, Document]
    assert items[1].path == f"{path}:2"
    assert items[1].reason == f"record too large for one article (over {MAX_ARTICLE_BYTES // 2**20} MB)"
    assert peak < 3 * MAX_ARTICLE_BYTES


def test_a_json_array_element_over_the_cap_fails_alone(tmp_path, monkeypatch):
    monkeypatch.setattr(kg.read, "MAX_ARTICLE_BYTES", 100_000)
    small, _ = json_records()
    big = {**small, "content": "人工智能大会在北京举行。" * 10_000}  # 360 KB
    path = tmp_path / "news.json"
    path.write_text(json.dumps([small, big, small], ensure_ascii=False), encoding="utf-8")  # all on one line
    items = list(read_file(path))
    assert [type(i) for i in items] == [Document, ReadFailure, Document]
    assert items[1].path == f"{path}:2"
    assert items[1].reason.startswith("element too large for one article")


def test_a_json_array_element_longer_than_what_is_read_at_once_ends_the_array(tmp_path, monkeypatch):
    """Its end cannot be found without holding it whole, so the rest of the array is not read."""
    monkeypatch.setattr(kg.read, "MAX_ARTICLE_BYTES", 100_000)
    small, _ = json_records()
    big = {**small, "content": "人工智能大会在北京举行。" * 100_000}  # 3.6 MB, more than one read
    path = tmp_path / "news.json"
    path.write_text(json.dumps([small, big, small], ensure_ascii=False), encoding="utf-8")
    items = list(read_file(path))
    assert [type(i) for i in items] == [Document, ReadFailure]
    assert items[1].reason.startswith("element 2 too large for one article")
    assert items[1].reason.endswith("the rest of the array is not read")


def test_a_json_object_over_several_lines_is_one_article_and_capped_as_one(tmp_path, monkeypatch):
    monkeypatch.setattr(kg.read, "MAX_ARTICLE_BYTES", 100_000)
    small, _ = json_records()
    path = tmp_path / "one.json"
    path.write_text(json.dumps(small, ensure_ascii=False, indent=2), encoding="utf-8")
    [doc] = read_file(path)
    assert isinstance(doc, Document)
    path.write_text(json.dumps({**small, "content": "人工智能" * 30_000}, ensure_ascii=False, indent=2),
                    encoding="utf-8")
    [failure] = read_file(path)
    assert isinstance(failure, ReadFailure) and failure.reason.startswith("file too large for one article")
