"""Request bodies: at most --max-body bytes (1 MB by default) are read, framed by Content-Length or
chunked, and a body that breaks the rules gets the status HTTP has for it, not a closed socket."""

from __future__ import annotations

import io
import json
import socket
import urllib.parse
from email.message import Message
from http.client import HTTPConnection

import pytest

from kg.errors import RequestError
from kg.serve.body import read_body
from tests.serve.helpers import post_query, running

ASK = b"ASK { ?s ?p ?o }"


def exchange(base: str, request: bytes, timeout: float = 10) -> tuple[int, bytes]:
    """Send raw bytes, read the whole answer: its status and its body."""
    url = urllib.parse.urlsplit(base)
    with socket.create_connection((url.hostname, url.port), timeout=timeout) as client:
        client.sendall(request)
        answer = b""
        while chunk := client.recv(1 << 16):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split(b" ")[1]), body


def post(headers: str, body: bytes = b"") -> bytes:
    return (b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
            + headers.encode() + b"\r\n" + body)


def chunked(*chunks: bytes) -> bytes:
    return b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in chunks) + b"0\r\n\r\n"


def test_a_50_mb_query_is_refused_and_the_client_reads_why(endpoint):
    url = urllib.parse.urlsplit(endpoint)
    query = ASK + b" #" + b"x" * (50 << 20)
    connection = HTTPConnection(url.hostname, url.port, timeout=30)
    connection.request("POST", "/sparql", query, {"Content-Type": "application/sparql-query"})
    response = connection.getresponse()
    assert response.status == 413
    assert b"--max-body" in response.read()
    connection.close()
    assert post_query(endpoint, ASK.decode())[0] == 200


@pytest.mark.parametrize(("headers", "status"), [
    ("Content-Length: 99999999999\r\n", 413),
    ("Content-Length: -5\r\n", 400),
    ("Content-Length: 12abc\r\n", 400),
    ("Content-Length: 16\r\nContent-Length: 17\r\n", 400),
    ("", 411),
    ("Transfer-Encoding: gzip, chunked\r\n", 501),
    ("Transfer-Encoding: chunked\r\nContent-Length: 16\r\n", 400),
])
def test_a_body_framed_wrongly_gets_its_status(endpoint, headers, status):
    got, body = exchange(endpoint, post(headers))
    assert got == status
    assert body.endswith(b"\n") and len(body.splitlines()) == 1


def test_a_chunked_query_is_answered(endpoint):
    status, body = exchange(endpoint, post("Transfer-Encoding: chunked\r\n", chunked(ASK[:5], ASK[5:])))
    assert status == 200 and json.loads(body)["boolean"] is True


@pytest.mark.parametrize(("body", "status"), [
    (chunked(ASK + b" #" + b"x" * 600_000, b"x" * 600_000), 413),  # over 1 MB, counted across chunks
    (b"zz\r\n" + ASK + b"\r\n0\r\n\r\n", 400),             # a size that is not hexadecimal
    (b"%x\r\n%s0\r\n\r\n" % (len(ASK), ASK), 400),          # a chunk not ended by CRLF
])
def test_a_chunked_body_over_the_limit_or_malformed_is_refused(endpoint, body, status):
    assert exchange(endpoint, post("Transfer-Encoding: chunked\r\n", body))[0] == status


def test_max_body_sets_the_limit(store_dir):
    with running(store_dir, max_body=100) as base:
        assert post_query(base, ASK.decode() + " #" + "x" * 200)[0] == 413
        assert post_query(base, ASK.decode() + " #" + "x" * 20)[0] == 200


def test_a_client_that_stops_sending_gets_408():
    class Stalled(io.BytesIO):
        def read(self, size: int = -1) -> bytes:
            raise TimeoutError

    headers = Message()
    headers["Content-Length"] = "10"
    with pytest.raises(RequestError) as refused:
        read_body(headers, Stalled(), 100)
    assert refused.value.status == 408
