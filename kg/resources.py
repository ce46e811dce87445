"""Where the data files live, in a source checkout and in an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Return `ontology/` or `queries/`: bundled in the wheel, or at the repository root."""
    bundled = _PACKAGE / "_data" / name
    if bundled.is_dir():
        return bundled
    return _PACKAGE.parent / name


def lexicon_path(file_name: str) -> Path:
    return _PACKAGE / "lexicons" / file_name
