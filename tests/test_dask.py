"""`kg build --engine dask`: extraction mapped over a (local) Dask cluster gives the local build's graph."""

from __future__ import annotations

import pytest

from kg import KnowledgeGraph
from tests.test_build_parallel import corpus_records, nquads, same_graph, write_jsonl_gz

distributed = pytest.importorskip("dask.distributed", reason="dask[distributed] is not installed (the `dask` extra)")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as c:
        yield c


def test_dask_build_writes_exactly_what_jobs_1_writes(cluster, tmp_path):
    corpus = write_jsonl_gz(tmp_path / "c.jsonl.gz", corpus_records())
    with KnowledgeGraph.open("memory:") as local:
        local.build([corpus], jobs=1)
        expected = nquads(local)
    with KnowledgeGraph.open(str(tmp_path / "store")) as graph:
        report = graph.build([corpus], engine="dask", scheduler=cluster.scheduler_address)
        assert (report.new, report.failed) == (20, [])
        assert same_graph(nquads(graph), expected)
        again = graph.build([corpus], engine="dask", scheduler=cluster.scheduler_address)
        assert (again.unchanged, again.written) == (20, 0)


def test_cli_engine_dask(cluster, tmp_path):
    from tests.conftest import run_kg

    corpus = write_jsonl_gz(tmp_path / "c.jsonl.gz", corpus_records()[:4])
    result = run_kg("build", "--store", tmp_path / "s", "--engine", "dask", "--scheduler", cluster.scheduler_address,
                    corpus)
    assert result.exit_code == 0, result.output
    assert "4 new" in result.output


def test_engine_dask_needs_a_scheduler(tmp_path):
    from tests.conftest import run_kg

    corpus = write_jsonl_gz(tmp_path / "c.jsonl.gz", corpus_records()[:1])
    result = run_kg("build", "--store", tmp_path / "s", "--engine", "dask", corpus)
    assert result.exit_code != 0
    assert "--scheduler" in result.output
