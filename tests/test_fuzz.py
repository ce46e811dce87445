"""Fuzzing read → normalise → extract: whatever bytes or text a file holds, each stage either
returns or says why it cannot (a `ReadFailure`); no exception escapes.

Inputs stay under about 20 KB, so the examples test what breaks, not how long a long
article takes (that is the benchmarks' business). The deadline is generous for a shared
two-core machine (one example of 6,000 characters once took 16.6 s there, in a CI run; rerun, it
takes under a second) and still catches a hang."""

from __future__ import annotations

import gzip
import json
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from kg.extract import extract
from kg.model import Document, ReadFailure
from kg.normalise import normalise
from kg.read import read_file
from tests.conftest import PLAIN, SAMPLES

SUFFIXES = [".txt", ".md", ".html", ".json", ".jsonl", ".jsonl.gz"]
FUZZ = settings(max_examples=40, deadline=timedelta(seconds=30), database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
CONTROLS = st.characters(max_codepoint=0x1F) | st.characters(min_codepoint=0x7F, max_codepoint=0x9F)
MARKUP = st.sampled_from([
    "<p>", "</p>", "<div class='article'>", "</div>", "<script>", "</script>", "<br/>", "<!--", "-->",
    "&amp;", "&#x4e2d;", "&nbsp;", "---\n", "title: ", "date: 2021-13-45\n", "permalink: /a.html\n",
    "**", "# ", "[链接](javascript:x)", "{", "}", "[", "]", '"', ":", ",", "\\", "\n", "\r\n", "\t",
    "\u3000", "\ufeff", "\u202e", "。", "、", "“", "”", "(", ")", "主办", "举行", "发布", "有限公司", "论坛",
    "王海峰", "百度", "在北京", "2021年12月18日", "\x1b]0;x\x07", "\x1b[2J", "\ud7ff", "\U0001f600",
])
# No lone surrogates: text that no encoding can write is not text a file can hold (random bytes are
# the other test's business).
TEXT = st.lists(st.one_of(CJK, CONTROLS, MARKUP, st.characters(exclude_categories=("Cs",))), max_size=400).map("".join)


@pytest.fixture(scope="module", autouse=True)
def warm():
    """Load the lexicons, OpenCC and jieba once, before any example is timed."""
    [doc] = read_file(SAMPLES / PLAIN)
    extract(normalise(doc))


def pipeline(data: bytes, suffix: str, damage: bytes = b"") -> None:
    """Write `data` as a file of this type (gzipped for .gz, then `damage` written over the deflate
    stream) and take it through read, normalise and extract."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        if suffix.endswith(".gz"):
            data = gzip.compress(data)
            data = data[:12] + damage + data[12 + len(damage):]
        path.write_bytes(data)
        for item in read_file(path):
            assert isinstance(item, Document | ReadFailure)
            event(f"{suffix}: {type(item).__name__}")  # --hypothesis-show-statistics counts them
            if isinstance(item, Document):
                extract(normalise(item))


@FUZZ
@given(data=st.binary(max_size=20_000), suffix=st.sampled_from(SUFFIXES), damage=st.binary(max_size=16))
def test_random_bytes(data, suffix, damage):
    pipeline(data, suffix, damage)


@FUZZ
@given(text=TEXT, suffix=st.sampled_from(SUFFIXES), encoding=st.sampled_from(["utf-8", "gb18030", "utf-16"]))
def test_mixes_of_cjk_markup_and_control_characters(text, suffix, encoding):
    pipeline(text.encode(encoding), suffix)


@FUZZ
@given(text=TEXT, suffix=st.sampled_from(SUFFIXES))
def test_mixes_as_json_records(text, suffix):
    record = json.dumps({"title": text[:50], "content": text, "date": text[-20:], "url": text[:30]})
    pipeline(f"{record}\n".encode(), suffix)


@settings(FUZZ, max_examples=10)
@given(unit=TEXT.filter(lambda t: t.strip("\r\n")), suffix=st.sampled_from(SUFFIXES[:3]))
def test_very_long_lines(unit, suffix):
    """One line of about 18 KB (6,000 characters, Chinese ones take three bytes each)."""
    line = unit.replace("\r", "").replace("\n", "") * (6_000 // len(unit) + 1)
    pipeline(line[:6_000].encode(), suffix)
