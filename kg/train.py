"""Training the learned components from gold annotations (the format of the gold SPEC).

    kg train GOLD.jsonl ARTICLES... [-o kg/models]

Two models, fitted in order, each on the same features the pipeline computes at run time:

1. the entity tagger (`kg.extract.tagger`): gold names are found in each article's cleaned
   text (every occurrence, longest name first, compared as the scorer compares names), which
   gives every character its label;
2. the relation classifier (`kg.extract.linker`): its candidate pairs come from the mentions
   the pipeline finds *with a tagger that never saw the article* (each article is tagged by a
   tagger trained on the other folds), so the classifier learns on mentions as noisy as the
   ones it will meet; a pair's label is the gold predicate between the gold entities its names
   match.

Everything is deterministic: the same gold and articles give the same model files.
`cross_validate` scores the whole pipeline by article folds, with nested folds for the tagger
that feeds the classifier's training, so no score ever comes from a model that saw its article.
"""

from __future__ import annotations

import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycrfsuite

from kg.errors import InputError
from kg.evaluate import Score, load_ontology, normalise_name, read_gold, score_extractions
from kg.extract import PIPELINE, extract, run
from kg.extract.linker import NONE, Context, candidates, features, label
from kg.extract.models import ENTITIES, RELATIONS, RULES_ONLY, Models
from kg.extract.names import latin_boundary
from kg.extract.pipeline import Doc
from kg.extract.tagger import KIND_TAG, doc_features
from kg.model import Article, Document, ReadFailure
from kg.normalise import normalise
from kg.read import discover, read_file
from kg.resources import data_dir

# What the scorer ignores when it compares names (SPEC.md), so alignment ignores it too.
_IGNORED = re.compile(r"[\s·.•「」“”\"'‘’《》()（）]")
TAGGER_STAGES = PIPELINE[:PIPELINE.index("tagger")]
LINKER_STAGES = PIPELINE[:PIPELINE.index("linker")]
TAGGER_PARAMS = {"c1": 0.05, "c2": 0.1, "max_iterations": 150, "feature.possible_transitions": True}
LINKER_PARAMS = {"c1": 0.05, "c2": 0.05, "max_iterations": 200}
MIN_PRECISION = 0.9  # precision first: a wrong fact costs an analyst more than a missing one
MIN_TRUE = 30  # a threshold judged on fewer true additions did not hold on unseen articles
FOLDS = 5

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Example:
    """One gold article: its cleaned text and its annotation."""

    article: Article
    gold: dict

    @property
    def name(self) -> str:
        return self.gold["article"]


def examples(gold_paths: Iterable[Path], article_paths: Iterable[str | Path]) -> list[Example]:
    """The gold articles found among the given files and folders, matched by file name."""
    gold = {g["article"]: g for path in gold_paths for g in read_gold(Path(path))}
    found: dict[str, Article] = {}
    for item in discover(list(article_paths)):
        if isinstance(item, ReadFailure):
            continue
        for doc in read_file(item):
            if isinstance(doc, Document) and doc.file_name in gold:
                found[doc.file_name] = normalise(doc)
    if not found:
        raise InputError("none of the gold articles is among the given files")
    return [Example(found[name], gold[name]) for name in sorted(gold) if name in found]


def folds(items: list[Example], k: int = FOLDS) -> list[list[Example]]:
    """Folds by article, dealt in file-name order: the same folds on every run."""
    return [items[i::k] for i in range(k)]


# ---- the tagger's labels ------------------------------------------------------------------------

def _squeeze(text: str) -> tuple[str, list[int]]:
    """The text as the scorer compares names, and each kept character's offset in the original."""
    kept, offsets = [], []
    for i, ch in enumerate(text):
        folded = unicodedata.normalize("NFKC", ch).lower()
        if not folded or _IGNORED.fullmatch(folded):
            continue
        kept.append(folded)
        offsets.extend([i] * len(folded))
    return "".join(kept), offsets


def align(example: Example) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, gold id) for every occurrence of a gold name, longest names first."""
    text, offsets = _squeeze(example.article.text)
    names = []
    for entity in example.gold["entities"]:
        for name in entity["names"]:
            squeezed, _ = _squeeze(name)
            if len(squeezed) >= 2:
                names.append((squeezed, entity["type"], entity["id"]))
    names.sort(key=lambda item: -len(item[0]))
    taken = bytearray(len(text))
    found = []
    for name, kind, eid in names:
        for match in re.finditer(re.escape(name), text):
            a, b = match.start(), match.end()
            if any(taken[a:b]) or not latin_boundary(text, a, b):
                continue
            taken[a:b] = b"\x01" * (b - a)
            found.append((offsets[a], offsets[b - 1] + 1, kind, eid))
    return sorted(found)


def labels(start: int, end: int, aligned: list[tuple[int, int, str, str]]) -> list[str]:
    out = ["O"] * (end - start)
    for a, b, kind, _ in aligned:
        if a >= end or b <= start:
            continue
        tag = KIND_TAG[kind]
        for i in range(max(a, start), min(b, end)):
            out[i - start] = ("B-" if i in (a, start) else "I-") + tag
    return out


def tagger_sequences(items: Iterable[Example]) -> Iterator[tuple[list[list[str]], list[str]]]:
    for example in items:
        doc = run(example.article, TAGGER_STAGES, RULES_ONLY)
        aligned = align(example)
        for start, end, feats in doc_features(doc):
            yield feats, labels(start, end, aligned)


def train_tagger(items: Iterable[Example], path: Path) -> Path:
    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in tagger_sequences(items):
        trainer.append(xseq, yseq)
    trainer.set_params(TAGGER_PARAMS)
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    return path


# ---- the classifier's labels --------------------------------------------------------------------

def _gold_ids(example: Example, doc: Doc):
    names = {e["id"]: {normalise_name(n) for n in e["names"]} for e in example.gold["entities"]}

    @cache
    def ids(key: tuple[str, str], surfaces: frozenset[str]) -> frozenset[str]:
        wanted = {normalise_name(s) for s in surfaces}
        return frozenset(eid for eid, ns in names.items() if ns & wanted)

    def of(entity) -> frozenset[str]:
        surfaces = {entity.name, *(m.text for m in entity.mentions), *doc.aliases.get(entity.key, ())}
        return ids(entity.key, frozenset(surfaces))

    return of


Instance = tuple[list[str], str, bool]


def linker_instances(example: Example, doc: Doc) -> Iterator[Instance]:
    """(features, gold predicate or NONE, whether both ends are gold entities) for every candidate pair
    of one article. The classifier learns only from pairs whose ends are gold entities: a pair with a
    mistaken end (a name cut short, a generic phrase) says nothing of how relations are written, and
    as a negative it taught the classifier that 由X主办 hosts nothing whenever the event's name had come
    out wrong. Thresholds are chosen on all pairs, since those are the pairs met at run time."""
    relations = {tuple(r) for r in example.gold["relations"]}
    context = Context(doc)
    gold_ids = _gold_ids(example, doc)
    for candidate in candidates(doc, context):
        known = bool(gold_ids(candidate.subject)) and (candidate.object is None or bool(gold_ids(candidate.object)))
        yield features(doc, context, candidate), label(candidate, gold_ids, relations), known


def train_linker(instances: Iterable[Instance], path: Path) -> Path:
    trainer = pycrfsuite.Trainer(verbose=False)
    for xs, y, known in instances:
        if known:
            trainer.append([xs], [y])
    trainer.set_params(LINKER_PARAMS)
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    return path


Prediction = tuple[str, dict[str, float], frozenset[str]]  # gold label, probabilities, predicates the rules state


def _predict(path: Path, instances: list[Instance]) -> list[Prediction]:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    labels = [label for label in tagger.labels() if label != NONE]
    out = []
    for xs, y, _ in instances:
        tagger.set([xs])
        stated = frozenset(x[len("rule="):] for x in xs if x.startswith("rule="))
        out.append((y, {label: tagger.marginal(label, 0) for label in labels}, stated))
    return out


def choose_thresholds(predictions: list[Prediction]) -> dict[str, float]:
    """Each predicate's threshold: the probability above which the held-out candidates give the best
    F1 with a precision of at least MIN_PRECISION. Only the candidates the rules did not state count:
    the classifier adds relations, never removes one, so what it adds is what must be precise. A
    predicate that never gets there, or only with a handful of true relations, is left out: the
    rules state it alone."""
    chosen = {}
    for predicate in sorted({p for _, probs, _ in predictions for p in probs}):
        ranked = sorted(((probs.get(predicate, 0.0), gold == predicate) for gold, probs, stated in predictions
                         if predicate not in stated), key=lambda item: -item[0])
        positives = sum(right for _, right in ranked)
        best, tp = None, 0
        for n, (probability, right) in enumerate(ranked, 1):
            tp += right
            precision, recall = tp / n, tp / positives if positives else 0.0
            f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
            if precision >= MIN_PRECISION and tp >= MIN_TRUE and (best is None or f1 > best[0]) and probability > 0.05:
                best = (f1, probability)
        if best is not None:
            chosen[predicate] = round(best[1], 4)
    return chosen


def fit_linker(parts: list[list[Instance]], path: Path) -> Path:
    """Train the classifier on all parts, and its thresholds on predictions for each part by a classifier
    trained on the others; the thresholds go beside the model, in a TSV of the same name."""
    predictions = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, held in enumerate(parts):
            inner = train_linker((x for j, p in enumerate(parts) if j != i for x in p), Path(tmp) / f"{i}.crfsuite")
            predictions.extend(_predict(inner, held))
    train_linker((x for p in parts for x in p), path)
    thresholds = choose_thresholds(predictions)
    lines = ["predicate\tthreshold"] + [f"{p}\t{t}" for p, t in thresholds.items()]
    path.with_suffix(".tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _linker_docs(items: list[Example], tagger_for: Callable[[Example], Path | None]) -> dict[str, Doc]:
    """Each article read up to the classifier, with the tagger `tagger_for` gives it, by article name."""
    return {e.name: run(e.article, LINKER_STAGES, Models(entities=tagger_for(e))) for e in items}


# ---- whole trainings ----------------------------------------------------------------------------

def _pool() -> ProcessPoolExecutor:
    return ProcessPoolExecutor(2)


def train(items: list[Example], folder: Path, progress: Progress | None = None) -> None:
    """Fit both learned components on the examples and write their model files into `folder`."""
    say = progress or (lambda _: None)
    parts = folds(items)
    with tempfile.TemporaryDirectory() as tmp, _pool() as pool:
        say(f"training the entity tagger on {len(items)} articles, and {len(parts)} more for the classifier's folds")
        whole = pool.submit(train_tagger, items, folder / ENTITIES)
        jobs = [pool.submit(train_tagger, [e for j, p in enumerate(parts) if j != k for e in p],
                            Path(tmp) / f"tagger-{k}.crfsuite") for k in range(len(parts))]
        fold_of = {e.name: k for k, p in enumerate(parts) for e in p}
        taggers = [job.result() for job in jobs]
        whole.result()
        say("reading the articles with the fold taggers")
        docs = _linker_docs(items, lambda e: taggers[fold_of[e.name]])
        say("training the relation classifier and its thresholds")
        instances = [[x for e in part for x in linker_instances(e, docs[e.name])] for part in parts]
        fit_linker(instances, folder / RELATIONS)


@dataclass
class FoldModels:
    """The model files cross-validation trains: taggers by the folds they leave out, classifiers by fold."""

    taggers: dict[frozenset[int], Path]
    linkers: dict[int, Path]


def train_folds(items: list[Example], k: int, work: Path, progress: Progress | None = None) -> FoldModels:
    """For each fold i: a tagger without fold i, and a classifier trained on the other folds' articles,
    each read by a tagger that saw neither that article's fold nor fold i."""
    say = progress or (lambda _: None)
    parts = folds(items, k)
    fold_of = {e.name: i for i, p in enumerate(parts) for e in p}
    left_out = [frozenset({i}) for i in range(k)] + [frozenset({i, j}) for i in range(k) for j in range(i + 1, k)]
    say(f"training {len(left_out)} entity taggers ({k} folds, and nested folds for the classifier)")
    with _pool() as pool:
        jobs = {out: pool.submit(train_tagger, [e for j, p in enumerate(parts) if j not in out for e in p],
                                 work / f"tagger-{'-'.join(map(str, sorted(out)))}.crfsuite") for out in left_out}
        taggers = {out: job.result() for out, job in jobs.items()}
        linkers = {}
        for i in range(k):
            say(f"training the relation classifier of fold {i + 1} of {k}")
            rest = [e for j, p in enumerate(parts) if j != i for e in p]
            docs = _linker_docs(rest, lambda e, i=i: taggers[frozenset({i, fold_of[e.name]})])
            instances = [[x for e in p for x in linker_instances(e, docs[e.name])]
                         for j, p in enumerate(parts) if j != i]
            linkers[i] = pool.submit(fit_linker, instances, work / f"linker-{i}.crfsuite")
        return FoldModels(taggers, {i: job.result() for i, job in linkers.items()})


SETUPS = ("rules", "rules + tagger", "rules + tagger + classifier")


def cross_validate(items: list[Example], k: int = FOLDS, progress: Progress | None = None) -> dict[str, list[Score]]:
    """Each setup's scores (one per article), every article scored by models trained without its fold."""
    ontology = load_ontology(data_dir("ontology"))
    parts = folds(items, k)
    with tempfile.TemporaryDirectory() as tmp:
        models = train_folds(items, k, Path(tmp), progress)
        scores: dict[str, list[Score]] = {setup: [] for setup in SETUPS}
        for i, part in enumerate(parts):
            setups = {SETUPS[0]: RULES_ONLY,
                      SETUPS[1]: Models(entities=models.taggers[frozenset({i})]),
                      SETUPS[2]: Models(entities=models.taggers[frozenset({i})], relations=models.linkers[i])}
            for setup, fold_models in setups.items():
                scores[setup].extend(score_extractions(((e.gold, extract(e.article, models=fold_models))
                                                        for e in part), ontology))
    return scores
