"""How the tagger's spans become mentions: what a learned span may not keep at its edges."""

import pytest

from kg.extract.tagger import merge
from tests.extract.helpers import component_doc


@pytest.mark.parametrize(("text", "span", "name"), [
    pytest.param("他2013年赴美国哈佛大学访学。", "2013年赴美国哈佛大学", "美国哈佛大学",
                 id="a date and a verb before it"),
    pytest.param("大赛评委代表苏州智能制造研究中心主任出席。", "评委代表苏州智能制造研究中心", "苏州智能制造研究中心",
                 id="a person's title before it"),
    pytest.param("学会学术委员会主任李明出席。", "学会学术委员会", "学会学术委员会",
                 id="委员会 is a unit, not a title"),
])
def test_an_organisation_span_starts_after_dates_verbs_and_titles(text, span, name):
    doc = component_doc(text, ("sentences", "dates", "gazetteer"))
    start = text.index(span)
    merge(doc, [(start, start + len(span), "Organization")])
    assert [m.text for m in doc.mentions if m.kind == "Organization"] == [name]
