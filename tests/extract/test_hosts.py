"""hosts and coOrganizes: who 主办 / 举办 an event, and who 承办 / 协办 / supports it."""

import pytest

from tests.extract.helpers import facts

ROLES = ("hosts", "coOrganizes")

CASES = [
    pytest.param(
        "4月12日，腾讯研究院联合浙江大学、之江实验室一同发起2024智能社会高端研讨会。",
        "",
        {("腾讯研究院", "hosts", "2024智能社会高端研讨会"), ("浙江大学", "hosts", "2024智能社会高端研讨会"),
         ("之江实验室", "hosts", "2024智能社会高端研讨会")},
        id="A联合B、C一同发起 an event: all hold it"),
    pytest.param(
        "5月18日，由浙江大学、之江实验室和杭州市人民政府主办的2024全球数字经济创新峰会在杭州开幕。",
        "2024全球数字经济创新峰会在杭州开幕",
        {("浙江大学", "hosts", "2024全球数字经济创新峰会"),
         ("之江实验室", "hosts", "2024全球数字经济创新峰会"),
         ("杭州市人民政府", "hosts", "2024全球数字经济创新峰会")},
        id="由A、B和C主办的-event: every listed organisation hosts"),
    pytest.param(
        "第十届CCF大数据学术会议在西安召开。本次会议的主办单位为中国计算机学会，承办单位为西安电子科技大学。",
        "第十届CCF大数据学术会议在西安召开",
        {("中国计算机学会", "hosts", "第十届CCF大数据学术会议"),
         ("西安电子科技大学", "coOrganizes", "第十届CCF大数据学术会议")},
        id="主办单位为A，承办单位为B, the main event implicit"),
    pytest.param(
        "中国人工智能学会主办的2024全国智能机器人大会在重庆举行。",
        "",
        {("中国人工智能学会", "hosts", "2024全国智能机器人大会")},
        id="A主办的event"),
    pytest.param(
        "由哈尔滨工业大学承办的2024中国机器人学术年会吸引了上千名学者参会。",
        "",
        {("哈尔滨工业大学", "coOrganizes", "2024中国机器人学术年会")},
        id="由A承办的event is coOrganizes, not hosts"),
    pytest.param(
        "2024长三角算力产业峰会在合肥开幕。峰会由中国科学技术大学主办、科大讯飞协办。",
        "2024长三角算力产业峰会在合肥开幕",
        {("中国科学技术大学", "hosts", "2024长三角算力产业峰会"),
         ("科大讯飞", "coOrganizes", "2024长三角算力产业峰会")},
        id="由A主办、B协办 after the event was named"),
    pytest.param(
        "2024具身智能创新论坛在深圳举行。主办单位：深圳市科技创新局；承办单位：南方科技大学、鹏城实验室。",
        "2024具身智能创新论坛在深圳举行",
        {("深圳市科技创新局", "hosts", "2024具身智能创新论坛"),
         ("南方科技大学", "coOrganizes", "2024具身智能创新论坛"),
         ("鹏城实验室", "coOrganizes", "2024具身智能创新论坛")},
        id="主办单位：A；承办单位：B、C with full-width colons"),
    pytest.param(
        "由中国信息通信研究院、中国通信标准化协会等单位共同主办的2024大模型应用创新论坛在北京举行。",
        "",
        {("中国信息通信研究院", "hosts", "2024大模型应用创新论坛"),
         ("中国通信标准化协会", "hosts", "2024大模型应用创新论坛")},
        id="由A、B等单位共同主办的event"),
    pytest.param(
        "2024中国数字农业大会在长沙开幕。大会由湖南省人民政府主办，长沙市人民政府、湖南农业大学承办。",
        "",
        {("湖南省人民政府", "hosts", "2024中国数字农业大会"), ("长沙市人民政府", "coOrganizes", "2024中国数字农业大会"),
         ("湖南农业大学", "coOrganizes", "2024中国数字农业大会")},
        id="provincial and city governments found by 省/市 + 人民政府"),
    pytest.param(
        "11月2日，科大讯飞在合肥举办2025全球人工智能开发者大会。",
        "",
        {("科大讯飞", "hosts", "2025全球人工智能开发者大会")},
        id="ORG在PLACE举办EVT"),
    pytest.param(
        "2025开源操作系统峰会由中国开源软件推进联盟成员单位华为、中兴通讯等共同举办。",
        "",
        {("华为", "hosts", "2025开源操作系统峰会"), ("中兴", "hosts", "2025开源操作系统峰会")},
        id="EVT由X成员单位A、B等共同举办: the members host"),
    pytest.param(
        "有消息称，科大讯飞将在年底参加一场在合肥举办的行业会议。",
        "",
        set(),
        id="taking part is not holding"),
]


@pytest.mark.parametrize(("text", "title", "expected"), CASES)
def test_hosts_and_co_organisers(text, title, expected):
    assert facts(text, title=title, only=ROLES) == expected


def test_co_organisers_listed_among_known_names_each_co_organise():
    text = ("2025星河智能大赛由复旦大学主办，上海未来产业基金、星河数据、上海市星河新兴技术开发区发展总公司、"
            "上海复星医药（集团）股份有限公司、华为、腾讯、百度等单位协办。")
    found = facts(text, title="2025星河智能大赛在上海举行", only="coOrganizes")
    assert {org for org, _, _ in found} == {"上海未来产业基金", "星河数据", "上海市星河新兴技术开发区发展总公司",
                                            "上海复星医药(集团)股份有限公司", "华为", "腾讯", "百度"}


def test_a_clause_after_a_list_of_members_is_no_member():
    text = "星河联盟吸引到华为、腾讯、星河数据等多家企业、机构和科研院所加入。"
    assert {org for org, _, _ in facts(text, only="memberOf")} == {"华为", "腾讯", "星河数据"}
