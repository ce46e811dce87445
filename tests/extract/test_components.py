"""Pipeline components tested by name: sentence splitter, mention finders, coreference, salience."""

import pytest

from kg.extract import PIPELINE
from kg.extract.pipeline import REGISTRY
from kg.extract.sentences import split
from tests.extract.helpers import component_doc, facts


def test_every_default_component_is_registered():
    assert set(PIPELINE) <= set(REGISTRY)


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("论坛开幕。嘉宾致辞！会议结束？", ["论坛开幕。", "嘉宾致辞！", "会议结束？"],
                 id="。！？ end sentences"),
    pytest.param("主办单位：中国电子学会；承办单位：南京大学。", ["主办单位：中国电子学会；", "承办单位：南京大学。"],
                 id="； ends a clause"),
    pytest.param("第一段\n第二段", ["第一段\n", "第二段"], id="a line break ends a sentence"),
    pytest.param("中科院发布了“紫东。太初”大模型。", ["中科院发布了“紫东。太初”大模型。"],
                 id="a full stop inside a short quoted name does not split"),
    pytest.param("Hello world! 你好。", ["Hello world!", " 你好。"], id="half-width ! ends a sentence"),
])
def test_sentence_splitter(text, expected):
    assert [s.text for s in split(text)] == expected


def test_sentence_offsets_point_into_the_text():
    text = "会议开幕。张三致辞。"
    assert [(s.start, s.end) for s in split(text)] == [(0, 5), (5, 10)]


def test_gazetteer_finds_lexicon_names_with_canonical_names():
    doc = component_doc("中科院与北京智源人工智能研究院签约。", ("sentences", "gazetteer"))
    assert {(m.text, m.name, m.kind) for m in doc.mentions} >= {("中科院", "中国科学院", "Organization")}


def test_organization_suffixes_find_unknown_organisations():
    doc = component_doc("合肥星河智能科技有限公司与东湖未来研究院达成合作。",
                        ("sentences", "gazetteer", "organizations"))
    names = {m.name: m.type for m in doc.mentions if m.kind == "Organization"}
    assert names == {"合肥星河智能科技有限公司": "Company", "东湖未来研究院": "ResearchInstitute"}


def test_events_reach_back_over_a_year_and_an_ordinal():
    doc = component_doc("第五届2024湾区人工智能论坛在深圳举行。", ("sentences", "gazetteer", "organizations", "events"))
    assert [m.name for m in doc.mentions if m.kind == "Event"] == ["第五届2024湾区人工智能论坛"]


def test_products_are_quoted_names_after_a_product_noun():
    doc = component_doc("团队发布了大模型“灵犀”和芯片“玄武一号”。", ("sentences", "products"))
    assert {(m.name, m.type) for m in doc.mentions} == {("灵犀", "Model"), ("玄武一号", "Chip")}


def test_one_character_place_only_before_a_held_cue():
    doc = component_doc("会议在沪举行，与会者来自沪上多家企业。", ("sentences", "place_abbreviations"))
    assert [(m.text, m.name) for m in doc.mentions] == [("沪", "上海")]


def test_organisation_lists_closed_by_a_group_noun():
    doc = component_doc("吸引了星河智算、云帆数据、海川视觉等企业入驻。",
                        ("sentences", "gazetteer", "organizations", "organization_lists"))
    assert {m.name for m in doc.mentions if m.kind == "Organization"} >= {"星河智算", "云帆数据", "海川视觉"}


def test_persons_component_alone_finds_a_titled_name():
    doc = component_doc("教授陈立新出席。", ("sentences", "persons"))
    assert [m.name for m in doc.mentions if m.kind == "Person"] == ["陈立新"]


def test_coreference_sets_the_main_event_from_the_title():
    doc = component_doc("2024中国开源软件大会在上海召开。", ("sentences", "dates", "gazetteer", "organizations",
                                                               "events", "coreference"),
                        title="2024中国开源软件大会在上海召开")
    assert doc.main_event.name == "2024中国开源软件大会" and doc.event_article


def test_an_event_name_reaches_back_over_a_year_but_not_a_day():
    doc = component_doc("我们将在7月19日星河具身智能产业生态论坛上见面。",
                        ("sentences", "gazetteer", "organizations", "events"))
    assert [m.name for m in doc.mentions if m.kind == "Event"] == ["星河具身智能产业生态论坛"]


def test_the_main_event_is_the_one_a_title_places_at_another():
    text = "2026星河人工智能大会期间，星河具身智能论坛将在上海举办。李明远将发表演讲。"
    doc = component_doc(text, PIPELINE[:PIPELINE.index("coreference") + 1],
                        title="这届2026星河人工智能大会上最火的星河具身智能论坛，李明远要来")
    assert doc.main_event.name == "星河具身智能论坛"


def test_salience_drops_a_generic_suffix_name_seen_once():
    text = "该市新建了一家智能研究中心。"
    doc = component_doc(text, tuple(p for p in PIPELINE))
    assert not [m for m in doc.mentions if m.kind == "Organization"]


def test_salience_keeps_every_city_named_but_a_country_only_where_an_event_is_held():
    from tests.extract.helpers import extraction

    names = {m.name for m in extraction("星河科技总部位于杭州，业务覆盖美国和日本。").mentions}
    assert "杭州" in names and not {"美国", "日本"} & names


def test_salience_keeps_a_person_a_pattern_found_though_no_relation_uses_them():
    from kg.extract import run
    from kg.extract.models import RULES_ONLY
    from tests.extract.helpers import article

    doc = run(article("会上，张明远表示，公司将继续投入研发。"), models=RULES_ONLY)
    assert not doc.triples and [m.name for m in doc.entities] == ["张明远"]


def test_every_triple_carries_its_evidence():
    from tests.extract.helpers import extraction

    text = "2024中国算力大会8月29日至31日在大同举行。"
    ex = extraction(text)
    assert ex.triples
    for t in ex.triples:
        assert t.evidence.sentence in ex.article.text
        assert ex.article.text[t.evidence.start:t.evidence.end].strip() == t.evidence.sentence
        assert t.evidence.rule and 0 < t.evidence.confidence <= 1


def test_full_width_punctuation_and_letters_read_as_half_width():
    text = "２０２４ＡＩ开发者大会于６月８日在杭州举行，主办单位：中国人工智能学会。"
    assert facts(text) == {("2024AI开发者大会", "heldIn", "杭州"), ("2024AI开发者大会", "startDate", "2024-06-08"),
                           ("中国人工智能学会", "hosts", "2024AI开发者大会")}
