"""The five sample articles against their gold annotations: a floor under the extractor's scores.

The samples are built into a throw-away store, exported one graph per article as the
gold SPEC's scorer expects, and scored with `kg.evaluate` (the code behind `kg eval`,
which a test in tests/test_evaluate.py checks against the reference scorer). The gold
file is kept in the repository (tests/data/gold/seeds.jsonl), so this needs nothing
outside the clone.
"""

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.evaluate import score_directory, total

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "data" / "gold" / "seeds.jsonl"
SAMPLES = ROOT / "samples" / "articles"
ONTOLOGY = ROOT / "ontology"
FLOOR = 0.85


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    base = tmp_path_factory.mktemp("gold")
    store, out = base / "store", base / "per-article"
    runner = CliRunner()
    built = runner.invoke(main, ["build", "--store", str(store), str(SAMPLES)])
    assert built.exit_code == 0, built.output
    exported = runner.invoke(main, ["export", "--store", str(store), "--per-article", str(out)])
    assert exported.exit_code == 0, exported.output
    scores, _ = score_directory(GOLD, out, ONTOLOGY)
    return total(scores), out


def test_one_graph_per_sample_article_named_as_the_scorer_expects(scored):
    _, out = scored
    assert sorted(p.name for p in out.glob("*.ttl")) == sorted(p.name + ".ttl" for p in SAMPLES.glob("*.txt"))


def test_relation_f1_stays_above_the_floor(scored):
    score, _ = scored
    precision, recall, f1 = score.relations
    assert f1 >= FLOOR, f"relations P={precision:.3f} R={recall:.3f} F1={f1:.3f}"


def test_entity_f1_stays_above_the_floor(scored):
    score, _ = scored
    precision, recall, f1 = score.entities
    assert f1 >= FLOOR, f"entities P={precision:.3f} R={recall:.3f} F1={f1:.3f}"


def test_every_predicate_of_the_gold_is_found_at_least_once(scored):
    score, _ = scored
    for predicate, (tp, _fp, gold) in score.per_predicate.items():
        if gold:
            assert tp > 0, f"{predicate}: no gold relation found"
