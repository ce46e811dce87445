"""One store built from the sample articles, and one endpoint over it, for every `kg serve` test."""

from __future__ import annotations

import pytest

from kg.api import KnowledgeGraph
from tests.conftest import SAMPLES
from tests.serve.helpers import running


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("serve") / "store"
    with KnowledgeGraph.open(str(path)) as kg:
        assert not kg.build([SAMPLES]).failed
    return str(path)


@pytest.fixture(scope="session")
def endpoint(store_dir: str):
    with running(store_dir, timeout=2.0, max_rows=50, workers=2) as base:
        yield base
