"""Bytes to text: UTF-8 (with or without BOM), GB18030/GBK or Big5, detected, never assumed."""

from __future__ import annotations

import codecs

import charset_normalizer

from kg.errors import ReadError

_LEGACY = ["gb18030", "big5", "utf_16"]
_CORRUPT_UTF8_RATIO = 0.02


def decode(data: bytes) -> str:
    """Decode one file's bytes; raise ReadError with the reason when it is not text."""
    if not data.strip():
        raise ReadError("empty file")
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data, "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16")
    if b"\x00" in data[:65536]:
        raise ReadError("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        if _mostly_utf8(data):
            raise ReadError(f"undecodable bytes at offset {err.start}: broken UTF-8") from None
    best = charset_normalizer.from_bytes(data, cp_isolation=_LEGACY).best()
    if best is None:
        raise ReadError("undecodable bytes: not UTF-8, GB18030 or Big5")
    return str(best)


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise ReadError(f"undecodable bytes at offset {err.start}: broken {encoding}") from None


def _mostly_utf8(data: bytes) -> bool:
    """A file that is valid UTF-8 but for a few bytes is corrupt, not in another encoding."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    return multibyte > 0 and bad / max(1, multibyte + bad) < _CORRUPT_UTF8_RATIO
