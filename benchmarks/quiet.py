"""How quiet the extractor stays outside its domain: relations per 1,000 non-AI articles.

    .venv/bin/python benchmarks/quiet.py            # the first 3,000 non-AI articles of the large corpus
    .venv/bin/python benchmarks/quiet.py -n 10000
    .venv/bin/python benchmarks/quiet.py --smoke    # sample articles, not recorded

Non-AI: neither title nor text mentions 人工智能, 大模型 or AI (the Latin letters, any case).
Counts the relations (the twelve predicates) and entities the extractor emits, and writes a
seeded random sample of 50 relations with their sentences to RESULTS.md with an empty
"correct?" column, to be filled in by reading each one.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import LARGE, record, sample_records, table

from kg.build import extract_document
from kg.model import Document, Mention
from kg.read.formats import _record

AI = re.compile(r"人工智能|大模型|AI", re.IGNORECASE)


def _large():
    import gzip
    import json

    with gzip.open(LARGE, "rt", encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)


def non_ai_documents(n: int, smoke: bool):
    records = sample_records(20, True) if smoke else _large()
    seen = 0
    for number, record_ in enumerate(records, 1):
        text = f"{record_.get('title', '')}\n{record_.get('content') or record_.get('text') or ''}"
        if AI.search(text) and not smoke:
            continue
        doc = _record(record_, LARGE, number)
        if isinstance(doc, Document):
            seen += 1
            yield doc
            if seen >= n:
                return


def name(value) -> str:
    return value.name if isinstance(value, Mention) else str(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=3000, help="non-AI articles (default 3,000)")
    parser.add_argument("--sample", type=int, default=50)
    parser.add_argument("--smoke", action="store_true", help="sample articles, not recorded")
    args = parser.parse_args()
    articles = relations = entities = with_any = chars = 0
    found = []
    for doc in non_ai_documents(20 if args.smoke else args.n, args.smoke):
        articles += 1
        chars += len(doc.text)
        ex = extract_document(doc)
        if not hasattr(ex, "triples"):
            continue
        relations += len(ex.triples)
        entities += len({m.key for m in ex.mentions})
        with_any += bool(ex.triples)
        for t in ex.triples:
            found.append((doc.file_name.rsplit("#", 1)[-1], name(t.subject), t.predicate, name(t.object),
                          t.evidence.sentence, t.evidence.rule))
    per = 1000 / max(articles, 1)
    rng = random.Random(6)
    sample = sorted(rng.sample(found, min(args.sample, len(found))))
    rows = [[i, f"`{a}`", s, p, o, rule, sentence.replace("|", "｜")[:160], ""]
            for i, (a, s, p, o, sentence, rule) in enumerate(sample, 1)]
    what = "smoke run on sample articles" if args.smoke else (
        f"the first {articles:,} articles of `{LARGE.name}` that mention none of 人工智能, 大模型, AI")
    body = (f"{what} ({chars / 1e6:.1f} M chars).\n\n"
            + table(["per 1,000 non-AI articles", "value"],
                    [["relations (the twelve predicates)", f"{relations * per:,.0f}"],
                     ["articles with at least one relation", f"{with_any * per:,.0f}"],
                     ["distinct entities mentioned", f"{entities * per:,.0f}"]])
            + f"\n\n{len(sample)} of the {relations:,} relations, drawn at random (seed 6), checked by hand against "
              "their sentence (correct = the sentence states this relation between these two entities):\n\n"
            + table(["#", "article", "subject", "predicate", "object", "rule", "sentence", "correct?"], rows,
                    right={0}))
    record("Quiet outside the domain (`benchmarks/quiet.py`)", body, args.smoke)


if __name__ == "__main__":
    main()
