"""The learned components' model files, named once and opened lazily in each process.

`kg train` writes them (`kg/models/` ships the ones trained on the development gold); a
pipeline run takes a `Models`, so cross-validation can give each fold its own. A component
whose model is missing is skipped: the rules alone still run. A crfsuite tagger keeps the
sequence it last tagged, so each thread opens its own (Dask runs extraction in threads).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pycrfsuite

MODEL_DIR = Path(__file__).resolve().parent.parent / "models"
ENTITIES = "entities.crfsuite"
RELATIONS = "relations.crfsuite"
SPAN_THRESHOLDS = "entities.tsv"


@dataclass(eq=False)
class Models:
    """The model file of each learned component (`entities`, `relations`), or None for none."""

    entities: Path | None = None
    relations: Path | None = None
    _open: dict[str, object] = field(default_factory=dict, repr=False)
    _threads: threading.local = field(default_factory=threading.local, repr=False)

    @classmethod
    def folder(cls, path: Path) -> Models:
        return cls(*(path / name if (path / name).is_file() else None for name in (ENTITIES, RELATIONS)))

    def tagger(self, component: str) -> pycrfsuite.Tagger | None:
        """The opened model of `component` ("entities" or "relations") for this thread, or None."""
        opened = self._threads.__dict__.setdefault("taggers", {})
        if component not in opened:
            path = getattr(self, component)
            tagger = None
            if path is not None:
                tagger = pycrfsuite.Tagger()
                tagger.open(str(path))
            opened[component] = tagger
        return opened[component]

    def thresholds(self) -> dict[str, float]:
        """Each predicate's probability threshold, from the TSV beside the relations model (written by
        kg train); a predicate missing there is left to the rules."""
        if "thresholds" not in self._open:
            table: dict[str, float] = {}
            path = self.relations.with_suffix(".tsv") if self.relations else None
            if path is not None and path.is_file():
                for line in path.read_text(encoding="utf-8").splitlines()[1:]:
                    predicate, value = line.split("\t")[:2]
                    table[predicate] = float(value)
            self._open["thresholds"] = table
        return self._open["thresholds"]

    def span_thresholds(self) -> dict[str, float]:
        """Each entity kind's least marginal probability for a tagged span to stand, from the TSV beside
        the tagger's model, else the shipped one (a setting chosen by cross-validation, not learned
        per model: fold models share it); a kind missing there keeps every span."""
        if "spans" not in self._open:
            beside = self.entities.with_suffix(".tsv") if self.entities else None
            path = beside if beside is not None and beside.is_file() else MODEL_DIR / SPAN_THRESHOLDS
            table: dict[str, float] = {}
            for line in path.read_text(encoding="utf-8").splitlines()[1:]:
                kind, value = line.split("\t")[:2]
                table[kind] = float(value)
            self._open["spans"] = table
        return self._open["spans"]

    def __getstate__(self) -> dict:
        return {"entities": self.entities, "relations": self.relations}  # reopened in each worker

    def __setstate__(self, state: dict) -> None:
        self.entities, self.relations, self._open = state["entities"], state["relations"], {}
        self._threads = threading.local()


RULES_ONLY = Models()


@cache
def shipped() -> Models:
    """The models trained on the development gold, bundled with the package."""
    return Models.folder(MODEL_DIR)
