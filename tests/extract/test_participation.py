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
    pytest.param(
        "2024星河人工智能论坛于5月10日在杭州举行。\n主持人：浙江大学教授李明远\n演讲嘉宾：百度副总裁王晓峰、清华大学教授陈思远",
        "2024星河人工智能论坛",
        {("李明远", "participatesIn", "2024星河人工智能论坛"), ("王晓峰", "participatesIn", "2024星河人工智能论坛"),
         ("陈思远", "participatesIn", "2024星河人工智能论坛")},
        id="主持人：/演讲嘉宾： lines list the people at the event"),
    pytest.param(
        "2024星河人工智能论坛于5月10日在杭州举行。\n主持人：这次论坛的主题是什么？\n李明远：是大模型的落地。",
        "2024星河人工智能论坛", set(), id="a host's question in an interview names no one"),
    pytest.param(
        "2025云帆人工智能论坛在苏州开幕。星河资本合伙人王晓峰结合苏州的产业政策分享了投资心得。",
        "2025云帆人工智能论坛在苏州开幕", {("王晓峰", "participatesIn", "2025云帆人工智能论坛")},
        id="a place between the speaker and the verb"),
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


@pytest.mark.parametrize("text", [
    pytest.param("在2024世界移动通信大会上，中国移动董事长杨杰发布了九天大模型的新版本。", id="在E上，X发布了"),
    pytest.param("中国移动董事长杨杰在2024世界移动通信大会期间表示，算力网络是基础设施。", id="X在E期间表示"),
])
def test_whoever_speaks_or_releases_at_the_event_the_sentence_names(text):
    assert ("杨杰", "participatesIn", "2024世界移动通信大会") in facts(text, only="participatesIn")


def test_a_speaker_at_a_forum_of_a_conference_is_at_the_conference():
    text = ("2025全球数字经济大会在北京开幕。大会设有数字安全论坛等专题论坛。在数字安全论坛上，"
            "奇安信集团董事长齐向东发表演讲。")
    found = facts(text, title="2025全球数字经济大会在北京开幕", only="participatesIn")
    assert {("齐向东", "participatesIn", "数字安全论坛"), ("齐向东", "participatesIn", "2025全球数字经济大会")} <= found


def test_a_plenary_session_written_with_its_day_is_part_of_the_main_event():
    text = "2026海洋科学大会在青岛开幕。21日全体会议上，中国科学院院士吴立新作主题报告。"
    found = facts(text, title="2026海洋科学大会在青岛开幕", only="participatesIn")
    assert ("吴立新", "participatesIn", "2026海洋科学大会") in found


def test_a_list_of_speakers_closed_by_a_count_of_experts():
    text = ("2026具身智能大会在深圳开幕。圆桌环节，星河智能创始人刘文涛、浙江大学教授王芳、"
            "南洋理工大学教授安波三位专家展开了深度交流。")
    found = facts(text, title="2026具身智能大会在深圳开幕", only="participatesIn")
    assert found == {(name, "participatesIn", "2026具身智能大会") for name in ("刘文涛", "王芳", "安波")}


def test_an_agenda_line_belongs_to_the_workshop_the_line_above_says_is_held():
    text = ("2026智能体开发者大会将于7月在杭州举行。\nMulti Agent技术研讨会将在大会第二日上午的分会场一进行。\n"
            "星河智能首席科学家王立新，南方大学教授陈晓东两位技术专家作为报告嘉宾将带来分享。")
    found = facts(text, title="2026智能体开发者大会议程公布", only="participatesIn")
    assert {("王立新", "participatesIn", "Multi Agent技术研讨会"),
            ("陈晓东", "participatesIn", "Multi Agent技术研讨会")} <= found


def test_a_line_above_naming_two_events_gives_the_guests_to_neither():
    text = ("2026智能体开发者大会将于7月在杭州举行。\n"
            "视觉智能论坛、语音智能论坛在第二日举行。\n"
            "星河智能首席科学家王立新，南方大学教授陈晓东两位专家将带来分享。")
    found = facts(text, title="2026智能体开发者大会议程公布", only="participatesIn")
    assert not {event for _, _, event in found} & {"视觉智能论坛", "语音智能论坛"}


def test_titled_guests_listed_with_commas_and_a_title_after_the_name():
    text = ("2026江淮人工智能论坛在合肥开幕。星河大学副校长陈立教授，东方智能研究院副院长周敏教授，"
            "星河大学赵凯教授等出席会议。")
    found = facts(text, title="2026江淮人工智能论坛在合肥开幕", only="participatesIn")
    assert found == {(name, "participatesIn", "2026江淮人工智能论坛") for name in ("陈立", "周敏", "赵凯")}


def test_a_speaker_scheduled_at_the_opening_ceremony_attends_it_and_the_conference():
    text = ("2026星河智能大会将于7月2日在杭州举行。\n"
            "星河科技首席科学家王立新将在开幕式上，围绕《智能体新范式》带来分享。")
    found = facts(text, title="2026星河智能大会议程公布", only="participatesIn")
    assert {("王立新", "participatesIn", "2026星河智能大会开幕式"),
            ("王立新", "participatesIn", "2026星河智能大会")} <= found


def test_a_guest_at_two_ceremonies_attends_both():
    text = "星河市市长陈立出席星河人工智能基地成立典礼及星河算力中心落成仪式。"
    found = facts(text, only="participatesIn")
    assert {("陈立", "participatesIn", "星河人工智能基地成立典礼"),
            ("陈立", "participatesIn", "星河算力中心落成仪式")} <= found


def test_a_digest_of_headlines_is_about_no_one_event():
    text = ("2024星河汽车展览会在北京开幕。\n星河科技董事长李明远表示，公司将继续投入研发。\n"
            "另据报道，云帆智能发布了新款芯片。")
    digest = "2024星河汽车展览会开幕；云帆智能发布新芯片；李明远谈研发 | 科技早报"
    assert facts(text, title=digest, only="participatesIn") == set()
    about_it = facts(text, title="2024星河汽车展览会开幕", only="participatesIn")
    assert ("李明远", "participatesIn", "2024星河汽车展览会") in about_it


def test_a_part_taken_at_the_event_with_danren():
    text = ("2026海洋智能论坛在青岛举行。论坛由星河大学教授陈立和云帆科技首席科学家周敏共同担任执行主席，"
            "东方研究院研究员赵凯担任点评嘉宾。")
    found = facts(text, title="2026海洋智能论坛在青岛举行", only="participatesIn")
    assert found == {(name, "participatesIn", "2026海洋智能论坛") for name in ("陈立", "周敏", "赵凯")}


def test_a_post_taken_with_danren_is_no_part_at_an_event():
    text = "2026海洋智能论坛在青岛举行。此前，星河大学教授陈立曾担任云帆科技首席科学家。"
    assert facts(text, title="2026海洋智能论坛在青岛举行", only="participatesIn") == set()


def test_a_page_reporting_two_events_gives_each_paragraph_its_own():
    text = ("2026海洋智能论坛\n本次论坛在青岛举行。星河大学教授陈立发表主题演讲。\n"
            "2026江淮算力研讨会\n本次研讨会在合肥举行。云帆科技首席科学家周敏作报告。")
    found = facts(text, title="实验室动态", only="participatesIn")
    assert found == {("陈立", "participatesIn", "2026海洋智能论坛"), ("周敏", "participatesIn", "2026江淮算力研讨会")}


def test_names_listed_under_an_attendee_heading_attend():
    text = "2026江淮算力研讨会在合肥举行。\n参会人员\n王晓峰、李明远、陈思远\n会议内容\n与会专家围绕算力调度展开讨论。"
    found = facts(text, title="2026江淮算力研讨会", only="participatesIn")
    assert found == {(name, "participatesIn", "2026江淮算力研讨会") for name in ("王晓峰", "李明远", "陈思远")}


def test_a_list_of_names_under_another_heading_attends_nothing():
    text = "2026江淮算力研讨会在合肥举行。\n获奖名单\n王晓峰、李明远、陈思远"
    assert facts(text, title="2026江淮算力研讨会", only="participatesIn") == set()


def test_the_line_above_gives_the_event_it_says_is_held_not_a_headline_it_quotes():
    text = ("2026智能体开发者大会将于7月在杭州举行。\n"
            "（《视觉智能论坛议程公布》）语音智能论坛将在大会首日下午的分会场一进行。\n"
            "星河智能首席科学家王立新，南方大学教授陈晓东两位专家作为报告嘉宾将带来分享。")
    found = facts(text, title="2026智能体开发者大会议程公布", only="participatesIn")
    assert {("王立新", "participatesIn", "语音智能论坛"), ("陈晓东", "participatesIn", "语音智能论坛")} <= found
    assert not {event for _, _, event in found} & {"视觉智能论坛"}


@pytest.mark.parametrize("text", [
    pytest.param("2026海洋智能论坛在青岛举行。在开幕式上，星河大学教授陈立亦是主礼嘉宾之一。", id="亦是主礼嘉宾"),
    pytest.param("2026海洋智能论坛在青岛举行。在2026海洋智能论坛开幕式发言中，星河大学教授陈立分享了三项研究。",
                 id="在E发言中，X分享"),
])
def test_a_part_taken_at_the_event_by_other_words(text):
    found = facts(text, title="2026海洋智能论坛在青岛举行", only="participatesIn")
    assert ("陈立", "participatesIn", "2026海洋智能论坛") in found
