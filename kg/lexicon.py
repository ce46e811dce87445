"""The lexicons under `kg/lexicons/`: tab-separated data files, loaded once.

Every file has a header line; `#` lines are comments; cells holding several values
separate them with `|`.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from kg.resources import lexicon_path


@dataclass(frozen=True)
class Entry:
    """A named thing from a lexicon: an organisation, product, place or recurring event."""

    name: str
    kind: str
    type: str
    english: str | None
    aliases: tuple[str, ...]
    parent: str | None
    abbr: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@cache
def rows(file_name: str) -> tuple[dict[str, str], ...]:
    """The rows of one TSV lexicon as dicts keyed by the header (read once)."""
    with lexicon_path(file_name).open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple({k: (v or "").strip() for k, v in row.items() if k} for row in reader)


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _entries(file_name: str, kind: str, parent_column: str) -> tuple[Entry, ...]:
    return tuple(
        Entry(name=row["name"], kind=kind, type=row.get("type") or kind, english=row.get("english") or None,
              aliases=_split(row.get("aliases", "")), parent=row.get(parent_column) or None,
              abbr=_split(row.get("abbr", "")))
        for row in rows(file_name)
        if row.get("name")
    )


@cache
def organizations() -> tuple[Entry, ...]:
    return _entries("organizations.tsv", "Organization", "parent")


@cache
def products() -> tuple[Entry, ...]:
    return _entries("products.tsv", "Product", "developer")


@cache
def places() -> tuple[Entry, ...]:
    return _entries("places.tsv", "Place", "parent")


@cache
def events() -> tuple[Entry, ...]:
    """Recurring named events (a series: the extractor names each edition by its year)."""
    return _entries("events.tsv", "Event", "parent")


@cache
def named_entries() -> dict[str, Entry]:
    """Every lexicon name and alias to its entry; products win over organisations over events over
    places."""
    table: dict[str, Entry] = {}
    for entry in (*places(), *events(), *organizations(), *products()):
        for surface in entry.names:
            table[surface] = entry
    return table


def related(a: str, b: str) -> bool:
    """Whether two organisation names are one known group: the same entry, or one a parent (or
    grandparent) of the other in the lexicon (百度智能云 and 百度)."""
    table = named_entries()

    def chain(name: str) -> list[str]:
        names, entry = [name], table.get(name)
        while entry is not None and entry.parent and entry.parent not in names and len(names) < 5:
            names.append(entry.parent)
            entry = table.get(entry.parent)
        return [table[n].name if n in table else n for n in names]

    return bool(set(chain(a)) & {chain(b)[0]}) or bool(set(chain(b)) & {chain(a)[0]})


def organisation_prefix(name: str, keep: int = 1) -> str | None:
    """The longest known organisation `name` starts with, leaving at least `keep` characters after it:
    腾讯 of 腾讯混元, 百度 of 百度翻译API (a product is often named after its maker), not Intel of
    Intelligence."""
    table = named_entries()

    def glued(n: int) -> bool:  # Intel of Intelligence: a Latin word goes on
        return (name[n - 1] + name[n]).isascii() and (name[n - 1] + name[n]).isalpha()

    return next((name[:n] for n in range(len(name) - keep, 1, -1)
                 if name[:n] in table and table[name[:n]].kind == "Organization" and not glued(n)), None)


@cache
def positions() -> dict[str, tuple[str, str]]:
    """Title → (English title, kind)."""
    return {row["title"]: (row.get("english", ""), row.get("kind", "generic"))
            for row in rows("positions.tsv") if row.get("title")}


@cache
def surnames() -> frozenset[str]:
    return frozenset(row["surname"] for row in rows("surnames.tsv") if row.get("surname"))


@cache
def suffixes(file_name: str) -> dict[str, str]:
    """Suffix → class local name, from `org_suffixes.tsv` or `event_suffixes.tsv`."""
    return {row["suffix"]: row["type"] for row in rows(file_name) if row.get("suffix")}


@cache
def cues() -> dict[str, frozenset[str]]:
    """Role → the cue words that signal it."""
    table: dict[str, set[str]] = {}
    for row in rows("cues.tsv"):
        if row.get("cue"):
            table.setdefault(row["role"], set()).add(row["cue"])
    return {role: frozenset(words) for role, words in table.items()}


@cache
def words(file_name: str) -> tuple[str, ...]:
    """A one-column word list (first column of each row)."""
    return tuple(next(iter(row.values())) for row in rows(file_name) if any(row.values()))
