"""Extraction quality against gold annotations, as `../shared/gold/SPEC.md` defines it.

The numbers are those of the reference scorer: an entity matches a gold entity when
any of its normalised names equals any normalised gold name and the types agree (through
rdfs:subClassOf); relations are matched on the gold ids of subject and object, dates on
their ISO prefix; precision, recall and F1 are micro-averaged over all articles.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import opencc
import rdflib
from rdflib.namespace import RDF, RDFS

from kg.errors import InputError
from kg.vocab import DATE_PREDICATES, PREDICATES

TYPES = ("Organization", "Person", "Event", "Place", "Product")
NAME_PROPERTIES = frozenset({"label", "prefLabel", "altLabel", "name", "alternateName"})
_STRIP = re.compile(r"[\s·.•「」“”\"'‘’《》()（）]")


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def normalise_name(text: str) -> str:
    text = _t2s().convert(unicodedata.normalize("NFKC", str(text)))
    return _STRIP.sub("", text).lower()


def _local(iri: object) -> str:
    return re.split(r"[#/]", str(iri))[-1]


@dataclass
class Score:
    """Counts for one article or a whole gold set, with the errors behind them."""

    ent_tp: int = 0
    ent_fp: int = 0
    ent_gold: int = 0
    rel_tp: int = 0
    rel_fp: int = 0
    rel_gold: int = 0
    per_predicate: dict[str, list[int]] = field(default_factory=lambda: {p: [0, 0, 0] for p in PREDICATES})
    errors: dict[str, list] = field(default_factory=lambda: {"fp_rel": [], "miss_rel": [], "fp_ent": [],
                                                            "miss_ent": []})
    articles: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("ent_tp", "ent_fp", "ent_gold", "rel_tp", "rel_fp", "rel_gold"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for p, counts in other.per_predicate.items():
            self.per_predicate[p] = [a + b for a, b in zip(self.per_predicate[p], counts, strict=True)]
        for kind, items in other.errors.items():
            self.errors[kind].extend(items)
        self.articles.extend(other.articles)

    @property
    def entities(self) -> tuple[float, float, float]:
        return prf(self.ent_tp, self.ent_fp, self.ent_gold)

    @property
    def relations(self) -> tuple[float, float, float]:
        return prf(self.rel_tp, self.rel_fp, self.rel_gold)


def prf(tp: int, fp: int, gold: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def read_gold(path: Path) -> list[dict]:
    try:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, json.JSONDecodeError) as err:
        raise InputError(f"cannot read gold file {path}: {err}") from None


def _names(graph: rdflib.Graph, node: object) -> set[str]:
    found = {normalise_name(o) for p, o in graph.predicate_objects(node)
             if isinstance(o, rdflib.Literal) and _local(p) in NAME_PROPERTIES}
    if not found and isinstance(node, rdflib.Literal):
        found.add(normalise_name(node))
    return found


def _types(graph: rdflib.Graph, node: object, parents: dict) -> set[str]:
    seen, todo, out = set(), list(graph.objects(node, RDF.type)), set()
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        out.add(_local(cls))
        todo.extend(parents.get(cls, ()))
    return out


def score_article(gold: dict, graph: rdflib.Graph, ontology: rdflib.Graph) -> Score:
    parents: dict = {}
    for g in (graph, ontology):
        for child, parent in g.subject_objects(RDFS.subClassOf):
            parents.setdefault(child, set()).add(parent)
    entities = {e["id"]: e for e in gold["entities"]}
    gold_names = {eid: {normalise_name(n) for n in e["names"]} for eid, e in entities.items()}

    def matching(names: set[str]) -> set[str]:
        return {eid for eid, ns in gold_names.items() if ns & names}

    score = Score(articles=[gold["article"]])
    gold_entities = {(eid, e["type"]) for eid, e in entities.items()}
    hit_entities: set = set()
    for node in set(graph.subjects(RDF.type, None)):
        kinds = _types(graph, node, parents) & set(TYPES)
        if not kinds:
            continue
        names = _names(graph, node)
        hits = {(eid, entities[eid]["type"]) for eid in matching(names) if entities[eid]["type"] in kinds}
        if hits:
            hit_entities |= hits
        else:
            score.ent_fp += 1
            score.errors["fp_ent"].append([gold["article"], *sorted(names)[:1], *sorted(kinds)])
    gold_relations = {tuple(r) for r in gold["relations"]}
    hit_relations: set = set()
    seen: set = set()
    for s, p, o in graph:
        predicate = _local(p)
        if predicate not in PREDICATES:
            continue
        subject_ids = matching(_names(graph, s))
        if predicate in DATE_PREDICATES:
            value = str(o)[:10]
            candidates = {(sid, predicate, d) for sid in subject_ids for (gs, gp, d) in gold_relations
                          if gs == sid and gp == predicate and (value == d or value.startswith(d))}
            key = (frozenset(_names(graph, s)), predicate, value)
            shown = value
        else:
            object_ids = matching(_names(graph, o))
            candidates = {(a, predicate, b) for a in subject_ids for b in object_ids} & gold_relations
            key = (frozenset(_names(graph, s)), predicate, frozenset(_names(graph, o)))
            shown = sorted(_names(graph, o))[:1]
        if key in seen:
            continue
        seen.add(key)
        if candidates:
            hit_relations |= candidates
        else:
            score.rel_fp += 1
            score.per_predicate[predicate][1] += 1
            score.errors["fp_rel"].append([gold["article"], sorted(_names(graph, s))[:1], predicate, shown])
    first = {eid: e["names"][0] for eid, e in entities.items()}
    for a, p, b in sorted(gold_relations - hit_relations):
        score.errors["miss_rel"].append([gold["article"], first.get(a, a), p, first.get(b, b)])
    for eid, kind in sorted(gold_entities - hit_entities):
        score.errors["miss_ent"].append([gold["article"], first[eid], kind])
    score.ent_tp, score.ent_gold = len(hit_entities), len(gold_entities)
    score.rel_tp, score.rel_gold = len(hit_relations), len(gold_relations)
    for p in PREDICATES:
        score.per_predicate[p][0] = sum(1 for r in hit_relations if r[1] == p)
        score.per_predicate[p][2] = sum(1 for r in gold_relations if r[1] == p)
    return score


def score_directory(gold_path: Path, directory: Path, ontology_dir: Path) -> tuple[Score, list[str]]:
    """Score one exported RDF file per gold article, found by the article's file name."""
    ontology = rdflib.Graph()
    for path in sorted(ontology_dir.glob("*.ttl")):
        ontology.parse(path, format="turtle")
    total, missing = Score(), []
    for gold in read_gold(gold_path):
        path = directory / (gold["article"] + ".ttl")
        graph = rdflib.Graph()
        if path.exists():
            graph.parse(path, format="turtle")
        else:
            missing.append(gold["article"])
        total.add(score_article(gold, graph, ontology))
    return total, missing


def report(score: Score, errors: bool = False) -> str:
    lines = [f"{'predicate':18} {'tp':>4} {'fp':>4} {'gold':>5}  {'P':>5} {'R':>5} {'F1':>5}"]
    for predicate, (tp, fp, gold) in score.per_predicate.items():
        p, r, f = prf(tp, fp, gold)
        lines.append(f"{predicate:18} {tp:4} {fp:4} {gold:5}  {p:5.2f} {r:5.2f} {f:5.2f}")
    ep, er, ef = score.entities
    rp, rr, rf = score.relations
    lines.append(f"entities  P={ep:.3f} R={er:.3f} F1={ef:.3f}  (tp {score.ent_tp}, fp {score.ent_fp}, "
                 f"gold {score.ent_gold})")
    lines.append(f"relations P={rp:.3f} R={rr:.3f} F1={rf:.3f}  (tp {score.rel_tp}, fp {score.rel_fp}, "
                 f"gold {score.rel_gold})")
    if errors:
        labels = {"fp_rel": "false relation", "miss_rel": "missed relation", "fp_ent": "false entity",
                  "miss_ent": "missed entity"}
        for kind, items in score.errors.items():
            for item in items:
                lines.append(f"{labels[kind]:16} {item[0]}: {' | '.join(map(str, item[1:]))}")
    return "\n".join(lines) + "\n"
