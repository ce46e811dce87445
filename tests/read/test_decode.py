"""Encodings: UTF-8 with or without BOM, GB18030/GBK and Big5 are detected, never assumed."""

from __future__ import annotations

import pytest

from kg.errors import ReadError
from kg.model import Document
from kg.normalise import normalise
from kg.read import read_paths
from kg.read.decode import decode
from tests.conftest import JEKYLL, PLAIN, paragraphs, sample, to_traditional


def only_document(path) -> Document:
    [doc] = list(read_paths([path]))
    assert isinstance(doc, Document), doc
    return doc


def test_gb18030_file_decodes_to_the_original_text(gb18030_file):
    assert only_document(gb18030_file).text == sample(PLAIN)


def test_utf8_with_bom_loses_the_bom(bom_file):
    text = only_document(bom_file).text
    assert not text.startswith("\ufeff")
    assert text == sample(PLAIN)


def test_big5_file_decodes_to_the_traditional_text_with_its_front_matter(big5_file):
    doc = only_document(big5_file)
    assert doc.title == "算力網絡的樞紐城市 武漢打造人工智能產業發展的“中國樣板”"
    assert doc.date == "2021-12-19"
    assert "武漢昇騰人工智能生態創新中心" in doc.text


def test_big5_article_is_normalised_back_to_simplified(big5_file):
    article = normalise(only_document(big5_file))
    assert article.was_traditional
    assert article.title == "算力网络的枢纽城市武汉打造人工智能产业发展的“中国样板”"
    assert "武汉昇腾人工智能生态创新中心" in article.text


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8", "utf-8-sig"])
def test_one_short_paragraph_is_enough_to_detect_simplified_encodings(encoding):
    text = paragraphs(PLAIN)[0]
    assert decode(text.encode(encoding)) == text


def test_one_short_paragraph_is_enough_to_detect_big5():
    text = to_traditional(paragraphs(JEKYLL)[0])
    assert decode(text.encode("big5")) == text


def test_utf16_with_bom_is_read():
    text = paragraphs(PLAIN)[0]
    assert decode(text.encode("utf-16")) == text


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty file"),
    (b"  \n\t\n", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
])
def test_what_is_not_text_is_refused_with_the_reason(data, reason):
    with pytest.raises(ReadError, match=reason):
        decode(data)


def test_utf8_with_a_few_broken_bytes_is_refused_not_guessed_as_another_encoding():
    good = sample(PLAIN).encode("utf-8")
    broken = good[:600] + b"\xff\xfe\xfd" + good[600:]
    with pytest.raises(ReadError, match="undecodable bytes at offset 600: broken UTF-8"):
        decode(broken)
