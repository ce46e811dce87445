"""launchedAt: organisations founded (成立/揭牌) and products released (发布) at an event."""

import pytest

from tests.extract.helpers import facts

CASES = [
    pytest.param(
        "2024中国人工智能产业年会在苏州开幕。会上，长三角具身智能产业联盟正式成立。",
        "2024中国人工智能产业年会在苏州开幕",
        {("长三角具身智能产业联盟", "launchedAt", "2024中国人工智能产业年会")},
        id="会上…正式成立"),
    pytest.param(
        "6月5日，粤港澳大湾区算力联盟成立大会在广州举行。",
        "",
        {("粤港澳大湾区算力联盟", "launchedAt", "粤港澳大湾区算力联盟成立大会")},
        id="X成立大会 launches X"),
]


@pytest.mark.parametrize(("text", "title", "expected"), CASES)
def test_launched_at(text, title, expected):
    assert facts(text, title=title, only="launchedAt") == expected
