"""Federation is off unless allowed: a query (`SERVICE`) or an update (`SERVICE`, `LOAD`) may make
the server send a request only to a host the operator named with `--allow-service`.

A read-only endpoint that federates is an open proxy into the machine's network (SSRF):
`SERVICE <http://127.0.0.1:PORT/…>` reaches whatever listens there. pyoxigraph 0.5 can neither
turn federation off nor vet an endpoint (`Store.query` takes no service handler), so the text is
checked before it runs, and the check errs on the side of refusing:

- Oxigraph's parser needs no space around a keyword (`SERVICESILENT<…>`, `SERVICE:name`), so the
  word counts wherever it stands outside strings, comments, IRIs and variables, even glued to
  other letters; only inside the local part of a prefixed name (`schema:Service`), before any
  dot, is it a name for every parser.
- SPARQL 1.1 lets a server decode `\\u` escapes before parsing (Jena does, Oxigraph does not, and
  `--store` may be either), so the text is checked as written and decoded.
- An allowed endpoint must be written out as `<http(s)://host/…>`: a variable, a prefixed name or
  a relative IRI names a host that cannot be known before the query runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from kg.errors import RequestError

# The character classes of the SPARQL grammar, as Oxigraph's parser (spargebra) has them.
_BASE = ("A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
         "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd")
_VARNAME = _BASE + "_0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PN_CHARS = _VARNAME + r"\-"
_ESCAPE = r"\\[tbnrf\"'\\]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
_UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# One token at a time, the alternatives in the order the parser tries them: a `<` that does not
# open a valid IRI is an operator, a long string that does not end is two short ones.
_TOKEN = re.compile(rf"""
    (?P<comment>\#[^\r\n]*)
  | (?P<iri><(?:[^<>"{{}}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{{4}}|\\U[0-9A-Fa-f]{{8}})*>)
  | (?P<string>'''(?:(?:''|')?(?:[^'\\]|{_ESCAPE}))*'''|\"\"\"(?:(?:\"\"|\")?(?:[^"\\]|{_ESCAPE}))*\"\"\"
               |'(?:[^'\\\n\r]|{_ESCAPE})*'|"(?:[^"\\\n\r]|{_ESCAPE})*")
  | (?P<var>[?$][{_VARNAME}]+)
  | (?P<word>(?:[{_PN_CHARS}.:%]|\\.)+)
  | (?P<space>[ \t\r\n]+)
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)
_LOCAL_START = re.compile(rf"[{_BASE}_:0-9%\\]")
_UNESCAPED_DOT = re.compile(r"(?<!\\)\.")
# Letters that a Java parser's case-blind match (Jena's) takes for ASCII: ſ for S, ı for I.
_ASCII_FOLD = str.maketrans("ſı", "si")


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.lastgroup or "other", m.group()) for m in _TOKEN.finditer(text)
            if m.lastgroup not in ("comment", "space")]


def _decoded(text: str) -> str:
    def char(m: re.Match) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else m.group()

    return _UCHAR.sub(char, text)


def _folded(word: str) -> str:
    return word.translate(_ASCII_FOLD).lower()


def _is_name(word: str, at: int) -> bool:
    """Whether the letters at `at` in a word sit in the local part of a prefixed name, before any
    dot, where every parser reads them as part of the name (Oxigraph's local names stop at the
    second dot)."""
    colon = word.find(":")
    if colon < 0 or colon >= at:
        return False
    local = word[colon + 1:]
    return bool(_LOCAL_START.match(local)) and not _UNESCAPED_DOT.search(local, 0, at - colon - 1)


def _uses(tokens: list[_Token], keyword: str) -> Iterator[int]:
    """Indexes of the word tokens in which `keyword` may be read as the keyword."""
    for i, token in enumerate(tokens):
        if token.kind == "word":
            lower = _folded(token.text)
            for m in re.finditer(keyword, lower):
                if not _is_name(lower, m.start()):
                    yield i
                    break


def _endpoint(tokens: list[_Token], i: int, keyword: str) -> str | None:
    """The IRI after `SERVICE [SILENT]` (or `LOAD [SILENT]`) at token i, when written as one."""
    if _folded(tokens[i].text) != keyword:
        return None
    j = i + 1
    if j < len(tokens) and tokens[j].kind == "word" and _folded(tokens[j].text) == "silent":
        j += 1
    if j < len(tokens) and tokens[j].kind == "iri":
        return _decoded(tokens[j].text[1:-1])
    return None


def check_federation(sparql: str, allowed_hosts: Iterable[str] = (), update: bool = False) -> None:
    """Raise RequestError 400 unless every SERVICE (and, in an update, every LOAD) of the text
    names an http(s) endpoint whose host is in `allowed_hosts`."""
    allowed = {host.lower().strip("[]") for host in allowed_hosts}
    keywords = ("service", "load") if update else ("service",)
    views = {sparql, _decoded(sparql)}
    for text in views:
        tokens = _tokens(text)
        for keyword in keywords:
            for i in _uses(tokens, keyword):
                what = keyword.upper()
                if not allowed:
                    raise RequestError(400, f"{what} is turned off: this endpoint sends no requests to other "
                                            "servers (start kg serve with --allow-service HOST to allow a host)")
                endpoint = _endpoint(tokens, i, keyword)
                if endpoint is None:
                    raise RequestError(400, f"{what} needs its endpoint written as a full <http://host/…> IRI, "
                                            "so that its host can be checked against --allow-service")
                url = urlsplit(endpoint)
                if url.scheme.lower() not in ("http", "https") or (url.hostname or "") not in allowed:
                    raise RequestError(400, f"{what} <{endpoint}> is not allowed: only http(s) endpoints on "
                                            f"{', '.join(sorted(allowed))} (--allow-service)")
