"""The Python API as the README shows it: from any folder, with pandas when it is installed."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

from kg.api import KnowledgeGraph, curated_query
from tests.conftest import ROOT, SAMPLES


def readme_python_example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### From Python"):]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_the_readme_python_example_runs_outside_the_repository(tmp_path):
    """Curated queries come with the package, so the example needs no checkout of queries/."""
    shutil.copytree(SAMPLES, tmp_path / "samples" / "articles")
    code = readme_python_example() + "\nprint(rows)\nprint(len(df), sorted(df.columns))\n"
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "中国科学院自动化研究所" in done.stdout
    assert "['e', 'o']" in done.stdout


def test_a_curated_query_runs_by_name_with_its_parameters():
    with KnowledgeGraph.open("memory:") as kg:
        kg.build([SAMPLES])
        rows = kg.query(curated_query("subsidiaries").text, org="中国科学院")
    assert {"parentName": "中国科学院", "childName": "中国科学院自动化研究所", "direct": True} in rows


def test_to_dataframe_gives_one_column_per_variable():
    import pandas as pd  # the test extra installs it, as the pandas extra does

    with KnowledgeGraph.open("memory:") as kg:
        kg.build([SAMPLES])
        frame = kg.to_dataframe("SELECT ?o ?e WHERE { ?o kgo:launchedAt ?e }")
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == ["o", "e"] and len(frame) > 0
