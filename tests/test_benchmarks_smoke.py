"""Each benchmark runs end to end on 20 sample articles (`--smoke`: nothing is recorded)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

RESULTS = ROOT / "benchmarks" / "RESULTS.md"


@pytest.mark.parametrize("script, extra", [
    ("stages.py", []),
    ("build.py", ["--jobs", "1,2"]),
    ("queries.py", ["--runs", "1", "--timeout", "20"]),
    ("quiet.py", []),
    ("viz.py", []),
    ("long_articles.py", []),
])
def test_benchmark_smoke_run(script, extra):
    before = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else None
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), "--smoke", *extra],
                          capture_output=True, text=True, timeout=240, cwd=ROOT)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "| ---" in done.stdout  # printed its table
    after = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else None
    assert after == before  # a smoke run records nothing


def test_the_build_benchmark_measures_a_cold_first_build_and_where_start_up_goes():
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "build.py"), "--smoke", "--jobs", "1"],
                          capture_output=True, text=True, timeout=240, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "| first build, cold (no jieba or bytecode cache), --jobs 1 |" in done.stdout
    for step in ("import kg", "jieba dictionary", "jieba part-of-speech table"):
        assert f"| {step} |" in done.stdout


def test_every_figure_of_the_readme_performance_table_names_its_benchmark_and_date():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Performance"):]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "---" not in line][1:]
    results = RESULTS.read_text(encoding="utf-8")
    assert rows
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        script, date = cells[2].strip("`").split("`, ")[0].split()[0], cells[2].rsplit(", ", 1)[-1]
        assert (ROOT / "benchmarks" / script).exists(), row
        assert f"(`benchmarks/{script}`), {date}" in results, row
