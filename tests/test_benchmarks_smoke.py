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
])
def test_benchmark_smoke_run(script, extra):
    before = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else None
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), "--smoke", *extra],
                          capture_output=True, text=True, timeout=240, cwd=ROOT)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "| ---" in done.stdout  # printed its table
    after = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else None
    assert after == before  # a smoke run records nothing
