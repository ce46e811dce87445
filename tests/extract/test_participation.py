"""participatesIn: speakers (表示/指出/致辞/作报告), invited guests and attendees of the article's event."""

import pytest

from tests.extract.helpers import facts

CASES = [
    pytest.param(
        "第五届长三角人工智能发展论坛在南京开幕。南京大学副校长吕建指出，人才是创新的关键。",
        "第五届长三角人工智能发展论坛在南京开幕",
        {("吕建", "participatesIn", "第五届长三角人工智能发展论坛")},
        id="指出 with no event word in the sentence"),
    pytest.param(
        "2024全球智慧教育大会在北京开幕。北京师范大学校长于吉红致辞。",
        "2024全球智慧教育大会在北京开幕",
        {("于吉红", "participatesIn", "2024全球智慧教育大会")},
        id="致辞"),
    pytest.param(
        "2024智慧医疗创新大会在广州召开。大会邀请到中国工程院院士钟南山、中山大学教授王雪出席。",
        "2024智慧医疗创新大会在广州召开",
        {("钟南山", "participatesIn", "2024智慧医疗创新大会"), ("王雪", "participatesIn", "2024智慧医疗创新大会")},
        id="邀请到 a list of guests"),
    pytest.param(
        "2024中国智能网联汽车大会在重庆开幕。中国科学院院士丁汉、清华大学教授李克强等嘉宾出席开幕式。",
        "2024中国智能网联汽车大会在重庆开幕",
        {("丁汉", "participatesIn", "2024中国智能网联汽车大会"),
         ("李克强", "participatesIn", "2024中国智能网联汽车大会")},
        id="…等嘉宾出席"),
    pytest.param(
        "第二届天府人工智能峰会在成都举行。电子科技大学教授刘明发表题为《大模型时代的边缘计算》的主旨演讲。",
        "第二届天府人工智能峰会在成都举行",
        {("刘明", "participatesIn", "第二届天府人工智能峰会")},
        id="发表主旨演讲"),
]


@pytest.mark.parametrize(("text", "title", "expected"), CASES)
def test_participants(text, title, expected):
    assert facts(text, title=title, only="participatesIn") == expected


def test_the_speaker_is_affiliated_and_participates():
    text = "2024中国网络安全产业高峰论坛在北京举行。天融信科技集团董事长李雪莹在论坛上表示，安全是数字化的底座。"
    found = facts(text, title="2024中国网络安全产业高峰论坛在北京举行", only=("participatesIn", "affiliatedWith"))
    assert found == {("李雪莹", "participatesIn", "2024中国网络安全产业高峰论坛"),
                     ("李雪莹", "affiliatedWith", "天融信科技集团")}


def test_a_talks_title_between_the_speaker_and_the_verb():
    text = ("2025具身智能大会在深圳开幕。星河数据首席科学家张伟围绕《具身智能的数据飞轮与评测体系建设》"
            "作主题报告。")
    assert ("张伟", "participatesIn", "2025具身智能大会") in facts(text, title="2025具身智能大会在深圳开幕")
