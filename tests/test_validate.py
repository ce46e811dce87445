"""`kg validate`: violations of ontology/shapes.ttl are errors; junk that ontology/quality.ttl can see
is counted per shape, as warnings."""

from pathlib import Path

import rdflib
from click.testing import CliRunner

from kg.cli import main
from kg.validate import validate

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "articles"
KGO = rdflib.Namespace("https://w3id.org/china-ai-kg/ontology#")
KGR = rdflib.Namespace("https://w3id.org/china-ai-kg/id/")


def entity(graph: rdflib.Graph, iri: str, cls: rdflib.URIRef, label: str) -> rdflib.URIRef:
    node = KGR[iri]
    graph.add((node, rdflib.RDF.type, cls))
    graph.add((node, rdflib.RDFS.label, rdflib.Literal(label, lang="zh")))
    return node


def junk_graph() -> rdflib.Graph:
    """One clean entity of each kind, and one of each kind of junk."""
    graph = rdflib.Graph()
    entity(graph, "person/wang-hai-feng", KGO.Person, "王海峰")
    entity(graph, "person/wang", KGO.Person, "王")
    entity(graph, "person/wang-yuan-zhang", KGO.Person, "王院长")
    entity(graph, "org/bai-du", KGO.Company, "百度")
    entity(graph, "org/dated", KGO.Company, "2023年百度")
    entity(graph, "org/clause", KGO.Organization, "在北京举办的人工智能研究院")
    entity(graph, "event/forum", KGO.Forum, "2021东湖国际人工智能高峰论坛")
    entity(graph, "event/topic", KGO.Event, "人工智能")
    entity(graph, "event/not-a-forum", KGO.Forum, "世界人工智能大会")
    return graph


def test_junk_is_counted_per_shape_as_warnings_and_the_graph_still_conforms():
    report = validate(junk_graph())
    assert report.conforms and not report.of("Violation")
    found = {c.shape: (c.flagged, c.checked, c.examples) for c in report.of("Warning")}
    assert found == {
        "kgs:PersonLabelOneCharacter": (1, 3, ("王",)),
        "kgs:PersonLabelWithTitle": (1, 3, ("王院长",)),
        "kgs:OrganizationLabelWithDate": (1, 3, ("2023年百度",)),
        "kgs:OrganizationLabelClause": (1, 3, ("在北京举办的人工智能研究院",)),
        "kgs:EventHeadNoun": (1, 3, ("人工智能",)),
        "kgs:ForumHeadNoun": (1, 2, ("世界人工智能大会",)),
    }
    text = report.text()
    assert "1 of 3 (33.3%)  Person named with a position title" in text
    assert "no violations, but warnings" in text


def test_an_organisation_that_is_its_own_parent_is_an_error():
    graph = junk_graph()
    graph.add((KGR["org/bai-du"], KGO.subOrganizationOf, KGR["org/bai-du"]))
    report = validate(graph)
    assert not report.conforms
    assert [(c.shape, c.flagged, c.examples) for c in report.of("Violation")] == [
        ("kgs:SubOrganizationOfShape", 1, ("百度",))]
    assert "does not conform" in report.text() and "sub-organisation of itself" in report.text()


def test_a_broken_graph_gives_readable_violations():
    graph = rdflib.Graph()
    person = entity(graph, "person/zhang-san-1", KGO.Person, "张三")
    graph.add((person, KGO.hosts, entity(graph, "event/x-1", KGO.Forum, "某论坛")))
    report = validate(graph)
    assert not report.conforms
    assert "Only an Organization can host" in report.text()


def test_the_sample_build_conforms_and_says_how_clean_it_is(tmp_path):
    runner = CliRunner()
    assert runner.invoke(main, ["build", "--store", str(tmp_path / "s"), str(SAMPLES)]).exit_code == 0
    result = runner.invoke(main, ["validate", "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert "the graph conforms to the shapes (no violations" in result.output
    assert "violations, entities flagged" not in result.output
