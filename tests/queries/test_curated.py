"""Every curated query of queries/ on the sample graph (or a tiny hand-written one), with its expected rows."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from kg.api import curated_queries, curated_query
from kg.cli import main

TESTED = set()


def run(kg, query_name: str, **params):
    TESTED.add(query_name)
    return kg.query(curated_query(query_name).text, **params)


def pairs(rows, *keys):
    return {tuple(row[k] for k in keys) for row in rows}


def test_every_query_has_a_bilingual_header():
    queries = curated_queries()
    assert len(queries) >= 12
    for q in queries:
        assert q.en and q.zh, q.name
        assert any("\u4e00" <= ch <= "\u9fff" for ch in q.zh), q.name
        for param in q.params:
            assert f"?{param['name']}" in q.text and param["meaning"], (q.name, param)


def test_events_of_organization(tiny_kg):
    rows = run(tiny_kg, "events-of-organization", org="鹏城实验室")
    assert pairs(rows, "role", "eventName") == {("hosts", "启智峰会"), ("hosts", "鹏城论坛")}
    summit = next(r for r in rows if r["eventName"] == "启智峰会")
    assert (summit["date"], summit["placeName"]) == ("2021-12-19", "深圳")
    assert pairs(run(tiny_kg, "events-of-organization", org="北京大学"), "role") == {("co-organizes",)}
    assert run(tiny_kg, "events-of-organization", org="没有这个机构") == []


def test_co_organizers(tiny_kg):
    rows = run(tiny_kg, "co-organizers")
    assert pairs(rows, "orgA", "orgB", "events") == {
        ("北京大学", "华为", 1), ("北京大学", "鹏城实验室", 1), ("华为", "鹏城实验室", 1)}


def test_people_of_organization(sample_kg):
    rows = run(sample_kg, "people-of-organization", org="百度")
    titles = {row["name"]: row["titles"] for row in rows}
    assert "首席技术官" in titles["王海峰"]
    assert "吴甜" in titles


def test_alliances(sample_kg):
    rows = {row["allianceName"]: row for row in run(sample_kg, "alliances")}
    assert "华为" in rows["多模态人工智能产业联盟"]["members"].split(" | ")
    assert "中国科学院自动化研究所" in rows["多模态人工智能产业联盟"]["leaders"]
    assert {"北京大学", "上海交通大学"} <= set(rows["国际科学智能联盟"]["members"].split(" | "))


def test_events_by_city_year(sample_kg):
    rows = run(sample_kg, "events-by-city-year", city="深圳", year="2021")
    assert pairs(rows, "cityName", "eventYear", "eventName") == {
        ("深圳", 2021, "2021新一代人工智能院士高峰论坛暨启智开发者大会")}
    everything = pairs(run(sample_kg, "events-by-city-year"), "cityName", "eventName")
    assert ("武汉", "2021东湖国际人工智能高峰论坛") in everything
    assert run(sample_kg, "events-by-city-year", city="深圳", year="2019") == []


def test_most_connected_organizations(sample_kg):
    rows = {row["orgName"]: row for row in run(sample_kg, "most-connected-organizations")}
    # launched at the 2021东湖国际人工智能高峰论坛 together with 武汉人工智能研究院 and others
    assert rows["多模态人工智能产业联盟"]["partners"] >= 2
    assert rows["多模态人工智能产业联盟"]["events"] >= 1


def test_products_and_developers(sample_kg):
    rows = pairs(run(sample_kg, "products-and-developers"), "productName", "type", "developerName")
    assert {("昇腾", "Chip", "华为"), ("紫东太初", "Model", "中国科学院自动化研究所"),
            ("百度大脑", "Platform", "百度")} <= rows


def test_people_at_several_events(tiny_kg, sample_kg):
    rows = run(tiny_kg, "people-at-several-events")
    assert [(r["name"], r["events"]) for r in rows] == [("高文", 2)]
    for row in run(sample_kg, "people-at-several-events"):
        assert row["events"] >= 2


def test_evidence(sample_kg):
    rows = run(sample_kg, "evidence", subject="王海峰", object="百度")
    assert rows and {r["predicate"] for r in rows} == {"affiliatedWith"}
    assert all("王海峰" in r["sentence"] and r["file"].endswith(".txt") for r in rows)
    assert {r["objectName"] for r in run(sample_kg, "evidence", subject="王海峰")} >= {"百度"}


def test_organizations_sharing_speakers(sample_kg):
    rows = {(r["orgA"], r["orgB"]): r for r in run(sample_kg, "organizations-sharing-speakers")}
    shared = rows[("深度学习技术及应用国家工程实验室", "百度")]
    assert "王海峰" in shared["speakers"].split(" | ")


def test_entity(sample_kg):
    rows = run(sample_kg, "entity", name="王海峰")
    facts = pairs(rows, "direction", "property", "valueName")
    assert ("out", "affiliatedWith", "百度") in facts
    assert ("type", "type", None) in facts
    assert ("name", "label", None) in facts
    assert ("in", "affiliatedWith", "王海峰") in pairs(run(sample_kg, "entity", name="百度"),
                                                        "direction", "property", "valueName")


def test_subsidiaries(sample_kg):
    rows = pairs(run(sample_kg, "subsidiaries", org="中国科学院"), "parentName", "childName", "direct")
    assert ("中国科学院", "中国科学院自动化研究所", True) in rows
    assert {r[0] for r in rows} == {"中国科学院"}
    everything = pairs(run(sample_kg, "subsidiaries"), "parentName", "childName")
    assert ("中国科学院", "中国科学院自动化研究所") in everything
    assert len(everything) >= len(rows)


def test_network_construct(sample_kg):
    result = sample_kg.query_result(curated_query("network").text)
    TESTED.add("network")
    assert result.kind == "graph"
    triples = {(t.subject.value, t.predicate.value.rsplit("#", 1)[-1], t.object.value) for t in result.triples}
    wang = {s for s, p, o in triples if p == "label" and o == "王海峰"}
    baidu = {s for s, p, o in triples if p == "label" and o == "百度"}
    assert any((w, "affiliatedWith", b) in triples for w in wang for b in baidu)


def test_articles(sample_kg):
    rows = run(sample_kg, "articles")
    assert len(rows) == 5
    assert all(r["file"].endswith(".txt") and r["entities"] > 0 for r in rows)


def test_places_of_events(sample_kg):
    rows = run(sample_kg, "places-of-events", place="武汉")
    assert [r["eventName"] for r in rows] == ["2021东湖国际人工智能高峰论坛"]
    assert rows[0]["placeName"] == "武汉"


def test_parameters_are_terms_not_text(sample_kg):
    hostile = '百度" } } SELECT * WHERE { ?s ?p ?o } #'
    assert run(sample_kg, "people-of-organization", org=hostile) == []


def test_cli_list_and_names(tmp_path):
    runner = CliRunner()
    listed = runner.invoke(main, ["query", "--list"])
    assert listed.exit_code == 0
    lines = listed.output.splitlines()
    assert len(lines) == len(curated_queries())
    assert any(line.startswith("people-of-organization") and "[org=]" in line for line in lines)


def test_every_query_is_tested():
    source = Path(__file__).read_text(encoding="utf-8").split("def test_every_query_is_tested")[0]
    untested = [q.name for q in curated_queries() if f'"{q.name}"' not in source]
    assert not untested, f"add a test for {untested}"
