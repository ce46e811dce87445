"""develops (发布/推出/研发 a model, framework, platform, chip) and subOrganizationOf from composed names."""

import pytest

from kg import lexicon
from tests.extract.helpers import as_if_tagged, facts

DEVELOPS_CASES = [
    pytest.param("6月20日，智谱AI发布了新一代基座大模型“GLM-5”。", {("智谱", "develops", "GLM-5")},
                 id="ORG发布了大模型“…”, a Latin name in quotes"),
    pytest.param("会上，百川智能推出大模型“百川4”。", {("百川智能", "develops", "百川4")}, id="推出大模型“…”"),
    pytest.param("中国科学院软件研究所发布开源框架“智远”。", {("中国科学院软件研究所", "develops", "智远")},
                 id="发布开源框架“…”"),
    pytest.param("百度在大会上发布了飞桨3.0版本。", {("百度", "develops", "飞桨3.0")},
                 id="a product from the lexicon with a version after it: the version is part of the name"),
    pytest.param("寒武纪正式发布新一代云端智能芯片“思元590”。", {("寒武纪", "develops", "思元590")},
                 id="a chip in quotes"),
    pytest.param("华为在开发者大会上推出了昇思MindSpore 2.3。", {("华为", "develops", "昇思MindSpore 2.3")},
                 id="a framework known by an alias"),
    pytest.param("会上，云从科技发布了“从容”大模型。", {("云从科技", "develops", "从容")},
                 id="“…”大模型: the quoted name before the product noun"),
    pytest.param("浪潮信息发布“人工智能+”平台。", set(),
                 id="a quoted slogan of topical words names no product"),
    pytest.param("统信软件正式发布UniCopilot，面向桌面用户。", {("统信软件", "develops", "UniCopilot")},
                 id="a coined Latin name after 发布"),
    pytest.param("统信软件发布了AI能力和GPU方案。", set(),
                 id="acronyms and plain words are no coined names"),
]


@pytest.mark.parametrize(("text", "expected"), DEVELOPS_CASES)
def test_develops(text, expected):
    assert facts(text, only="develops") == expected


SUBORG_CASES = [
    pytest.param("中国科学院计算技术研究所与中国科学院网络信息中心联合发布了报告。中国科学院相关负责人出席。",
                 {("中国科学院计算技术研究所", "subOrganizationOf", "中国科学院"),
                  ("中国科学院网络信息中心", "subOrganizationOf", "中国科学院")},
                 id="CAS institutes and centres, with CAS named apart"),
    pytest.param("合肥工业大学人工智能创新学院举办学术沙龙。",
                 {("合肥工业大学人工智能创新学院", "subOrganizationOf", "合肥工业大学")},
                 id="a school whose university is named only inside its name"),
    pytest.param("华为技术有限公司发布新品，腾讯云智能事业部负责人出席。", set(),
                 id="a company's legal name and a department are no units"),
    pytest.param("清华大学智能产业研究院院长张亚勤出席论坛。清华大学将继续支持该研究院的发展。",
                 {("清华大学智能产业研究院", "subOrganizationOf", "清华大学")},
                 id="a university's institute named by the university's name"),
]


SUBSIDIARY_CASES = [
    pytest.param("今年3月，星河动力完成B轮融资，由宁德时代旗下晨道投资有限公司领投。",
                 {("晨道投资有限公司", "subOrganizationOf", "宁德时代")},
                 id="X旗下Y"),
    pytest.param("腾讯旗下的云帆科技有限公司发布了新款芯片。", {("云帆科技有限公司", "subOrganizationOf", "腾讯")},
                 id="X旗下的Y"),
    pytest.param("云帆科技有限公司是科大讯飞的全资子公司。", {("云帆科技有限公司", "subOrganizationOf", "科大讯飞")},
                 id="Y是X的全资子公司"),
    pytest.param("中国移动甘肃公司与兰州大学签署合作协议。", {("中国移动甘肃公司", "subOrganizationOf", "中国移动")},
                 id="a group's regional company, named by the group and a place"),
    pytest.param("腾讯与云帆科技有限公司签署合作协议。", set(), id="partners are no parent and subsidiary"),
    pytest.param("阿里巴巴公布季度财报，阿里云收入增长。", {("阿里云", "subOrganizationOf", "阿里巴巴")},
                 id="a business the lexicon puts in a group the article also names"),
    pytest.param("阿里云收入增长，云计算市场竞争加剧。", set(), id="not when the article leaves the group unnamed"),
    pytest.param("上海市人民政府与上海市经济和信息化委员会联合发布政策。", set(),
                 id="government hierarchies are not read off the lexicon"),
]


@pytest.mark.parametrize(("text", "expected"), SUBSIDIARY_CASES)
def test_subsidiaries(text, expected):
    assert facts(text, only="subOrganizationOf") == expected


@pytest.mark.parametrize(("text", "expected"), SUBORG_CASES)
def test_sub_organization_of(text, expected):
    assert facts(text, only="subOrganizationOf") == expected


def test_a_product_named_after_its_maker_is_developed_by_it():
    found = facts("华为昇腾计算业务总裁张迪煊表示，昇腾生态已汇聚数百万开发者。", only="develops")
    assert found == {("华为", "develops", "昇腾")}


def test_a_known_maker_is_its_products_developer_only_where_one_sentence_names_both():
    together = facts("华为的昇腾芯片已用于多家运营商的数据中心。", only="develops")
    assert ("华为", "develops", "昇腾") in together
    apart = facts("华为公布了上半年业绩。另据报道，昇腾芯片已用于多家运营商的数据中心。", only="develops")
    assert ("华为", "develops", "昇腾") not in apart


def test_a_version_of_a_known_product_is_its_makers_too():
    found = facts("据介绍，百度的文心大模型4.5已服务上万家企业。", only="develops")
    assert found == {("百度", "develops", "文心大模型4.5")}


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("9月24日，星河科技有限公司在深圳举办开发者日，一举发布了星河大模型3.0和星河智能体平台。",
                 {("星河科技有限公司", "develops", "星河大模型3.0")}, id="the subject carried over its clauses"),
    pytest.param("星河科技有限公司在深圳举办开发者日，李明表示，公司发布了星河大模型3.0。", set(),
                 id="not over a person who speaks in between"),
    pytest.param("腾讯混元团队开源了多模态框架“星河”。", {("腾讯", "develops", "星河")},
                 id="a product's team releases for the company it is named after"),
])
def test_who_releases_when_the_verb_is_far_from_the_name(text, expected):
    found = facts(text, only="develops")
    assert expected <= found and (expected or not any(s == "星河科技有限公司" for s, _, _ in found))


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("开发者可在科大讯飞的“天枢”平台上调用多款模型。", {("科大讯飞", "develops", "天枢")},
                 id="ORG的“PRODUCT”: the organisation's own"),
    pytest.param("“天枢”平台是星河智能公司自主研发的一站式开发平台。", {("星河智能公司", "develops", "天枢")},
                 id="PRODUCT是ORG研发的"),
    pytest.param("由商汤科技研发的“天枢”平台已开放公测。", {("商汤科技", "develops", "天枢")},
                 id="由ORG研发的PRODUCT"),
    pytest.param("腾讯云DeepSeek-R1推理服务今日上线。", {("深度求索", "develops", "DeepSeek-R1")},
                 id="a cloud offering a known maker's model is no developer of it"),
    pytest.param("光年智能科技在展会上全球首发“星图”芯片。", {("光年智能科技", "develops", "星图")},
                 id="全球首发 releases a product"),
])
def test_an_organisations_own_product(text, expected):
    assert facts(text, only="develops") == expected


def test_a_latin_maker_must_end_where_its_word_ends():
    assert lexicon.organisation_prefix("Intelligence Hub") is None
    assert lexicon.organisation_prefix("Intel Gaudi") == "Intel"


def test_the_topic_made_by_whom_a_later_clause_says():
    text = "Nebula是业界首个开源批量调度项目，2019年由华为云捐献给云原生计算基金会。"
    doc = as_if_tagged(text, "Nebula", "Product", "Software", then=("relations",))
    assert {(t.subject.name, t.object.name) for t in doc.triples if t.predicate == "develops"} == {("华为云", "Nebula")}
