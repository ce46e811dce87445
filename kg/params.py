"""Query parameters bound as RDF terms, the same way for every store.

`bind_values(sparql, {"org": Literal("华为")})` puts `VALUES ?org { "华为" }` at the start of the
query's WHERE group. The value goes in as a serialised RDF term (escaped by pyoxigraph), never as
pasted text, so a parameter cannot change the shape of the query. Unlike pyoxigraph's
substitutions (which need the variable in the SELECT projection) this works for any variable of
the outer WHERE group, including those used only in FILTER or EXISTS, and on remote endpoints
that know nothing of substitutions. A parameter is not visible inside sub-SELECTs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from kg.errors import QueryError

_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
_IRI = re.compile(r"<[^<>\"{}|^`\\\s]*>")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _scan(sparql: str):
    """Yield (position, token) for braces and bare words, skipping comments, strings and IRIs."""
    i, n = 0, len(sparql)
    while i < n:
        ch = sparql[i]
        if ch == "#":
            end = sparql.find("\n", i)
            i = n if end < 0 else end + 1
        elif ch in "\"'":
            quote = ch * 3 if sparql.startswith(ch * 3, i) else ch
            j = i + len(quote)
            while j < n and not sparql.startswith(quote, j):
                j += 2 if sparql[j] == "\\" else 1
            i = j + len(quote)
        elif ch == "<" and (m := _IRI.match(sparql, i)):
            i = m.end()
        elif ch in "?$":
            m = _WORD.match(sparql, i + 1)
            i = m.end() if m else i + 1
        elif ch in "{}":
            yield i, ch
            i += 1
        elif m := _WORD.match(sparql, i):
            yield i, m.group().upper()
            i = m.end()
        else:
            i += 1


def where_brace(sparql: str) -> int:
    """Position of the `{` that opens the query's WHERE group."""
    depth, form, after_where, opened = 0, None, False, []
    for pos, token in _scan(sparql):
        if token == "{":
            if depth == 0 and form:
                if after_where:
                    return pos
                opened.append(pos)
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0 and form is None and token in _FORMS:
            form = token
        elif depth == 0 and form and token == "WHERE":
            after_where = True
    if form == "CONSTRUCT" and len(opened) >= 2:
        return opened[1]
    if form in ("SELECT", "DESCRIBE", "ASK") and opened:
        return opened[0]
    raise QueryError("cannot bind parameters: the query has no WHERE group")


def bind_values(sparql: str, bindings: Mapping[str, object]) -> str:
    """The query with `VALUES (?a ?b) { (term term) }` first in its WHERE group."""
    if not bindings:
        return sparql
    names = list(bindings)
    for name in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"not a variable name: {name!r}")
    where = where_brace(sparql)
    values = (f" VALUES ({' '.join('?' + n for n in names)}) "
              f"{{ ({' '.join(str(bindings[n]) for n in names)}) }} ")
    return sparql[:where + 1] + values + sparql[where + 1:]
