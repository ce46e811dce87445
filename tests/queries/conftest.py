"""The sample graph, built once per test session in memory, and a tiny hand-written graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from kg.api import KnowledgeGraph
from kg.vocab import RDF, RDFS, RESOURCE, kgo

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"


@pytest.fixture(scope="session")
def sample_kg():
    kg = KnowledgeGraph.open("memory:")
    report = kg.build([SAMPLES])
    assert not report.failed
    yield kg
    kg.close()


def _iri(path: str) -> NamedNode:
    return NamedNode(RESOURCE + path)


@pytest.fixture(scope="session")
def tiny_kg():
    """Facts the extractor may not find (yet): hosting, co-organising, a person at two events."""
    kg = KnowledgeGraph.open("memory:")
    article = _iri("article/tiny")
    a = NamedNode(RDF + "type")
    label = NamedNode(RDFS + "label")
    pcl, pku, huawei = _iri("org/pcl"), _iri("org/pku"), _iri("org/huawei")
    summit, forum = _iri("event/summit"), _iri("event/forum")
    gao, shenzhen = _iri("person/gao"), _iri("place/shenzhen")
    triples = [
        (article, a, kgo("Article")), (article, kgo("fileName"), Literal("tiny.txt")),
        (article, kgo("sourcePath"), Literal("tiny.txt")), (article, kgo("contentHash"), Literal("0")),
        (pcl, a, kgo("Laboratory")), (pcl, label, Literal("鹏城实验室", language="zh")),
        (pku, a, kgo("University")), (pku, label, Literal("北京大学", language="zh")),
        (huawei, a, kgo("Company")), (huawei, label, Literal("华为", language="zh")),
        (summit, a, kgo("Summit")), (summit, label, Literal("启智峰会", language="zh")),
        (forum, a, kgo("Forum")), (forum, label, Literal("鹏城论坛", language="zh")),
        (shenzhen, a, kgo("City")), (shenzhen, label, Literal("深圳", language="zh")),
        (gao, a, kgo("Person")), (gao, label, Literal("高文", language="zh")),
        (pcl, kgo("hosts"), summit), (pku, kgo("coOrganizes"), summit), (huawei, kgo("coOrganizes"), summit),
        (pcl, kgo("hosts"), forum), (summit, kgo("heldIn"), shenzhen),
        (summit, kgo("startDate"), Literal("2021-12-19", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#date"))),
        (gao, kgo("participatesIn"), summit), (gao, kgo("participatesIn"), forum),
    ]
    kg.store.write_article(article, [Quad(s, p, o, article) for s, p, o in triples])
    yield kg
    kg.close()
