"""`kg eval` scores extraction as the gold SPEC says, with the reference scorer's numbers."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "gold" / "seeds.jsonl"
SAMPLES = ROOT / "samples" / "articles"
REFERENCE = ROOT.parent / "shared" / "eval" / "score.py"


def _totals(text: str) -> dict[str, tuple[str, ...]]:
    found = {}
    for kind in ("entities", "relations"):
        match = re.search(rf"^{kind}\s+P=([\d.]+) R=([\d.]+) F1=([\d.]+)", text, re.M)
        found[kind] = match.groups()
    return found


def test_eval_prints_the_per_predicate_table_and_totals_above_the_floor():
    result = CliRunner().invoke(main, ["eval", str(GOLD), str(SAMPLES)])
    assert result.exit_code == 0, result.output
    assert "hosts" in result.output and "subOrganizationOf" in result.output
    totals = _totals(result.output)
    assert float(totals["relations"][2]) >= 0.88
    assert float(totals["entities"][2]) >= 0.88


def test_eval_errors_lists_misses_and_false_positives():
    result = CliRunner().invoke(main, ["eval", str(GOLD), str(SAMPLES), "--errors"])
    assert result.exit_code == 0
    assert "missed relation" in result.output or "false relation" in result.output


@pytest.mark.skipif(not REFERENCE.exists(), reason="the reference scorer lives in ../shared, beside the clone")
def test_eval_agrees_with_the_reference_scorer(tmp_path):
    store, out = tmp_path / "store", tmp_path / "out"
    runner = CliRunner()
    assert runner.invoke(main, ["build", "--store", str(store), str(SAMPLES)]).exit_code == 0
    assert runner.invoke(main, ["export", "--store", str(store), "--per-article", str(out)]).exit_code == 0
    reference = subprocess.run([sys.executable, str(REFERENCE), str(GOLD), str(out), "--ontology",
                                str(ROOT / "ontology")], capture_output=True, text=True, check=True).stdout
    ours = runner.invoke(main, ["eval", str(GOLD), str(SAMPLES)]).output
    assert _totals(ours) == _totals(reference)
    predicates = ours.split("\n\n", 1)[0]  # the per-predicate table; the per-type one is ours alone
    table = [line for line in predicates.splitlines() if re.match(r"^[a-zA-Z]+\s+\d+\s+\d+\s+\d+", line)]
    assert len(table) == 12
    for line in table:
        assert line in reference


def test_eval_prints_entity_precision_and_recall_per_type():
    output = CliRunner().invoke(main, ["eval", str(GOLD), str(SAMPLES)]).output
    rows = {line.split()[0]: line.split()[1:] for line in output.splitlines()
            if re.match(r"^(Organization|Person|Event|Place|Product)\s+\d", line)}
    assert set(rows) == {"Organization", "Person", "Event", "Place", "Product"}
    gold = re.search(r"^entities .*gold (\d+)\)", output, re.M).group(1)
    assert sum(int(row[2]) for row in rows.values()) == int(gold)


def test_eval_scores_each_source_family_of_a_manifest(tmp_path):
    """A MANIFEST.tsv beside the articles (columns file, family) gives one line per family."""
    folder = tmp_path / "articles"
    folder.mkdir()
    names = sorted(p.name for p in SAMPLES.glob("*.txt"))
    for name in names:
        (folder / name).write_bytes((SAMPLES / name).read_bytes())
    rows = ["file\tfamily"] + [f"{name}\t{'news' if i < 3 else 'blogs'}" for i, name in enumerate(names)]
    (folder / "MANIFEST.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    output = CliRunner().invoke(main, ["eval", str(GOLD), str(folder)]).output
    families = {line.split()[0]: int(line.split()[1]) for line in output.splitlines()
                if line.startswith(("news ", "blogs "))}
    assert families == {"news": 3, "blogs": 2}
