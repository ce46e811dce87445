"""RemoteStore against a real Oxigraph server started on a free localhost port."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.api import KnowledgeGraph, curated_query
from kg.cli import main
from kg.errors import StoreError
from kg.store import open_store
from kg.store.remote import RemoteStore, endpoints

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"
OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    if not Path(OXIGRAPH).exists():
        pytest.skip("the oxigraph CLI is not installed (pip install oxigraph)")
    port = free_port()
    process = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path / "ox"), "--bind",
                                f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=2).read()
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("oxigraph serve did not start") from None
            time.sleep(0.1)
    yield base + "/query"
    process.kill()
    process.wait(10)


def test_endpoints():
    ends = endpoints("http://localhost:7878/query")
    assert (ends["update"], ends["gsp"], ends["union"]) == ("http://localhost:7878/update",
                                                            "http://localhost:7878/store", "param")
    ends = endpoints("http://localhost:8890/sparql#union=none")
    assert (ends["update"], ends["gsp"], ends["union"]) == ("http://localhost:8890/sparql", None, "none")
    ends = endpoints("http://u:p@h:3030/ds/query#update=http://h:3030/ds/update&gsp=http://h:3030/ds/data")
    assert ends["query"] == "http://h:3030/ds/query" and ends["gsp"] == "http://h:3030/ds/data"
    assert ends["auth"] == "u:p"
    assert isinstance(open_store("http://localhost:1/query"), RemoteStore)


def test_build_query_rebuild_remove(server):
    with KnowledgeGraph.open(server) as kg:
        report = kg.build([SAMPLES])
        assert report.new == 5 and not report.failed
        rows = kg.query(curated_query("people-of-organization").text, org="百度")
        assert "王海峰" in {r["name"] for r in rows}
        quads_before = sorted(str(q) for q in kg.store.quads())
        assert len(kg.store.articles()) == 5

    with KnowledgeGraph.open(server) as kg:  # rebuild: idempotent
        report = kg.build([SAMPLES])
        assert report.unchanged == 5 and report.new == 0
        assert sorted(str(q) for q in kg.store.quads()) == quads_before
        # a forced rewrite of one article leaves the same quads
        graph = next(iter(kg.store.articles()))
        quads = list(kg.store.quads(graph))
        kg.store.write_article(quads[0].graph_name, quads)
        assert sorted(str(q) for q in kg.store.quads()) == quads_before

    runner = CliRunner()
    result = runner.invoke(main, ["query", "people-of-organization", "--store", server, "--param", "org=百度",
                                  "--format", "csv"])
    assert result.exit_code == 0 and "王海峰" in result.output
    result = runner.invoke(main, ["remove", "003_8aa938fb62833662.txt", "--store", server])
    assert result.exit_code == 0, result.output
    with KnowledgeGraph.open(server, read_only=True) as kg:
        assert len(kg.store.articles()) == 4
        assert "003_8aa938fb62833662.txt" not in {s.file_name for s in kg.store.articles().values()}
        assert len(list(kg.store.quads())) < len(quads_before)


def test_errors(server):
    with KnowledgeGraph.open(server, read_only=True) as kg:
        with pytest.raises(Exception, match="SPARQL syntax error"):
            kg.query("SELECT * WHERE { ?s ?p }")
        with pytest.raises(StoreError, match="read-only"):
            kg.store.remove_articles(["urn:x"])
    with pytest.raises(StoreError, match="cannot reach"):
        RemoteStore(f"http://127.0.0.1:{free_port()}/query").query("ASK {}")
