"""The date normaliser (`dates` component): Chinese dates to ISO, relative to the article's date."""

import pytest

from kg.extract.dates import find_dates, text_year
from tests.extract.helpers import component_doc


def spans(text, article_date):
    return [(d.first, d.last) for d in find_dates(text, article_date)]


@pytest.mark.parametrize(("text", "article_date", "expected"), [
    pytest.param("2021年12月19日－20日", None, [("2021-12-19", "2021-12-20")], id="full-width dash day range"),
    pytest.param("12月18日", "2021-12-19", [("2021-12-18", None)], id="no year: the article's year"),
    pytest.param("1月5日", "2023-12-30", [("2024-01-05", None)], id="no year: the next year when that is nearer"),
    pytest.param("12月30日", "2024-01-02", [("2023-12-30", None)], id="no year: the year before when that is nearer"),
    pytest.param("5月30日至6月1日", "2024-05-10", [("2024-05-30", "2024-06-01")], id="至 across months"),
    pytest.param("2024年3月19日-20日", None, [("2024-03-19", "2024-03-20")], id="ASCII dash range with a year"),
    pytest.param("2024年12月31日至2025年1月2日", None, [("2024-12-31", "2025-01-02")], id="range across years"),
    pytest.param("2024年11月", None, [("2024-11", None)], id="month only"),
    pytest.param("今年4月", "2023-09-01", [("2023-04", None)], id="this year's month"),
    pytest.param("去年11月", "2023-09-01", [("2022-11", None)], id="last year's month"),
    pytest.param("今年4月", None, [], id="this year's month with no article date: no guess"),
    pytest.param("2024-06-05", None, [("2024-06-05", None)], id="ISO form"),
    pytest.param("2024/6/5", None, [("2024-06-05", None)], id="slashes"),
    pytest.param("6月8号", "2024-05-10", [("2024-06-08", None)], id="号 for 日"),
    pytest.param("2024 年 6 月 8 日", None, [("2024-06-08", None)], id="spaces between the parts"),
    pytest.param("6月8日", None, [], id="no year and no article date: no guess"),
    pytest.param("2024年2月30日", None, [], id="an impossible day is dropped"),
    pytest.param("2024年6月20日-18日", None, [("2024-06-20", None)],
                 id="a range ending before it starts keeps only the start"),
    pytest.param("2023年营收增长20%", None, [], id="a year alone is no date"),
])
def test_find_dates(text, article_date, expected):
    assert spans(text, article_date) == expected


def test_dates_component_keeps_offsets_into_the_article():
    doc = component_doc("会议于2024年6月8日举行，9日闭幕。", ("sentences", "dates"), date="2024-06-01")
    assert [(doc.text[d.start:d.end], d.first) for d in doc.dates] == [("2024年6月8日", "2024-06-08")]


def test_full_width_digits_are_normalised_before_dates_are_read():
    doc = component_doc("会议于２０２４年６月８日举行。", ("sentences", "dates"), date=None)
    assert [d.first for d in doc.dates] == ["2024-06-08"]


@pytest.mark.parametrize(("text", "year"), [
    pytest.param("6月12日，2026星河大会在北京开幕。2026年是大模型落地之年。", 2026, id="one year written twice"),
    pytest.param("2026星河大会回顾了2024年和2025年的进展。", None, id="several years: none is the article's"),
    pytest.param("公司营收达2026万元，2026年计划上市。", None, id="a number of 万元 is no year"),
])
def test_the_year_an_undated_article_is_about(text, year):
    assert text_year(text) == year


def test_an_undated_article_completes_month_days_with_the_year_it_is_about():
    doc = component_doc("6月12日至13日，2026星河大会在北京开幕。2026年是大模型落地之年。", ("sentences", "dates"),
                        date=None)
    assert (doc.dates[0].first, doc.dates[0].last) == ("2026-06-12", "2026-06-13")
    undated = component_doc("6月12日至13日，星河大会在北京开幕。", ("sentences", "dates"), date=None)
    assert undated.dates == []
