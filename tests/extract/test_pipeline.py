"""The `Doc` every component reads and writes: its mention index and the cost of long articles."""

from __future__ import annotations

import time

from kg.extract import extract
from kg.extract.models import RULES_ONLY
from kg.extract.pipeline import Mentions
from kg.model import Mention
from tests.extract.helpers import article


def mention(start: int, end: int, source: str = "suffix", kind: str = "Organization") -> Mention:
    return Mention("x" * (end - start), start, end, kind, kind, f"m{start}-{end}", source=source)


def test_a_longer_mention_replaces_the_shorter_ones_it_overlaps():
    index = Mentions()
    assert index.add(mention(0, 2)) and index.add(mention(3, 5))
    assert index.add(mention(1, 4))  # overlaps both, longer than each
    assert [(m.start, m.end) for m in index] == [(1, 4)]


def test_a_shorter_or_weaker_mention_is_refused():
    index = Mentions()
    index.add(mention(0, 4, "lexicon"))
    assert not index.add(mention(2, 3))
    assert not index.add(mention(0, 4, "suffix"))  # as long, weaker source
    assert index.add(mention(4, 6))  # touching is not overlapping
    assert [(m.start, m.end) for m in index] == [(0, 4), (4, 6)]


def test_span_queries():
    index = Mentions()
    for start, end in ((0, 3), (5, 8), (10, 12)):
        index.add(mention(start, end))
    index.add(mention(13, 15, kind="Person"))
    assert [(m.start, m.end) for m in index.overlapping(2, 6)] == [(0, 3), (5, 8)]
    assert [(m.start, m.end) for m in index.inside(4, 15)] == [(5, 8), (10, 12), (13, 15)]
    assert [(m.start, m.end) for m in index.inside(4, 15, "Person")] == [(13, 15)]
    assert [(m.start, m.end) for m in index.ending_at(8)] == [(5, 8)]
    assert mention(5, 8) in index and mention(5, 9) not in index


def test_replace_keeps_the_order():
    index = Mentions()
    first, second = mention(0, 6), mention(8, 10)
    index.add(first)
    index.add(second)
    index.replace(first, mention(0, 4))
    assert [(m.start, m.end) for m in index] == [(0, 4), (8, 10)]


NEWS = ("2024年5月10日，由中国人工智能学会主办、南京大学承办的2024全球人工智能技术大会在南京国际博览中心举行。"
        "百度首席技术官王海峰、清华大学教授张钹出席并发表主旨演讲。会上，华为发布了盘古大模型3.0。\n")


def _seconds(copies: int) -> float:
    text = article(NEWS * copies)
    started = time.perf_counter()
    extract(text, models=RULES_ONLY)
    return time.perf_counter() - started


def test_time_grows_linearly_with_the_length_of_an_article():
    """Eight times the text costs about eight times the time, not sixty-four (it did: every mention
    added scanned and re-sorted all the others)."""
    _seconds(20)  # load lexicons and jieba first
    small, large = _seconds(250), _seconds(2000)
    assert large / small < 16, (small, large)


def test_threads_extracting_at_once_get_what_one_thread_gets():
    """Dask runs extraction in threads: each thread tags with its own opened model."""
    import sys
    from concurrent.futures import ThreadPoolExecutor

    from kg.extract import extract
    from tests.extract.helpers import article

    texts = [f"第{n}届人工智能创新大会在南京开幕。南京大学人工智能学院院长周志华、商汤科技联合创始人徐立出席并致辞。"
             f"会上，华为发布了盘古大模型{n}.0。" for n in range(1, 9)]

    def facts(text: str) -> set:
        triples = extract(article(text)).triples
        return {(t.subject.name, t.predicate, getattr(t.object, "name", t.object)) for t in triples}

    alone = [facts(t) for t in texts]
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible, so that a shared model would be caught
    try:
        with ThreadPoolExecutor(4) as pool:
            for _ in range(3):
                assert list(pool.map(facts, texts)) == alone
    finally:
        sys.setswitchinterval(interval)
