"""Short forms inside one article (该联盟, 本届论坛, 大会) point back to the full name."""

from kg.extract import PIPELINE, run
from kg.extract.pipeline import REGISTRY
from kg.model import Mention
from tests.extract.helpers import article, extraction, facts


def test_this_alliance_points_to_the_alliance_named_before():
    text = "长三角人工智能产业联盟12日在上海成立。该联盟由上海交通大学、浙江大学等单位共同发起。"
    assert facts(text, only="memberOf") == {("上海交通大学", "memberOf", "长三角人工智能产业联盟"),
                                            ("浙江大学", "memberOf", "长三角人工智能产业联盟")}


def test_this_years_forum_points_to_the_main_event():
    text = "2024中国人工智能产业年会在苏州开幕。本届年会由中国人工智能产业发展联盟主办。"
    assert facts(text, only="hosts") == {("中国人工智能产业发展联盟", "hosts", "2024中国人工智能产业年会")}


def test_the_short_form_is_a_mention_of_the_full_name():
    text = "第三届明湖人工智能论坛在济南举行。本届论坛聚焦大模型与产业融合。"
    found = [(m.text, m.name) for m in extraction(text).mentions if m.kind == "Event"]
    assert ("本届论坛", "第三届明湖人工智能论坛") in found


def test_the_alliance_word_alone_points_back_too():
    text = "中国算力网络产业联盟在北京成立。联盟由中国移动牵头组建。"
    assert facts(text, only="ledBy") == {("中国算力网络产业联盟", "ledBy", "中国移动")}


def test_no_short_form_without_a_full_name_before_it():
    text = "该联盟表示将继续推动行业标准制定。"
    assert [m for m in extraction(text).mentions if m.kind == "Organization"] == []


def test_a_bare_opening_ceremony_is_the_main_events_and_its_speakers_attend_both():
    """The tagger may find 开幕式 alone; it is never the main event, and it takes the main event's name."""
    text = "第五届数字经济峰会将于10月9日在西安开幕。开幕式上，西安交通大学教授刘文华致辞。"
    doc = run(article(text, "2025-10-01"), PIPELINE[:PIPELINE.index("coreference")])
    at = text.index("开幕式上")
    doc.add(Mention("开幕式", at, at + 3, "Event", "Ceremony", "开幕式", None, "tagger"))
    for name in ("coreference", "relations"):
        REGISTRY[name](doc)
    assert doc.main_event.name == "第五届数字经济峰会"
    assert {(t.subject.name, t.object.name) for t in doc.triples if t.predicate == "participatesIn"} == {
        ("刘文华", "第五届数字经济峰会"), ("刘文华", "第五届数字经济峰会开幕式")}


def test_on_a_page_listing_events_this_forum_is_the_one_heading_its_paragraph():
    text = ("海洋智能前沿论坛・第一期\n时间：2024年8月30日\n地点：青岛\n本次论坛邀请了浙江大学李明教授作报告。\n"
            "海洋智能前沿论坛・第二期\n时间：2024年9月27日\n地点：厦门\n本次论坛邀请了厦门大学王芳教授作报告。")
    found = facts(text, only="participatesIn")
    assert found == {("李明", "participatesIn", "海洋智能前沿论坛・第一期"),
                     ("王芳", "participatesIn", "海洋智能前沿论坛・第二期")}


def test_a_short_form_the_article_defines_stands_for_the_full_name_wherever_it_is_used():
    text = ("2025星河智能大赛在上海举行。大赛由上海星河智能研究院（下称「星智院」）与复旦大学联合主办。\n"
            "决赛答辩在星智院开展，星智院院长李明致辞。")
    found = facts(text, title="2025星河智能大赛在上海举行")
    assert ("上海星河智能研究院", "hosts", "2025星河智能大赛") in found
    assert ("李明", "affiliatedWith", "上海星河智能研究院") in found


def test_a_latin_short_form_inside_a_longer_word_is_no_use_of_it():
    doc = run(article("星河数据科技有限公司（简称“XH”）发布报告。XH表示，XHS平台用户增长。"))
    uses = [(m.text, m.name) for m in doc.mentions if m.text.startswith("XH")]
    assert [text for text, _ in uses] == ["XH"]  # the use after the definition, not XHS


def test_an_acronym_in_brackets_is_a_short_form_used_later_but_a_word_in_brackets_is_not():
    text = ("第四届泰山智能产业大会（TAIIC2025）在泰安举行。\n星河大学陈立教授参与TAIIC2025并获奖。\n"
            "星河开发者大会2025（Cloud）在杭州举行。Cloud原生成为热点。")
    doc = run(article(text))
    assert [m.name for m in doc.mentions if m.text == "TAIIC2025"] == ["第四届泰山智能产业大会"]  # its later use
    assert not any(m.text == "Cloud" for m in doc.mentions)


def test_this_competition_in_an_article_about_its_final_is_the_competition():
    text = "7月18日，第四届星河智能大赛总决赛及颁奖典礼在上海举行。本届大赛由星河大学主办。"
    found = facts(text, title="第四届星河智能大赛总决赛及颁奖典礼在上海举行", only="hosts")
    assert found == {("星河大学", "hosts", "第四届星河智能大赛")}


def test_a_post_read_before_coreference_follows_the_short_form_to_its_full_name():
    doc = run(article("上海星河智能研究院（下称「星智院」）发布报告。\n星智院院长李明致辞。"))
    posts = {(t.subject.name, t.object.name) for t in doc.triples if t.predicate == "affiliatedWith"}
    assert ("李明", "上海星河智能研究院") in posts and ("李明", "星智院") not in posts
