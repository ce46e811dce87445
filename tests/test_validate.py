"""`kg validate` checks the graph against ontology/shapes.ttl."""

from pathlib import Path

import rdflib
from click.testing import CliRunner

from kg.cli import main
from kg.validate import validate

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "articles"
KGO = rdflib.Namespace("https://w3id.org/china-ai-kg/ontology#")
KGR = rdflib.Namespace("https://w3id.org/china-ai-kg/id/")


def test_the_sample_graph_conforms(tmp_path):
    runner = CliRunner()
    assert runner.invoke(main, ["build", "--store", str(tmp_path / "s"), str(SAMPLES)]).exit_code == 0
    result = runner.invoke(main, ["validate", "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


def test_a_broken_graph_gives_readable_violations():
    graph = rdflib.Graph()
    person, event = KGR["person/zhang-san-1"], KGR["event/x-1"]
    graph.add((person, rdflib.RDF.type, KGO.Person))
    graph.add((person, rdflib.RDFS.label, rdflib.Literal("张三", lang="zh")))
    graph.add((event, rdflib.RDF.type, KGO.Forum))
    graph.add((person, KGO.hosts, event))
    conforms, text = validate(graph)
    assert not conforms
    assert "Organization" in text
    assert "label" in text.lower()
