"""How training picks the relation classifier's thresholds (`kg.train.choose_thresholds`)."""

from kg.train import MIN_TRUE, choose_thresholds


def _candidate(gold: str, probability: float, stated: bool = False) -> tuple[str, dict[str, float], frozenset[str]]:
    return gold, {"hosts": probability}, frozenset({"hosts"} if stated else ())


def test_the_threshold_is_judged_on_what_the_classifier_adds_not_on_what_the_rules_state():
    # The rules state ten right relations with a high probability; the classifier's own candidates are
    # right one time in three. Counted together they look precise; what would be added is not.
    stated = [_candidate("hosts", 0.99, stated=True) for _ in range(10)]
    added = [_candidate("hosts" if n % 3 == 0 else "NONE", 0.9 - n / 100) for n in range(30)]
    assert choose_thresholds(stated + added) == {}


def test_precise_additions_get_a_threshold_above_the_wrong_ones():
    right = [_candidate("hosts", 0.9 - n / 100) for n in range(MIN_TRUE + 3)]
    wrong = [_candidate("NONE", 0.3 - n / 100) for n in range(10)]
    threshold = choose_thresholds(right + wrong)["hosts"]
    assert 0.3 < threshold <= 0.9
