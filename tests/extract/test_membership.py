"""memberOf (加入, 由…等共同发起, 吸引…等加入, 成员单位) and ledBy (由…牵头)."""

import pytest

from tests.extract.helpers import facts

MEMBER_CASES = [
    pytest.param(
        "浙江大学与阿里巴巴、之江实验室共同签约成立“智能计算联合实验室”。",
        {("浙江大学", "memberOf", "智能计算联合实验室"), ("阿里巴巴", "memberOf", "智能计算联合实验室"),
         ("之江实验室", "memberOf", "智能计算联合实验室")},
        id="the founders of a joint laboratory are its members"),
    pytest.param(
        "浙江大学成立智能计算实验室。", set(), id="one university's own laboratory has no members"),
    pytest.param(
        "中国人工智能开源联盟由清华大学、复旦大学等20余家单位共同发起。",
        {("清华大学", "memberOf", "中国人工智能开源联盟"), ("复旦大学", "memberOf", "中国人工智能开源联盟")},
        id="X由A、B等共同发起"),
    pytest.param(
        "成立一年来，中国人形机器人产业联盟吸引了优必选、宇树科技、智元机器人等40余家企业加入。",
        {("优必选", "memberOf", "中国人形机器人产业联盟"), ("宇树科技", "memberOf", "中国人形机器人产业联盟"),
         ("智元机器人", "memberOf", "中国人形机器人产业联盟")},
        id="吸引了A、B、C等企业加入"),
    pytest.param(
        "近日，小红书正式加入中国互联网协会。",
        {("小红书", "memberOf", "中国互联网协会")},
        id="A正式加入X"),
    pytest.param(
        "上海交通大学、同济大学等单位相继加入长三角国家技术创新中心。",
        {("上海交通大学", "memberOf", "长三角国家技术创新中心"), ("同济大学", "memberOf", "长三角国家技术创新中心")},
        id="相继加入"),
    pytest.param(
        "论坛上，寒武纪、摩尔线程、壁仞科技等十余家企业共同发起成立“国产算力生态联盟”。",
        {("寒武纪", "memberOf", "国产算力生态联盟"), ("摩尔线程", "memberOf", "国产算力生态联盟"),
         ("壁仞科技", "memberOf", "国产算力生态联盟")},
        id="A、B、C等共同发起成立“X联盟”: founders are members, a quoted name of topical words is a name"),
    pytest.param(
        "2021年，腾讯宣布加入开放原子开源基金会。",
        {("腾讯", "memberOf", "开放原子开源基金会")}, id="A宣布加入X"),
    pytest.param(
        "本届大会由openEuler社区成员单位麒麟软件、统信软件等共同承办。",
        {("麒麟软件", "memberOf", "openEuler社区"), ("统信软件", "memberOf", "openEuler社区")},
        id="X社区成员单位A、B"),
    pytest.param(
        "本届大会由openEuler社区成员单位麒麟软件、星河信安、统信软件、华为等共同承办。",
        {(name, "memberOf", "openEuler社区") for name in ("麒麟软件", "星河信安", "统信软件", "华为")},
        id="an unknown name in a list of organisations is one too"),
    pytest.param(
        "7月20日，星河智能、东方算力、蓝海数据等企业宣布成立具身智能开源联盟。",
        {(name, "memberOf", "具身智能开源联盟") for name in ("星河智能", "东方算力", "蓝海数据")},
        id="A、B等企业宣布成立X联盟: its founders"),
    pytest.param(
        "星河智能成立了具身智能开源联盟。", set(), id="one company founding an alliance is not said to join it"),
    pytest.param(
        "星河智能没有加入中国人工智能产业发展联盟。", set(), id="没有加入 is no membership"),
    pytest.param(
        "国家电网、南方电网发起组建电力人工智能协会。",
        {("国家电网", "memberOf", "电力人工智能协会"), ("南方电网", "memberOf", "电力人工智能协会")},
        id="发起组建"),
]


@pytest.mark.parametrize(("text", "expected"), MEMBER_CASES)
def test_member_of(text, expected):
    assert facts(text, only="memberOf") == expected


LEAD_CASES = [
    pytest.param("浙江省人工智能产业技术联盟由之江实验室牵头成立。",
                 {("浙江省人工智能产业技术联盟", "ledBy", "之江实验室")}, id="由ORG牵头"),
    pytest.param("智能感知重点实验室由浙江大学教授陈刚牵头组建。",
                 {("智能感知重点实验室", "ledBy", "陈刚")}, id="由ORG + position + PERSON牵头: the person leads"),
    pytest.param("安徽省智能语音产业联盟同日成立，科大讯飞担任联盟理事长单位。",
                 {("安徽省智能语音产业联盟", "ledBy", "科大讯飞")}, id="ORG担任联盟理事长单位"),
    pytest.param("中国电子技术标准化研究院为该联盟的牵头单位。", set(),
                 id="理事长/牵头单位 with no alliance in the article: no guess"),
    pytest.param("星河科技有限公司牵头成立长三角智能体产业联盟。",
                 {("长三角智能体产业联盟", "ledBy", "星河科技有限公司")},
                 id="ORG牵头成立X联盟"),
]


def test_joining_a_group_that_others_lead():
    text = "云帆机器人有限公司加入了由星河大学、东方大学等高校牵头的「具身智能教育联盟」。"
    assert facts(text, only=("memberOf", "ledBy")) == {
        ("云帆机器人有限公司", "memberOf", "具身智能教育联盟"), ("具身智能教育联盟", "ledBy", "星河大学"),
        ("具身智能教育联盟", "ledBy", "东方大学")}


@pytest.mark.parametrize(("text", "expected"), LEAD_CASES)
def test_led_by(text, expected):
    assert facts(text, only="ledBy") == expected


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("星河科技有限公司为「长三角人工智能产业联盟」的认证成员。",
                 {("星河科技有限公司", "memberOf", "长三角人工智能产业联盟")}, id="X为Y联盟的认证成员"),
    pytest.param("星河科技有限公司不是长三角人工智能产业联盟的成员。", set(), id="not a member"),
])
def test_a_member_named_before_its_group(text, expected):
    assert facts(text, only="memberOf") == expected
