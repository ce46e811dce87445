"""Sentences that look like a relation but state none: each asserts the absence of a fact."""

from tests.extract.helpers import facts, mentions


def test_attending_is_not_hosting():
    text = "中国电子信息产业发展研究院出席了2024中国工业软件大会。"
    assert not facts(text, only=("hosts", "coOrganizes"))


def test_a_guiding_unit_is_not_a_host():
    text = "2024中国大模型应用创新论坛在北京举行。本次论坛由工业和信息化部指导，中国信息通信研究院主办。"
    found = facts(text, title="2024中国大模型应用创新论坛在北京举行", only=("hosts", "coOrganizes"))
    assert ("工业和信息化部", "hosts", "2024中国大模型应用创新论坛") not in found
    assert ("工业和信息化部", "coOrganizes", "2024中国大模型应用创新论坛") not in found


def test_guidance_units_listed_as_such_host_nothing():
    text = "2024江苏智能制造峰会在南京举行。指导单位：江苏省工业和信息化厅。"
    assert not facts(text, title="2024江苏智能制造峰会在南京举行", only=("hosts", "coOrganizes"))


def test_an_organisation_inside_a_report_title_is_not_its_author():
    text = "中国信息通信研究院发布了《腾讯云大模型安全实践报告》。"
    found = facts(text)
    assert not any("腾讯云" in (s, o) for s, _, o in found)


def test_an_organisation_inside_a_report_title_is_not_related_to_the_publisher():
    text = "中国信息通信研究院发布了《腾讯云大模型安全实践报告》。"
    assert not facts(text, only=("memberOf", "ledBy", "subOrganizationOf", "develops"))


def test_a_reporter_in_a_byline_is_a_person_of_the_outlet_not_of_the_event():
    """The guidelines annotate everyone named, reporters included, affiliated with their outlet."""
    text = "新华社杭州5月9日电（记者王可欣）第二届中国数字经济峰会9日在杭州开幕。"
    assert "王可欣" in mentions(text, kind="Person")
    found = facts(text)
    assert ("王可欣", "affiliatedWith", "新华社") in found
    assert not any(s == "王可欣" and p == "participatesIn" for s, p, _ in found)


def test_a_reporter_who_learned_something_is_not_a_participant():
    text = "2024中国开源软件大会在上海召开。记者李晓明从大会上获悉，开源项目数量持续增长。"
    found = facts(text, title="2024中国开源软件大会在上海召开")
    assert not any(s == "李晓明" for s, _, _ in found)


def test_speakers_in_an_article_not_about_an_event_do_not_participate():
    text = ("人工智能正在改变制造业。清华大学教授孙茂松表示，大模型需要与行业知识结合。"
            "文中提到的2023世界人工智能大会曾吸引大量关注。")
    assert not facts(text, title="大模型如何走进工厂", only="participatesIn")


def test_the_us_state_department_is_not_the_state_council():
    assert "国务院" not in mentions("美国国务院发言人当天表示将对相关芯片实施出口管制。", kind="Organization")


def test_founded_in_a_year_without_an_event_is_not_launched_at():
    text = "深圳市人工智能行业协会成立于2015年，现有会员单位六百余家。"
    assert not facts(text, only="launchedAt")


def test_a_date_with_no_year_in_an_undated_article_gives_no_start_date():
    text = "第三届明湖人工智能论坛于6月8日在济南举行。"
    assert not facts(text, date=None, only=("startDate", "endDate"))


def test_a_date_with_no_year_in_an_undated_article_still_gives_the_place():
    text = "第三届明湖人工智能论坛于6月8日在济南举行。"
    assert facts(text, date=None, only=("heldIn", "startDate")) == {("第三届明湖人工智能论坛", "heldIn", "济南")}


def test_a_publishing_date_is_not_the_event_date():
    text = "2024年5月9日 来源：人民网\n第二届中国数字经济峰会将在杭州举行。"
    assert not facts(text, only="startDate")


def test_a_cooperation_agreement_is_not_membership():
    text = "浙江大学与阿里巴巴签署战略合作协议，双方将共建联合实验室。"
    assert not facts(text, only="memberOf")


def test_reading_a_model_is_not_developing_it():
    text = "多家医院已接入通义千问，用于病历结构化。"
    assert not facts(text, only="develops")


def test_an_ordinary_word_after_a_title_is_not_a_person():
    assert mentions("公司总经理办公会研究通过了年度预算。", kind="Person") == set()


def test_place_in_a_name_is_not_where_the_event_was_held():
    text = "北京智源人工智能研究院在上海举行了开放日活动。"
    assert not any(o == "北京" for _, _, o in facts(text, only="heldIn"))


def test_a_role_after_a_position_word_is_not_a_person():
    text = "中国信息通信研究院为联盟理事长单位，华为为副理事长单位。"
    assert not mentions(text, kind="Person")


def test_an_anonymised_name_is_not_a_person():
    assert not mentions("据通报，该县原副县长王某利用职务便利收受财物。", kind="Person")


def test_events_named_only_by_a_determiner_or_a_count_are_no_events():
    assert not mentions("他今年参加了多个人工智能论坛，相关会议在苏州举行。", kind="Event")


def test_a_product_inside_a_longer_phrase_is_not_what_was_released():
    assert not facts("浪潮信息年底推出支持文心一言的AI服务器。", only="develops")


def test_a_product_named_later_in_the_clause_is_not_what_was_released():
    assert not facts("中金公司发布研报称，以通义千问为代表的大模型将带动算力需求。", only="develops")


def test_a_commentator_on_an_event_named_later_in_the_article_is_no_participant():
    opening = ("今年以来，全球经济复苏乏力，多国央行持续加息，国际金融市场波动加剧，"
               "外贸企业面临订单减少和成本上升的双重压力。") * 8
    text = (opening + "\n二十国集团峰会即将召开，二十国集团峰会的议程备受关注。"
            "中国人民大学教授王涛认为，各方应在数字经济领域加强合作。")
    assert not facts(text, only="participatesIn")


def test_a_speaker_at_the_event_an_article_reports_is_a_participant():
    text = ("2024数字经济论坛在杭州举行。浙江大学教授王涛表示，数据要素将成为新的增长点。")
    assert facts(text, only="participatesIn") == {("王涛", "participatesIn", "2024数字经济论坛")}


def test_a_clause_after_a_known_organisation_is_not_its_subsidiary():
    text = "蚂蚁集团发布公告。公告称，蚂蚁集团持续提升公司治理水平，蚂蚁集团未来可能面临金控公司整体上市。"
    assert not facts(text, only="subOrganizationOf")


def test_a_surname_and_a_title_is_no_name():
    people = mentions("中国人民大学公共管理学院原院长、养老金融50人论坛秘书长董克用出席。", kind="Person")
    assert "原院长" not in people


def test_time_and_former_markers_are_not_part_of_an_organisation():
    found = facts("时任星河智能科技有限公司董事长王海峰出席活动。", only="affiliatedWith")
    assert found == {("王海峰", "affiliatedWith", "星河智能科技有限公司")}


def test_an_opinion_about_an_event_named_after_the_verb_is_no_participation():
    assert not facts("外交部发言人汪文斌表示，二十国集团峰会取得了积极成果。", only="participatesIn")


def test_chairing_the_meeting_named_after_the_verb_is_participation():
    found = facts("2024人工智能安全治理会议在北京召开。清华大学教授王涛主持2024人工智能安全治理会议。",
                  only="participatesIn")
    assert found == {("王涛", "participatesIn", "2024人工智能安全治理会议")}
