"""The entity graph as networkx, and its GraphML, GEXF and CSV files."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.api import KnowledgeGraph
from kg.cli import main
from kg.errors import InputError, NotFoundError
from kg.export import network
from kg.vocab import DATE_PREDICATES

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("store") / "kg-store"
    with KnowledgeGraph.open(str(folder)) as kg:
        kg.build([SAMPLES])
    return str(folder)


@pytest.fixture(scope="module")
def graph(store_dir) -> nx.MultiDiGraph:
    with KnowledgeGraph.open(store_dir, read_only=True) as kg:
        return kg.to_networkx()


def test_nodes_are_entities_with_their_attributes(graph):
    assert graph.number_of_nodes() > 20 and graph.number_of_edges() > 20
    kinds = {d["kind"] for _, d in graph.nodes(data=True)}
    assert kinds <= {"Organization", "Person", "Event", "Place", "Product"}
    assert {"Organization", "Person", "Event"} <= kinds
    for _, data in graph.nodes(data=True):
        assert data["label"] and isinstance(data["aliases"], list) and isinstance(data["positions"], list)
        assert data["articles"] >= 1
    assert any(d["positions"] for _, d in graph.nodes(data=True) if d["kind"] == "Person")
    assert any(d["aliases"] for _, d in graph.nodes(data=True))
    assert any(d["label_en"] for _, d in graph.nodes(data=True))
    assert any(d.get("start_date") for _, d in graph.nodes(data=True) if d["kind"] == "Event")


def test_edges_carry_predicate_labels_and_evidence(graph):
    predicates = {d["predicate"] for *_, d in graph.edges(data=True)}
    assert predicates <= set(network.EDGE_PREDICATES)
    assert not predicates & DATE_PREDICATES
    for u, v, key, data in graph.edges(keys=True, data=True):
        assert key == data["predicate"] and u in graph and v in graph
        assert data["label_zh"] and data["label_en"]
    affiliated = [d for *_, d in graph.edges(data=True) if d["predicate"] == "affiliatedWith"]
    assert affiliated and affiliated[0]["label_zh"] == "任职于" and affiliated[0]["label_en"] == "affiliated with"
    with_evidence = [d for *_, d in graph.edges(data=True) if d["evidence"]]
    assert len(with_evidence) >= len(affiliated)
    assert all(0 < d["confidence"] <= 1 and d["article"] and d["sources"] >= 1 for d in with_evidence)


def test_selection(graph):
    persons = network.select(graph, types=["Person"])
    assert persons.number_of_nodes() == sum(d["kind"] == "Person" for _, d in graph.nodes(data=True))
    companies = network.select(graph, types=["company"])
    assert {d["type"] for _, d in companies.nodes(data=True)} == {"Company"}
    members = network.select(graph, predicates=["memberOf"])
    assert {d["predicate"] for *_, d in members.edges(data=True)} == {"memberOf"}
    assert all(members.degree(n) for n in members)
    hub = max(graph, key=graph.degree)
    ego = network.select(graph, ego=graph.nodes[hub]["label"], depth=1)
    neighbours = set(graph.successors(hub)) | set(graph.predecessors(hub))
    assert hub in ego and ego.number_of_nodes() == 1 + len(neighbours)
    assert network.select(graph, max_nodes=5).number_of_nodes() == 5
    assert hub in network.select(graph, max_nodes=5)
    dense = network.select(graph, min_degree=2)
    assert set(dense) == {n for n in graph if graph.degree(n) >= 2}
    dated = network.select(graph, since="2021-12-10", until="2021-12-31")
    assert 0 < dated.number_of_edges() < graph.number_of_edges()
    assert all(any("2021-12-10" <= x <= "2021-12-31" for x in d["dates"]) for *_, d in dated.edges(data=True))
    with pytest.raises(InputError):
        network.select(graph, types=["Spaceship"])
    with pytest.raises(InputError):
        network.select(graph, predicates=["likes"])
    with pytest.raises(NotFoundError):
        network.select(graph, ego="no such name")


def test_ego_finds_aliases(graph):
    node, data = next((n, d) for n, d in graph.nodes(data=True) if d["aliases"])
    assert network.find_node(graph, data["aliases"][0]) == node


def test_graphml_reads_back(graph, tmp_path):
    path = network.write_graphml(graph, tmp_path / "kg.graphml")
    back = nx.read_graphml(path)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    node, data = next((n, d) for n, d in graph.nodes(data=True) if d["aliases"])
    assert back.nodes[node]["label"] == data["label"]
    assert back.nodes[node]["aliases"] == " | ".join(data["aliases"])


def test_gexf_reads_back_with_viz_attributes(graph, tmp_path):
    path = network.write_gexf(graph, tmp_path / "kg.gexf")
    back = nx.read_gexf(path)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    viz = next(iter(back.nodes(data=True)))[1]["viz"]
    assert {"color", "size", "position"} <= set(viz)
    text = path.read_text(encoding="utf-8")
    assert "<viz:color" in text and "<viz:size" in text and "<viz:position" in text


def test_csv_columns(graph, tmp_path):
    nodes_path, edges_path = network.write_csv(graph, tmp_path / "csv")
    with nodes_path.open(encoding="utf-8-sig", newline="") as handle:
        nodes = list(csv.DictReader(handle))
    with edges_path.open(encoding="utf-8-sig", newline="") as handle:
        edges = list(csv.DictReader(handle))
    assert list(nodes[0]) == list(network.NODE_COLUMNS)
    assert list(edges[0]) == list(network.EDGE_COLUMNS)
    assert len(nodes) == graph.number_of_nodes() and len(edges) == graph.number_of_edges()
    for column in network.NODE_COLUMNS + network.EDGE_COLUMNS:
        assert column in network.write_csv.__doc__, f"column {column} is not documented"
    by_id = {row["id"]: row for row in nodes}
    assert all(row["source"] in by_id and row["target"] in by_id for row in edges)
    assert all(int(row["degree"]) == graph.degree(row["id"]) for row in nodes)


def test_top_entities(graph):
    top = network.top_entities(graph, 3)
    assert len(top["organizations"]) == 3 and len(top["persons"]) == 3
    counts = [count for *_, count in top["organizations"]]
    assert counts == sorted(counts, reverse=True)
    assert counts[0] == max(graph.degree(n) for n, d in graph.nodes(data=True) if d["kind"] == "Organization")
    assert top["events"] and top["events"][0][2] >= 1


def test_cli_export_stats_and_viz(store_dir, tmp_path):
    runner = CliRunner()
    for fmt in ("graphml", "gexf"):
        result = runner.invoke(main, ["export", "--store", store_dir, "--format", fmt, "-o",
                                      str(tmp_path / f"kg.{fmt}")])
        assert result.exit_code == 0, result.output
        assert (tmp_path / f"kg.{fmt}").stat().st_size > 1000
    result = runner.invoke(main, ["export", "--store", store_dir, "--format", "csv", "-o", str(tmp_path / "csv")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "csv" / "nodes.csv").exists() and (tmp_path / "csv" / "edges.csv").exists()
    result = runner.invoke(main, ["stats", "--store", store_dir, "--top", "3"])
    assert result.exit_code == 0, result.output
    assert "most connected organisations" in result.output and "largest events" in result.output
    out = tmp_path / "graph.html"
    result = runner.invoke(main, ["viz", "--store", store_dir, "-o", str(out), "--type", "Organization",
                                  "--type", "Person", "--max-nodes", "20", "--color", "community"])
    assert result.exit_code == 0, result.output
    assert out.exists() and "20 entities" in result.output
    result = runner.invoke(main, ["viz", "--store", store_dir, "-o", str(out), "--ego", "no such name"])
    assert result.exit_code == 2 and "no entity named" in result.output
    assert "Example" in runner.invoke(main, ["viz", "--help"]).output


def _kg_imports(module: str) -> set[str]:
    """The kg modules that a module imports, at the top or inside functions."""
    import ast
    import importlib

    tree = ast.parse(Path(importlib.import_module(module).__file__).read_text(encoding="utf-8"))
    found = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    found |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    return {name for name in found if name.startswith("kg.")}


def test_the_view_depends_on_the_network_module_and_not_the_other_way():
    assert "kg.export.viz" not in _kg_imports("kg.export.network")
    assert "kg.export.network" in _kg_imports("kg.export.viz")
    # what both draw with lives with the graph: layout, colours, sizes, predicates, names
    for name in ("layout", "communities", "node_colors", "node_size", "TYPE_COLORS", "PREDICATE_COLORS",
                 "EDGE_PREDICATES", "names_of", "class_label"):
        assert hasattr(network, name), name
