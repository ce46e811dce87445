"""The learned components' model files, found once and opened lazily in each process.

`kg train` writes them (`kg/models/` ships the ones trained on the development gold); a
pipeline run takes a `Models`, so cross-validation can swap in the models of one fold.
A missing file means the component is skipped: the rules alone still run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pycrfsuite

MODEL_DIR = Path(__file__).resolve().parent.parent / "models"
ENTITIES = "entities.crfsuite"
RELATIONS = "relations.crfsuite"


@dataclass(eq=False)
class Models:
    """A folder of model files; a component asks for its model by file name."""

    folder: Path | None
    _taggers: dict[str, pycrfsuite.Tagger | None] = field(default_factory=dict, repr=False)

    def tagger(self, file_name: str) -> pycrfsuite.Tagger | None:
        if file_name not in self._taggers:
            path = self.folder / file_name if self.folder else None
            tagger = None
            if path is not None and path.is_file():
                tagger = pycrfsuite.Tagger()
                tagger.open(str(path))
            self._taggers[file_name] = tagger
        return self._taggers[file_name]

    def __getstate__(self) -> dict:
        return {"folder": self.folder}  # taggers are C objects: reopened in the worker

    def __setstate__(self, state: dict) -> None:
        self.folder, self._taggers = state["folder"], {}


RULES_ONLY = Models(None)


@cache
def shipped() -> Models:
    """The models trained on the development gold, bundled with the package."""
    return Models(MODEL_DIR)
