"""launchedAt: organisations founded (成立/揭牌) and products released (发布) at an event."""

import pytest

from kg.extract import PIPELINE
from tests.extract.helpers import as_if_tagged, facts

CASES = [
    pytest.param(
        "2024中国人工智能产业年会在苏州开幕。会上，长三角具身智能产业联盟正式成立。",
        "2024中国人工智能产业年会在苏州开幕",
        {("长三角具身智能产业联盟", "launchedAt", "2024中国人工智能产业年会")},
        id="会上…正式成立"),
    pytest.param(
        "6月5日，粤港澳大湾区算力联盟成立大会在广州举行。",
        "",
        {("粤港澳大湾区算力联盟", "launchedAt", "粤港澳大湾区算力联盟成立大会")},
        id="X成立大会 launches X"),
    pytest.param(
        "在2025智能计算创新大会上，华为发布了盘古大模型6.0和昇腾950。",
        "",
        {("盘古大模型6.0", "launchedAt", "2025智能计算创新大会"), ("昇腾950", "launchedAt", "2025智能计算创新大会")},
        id="在EVT上，ORG发布了A和B: each released at the event"),
    pytest.param(
        "9月9日，在星河开发者大会2025（Cloud）上，星河科技发布了星河大模型3.0。",
        "",
        {("星河大模型3.0", "launchedAt", "星河开发者大会2025")},
        id="a note in brackets between the event and 上"),
    pytest.param(
        "星河科技还在2025智能计算创新大会上牵头发起了“开源智能终端联盟”。",
        "",
        {("开源智能终端联盟", "launchedAt", "2025智能计算创新大会")},
        id="发起了 an alliance at the event"),
    pytest.param(
        "在2025智能计算创新大会上，华为表示明年将发布昇腾950芯片。",
        "",
        set(),
        id="将发布 at an event is no release there"),
    pytest.param(
        "2024星河开发者大会在杭州开幕。本届大会以“智能体”为主题。科大讯飞正式发布了“天枢”大模型。",
        "2024星河开发者大会在杭州开幕",
        {("天枢", "launchedAt", "2024星河开发者大会")},
        id="an organisation's release reported in an article about one event is at that event"),
    pytest.param(
        "2024星河开发者大会在杭州开幕。本届大会以“智能体”为主题。去年，科大讯飞发布了“天枢”大模型。",
        "2024星河开发者大会在杭州开幕",
        set(),
        id="not one the sentence places earlier"),
]


@pytest.mark.parametrize(("text", "title", "expected"), CASES)
def test_launched_at(text, title, expected):
    assert facts(text, title=title, only="launchedAt") == expected


def test_organisations_founded_at_the_event_the_sentence_names():
    text = "11月8日，2025全球智能制造大会在苏州召开，成立了长三角智能制造产业联盟和苏州智能制造研究院。"
    assert facts(text, only="launchedAt") == {
        ("长三角智能制造产业联盟", "launchedAt", "2025全球智能制造大会"),
        ("苏州智能制造研究院", "launchedAt", "2025全球智能制造大会")}


def test_an_organisation_to_be_founded_is_not_founded_at_the_event():
    text = "2025全球智能制造大会在苏州召开，会后将成立长三角智能制造产业联盟。"
    assert facts(text, only="launchedAt") == set()


def test_an_event_held_in_a_month_named_before_it_is_dated():
    text = "在今年4月举办的2025长三角机器人论坛上，星河智能创始人李明透露了量产计划。"
    assert ("2025长三角机器人论坛", "startDate", "2025-04") in facts(text, date="2025-09-01", only="startDate")


def test_products_a_counted_release_lists_one_clause_each():
    text = ("2026星河云大会在杭州开幕。华为云在会上发布三大新品。其中，星河Nova平台支持万卡集群；"
            "星河Orbit数据库面向智能体。会后，与会嘉宾参观了展区。")
    after_tagger = PIPELINE[PIPELINE.index("tagger") + 1:PIPELINE.index("relations") + 1]
    doc = as_if_tagged(text, ("星河Nova平台", "星河Orbit数据库"), "Product", "Platform", then=after_tagger)
    found = {(t.subject.name, t.predicate, t.object.name) for t in doc.triples
             if t.predicate in ("launchedAt", "develops")}
    assert {("星河Nova平台", "launchedAt", "2026星河云大会"), ("星河Orbit数据库", "launchedAt", "2026星河云大会"),
            ("华为云", "develops", "星河Nova平台"), ("华为云", "develops", "星河Orbit数据库")} <= found


def test_a_product_is_launched_at_the_launch_event_named_for_it():
    text = "昨日，百度在北京召开文心一言发布会，李彦宏介绍了文心一言的能力。"
    assert ("文心一言", "launchedAt", "文心一言发布会") in facts(text, only="launchedAt")
