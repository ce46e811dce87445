"""Only what the article asserts becomes a fact.

Chinese news states relations that do not hold (华为不会在大会上发布新品), may hold (或将发布), compare
with a product rather than make it (推出类ChatGPT产品, 对标GPT-4), and quotes what a chatbot answered.
After the rules and the classifier have stated relations, a relation goes when the clause that
holds both its ends is negated or speculative, when its product is named only as a yardstick there,
or when its evidence lies inside a chatbot's quoted answer. The cue words are the `negation`,
`speculation`, `comparison` and `generated` roles of `lexicons/cues.tsv`.
"""

from __future__ import annotations

import re
from functools import cache

from kg import lexicon
from kg.extract.pipeline import Doc, component
from kg.model import Mention, Triple

_CLAUSE_END = re.compile(r"[,，;；。!！?？\n]")
_PRODUCT_PREDICATES = ("develops", "launchedAt")


@cache
def _words(*roles: str) -> re.Pattern[str]:
    cues = lexicon.cues()
    words = sorted({w for role in roles for w in cues.get(role, ())}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)) if words else "(?!)")


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): from the mark before `start` to the mark after `end`."""
    before = max((m.end() for m in _CLAUSE_END.finditer(text, max(0, start - 80), start)), default=max(0, start - 80))
    after = _CLAUSE_END.search(text, end)
    return before, after.start() if after else len(text)


def compared(text: str, mention: Mention) -> bool:
    """类ChatGPT, 对标GPT-4: the product named right after a comparison word."""
    return any(text[max(0, mention.start - len(w)):mention.start] == w for w in lexicon.cues().get("comparison", ()))


def generated_spans(doc: Doc) -> list[tuple[int, int]]:
    """Quoted answers of a chatbot: a product, a verb of answering, then a quote."""
    text, spans = doc.text, []
    cue = _words("generated").pattern
    for m in doc.mentions:
        if m.kind != "Product":
            continue
        found = re.match(rf"[^。\n“「]{{0,8}}?(?:{cue})(?:了|道)?[^“「\n]{{0,6}}[“「]", text[m.end:m.end + 40])
        if found:
            opening = m.end + found.end()
            close = re.search(r"[”」]", text[opening:])
            spans.append((opening, opening + close.start() if close else len(text)))
    return spans


def asserted(doc: Doc, triple: Triple, generated: list[tuple[int, int]]) -> bool:
    if not isinstance(triple.object, Mention):
        return True
    text, evidence = doc.text, triple.evidence
    ends = [m for m in doc.in_span(evidence.start, evidence.end) if m.key in (triple.subject.key, triple.object.key)]
    subjects = [m for m in ends if m.key == triple.subject.key]
    objects = [m for m in ends if m.key == triple.object.key]
    if not subjects or not objects:
        return True  # the ends are named apart: nothing here to read as negated
    if all(any(start <= m.start and m.end <= end for start, end in generated) for m in ends):
        return False
    s, o = min(subjects + objects, key=lambda m: m.start), max(subjects + objects, key=lambda m: m.end)
    lo, hi = _clause(text, s.start, o.end)
    pieces, pos = [], lo
    for m in sorted(ends, key=lambda m: m.start):  # the names themselves may hold a cue's characters
        if lo <= m.start and m.end <= hi:
            pieces.append(text[pos:m.start])
            pos = m.end
    pieces.append(text[pos:hi])
    if _words("negation", "speculation").search(" ".join(pieces)):
        return False
    products = [m for m in ends if m.kind == "Product"]
    return not (triple.predicate in _PRODUCT_PREDICATES and products and all(compared(text, m) for m in products))


@component("assertions")
def assertions(doc: Doc) -> None:
    generated = generated_spans(doc)
    doc.triples = [t for t in doc.triples if asserted(doc, t, generated)]
