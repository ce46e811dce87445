"""affiliatedWith and positions: position + name, name + position, chains, org + name lists."""

import pytest

from kg.extract import PIPELINE
from tests.extract.helpers import as_if_tagged, component_doc, facts, mentions, positions

AFFILIATION_CASES = [
    pytest.param("北京大学教授王敏、云帆智能的CEO李华等出席。", {("王敏", "affiliatedWith", "北京大学")},
                 id="a colleague's organisation is not given over words that may name another"),
    pytest.param("复旦大学王敏教授、李华教授等出席会议。",
                 {("王敏", "affiliatedWith", "复旦大学"), ("李华", "affiliatedWith", "复旦大学")},
                 id="ORG + name + title, then name + title: one organisation for both"),
    pytest.param("复旦大学王敏教授、浙江大学李华教授等出席会议。",
                 {("王敏", "affiliatedWith", "复旦大学"), ("李华", "affiliatedWith", "浙江大学")},
                 id="each with an organisation of its own"),
    pytest.param("科大讯飞副总裁刘聪在发布会上介绍了新产品。",
                 {("刘聪", "affiliatedWith", "科大讯飞")}, id="ORG + position + name"),
    pytest.param("会上，清华大学李建国教授作了题为《大模型的推理能力》的报告。",
                 {("李建国", "affiliatedWith", "清华大学")}, id="ORG + name + 教授"),
    pytest.param("中国科学院自动化研究所研究员黄凯奇表示，多模态是大模型的重要方向。",
                 {("黄凯奇", "affiliatedWith", "中国科学院自动化研究所")}, id="an institute of CAS + 研究员"),
    pytest.param("星河智能集团首席技术官周明发表了主题演讲。",
                 {("周明", "affiliatedWith", "星河智能集团")}, id="a company found by its suffix"),
    pytest.param("南开大学校长陈雨露院士出席活动。",
                 {("陈雨露", "affiliatedWith", "南开大学")}, id="position before and 院士 after the name"),
    pytest.param("中国工程院院士郑南宁、浙江大学教授陈红和上海交通大学副教授赵磊等专家出席了会议。",
                 {("郑南宁", "affiliatedWith", "中国工程院"), ("陈红", "affiliatedWith", "浙江大学"),
                  ("赵磊", "affiliatedWith", "上海交通大学")}, id="a list of ORG + position + name closed by 等专家"),
    pytest.param("北京大学王军、浙江大学陈红等专家参加了研讨。",
                 {("王军", "affiliatedWith", "北京大学"), ("陈红", "affiliatedWith", "浙江大学")},
                 id="ORG + name list closed by 等专家"),
    pytest.param("商汤科技联合创始人、首席科学家王晓刚介绍了日日新大模型的进展。",
                 {("王晓刚", "affiliatedWith", "商汤科技")}, id="two positions at one company"),
    pytest.param("华中科技大学人工智能与自动化学院教授王兴刚表示，视觉基础模型仍有很大空间。",
                 {("王兴刚", "affiliatedWith", "华中科技大学人工智能与自动化学院")},
                 id="a school with its university in its name"),
    pytest.param("北京智源人工智能研究院院长王仲远在开幕式上致辞。",
                 {("王仲远", "affiliatedWith", "北京智源人工智能研究院")}, id="院长 of a research institute"),
    pytest.param("中国科学院院士、清华大学教授张钹在会上作报告。",
                 {("张钹", "affiliatedWith", "中国科学院"), ("张钹", "affiliatedWith", "清华大学")},
                 id="chained positions at two organisations"),
    pytest.param("南京大学人工智能学院院长、南京大学计算机软件新技术国家重点实验室主任周志华表示，要重视基础研究。",
                 {("周志华", "affiliatedWith", "南京大学人工智能学院"),
                  ("周志华", "affiliatedWith", "南京大学计算机软件新技术国家重点实验室")},
                 id="chained positions at a school and a national key lab"),
    pytest.param("华为公司董事、ICT产品与解决方案总裁杨超斌发表主旨演讲。",
                 {("杨超斌", "affiliatedWith", "华为")}, id="华为公司 is 华为"),
    pytest.param("浙江工业大学计算机学院院长孙立新出席开班仪式。",
                 {("孙立新", "affiliatedWith", "浙江工业大学计算机学院")}, id="a 学院 right before 院长"),
    pytest.param("会上，四川大学校长李向东、校副校长何平、校党委副书记兼软件学院院长陈光先后致辞。",
                 {("李向东", "affiliatedWith", "四川大学"), ("何平", "affiliatedWith", "四川大学"),
                  ("陈光", "affiliatedWith", "四川大学"), ("陈光", "affiliatedWith", "四川大学软件学院")},
                 id="校 stands for the university just named; 兼 opens a second post"),
    pytest.param("星河集团首席技术官兼星河云总裁王海表示，算力需求持续增长。",
                 {("王海", "affiliatedWith", "星河集团"), ("王海", "affiliatedWith", "星河云")},
                 id="兼 before another organisation: a post at each"),
    pytest.param("小米智能驾驶部门负责人李鹏表示，明年将推出新车型。", {("李鹏", "affiliatedWith", "小米")},
                 id="a name that is also a word reads as a company before a unit and a post"),
    pytest.param("腾讯混元多模态团队研究员周宁介绍了训练框架。", {("周宁", "affiliatedWith", "腾讯")},
                 id="a post in a product's team is at the company the product is named after"),
    pytest.param("当年的饭局上，真格基金的王强和红杉中国的沈伟谈到了估值。",
                 {("王强", "affiliatedWith", "真格基金"), ("沈伟", "affiliatedWith", "红杉中国")},
                 id="ORG的name"),
    pytest.param("中国信息通信研究院（简称“中国信通院”）院长刘明、副院长王磊出席。",
                 {("刘明", "affiliatedWith", "中国信息通信研究院"), ("王磊", "affiliatedWith", "中国信息通信研究院")},
                 id="a gloss after the organisation; a colleague's organisation for a bare position"),
    pytest.param("中国工程院院士张强、教授李伟出席。", {("张强", "affiliatedWith", "中国工程院")},
                 id="an academician's academy is not the next person's"),
    pytest.param("小米集团创始人雷军发出了一张合影。", {("雷军", "affiliatedWith", "小米")},
                 id="a name before a verb the lexicon does not list"),
    pytest.param("华为公司董事、ICT产品与解决方案总裁杨超斌发表演讲。", {("杨超斌", "affiliatedWith", "华为")},
                 id="a business line is no company"),
    pytest.param("香港软件行业协会荣誉会长李国强表示，要加快培养人才。",
                 {("李国强", "affiliatedWith", "香港软件行业协会")},
                 id="荣誉 is part of the title, not a name"),
    pytest.param("CCF YOCSEF厦门委员厦门理工大学教授陈明担任执行主席。", {("陈明", "affiliatedWith", "厦门理工大学")},
                 id="a title between two organisations ends the first"),
    pytest.param("半导体行业里，台积电创办人张忠谋便曾说过类似的话。", {("张忠谋", "affiliatedWith", "台积电")},
                 id="a name before 便"),
    pytest.param("东方智芯董事长王磊出席。", {("王磊", "affiliatedWith", "东方智芯")},
                 id="four characters before an executive's title are a company, not a compound surname's name"),
    pytest.param("张明远曾任微软亚洲研究院首席研究员，后加入星河研究院。",
                 {("张明远", "affiliatedWith", "微软亚洲研究院")},
                 id="a former post: 曾任 ORG"),
    pytest.param("2010年，刘海涛回国加入浙江大学任教授。", {("刘海涛", "affiliatedWith", "浙江大学")},
                 id="加入 ORG 任 title"),
    pytest.param("王晓东首次以地平线副总裁的身份亮相。", {("王晓东", "affiliatedWith", "地平线")},
                 id="以 ORG title 的身份"),
    pytest.param("李志强毕业于清华大学，现为星河智能工程师。", set(), id="having studied somewhere is no post"),
    pytest.param("届时，星河智能创始人兼CEO刘文涛将带来主题演讲。",
                 {("刘文涛", "affiliatedWith", "星河智能")}, id="a name followed by 将"),
]


@pytest.mark.parametrize(("text", "expected"), AFFILIATION_CASES)
def test_affiliations(text, expected):
    assert facts(text, only="affiliatedWith") == expected


def test_positions_are_kept_as_data():
    assert positions("科大讯飞副总裁刘聪在发布会上介绍了新产品。") == {("刘聪", "副总裁", "科大讯飞")}


def test_a_chain_gives_one_position_per_organisation():
    found = positions("中国科学院院士、清华大学教授张钹在会上作报告。")
    assert found == {("张钹", "中国科学院院士", "中国科学院"), ("张钹", "教授", "清华大学")}


def test_an_academician_without_an_organisation_keeps_the_title():
    assert ("潘云鹤", "院士", None) in positions("院士潘云鹤在论坛上发表主旨演讲。")


def test_compound_surnames_are_read_whole():
    assert "欧阳明辉" in mentions("深圳大学教授欧阳明辉表示，算力调度是关键。", kind="Person")


def test_a_person_named_once_without_any_context_is_not_guessed():
    assert mentions("王府井的客流量今年明显回升。", kind="Person") == set()


def test_function_characters_can_start_a_two_character_given_name():
    assert mentions("启明星辰集团董事长王向东在会上表示，数据安全是底线。", kind="Person") == {"王向东"}


def test_a_name_that_is_also_a_place_word_is_read_after_a_position():
    found = facts("中国工程院院士、中南大学教授桂卫华出席论坛。中国工程院院士钟南山也出席了论坛。",
                  only="affiliatedWith")
    assert ("钟南山", "affiliatedWith", "中国工程院") in found



def test_a_two_character_name_right_before_a_title_is_read_whole():
    found = mentions("复旦大学韩冰教授、南京大学俞扬教授等专家出席。", kind="Person")
    assert {"韩冰", "俞扬"} <= found


@pytest.mark.parametrize(("line", "name"), [("作者丨林晓", "林晓"), ("文|周子墨", "周子墨"), ("撰文：韩梅", "韩梅")])
def test_a_credit_line_names_a_person_whatever_mark_sets_it_off(line, name):
    assert mentions(f"{line}\n9月3日，国产大模型发布会在北京举行。", kind="Person") == {name}


def test_an_adjective_before_a_title_is_no_name():
    assert "高级" not in mentions("华为高级工程师王磊介绍了昇腾的进展。", kind="Person")


def test_a_chain_is_read_again_once_the_tagger_has_found_its_organisation():
    """The persons component runs before the tagger: a post at an organisation only the tagger finds
    is read when the name's position chain is read again."""
    text = "东湖未来科技城管委会科创局局长李明远出席。"
    before = component_doc(text, PIPELINE[:PIPELINE.index("tagger")])
    assert not [t for t in before.triples if t.predicate == "affiliatedWith"]
    unit = "东湖未来科技城管委会科创局"
    doc = as_if_tagged(text, unit, "Organization", "GovernmentBody", then=("appositions",))
    assert [(t.subject.name, t.object.name) for t in doc.triples if t.predicate == "affiliatedWith"] \
        == [("李明远", unit)]


def test_a_placed_person_gains_the_organisation_the_tagger_found_later_in_the_chain():
    """A name already linked to one organisation of its chain is linked to the others once found."""
    text = "江南市人民政府副市长、云溪新区区委书记李明远出席。"
    unit = "云溪新区区委"
    doc = as_if_tagged(text, unit, "Organization", "GovernmentBody", then=("appositions",))
    linked = [(t.subject.name, t.object.name) for t in doc.triples if t.predicate == "affiliatedWith"]
    assert set(linked) == {("李明远", "江南市人民政府"), ("李明远", unit)}


def test_a_position_running_straight_into_another_organisation_ends_its_segment():
    assert facts("中国计算机学会青年委员浙江大学教授李明远出席论坛。", only="affiliatedWith") == {
        ("李明远", "affiliatedWith", "中国计算机学会"), ("李明远", "affiliatedWith", "浙江大学")}


def _apposed(text: str, name: str) -> set[tuple[str, str]]:
    """The organisations `appositions` gives a person named at the start of `text`."""
    doc = as_if_tagged(text, name, "Person", "Person", then=("appositions",))
    return {(t.subject.name, t.object.name) for t in doc.triples if t.predicate == "affiliatedWith"}


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("王晓峰，云原生计算基金会大使、华为云技术专家\n本期分享将介绍最新进展。",
                 {("王晓峰", "云原生计算基金会"), ("王晓峰", "华为云")},
                 id="each organisation of a 、 list, to the end of the line"),
    pytest.param("王晓峰——百度首席架构师，曾主导多个开源项目。", {("王晓峰", "百度")}, id="a dash sets it off"),
    pytest.param("王晓峰（Wang Xiaofeng）（浙江大学教授）出席。", {("王晓峰", "浙江大学")},
                 id="after an English name in brackets"),
    pytest.param("王晓峰：星河科技公司创始人，现任中国计算机学会副理事长，曾任百度副总裁。",
                 {("王晓峰", "星河科技公司"), ("王晓峰", "中国计算机学会"), ("王晓峰", "百度")},
                 id="a colon, then clause after clause (现任, 曾任)"),
    pytest.param("王晓峰：我认为百度副总裁的判断是对的。", set(), id="a colon before a quote is no apposition"),
    pytest.param("王晓峰，浙江大学教授、阿里云技术顾问李强，百度工程师。", set(),
                 id="a clause that runs into another name is that name's chain"),
])
def test_organisations_and_posts_after_a_name(text, expected):
    assert {pair for pair in _apposed(text, "王晓峰") if pair[0] == "王晓峰"} == expected


@pytest.mark.parametrize(("text", "names"), [
    pytest.param("星河学会委员赵恺作为发起人出席论坛。", {"赵恺"}, id="the name's last character opens 作为"),
    pytest.param("星河学会秘书长李明远和发起人全程参与了论坛。", {"李明远"}, id="a word, then a verb, after a title"),
    pytest.param("获奖名单由评委会主席全揭晓。", set(), id="a surname character before a verb"),
    pytest.param("副院长姚涛副教授出席。", {"姚涛"}, id="副 of 副教授 is no given name"),
])
def test_a_name_does_not_run_into_the_verb_after_it(text, names):
    assert mentions(text, kind="Person") == names


def test_a_post_stated_with_shi():
    assert facts("王晓峰教授是浙江大学计算机学院副院长。", only="affiliatedWith") == {
        ("王晓峰", "affiliatedWith", "浙江大学计算机学院")}


def test_the_people_a_post_of_an_organisation_is_named_for():
    text = "旷视科技的两位创始人——王晓峰、李明远均出自清华。"
    doc = as_if_tagged(text, ("王晓峰", "李明远"), "Person", "Person", then=("relations",))
    found = {(t.subject.name, t.object.name) for t in doc.triples if t.predicate == "affiliatedWith"}
    assert found == {("王晓峰", "旷视科技"), ("李明远", "旷视科技")}
