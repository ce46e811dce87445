"""Extraction quality against gold annotations, as `../shared/gold/SPEC.md` defines it.

The numbers are those of the reference scorer: an entity matches a gold entity when
any of its normalised names equals any normalised gold name and the types agree (through
rdfs:subClassOf); relations are matched on the gold ids of subject and object, dates on
their ISO prefix; precision, recall and F1 are micro-averaged over all articles.
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import opencc
import rdflib
from rdflib.namespace import RDF, RDFS

from kg.errors import InputError
from kg.model import Extraction
from kg.resolve import resolve
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
    per_type: dict[str, list[int]] = field(default_factory=lambda: {t: [0, 0, 0] for t in TYPES})
    errors: dict[str, list] = field(default_factory=lambda: {"fp_rel": [], "miss_rel": [], "fp_ent": [],
                                                            "miss_ent": []})
    articles: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("ent_tp", "ent_fp", "ent_gold", "rel_tp", "rel_fp", "rel_gold"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for table, theirs in ((self.per_predicate, other.per_predicate), (self.per_type, other.per_type)):
            for key, counts in theirs.items():
                table[key] = [a + b for a, b in zip(table[key], counts, strict=True)]
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
            for kind in kinds:
                score.per_type[kind][1] += 1
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
    for _, kind in hit_entities:
        score.per_type[kind][0] += 1
    for _, kind in gold_entities:
        score.per_type[kind][2] += 1
    score.rel_tp, score.rel_gold = len(hit_relations), len(gold_relations)
    for p in PREDICATES:
        score.per_predicate[p][0] = sum(1 for r in hit_relations if r[1] == p)
        score.per_predicate[p][2] = sum(1 for r in gold_relations if r[1] == p)
    return score


def load_ontology(ontology_dir: Path) -> rdflib.Graph:
    ontology = rdflib.Graph()
    for path in sorted(ontology_dir.glob("*.ttl")):
        ontology.parse(path, format="turtle")
    return ontology


def graph_of(extraction: Extraction) -> rdflib.Graph:
    """The graph one article resolves to on its own, as its per-article export holds it."""
    lines = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in resolve(extraction))
    graph = rdflib.Graph()
    graph.parse(data=lines, format="nt")
    return graph


def score_extractions(pairs: Iterable[tuple[dict, Extraction]], ontology: rdflib.Graph) -> list[Score]:
    """Score extractions in memory, each against its gold article, as `score_directory` scores files."""
    return [score_article(gold, graph_of(extraction), ontology) for gold, extraction in pairs]


def score_directory(gold_path: Path, directory: Path, ontology_dir: Path) -> tuple[list[Score], list[str]]:
    """Score one exported RDF file per gold article, found by the article's file name: a score per article."""
    ontology = load_ontology(ontology_dir)
    scores, missing = [], []
    for gold in read_gold(gold_path):
        path = directory / (gold["article"] + ".ttl")
        graph = rdflib.Graph()
        if path.exists():
            graph.parse(path, format="turtle")
        else:
            missing.append(gold["article"])
        scores.append(score_article(gold, graph, ontology))
    return scores, missing


def total(scores: Iterable[Score]) -> Score:
    out = Score()
    for score in scores:
        out.add(score)
    return out


def families(article_paths: Iterable[str | Path]) -> dict[str, str]:
    """Article file name → source family, from a MANIFEST.tsv (columns `file`, `family`) in or beside
    the given folders and files; articles with no manifest are left out."""
    found: dict[str, str] = {}
    folders = {Path(p) if Path(p).is_dir() else Path(p).parent for p in article_paths}
    for folder in sorted(folders):
        manifest = folder / "MANIFEST.tsv"
        if manifest.is_file():
            with manifest.open(encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle, delimiter="\t"):
                    if row.get("file") and row.get("family"):
                        found[row["file"]] = row["family"]
    return found


def by_family(scores: Iterable[Score], family_of: dict[str, str], other: str = "(no manifest)") -> dict[str, Score]:
    groups: dict[str, Score] = {}
    for score in scores:
        name = family_of.get(score.articles[0], other) if score.articles else other
        groups.setdefault(name, Score()).add(score)
    return dict(sorted(groups.items()))


def report(score: Score, errors: bool = False) -> str:
    lines = [f"{'predicate':18} {'tp':>4} {'fp':>4} {'gold':>5}  {'P':>5} {'R':>5} {'F1':>5}"]
    for predicate, (tp, fp, gold) in score.per_predicate.items():
        p, r, f = prf(tp, fp, gold)
        lines.append(f"{predicate:18} {tp:4} {fp:4} {gold:5}  {p:5.2f} {r:5.2f} {f:5.2f}")
    lines.append("")
    lines.append(f"{'entity type':18} {'tp':>4} {'fp':>4} {'gold':>5}  {'P':>5} {'R':>5} {'F1':>5}")
    for kind, (tp, fp, gold) in score.per_type.items():
        p, r, f = prf(tp, fp, gold)
        lines.append(f"{kind:18} {tp:4} {fp:4} {gold:5}  {p:5.2f} {r:5.2f} {f:5.2f}")
    lines.append("")
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


def report_families(groups: dict[str, Score]) -> str:
    """One line per source family, so that a regression in one kind of source shows."""
    lines = [f"{'family':32} {'articles':>8}  {'entity P':>8} {'R':>5} {'F1':>5}  "
             f"{'relation P':>10} {'R':>5} {'F1':>5}"]
    for family, score in groups.items():
        ep, er, ef = score.entities
        rp, rr, rf = score.relations
        lines.append(f"{family:32} {len(score.articles):8}  {ep:8.3f} {er:5.3f} {ef:5.3f}  "
                     f"{rp:10.3f} {rr:5.3f} {rf:5.3f}")
    return "\n".join(lines) + "\n"
