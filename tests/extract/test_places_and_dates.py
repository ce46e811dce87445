"""heldIn, startDate and endDate: 在…举行/召开/开幕, 于…举办, dates relative to the article and ranges."""

import pytest

from kg.extract import PIPELINE
from tests.extract.helpers import as_if_tagged, facts

WHERE_WHEN = ("heldIn", "startDate", "endDate")

CASES = [
    pytest.param(
        "第七届世界智能大会于2024年6月20日在天津梅江会展中心开幕。", "2024-06-21",
        {("第七届世界智能大会", "heldIn", "天津梅江会展中心"), ("第七届世界智能大会", "heldIn", "天津"),
         ("第七届世界智能大会", "startDate", "2024-06-20")},
        id="于DATE在VENUE开幕: the city in the venue's name is stated too"),
    pytest.param(
        "2024世界人工智能大会暨人工智能全球治理高级别会议7月4日在上海世博中心开幕。", "2024-07-05",
        {("2024世界人工智能大会暨人工智能全球治理高级别会议", "heldIn", "上海世博中心"),
         ("2024世界人工智能大会暨人工智能全球治理高级别会议", "heldIn", "上海"),
         ("2024世界人工智能大会暨人工智能全球治理高级别会议", "startDate", "2024-07-04")},
        id="a 暨-joined event name, a month-day taking the article's year"),
    pytest.param(
        "2024中国算力大会8月29日至31日在大同举行。", "2024-08-28",
        {("2024中国算力大会", "heldIn", "大同"), ("2024中国算力大会", "startDate", "2024-08-29"),
         ("2024中国算力大会", "endDate", "2024-08-31")},
        id="29日至31日: a range inside one month"),
    pytest.param(
        "第三届中关村人工智能创新论坛于5月30日至6月1日在京举行。", "2024-05-10",
        {("第三届中关村人工智能创新论坛", "heldIn", "北京"),
         ("第三届中关村人工智能创新论坛", "startDate", "2024-05-30"),
         ("第三届中关村人工智能创新论坛", "endDate", "2024-06-01")},
        id="5月30日至6月1日 across months; 在京 is Beijing"),
    pytest.param(
        "在南京召开的2024全球6G技术大会上，与会专家围绕6G标准展开讨论。", "2024-04-18",
        {("2024全球6G技术大会", "heldIn", "南京")},
        id="在PLACE召开的EVENT"),
    pytest.param(
        "首届华南人工智能开发者大会将于6月8日在广州开幕。", "2024-05-10",
        {("首届华南人工智能开发者大会", "heldIn", "广州"), ("首届华南人工智能开发者大会", "startDate", "2024-06-08")},
        id="将于: an announced event dated after the article"),
    pytest.param(
        "2023中国人工智能产业发展大会于12月28日在成都举行。", "2024-01-03",
        {("2023中国人工智能产业发展大会", "heldIn", "成都"),
         ("2023中国人工智能产业发展大会", "startDate", "2023-12-28")},
        id="December in an article of January belongs to the year before"),
    pytest.param(
        "2025全球开源技术峰会将于1月15日在杭州举行。", "2024-12-20",
        {("2025全球开源技术峰会", "heldIn", "杭州"), ("2025全球开源技术峰会", "startDate", "2025-01-15")},
        id="January in an article of December belongs to the year after"),
    pytest.param(
        "2024量子计算产业大会9月6日～8日在合肥召开。", "2024-09-09",
        {("2024量子计算产业大会", "heldIn", "合肥"), ("2024量子计算产业大会", "startDate", "2024-09-06"),
         ("2024量子计算产业大会", "endDate", "2024-09-08")},
        id="a full-width tilde range"),
    pytest.param(
        "2024中国智能制造高峰论坛于6月18号在宁波举行。", "2024-06-19",
        {("2024中国智能制造高峰论坛", "heldIn", "宁波"), ("2024中国智能制造高峰论坛", "startDate", "2024-06-18")},
        id="号 as the day word"),
    pytest.param(
        "2024北京人工智能产业创新大会将于2024年10月在北京举行。", "2024-08-01",
        {("2024北京人工智能产业创新大会", "heldIn", "北京"), ("2024北京人工智能产业创新大会", "startDate", "2024-10")},
        id="a month without a day gives YYYY-MM"),
    pytest.param(
        "2024全球人工智能教育大会在国家会议中心召开。", "2024-05-10",
        {("2024全球人工智能教育大会", "heldIn", "国家会议中心")},
        id="a venue from the lexicon"),
    pytest.param(
        "2024亚太人工智能学术会议将于7月1日在香港隆重开幕。", "2024-06-20",
        {("2024亚太人工智能学术会议", "heldIn", "香港"), ("2024亚太人工智能学术会议", "startDate", "2024-07-01")},
        id="隆重开幕"),
    pytest.param(
        "2023中国机器人产业创新大会于11月23日至24日在合肥滨湖国际会展中心举行。", "2024-01-05",
        {("2023中国机器人产业创新大会", "heldIn", "合肥滨湖国际会展中心"),
         ("2023中国机器人产业创新大会", "heldIn", "合肥"),
         ("2023中国机器人产业创新大会", "startDate", "2023-11-23"),
         ("2023中国机器人产业创新大会", "endDate", "2023-11-24")},
        id="the year in the event's name dates a month-day, not the article's year"),
    pytest.param(
        "9月12日，2024数字政府创新峰会在南京国际博览中心开幕。", "2024-09-13",
        {("2024数字政府创新峰会", "heldIn", "南京国际博览中心"), ("2024数字政府创新峰会", "heldIn", "南京"),
         ("2024数字政府创新峰会", "startDate", "2024-09-12")},
        id="date first, then the event in a city's venue"),
    pytest.param(
        "星河智能体技术研讨会将于7月2日上午进行，由致辞和对话两个环节组成。", "2026-06-20",
        {("星河智能体技术研讨会", "startDate", "2026-07-02")},
        id="X将于DATE进行: a scheduled session is dated"),
    pytest.param(
        "为期3天（9月20日至22日）的2026云帆智能计算大会在苏州开幕。", "2026-09-21",
        {("2026云帆智能计算大会", "heldIn", "苏州"), ("2026云帆智能计算大会", "startDate", "2026-09-20"),
         ("2026云帆智能计算大会", "endDate", "2026-09-22")},
        id="a bracketed date range right before the event's name"),
    pytest.param(
        "9月20日至22日，2026云帆智能计算大会将围绕“算力普惠与开放共创”主题，于苏州、无锡两地启幕。", "2026-09-10",
        {("2026云帆智能计算大会", "heldIn", "苏州"), ("2026云帆智能计算大会", "heldIn", "无锡"),
         ("2026云帆智能计算大会", "startDate", "2026-09-20"), ("2026云帆智能计算大会", "endDate", "2026-09-22")},
        id="date first, a theme between the event and where it opens"),
    pytest.param(
        "2026云帆智能计算大会在深圳国际会展中心举行。", "2026-09-10",
        {("2026云帆智能计算大会", "heldIn", "深圳国际会展中心"), ("2026云帆智能计算大会", "heldIn", "深圳")},
        id="a venue whose name states its city"),
]


@pytest.mark.parametrize(("text", "date", "expected"), CASES)
def test_where_and_when_an_event_is_held(text, date, expected):
    assert facts(text, date=date, only=WHERE_WHEN) == expected


def test_time_and_place_lines_of_an_announcement():
    text = ("2024开放原子开发者大会将在无锡举行。\n"
            "时间：2024年6月28日-30日\n")
    assert facts(text, date="2024-06-01", only=WHERE_WHEN) == {
        ("2024开放原子开发者大会", "heldIn", "无锡"),
        ("2024开放原子开发者大会", "startDate", "2024-06-28"),
        ("2024开放原子开发者大会", "endDate", "2024-06-30")}


def _with_tagged_event(text: str, name: str) -> set[tuple[str, str, str]]:
    """The heldIn facts when the tagger has found the event `name` (where the rules find a shorter one)."""
    doc = as_if_tagged(text, name, "Event", "Competition", then=PIPELINE[PIPELINE.index("tagger") + 1:])
    return {(t.subject.name, t.predicate, t.object.name) for t in doc.triples if t.predicate == "heldIn"}


@pytest.mark.parametrize(("text", "name", "expected"), [
    pytest.param("第三届长江人工智能创新大赛总决赛在武汉举行。", "第三届长江人工智能创新大赛总决赛",
                 {("第三届长江人工智能创新大赛总决赛", "heldIn", "武汉"),
                  ("第三届长江人工智能创新大赛", "heldIn", "武汉")},
                 id="where a competition's final is held, the competition is"),
    pytest.param("第三届长江人工智能创新大赛全国决赛（宜昌）圆满结束。", "第三届长江人工智能创新大赛全国决赛",
                 {("第三届长江人工智能创新大赛全国决赛", "heldIn", "宜昌"),
                  ("第三届长江人工智能创新大赛", "heldIn", "宜昌")},
                 id="a place in brackets after the event's name"),
    pytest.param("第三届长江人工智能创新大赛医疗专项赛在武汉举行。", "第三届长江人工智能创新大赛医疗专项赛",
                 {("第三届长江人工智能创新大赛医疗专项赛", "heldIn", "武汉")},
                 id="a track of its own is no final: the whole is not placed by it"),
])
def test_a_final_places_its_competition(text, name, expected):
    assert _with_tagged_event(text, name) == expected
