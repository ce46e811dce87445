"""Normalisation: a `Document` becomes a clean Simplified `Article`, and only what must change changes."""

from __future__ import annotations

import pytest

from kg.model import Document
from kg.normalise import clean_line, is_traditional, normalise, normalise_text, to_simplified
from kg.read import read_paths
from tests.conftest import PLAIN, SAMPLES, TRADITIONAL, sample, to_traditional


def doc(text: str, title: str = "", file_name: str = "a.txt", path: str | None = None, **meta) -> Document:
    return Document(path=path or f"corpus/{file_name}", file_name=file_name, title=title, text=text, **meta)


# --- Traditional → Simplified -----------------------------------------------------------


def test_traditional_sample_is_detected_and_converted():
    article = normalise(next(read_paths([SAMPLES / TRADITIONAL])))
    assert article.was_traditional
    assert "国际科学智能联盟" in article.text
    assert "國際" not in article.text and "聯盟" not in article.text


def test_simplified_text_is_left_alone_even_with_characters_opencc_would_change():
    # 乾 (乾元, 乾隆) is also a Simplified character; t2s would turn it into 干.
    text = "乾元科技在北京举办了人工智能大会，来自各地的专家出席。乾隆时期的文物也在展厅展出。"
    assert not is_traditional(text)
    article = normalise(doc(text))
    assert not article.was_traditional
    assert "乾元科技" in article.text and "乾隆" in article.text


def test_simplified_samples_are_not_traditional():
    for item in read_paths([SAMPLES]):
        if item.file_name != TRADITIONAL:
            assert not normalise(item).was_traditional, item.file_name


def test_shengteng_keeps_its_sheng_when_converted():
    assert to_simplified("武漢昇騰人工智能生態創新中心") == "武汉昇腾人工智能生态创新中心"
    article = normalise(doc(to_traditional("华为昇腾AI产业生态在武汉发布。昇腾计算产业联盟同时成立，多家企业加入。")))
    assert article.was_traditional
    assert "昇腾" in article.text and "升腾" not in article.text


def test_traditional_title_and_source_are_converted_too():
    article = normalise(doc(to_traditional(sample(PLAIN)[:400]), title="國際科學智能聯盟成立", source="新華網"))
    assert article.title == "国际科学智能联盟成立"
    assert article.source == "新华网"


# --- characters and markup --------------------------------------------------------------


def test_full_width_ascii_becomes_half_width():
    assert clean_line("ＡＩ开源创新　２０２０中关村论坛（ＺＧＣ）") == "AI开源创新2020中关村论坛(ZGC)"


def test_inline_pinyin_left_by_converters_goes():
    assert to_simplified(clean_line("新華網(wǎng)")) == "新华网"
    line = clean_line(to_simplified("新華網(wǎng)北京5月9日電(記者凌紀(jì)偉)"))
    assert line == "新华网北京5月9日电(记者凌纪伟)"


def test_english_in_parentheses_stays():
    line = clean_line("国际科学智能联盟(International AI for Science Union)成立")
    assert line == "国际科学智能联盟(International AI for Science Union)成立"


def test_traditional_sample_loses_its_pinyin_but_keeps_its_english_name():
    article = normalise(next(read_paths([SAMPLES / TRADITIONAL])))
    assert article.text.startswith("新华网北京5月9日电(记者凌纪伟)")
    assert "(International AI for Science Union)" in article.text
    for pinyin in ("(wǎng)", "(jì)", "(xué)", "(lián)"):
        assert pinyin not in article.text


@pytest.mark.parametrize(("raw", "clean"), [
    ("华为&amp;百度", "华为&百度"),
    ("&ldquo;昇腾&rdquo;", "“昇腾”"),
    ("鹏城实验室&nbsp;主办", "鹏城实验室主办"),
    ("&#20013;&#22269;", "中国"),
])
def test_html_entities_are_decoded(raw, clean):
    assert clean_line(raw) == clean


# --- boilerplate and paragraphs -----------------------------------------------------------


@pytest.mark.parametrize("line", [
    "返回首页",
    "返回荆楚网新闻",
    "特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台“网易号”用户上传并发布，本平台仅提供信息存储服务。",
    "Notice: The content above (including the pictures and videos if any) is uploaded and posted by a user of "
    "NetEase Hao, which is a social media platform and only provides information storage services.",
    "责任编辑：张三",
    "【打印】",
    "微信扫一扫可打开此内容，",
    "向上滑动看下一个",
    "星河科技原创文章，转载请联系小编微信abc123",
])
def test_boilerplate_lines_are_removed(line):
    text, _ = normalise_text(f"鹏城实验室主办论坛。\n{line}\n论坛在深圳开幕。", traditional=False)
    assert text == "鹏城实验室主办论坛。\n论坛在深圳开幕。"


def test_prose_that_mentions_a_boilerplate_word_stays():
    text, _ = normalise_text("他在致辞中表示，返回首页的设计被用户称赞。", traditional=False)
    assert text == "他在致辞中表示，返回首页的设计被用户称赞。".replace("，", ",")


@pytest.mark.parametrize(("raw", "clean"), [
    ("# 2024全球人工智能技术大会开幕", "2024全球人工智能技术大会开幕"),
    ("> **大模型效果不断提升的背后，是基础软件的支持。**", "大模型效果不断提升的背后,是基础软件的支持。"),
    ("- 飞桨 AI Studio 星河社区已上线 **700万个实践项目**", "飞桨AI Studio星河社区已上线700万个实践项目"),
    ("![](https://inews.gtimg.com/om_bt/abc/1000)", ""),
    ("详见[大会官网](https://example.org/2024)。", "详见大会官网。"),
    ("报名地址：https://example.org/signup?id=3 截止5月", "报名地址: 截止5月"),
    ("---", ""),
])
def test_markdown_marks_images_and_links_go(raw, clean):
    """Names and evidence sentences read as prose, not as markdown."""
    assert clean_line(raw) == clean


def test_an_article_without_a_title_field_is_titled_by_its_heading():
    article = normalise(doc("\n# 华为发布盘古大模型3.0\n华为开发者大会在东莞举行。"))
    assert article.title == "华为发布盘古大模型3.0"


def test_an_article_without_title_or_heading_is_titled_by_its_first_line():
    article = normalise(doc("![](https://x.org/a.png)\n华为开发者大会在东莞举行。\n会上发布了新模型。"))
    assert article.title == "华为开发者大会在东莞举行。"


def test_a_sentence_broken_over_lines_is_joined_again():
    text, _ = normalise_text("本次大会由\n智东西发起主办，\n为期两天。\n会议在杭州举行。", traditional=False)
    assert text == "本次大会由智东西发起主办,为期两天。\n会议在杭州举行。"


def test_a_line_wrapped_between_two_latin_words_is_joined_with_a_space():
    text, _ = normalise_text("出席本届大会的嘉宾包括三位图灵奖得主：Geoffrey Hinton、Yann\nLeCun和姚期智。\n"
                             "Agenda\nDay one", traditional=False)
    assert text == "出席本届大会的嘉宾包括三位图灵奖得主:Geoffrey Hinton、Yann LeCun和姚期智。\nAgenda\nDay one"


def test_a_date_cut_into_lines_is_joined_and_a_section_number_is_not():
    text, _ = normalise_text("论坛将于2026年\n7\n月\n19\n日下午在上海举行。\n01\n嘉宾介绍", traditional=False)
    assert text == "论坛将于2026年7月19日下午在上海举行。\n01\n嘉宾介绍"


def test_a_page_with_a_phrase_on_every_line_is_read_as_sentences():
    lines = ["值此行业变革之际", "第三届具身机器人论坛", "由某科技媒体主办", "将于9月8日在成都开幕。"] * 6
    text, _ = normalise_text("\n".join(lines), traditional=False)
    assert text.split("\n")[0] == "值此行业变革之际第三届具身机器人论坛由某科技媒体主办将于9月8日在成都开幕。"


def test_on_such_a_page_a_bracketed_acronym_does_not_end_the_sentence():
    lines = ["值此行业变革之际", "第三届具身机器人论坛(ERF 2026)", "由某科技媒体主办", "将于9月8日在成都开幕。"] * 6
    text, _ = normalise_text("\n".join(lines), traditional=False)
    assert text.split("\n")[0] == "值此行业变革之际第三届具身机器人论坛(ERF 2026)由某科技媒体主办将于9月8日在成都开幕。"


def test_on_such_a_page_fields_section_numbers_and_captions_keep_their_own_lines():
    lines = ["值此行业变革之际", "第三届具身机器人论坛", "将于9月8日在成都开幕。", "时间：9月8日", "地点：成都",
             "01", "▲论坛现场"] * 4
    text, _ = normalise_text("\n".join(lines), traditional=False)
    assert text.split("\n")[:5] == ["值此行业变革之际第三届具身机器人论坛将于9月8日在成都开幕。",
                                     "时间:9月8日", "地点:成都", "01", "▲论坛现场"]


def test_a_page_of_long_paragraphs_with_short_phrase_lines_is_read_as_sentences_too():
    lines = ["记者从组委会获悉，", "2026具身智能大会", "在深圳会展中心举办。",
             "大会吸引了来自国内外的数百家企业参展，展示了机器人、传感器、控制芯片等领域的最新成果和应用方案。"] * 6
    text, _ = normalise_text("\n".join(lines), traditional=False)
    assert text.split("\n")[0] == "记者从组委会获悉,2026具身智能大会在深圳会展中心举办。"


def test_headings_and_list_items_keep_their_own_lines():
    text, _ = normalise_text("## 大会议程\n开幕式在上午举行。\n- 主论坛\n- 平行论坛", traditional=False)
    assert text.split("\n") == ["大会议程", "开幕式在上午举行。", "主论坛", "平行论坛"]


def test_paragraph_breaks_are_kept_and_blank_lines_dropped():
    text, _ = normalise_text("第一段。\n\n\n  第二段。  \r\n第三段。", traditional=False)
    assert text == "第一段。\n第二段。\n第三段。"


def test_source_line_names_the_source_and_is_removed():
    text, source = normalise_text("论坛开幕。\n来源：荆楚网", traditional=False)
    assert (text, source) == ("论坛开幕。", "荆楚网")


def test_sample_boilerplate_is_gone():
    articles = {a.file_name: a for a in map(normalise, read_paths([SAMPLES]))}
    jekyll = articles["003_8aa938fb62833662.txt"]
    assert "返回首页" not in jekyll.text and "返回荆楚网新闻" not in jekyll.text
    assert jekyll.source == "荆楚网"


# --- the article record -------------------------------------------------------------------


def test_article_id_is_stable_for_the_same_file_and_content():
    first, again = normalise(doc("论坛开幕。")), normalise(doc("论坛开幕。"))
    assert first.id == again.id and len(first.id) == 16
    assert normalise(doc("论坛闭幕。")).id != first.id  # content changed
    assert normalise(doc("论坛开幕。", file_name="b.txt")).id != first.id  # another file


def test_sample_ids_are_the_same_on_every_read():
    ids = [normalise(d).id for d in read_paths([SAMPLES])]
    assert ids == [normalise(d).id for d in read_paths([SAMPLES])]
    assert len(set(ids)) == 5


def test_article_keeps_metadata():
    article = normalise(doc("论坛开幕。", title="标题", date="2021-12-19", url="https://x.cn/1", source="荆楚网"))
    assert (article.title, article.date, article.url, article.source) == (
        "标题", "2021-12-19", "https://x.cn/1", "荆楚网")
    assert article.path == "corpus/a.txt" and article.file_name == "a.txt"
    assert len(article.content_hash) == 64
