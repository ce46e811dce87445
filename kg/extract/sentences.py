"""Sentence splitting with offsets: 。！？； and line breaks end a sentence, except inside
short quotes (“紫东。太初” is one name, not two sentences)."""

from __future__ import annotations

import re

from kg.extract.pipeline import Doc, Sentence, component

_END = re.compile(r"[。！？!?；;]+[”’」』]?|\n")
_QUOTE = re.compile(r"[“「『][^”」』\n]{0,16}[”」』]")


def split(text: str) -> list[Sentence]:
    protected = set()
    for match in _QUOTE.finditer(text):
        protected.update(range(match.start(), match.end()))
    sentences, start = [], 0
    for match in _END.finditer(text):
        if match.start() in protected:
            continue
        end = match.end()
        if text[start:end].strip():
            sentences.append(Sentence(start, end, text[start:end]))
        start = end
    if text[start:].strip():
        sentences.append(Sentence(start, len(text), text[start:]))
    return sentences or [Sentence(0, len(text), text)]


@component("sentences")
def sentences(doc: Doc) -> None:
    doc.sentences = split(doc.text)
