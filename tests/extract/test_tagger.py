"""How the tagger's spans become mentions: what a learned span may not keep at its edges."""

import pytest

from kg.extract.tagger import merge
from tests.extract.helpers import component_doc


def merged(text: str, span: str, kind: str, pipeline: tuple[str, ...] = ("sentences", "dates")) -> list[str]:
    """The mentions of `kind` once the tagger's span over `span` in `text` is merged with the rules'."""
    doc = component_doc(text, pipeline)
    start = text.index(span)
    merge(doc, [(start, start + len(span), kind)])
    return [m.text for m in doc.mentions if m.kind == kind]


@pytest.mark.parametrize(("text", "span", "name"), [
    pytest.param("他2013年赴美国哈佛大学访学。", "2013年赴美国哈佛大学", "美国哈佛大学",
                 id="a date and a verb before it"),
    pytest.param("大赛评委代表苏州智能制造研究中心主任出席。", "评委代表苏州智能制造研究中心", "苏州智能制造研究中心",
                 id="a person's title before it"),
    pytest.param("学会学术委员会主任李明出席。", "学会学术委员会", "学会学术委员会",
                 id="委员会 is a unit, not a title"),
    pytest.param("论坛由华东图像学会(EIS)主办。", "华东图像学会(EIS", "华东图像学会",
                 id="a Latin short form the span cuts off in brackets is an alias"),
    pytest.param("香港中文大学(深圳)教授李明出席。", "香港中文大学(深圳", "香港中文大学(深圳)",
                 id="a campus in brackets is part of the name: the bracket is closed"),
    pytest.param("会议由腾讯研究院联合前海国际事务研究院举办。", "前海国际事务研究院", "前海国际事务研究院",
                 id="a known place that opens with a stop word (前 of 前海) is kept"),
])
def test_an_organisation_span_starts_after_dates_verbs_and_titles(text, span, name):
    assert merged(text, span, "Organization", ("sentences", "dates", "gazetteer")) == [name]


def test_an_organisation_span_that_is_only_an_organisation_word_is_none():
    assert merged("据报道，事业部负责人王颖出席。", "事业部", "Organization") == []


@pytest.mark.parametrize(("span", "kept"), [
    pytest.param("龙虾后首场智能体大会", "智能体大会", id="a determiner inside the span"),
    pytest.param("中国多媒体大会(ChinaMM2022", "中国多媒体大会", id="a note cut off by the span is an alias too"),
    pytest.param("人工智能前沿论坛・第二期", "人工智能前沿论坛・第二期", id="an edition after the event word"),
    pytest.param("孙东称体现香港创科合作枢纽", None, id="a clause ends in no event word"),
    pytest.param("CVPR2023", "CVPR2023", id="a Latin acronym"),
    pytest.param("2026长三角智能体大会（AgentCon 2026）", "2026长三角智能体大会", id="an acronym in brackets"),
    pytest.param("城市更新青年论坛（第三期）", "城市更新青年论坛(第三期)", id="an edition in brackets stays"),
    pytest.param("这届WAIC上爆火的具身智能论坛", "具身智能论坛", id="what happened at a known event before the name"),
    pytest.param("仪式", None, id="a bare event word"),
])
def test_an_event_span_must_end_like_an_event(span, kept):
    assert merged(f"据报道，{span}，引发关注。", span, "Event") == ([kept] if kept else [])


@pytest.mark.parametrize(("text", "span", "kept"), [
    pytest.param("据报道，第五届人工智能算法挑战赛今日启动。", "五届人工智能算法挑战赛", "第五届人工智能算法挑战赛",
                 id="the 第 of an edition the span cut off"),
    pytest.param("据报道，《开源指南》编制启动仪式在武汉举行。", "开源指南》编制启动仪式", "《开源指南》编制启动仪式",
                 id="the opening mark of a title the span closes"),
])
def test_an_event_span_gets_back_what_it_cut_off(text, span, kept):
    assert merged(text, span, "Event") == [kept]


@pytest.mark.parametrize(("span", "after", "kept"), [
    pytest.param("高慧称", "，", "高慧", id="a speech verb after the name"),
    pytest.param("刘德音今早", "", "刘德音", id="a time word after the name"),
    pytest.param("陈于生", "", "陈于生", id="a given name may hold such a character"),
    pytest.param("姚涛副", "教授", "姚涛", id="a title that starts after the name (副教授)"),
])
def test_a_person_span_ends_where_a_name_may_end(span, after, kept):
    assert merged(f"据报道，{span}{after}出席了发布会。", span, "Person") == [kept]


@pytest.mark.parametrize(("text", "span", "kept"), [
    pytest.param("开发者可在“天枢”平台上调用模型。", "“天枢”平台", ["天枢"], id="a quoted name and a product noun"),
    pytest.param("开发者可在“天枢”计划中报名。", "“天枢”计划", ["“天枢”计划"],
                 id="not before a word that names no product"),
])
def test_a_product_span_is_its_quoted_name(text, span, kept):
    assert merged(text, span, "Product") == kept


def test_a_kind_the_model_is_unsure_of_stands_only_above_its_bar(tmp_path):
    """The bar per kind in the TSV beside the model: above any probability, the model's spans of that
    kind all give way, the rules' stand."""
    import shutil

    from kg.extract import PIPELINE
    from kg.extract.models import MODEL_DIR, Models

    text = "9月24日，星河科技在深圳举办开发者日，清华大学教授李明出席。"
    model = tmp_path / "entities.crfsuite"
    shutil.copy(MODEL_DIR / "entities.crfsuite", model)

    def organisations(bar: str) -> set[str]:
        (tmp_path / "entities.tsv").write_text(f"kind\tmin_marginal\nOrganization\t{bar}\n", encoding="utf-8")
        doc = component_doc(text, PIPELINE[:PIPELINE.index("tagger") + 1], models=Models(entities=model))
        return {m.text for m in doc.mentions if m.kind == "Organization"}

    assert "星河科技" in organisations("0")
    assert organisations("1.01") == {"清华大学"}


@pytest.mark.parametrize(("text", "span", "name"), [
    pytest.param("公司发布自研星河语音系统。", "自研星河语音系统", "星河语音系统", id="自研 before it"),
    pytest.param("Clipdrop开发商宣布融资。", "Clipdrop开发商", "Clipdrop", id="开发商 after it"),
    pytest.param("腾讯云推出向量数据库Tencent Cloud VectorDB。", "向量数据库Tencent Cloud VectorDB",
                 "Tencent Cloud VectorDB", id="a description ending in a kind of product before a Latin name"),
    pytest.param("理想L9正式交付。", "理想L9", "理想L9", id="a brand that is also a word stays"),
])
def test_a_tagged_product_loses_the_words_that_describe_it(text, span, name):
    assert merged(text, span, "Product") == [name]


def test_a_tagged_name_glued_to_its_repeat_is_the_name_once():
    assert merged("王恩东王恩东表示，算力是基础。", "王恩东王恩东", "Person") == ["王恩东"]
