"""Resolution across articles: which mentions of a person's name are one node."""

from __future__ import annotations

from kg.resolve import PersonIndex, distinctive

BAIDU, ZHENGXIE, ACME, OTHER = (f"https://example.org/org/{n}" for n in ("baidu", "zhengxie", "acme", "other"))


def iri(index: PersonIndex, name: str, *orgs: str) -> str:
    return index.resolve(name, frozenset(orgs))[0].value


def test_a_distinctive_name_is_one_person_across_employers():
    """李彦宏 at 百度 in one article and at 全国政协 in another is one node with both posts."""
    index = PersonIndex()
    assert iri(index, "李彦宏", BAIDU) == iri(index, "李彦宏", ZHENGXIE) == iri(index, "李彦宏")


def test_a_latin_full_name_is_distinctive_too():
    index = PersonIndex()
    assert iri(index, "Sam Altman", ACME) == iri(index, "Sam Altman", OTHER)


def test_a_common_two_character_name_at_different_organisations_is_two_people():
    index = PersonIndex()
    first, second = iri(index, "王龙", ACME), iri(index, "王龙", OTHER)
    assert first != second and second.endswith("-2")


def test_a_two_character_name_joins_the_one_at_the_same_organisation_or_with_none():
    index = PersonIndex()
    first, second = iri(index, "王龙", ACME), iri(index, "王龙", OTHER)
    assert iri(index, "王龙", OTHER) == second
    assert iri(index, "王龙") == first


def test_a_shared_organisation_wins_over_order():
    """A third 李彦宏 article naming 全国政协 joins the node that already has it."""
    index = PersonIndex(known=lambda name: [("https://example.org/p-1", frozenset({ACME})),
                                            ("https://example.org/p-2", frozenset({ZHENGXIE}))])
    assert iri(index, "李彦宏", ZHENGXIE) == "https://example.org/p-2"


def test_what_counts_as_distinctive():
    assert distinctive("欧阳明高") and distinctive("李彦宏") and distinctive("Yann LeCun")
    assert not distinctive("张勇") and not distinctive("Altman")
