"""The readers: every input format gives the right title, date, source, URL and text."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.model import Document, ReadFailure
from kg.normalise import normalise
from kg.read import discover, read_paths
from kg.read.formats import iso_date, split_front_matter
from tests.conftest import HEXO, JEKYLL, PLAIN, SAMPLE_NAMES, json_records, paragraphs


def read_one(path: Path) -> Document:
    docs = list(read_paths([path]))
    assert len(docs) == 1, docs
    assert isinstance(docs[0], Document), docs[0]
    return docs[0]


def read_all(path: Path) -> list[Document]:
    docs = list(read_paths([path]))
    assert all(isinstance(d, Document) for d in docs), docs
    return docs


# --- Markdown with front matter -------------------------------------------------------


def test_hexo_front_matter_gives_title_rfc_2822_date_and_author_as_source(hexo_file):
    doc = read_one(hexo_file)
    assert doc.title == "云脑启智 院士压轴 2021新一代人工智能院士高峰论坛即将开幕"
    assert doc.date == "2021-12-08"  # from "Wed, 08 Dec 2021 04:24:00 GMT"
    assert doc.source == "高科技行业门户"
    assert "由鹏城实验室、新一代人工智能产业技术创新战略联盟主办" in doc.text
    assert "<p" not in doc.text and "text-indent" not in doc.text  # the HTML body became text
    assert "headimg" not in doc.text  # the front matter is not part of the text


def test_jekyll_front_matter_gives_title_and_date_with_time_zone(jekyll_file):
    doc = read_one(jekyll_file)
    assert doc.title == "算力网络的枢纽城市 武汉打造人工智能产业发展的“中国样板”"
    assert doc.date == "2021-12-19"  # from "2021-12-19 15:55:55 +0800"
    assert "2021东湖国际人工智能高峰论坛在武汉市成功举办" in doc.text
    assert "layout: post" not in doc.text


def test_markdown_links_keep_their_words_and_images_vanish(tmp_path):
    path = tmp_path / "links.md"
    path.write_text("---\ntitle: 链接\ndate: 2021-07-28\n---\n"
                    "![配图](https://img.example.cn/a.png)\n\n"
                    "[鹏城实验室](https://www.pcl.ac.cn)主办的论坛在深圳开幕。\n", encoding="utf-8")
    doc = read_one(path)
    assert "鹏城实验室主办的论坛在深圳开幕。" in doc.text
    assert "https://" not in doc.text and "配图" not in doc.text


def test_an_event_page_that_keeps_its_report_in_front_matter_is_read(tmp_path):
    """Hugo's academic theme puts an event's report in `abstract`, its place in `location` and an empty
    body: the article is that prose, not nothing."""
    page = tmp_path / "index.md"
    page.write_text("---\ntitle: 第16期CCF-CV系列活动\nlocation: 中国·西安\nauthors: ['张鼎文', '韩军伟']\n"
                    "abstract: 3月26日，由中国计算机学会主办的研讨会在西北工业大学举行。\ndate: '2023-03-26'\n---\n",
                    encoding="utf-8")
    [doc] = read_paths([page])
    assert doc.text.splitlines() == ["3月26日，由中国计算机学会主办的研讨会在西北工业大学举行。", "地点：中国·西安",
                                     "作者：张鼎文、韩军伟"]


def test_front_matter_prose_already_in_the_body_is_not_repeated(tmp_path):
    page = tmp_path / "post.md"
    page.write_text("---\ntitle: 论坛\nsummary: 论坛在武汉举行。\n---\n论坛在武汉举行。会上发布了新模型。\n",
                    encoding="utf-8")
    [doc] = read_paths([page])
    assert doc.text.strip() == "论坛在武汉举行。会上发布了新模型。"


@pytest.mark.parametrize(("value", "expected"), [
    ("Wed, 08 Dec 2021 04:24:00 GMT", "2021-12-08"),
    ("2021-12-19 15:55:55 +0800", "2021-12-19"),
    ("2021-12-19T15:55:55+08:00", "2021-12-19"),
    ("2021/7/28", "2021-07-28"),
    ("2021年12月8日", "2021-12-08"),
    ("not a date", None),
    ("2021-13-45", None),
    (None, None),
])
def test_front_matter_dates_in_their_many_spellings_become_iso(value, expected):
    assert iso_date(value) == expected


def test_yaml_dates_parsed_by_yaml_itself_become_iso():
    meta, body = split_front_matter("---\ntitle: t\ndate: 2021-12-19 15:55:55\n---\n正文\n")
    assert iso_date(meta["date"]) == "2021-12-19"
    assert body == "正文\n"


# --- plain text ------------------------------------------------------------------------


def test_plain_text_is_the_whole_file_with_no_title(samples_dir):
    doc = read_one(samples_dir / PLAIN)
    assert doc.title == ""
    assert doc.text.startswith("中国英才网:据人民网18日消息")
    assert doc.file_name == PLAIN


def test_text_file_with_front_matter_is_read_like_markdown(samples_dir):
    doc = read_one(samples_dir / JEKYLL)
    assert doc.title.startswith("算力网络的枢纽城市")
    assert doc.date == "2021-12-19"


# --- HTML --------------------------------------------------------------------------------


def test_html_title_date_url_and_site_come_from_head(html_file):
    doc = read_one(html_file)
    assert doc.title == "算力网络的枢纽城市 武汉打造人工智能产业发展的“中国样板”"
    assert doc.date == "2021-12-19"
    assert doc.url == "https://news.example.cn/2021/12/19/wuhan.html"
    assert doc.source == "荆楚网"


def test_html_drops_scripts_styles_and_navigation(html_file):
    text = read_one(html_file).text
    for gone in ("脚本里的文字不该出现", "另一段脚本文字", "font-family", "宋体", "导航栏目科技频道"):
        assert gone not in text
    for paragraph in paragraphs(JEKYLL):
        assert paragraph in text


def test_html_keeps_one_paragraph_per_line(html_file):
    article = normalise(read_one(html_file))
    lines = article.text.splitlines()
    assert len(lines) == len(paragraphs(JEKYLL))


def test_html_title_falls_back_to_the_first_h1(tmp_path):
    path = tmp_path / "no-title.htm"
    path.write_text("<html><body><h1>中关村论坛开幕</h1><p>" + paragraphs(PLAIN)[0] + "</p></body></html>",
                    encoding="utf-8")
    assert read_one(path).title == "中关村论坛开幕"


# --- JSON records -------------------------------------------------------------------------


def check_records(docs: list[Document], path: Path) -> None:
    records = json_records()
    assert [d.title for d in docs] == [r["title"] for r in records]
    assert [d.url for d in docs] == [r["url"] for r in records]
    assert [d.date for d in docs] == ["2020-09-18", "2021-12-19"]
    assert docs[0].source == "中国英才网"
    assert docs[0].text == records[0]["content"]  # the `content` field
    assert docs[1].text == records[1]["text"]  # or the `text` field
    # each record is its own article, named after the file and the record
    assert docs[0].path == f"{path}#https://news.example.cn/a/1"
    assert docs[0].file_name == f"{path.name}#https://news.example.cn/a/1"


def test_jsonl_gives_one_article_per_line(jsonl_file):
    check_records(read_all(jsonl_file), jsonl_file)


def test_json_array_gives_one_article_per_element(json_array_file):
    check_records(read_all(json_array_file), json_array_file)


def test_gzipped_jsonl_is_read_like_jsonl(jsonl_gz_file):
    check_records(read_all(jsonl_gz_file), jsonl_gz_file)


def test_a_bad_json_line_fails_alone_and_names_the_line(tmp_path, jsonl_file):
    path = tmp_path / "mixed.jsonl"
    good = jsonl_file.read_text(encoding="utf-8").splitlines()
    path.write_text(f"{good[0]}\n{{not json\n{{\"title\": \"无正文\"}}\n{good[1]}\n", encoding="utf-8")
    items = list(read_paths([path]))
    assert [type(i).__name__ for i in items] == ["Document", "ReadFailure", "ReadFailure", "Document"]
    assert items[1].path == f"{path}:2" and "not JSON" in items[1].reason
    assert items[2].path == f"{path}:3" and "no content or text field" in items[2].reason


# --- folders -----------------------------------------------------------------------------


def test_folders_are_walked_recursively_in_sorted_order(tmp_path, samples_dir):
    (tmp_path / "b" / "nested").mkdir(parents=True)
    (tmp_path / "a").mkdir()
    text = (samples_dir / PLAIN).read_text(encoding="utf-8")
    for rel in ["b/nested/z.txt", "b/c.md", "a/y.html", "top.txt", "b/a.json"]:
        (tmp_path / rel).write_text(text if not rel.endswith(".json") else "[]", encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"not an article")
    found = [p.relative_to(tmp_path).as_posix() for p in discover([tmp_path])]
    assert found == ["top.txt", "a/y.html", "b/a.json", "b/c.md", "b/nested/z.txt"]


def test_hidden_files_and_folders_are_skipped(tmp_path, samples_dir):
    text = (samples_dir / PLAIN).read_text(encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "article.txt").write_text(text, encoding="utf-8")
    (tmp_path / ".draft.md").write_text(text, encoding="utf-8")
    (tmp_path / "visible.txt").write_text(text, encoding="utf-8")
    assert [p.name for p in discover([tmp_path])] == ["visible.txt"]


def test_every_sample_article_reads(samples_dir):
    docs = list(read_paths([samples_dir]))
    assert [d.file_name for d in docs] == SAMPLE_NAMES
    assert not [d for d in docs if isinstance(d, ReadFailure)]
    assert all(len(d.text) > 500 for d in docs)


def test_hexo_sample_matches_its_fixture_copy(samples_dir, hexo_file):
    assert read_one(samples_dir / HEXO).text == read_one(hexo_file).text


def test_a_web_page_reads_as_its_blocks_not_its_source_lines(tmp_path):
    """A paragraph wrapped in the page source is one line; a heading and the list under it stay apart,
    however many short lines the page has (a page's blocks are no phrase-per-line post)."""
    names = "、".join(["王晓峰", "李明远", "陈思远"])
    items = "".join(f"<li>栏目{i}</li>" for i in range(30))
    page = (f"<html><head><title>研讨会</title></head><body><ul>{items}</ul><h2>参会人员</h2><p>{names}</p>"
            "<h2>会议内容</h2><p>星河大学与云帆科技\n在苏州签署合作协议。</p></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    lines = normalise(read_one(path)).text.splitlines()
    assert lines[-4:] == ["参会人员", names, "会议内容", "星河大学与云帆科技在苏州签署合作协议。"]
