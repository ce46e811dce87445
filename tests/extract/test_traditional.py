"""Traditional-Chinese input gives the same facts, under Simplified names (昇腾 stays 昇腾)."""

import pytest

from tests.extract.helpers import article, facts, mentions

CASES = [
    pytest.param(
        "由浙江大學、之江實驗室和杭州市人民政府主辦的2024全球數字經濟創新峰會在杭州開幕。",
        {("浙江大学", "hosts", "2024全球数字经济创新峰会"), ("之江实验室", "hosts", "2024全球数字经济创新峰会"),
         ("杭州市人民政府", "hosts", "2024全球数字经济创新峰会"), ("2024全球数字经济创新峰会", "heldIn", "杭州")},
        id="hosts list and place"),
    pytest.param(
        "第三屆中關村人工智能創新論壇於5月30日至6月1日在京舉行。",
        {("第三届中关村人工智能创新论坛", "heldIn", "北京"),
         ("第三届中关村人工智能创新论坛", "startDate", "2024-05-30"),
         ("第三届中关村人工智能创新论坛", "endDate", "2024-06-01")},
        id="a date range and 在京"),
    pytest.param(
        "科大訊飛副總裁劉聰在發佈會上介紹了新產品。",
        {("刘聪", "affiliatedWith", "科大讯飞")},
        id="position and name"),
    pytest.param(
        "華為昇騰計算業務總裁張迪煊表示，昇騰生態已匯聚數百萬開發者。",
        {("华为", "develops", "昇腾"), ("张迪煊", "affiliatedWith", "华为")},
        id="昇騰 stays 昇腾, not 升腾"),
    pytest.param(
        "中國人工智能開源聯盟由清華大學、復旦大學等20餘家單位共同發起。",
        {("清华大学", "memberOf", "中国人工智能开源联盟"), ("复旦大学", "memberOf", "中国人工智能开源联盟")},
        id="由…等共同发起"),
    pytest.param(
        "會上，百川智能推出大模型「百川4」。",
        {("百川智能", "develops", "百川4")},
        id="corner-bracket quotes around a model name"),
    pytest.param(
        "浙江省人工智能產業技術聯盟由之江實驗室牽頭成立。",
        {("浙江省人工智能产业技术联盟", "ledBy", "之江实验室")},
        id="由…牵头"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_traditional_gives_the_simplified_facts(text, expected):
    assert facts(text) == expected


def test_traditional_is_detected_and_converted():
    converted = article("華為昇騰計算業務總裁張迪煊表示，昇騰生態已匯聚數百萬開發者。")
    assert converted.was_traditional
    assert "昇腾" in converted.text and "升腾" not in converted.text


def test_traditional_speaker_at_the_main_event():
    text = "2024中國開源軟件大會在上海召開。復旦大學教授張軍在大會上表示，開源生態需要長期投入。"
    found = facts(text, title="2024中國開源軟件大會在上海召開", only=("participatesIn", "affiliatedWith"))
    assert found == {("张军", "participatesIn", "2024中国开源软件大会"), ("张军", "affiliatedWith", "复旦大学")}


def test_traditional_names_of_known_organisations_resolve():
    assert {"中国科学院", "百度"} <= mentions("中國科學院與百度簽署合作協議。", kind="Organization")
