"""Request bodies, read as HTTP/1.1 frames them and never past a limit.

A body is framed by `Content-Length` or by `Transfer-Encoding: chunked`; either way at most
`limit` bytes are read, so a client cannot make the server hold or parse more (a 50 MB query
was accepted and run). What HTTP says to answer: 413 for a body over the limit (known from
`Content-Length` before reading it), 411 for a POST that frames its body neither way, 400 for a
`Content-Length` that is not one number or a chunk that is malformed or cut short, 501 for a
transfer coding other than chunked, 408 for a client that stops sending.
"""

from __future__ import annotations

import re
from email.message import Message
from typing import BinaryIO

from kg.errors import RequestError

_LINE = 1024  # the longest chunk-size or trailer line read
_TRAILERS = 64  # the most trailer lines after the last chunk


def _refuse(status: int, message: str) -> RequestError:
    """A refusal after which the connection closes: the rest of the body is never read."""
    return RequestError(status, message, {"Connection": "close"})


def _too_large(limit: int) -> RequestError:
    return _refuse(413, f"the request body is over the limit of {limit} bytes (kg serve --max-body)")


def read_body(headers: Message, stream: BinaryIO, limit: int) -> bytes:
    """The body of a request whose `headers` have been read from `stream`."""
    try:
        coding = headers.get_all("Transfer-Encoding")
        if coding:
            if headers.get("Content-Length") is not None:
                raise _refuse(400, "a request may not have both Transfer-Encoding and Content-Length")
            if [c.strip().lower() for c in coding] != ["chunked"]:
                raise _refuse(501, f"the transfer coding {', '.join(coding)!r} is not supported: send the body "
                                   "chunked or with a Content-Length")
            return _read_chunked(stream, limit)
        lengths = {value.strip() for value in headers.get_all("Content-Length") or []}
        if not lengths:
            raise _refuse(411, "a POST needs a Content-Length (or Transfer-Encoding: chunked)")
        if len(lengths) > 1 or not re.fullmatch(r"[0-9]+", next(iter(lengths))):
            raise _refuse(400, f"Content-Length must be one number of bytes, not {', '.join(sorted(lengths))!r}")
        length = int(next(iter(lengths)))
        if length > limit:
            raise _too_large(limit)
        body = stream.read(length)
        if len(body) < length:
            raise _refuse(400, f"the body ended after {len(body)} of its {length} bytes")
        return body
    except TimeoutError:
        raise _refuse(408, "the client stopped sending its request") from None


def _read_chunked(stream: BinaryIO, limit: int) -> bytes:
    parts: list[bytes] = []
    total = 0
    while True:
        line = stream.readline(_LINE + 1)
        size = re.fullmatch(rb"([0-9A-Fa-f]{1,16})[ \t]*(?:;[^\r\n]*)?\r?\n", line)
        if not size:
            raise _refuse(400, "a chunk of the body does not start with its size in hexadecimal")
        length = int(size.group(1), 16)
        if length == 0:
            break
        total += length
        if total > limit:
            raise _too_large(limit)
        data = stream.read(length)
        if len(data) < length or stream.readline(3) not in (b"\r\n", b"\n"):
            raise _refuse(400, "a chunk of the body is cut short or not ended by CRLF")
        parts.append(data)
    for _ in range(_TRAILERS):
        if stream.readline(_LINE + 1) in (b"\r\n", b"\n"):
            return b"".join(parts)
    raise _refuse(400, "the chunked body does not end with an empty line")
