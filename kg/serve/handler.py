"""The HTTP side of `kg serve`: routes, the SPARQL 1.1 Protocol's parameters, and the answers."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qsl, urlsplit

from kg.errors import RequestError
from kg.serve.access import Access
from kg.serve.body import read_body
from kg.serve.federation import check_federation
from kg.serve.page import PAGE, curated_json, network_page
from kg.serve.pool import QueryService
from kg.serve.protocol import Answer, negotiate, offered
from kg.serve.settings import Settings


class Handler(BaseHTTPRequestHandler):
    """One request: routed, checked, run by the pool, answered. A refused request (RequestError)
    is answered with its status and a one-line reason."""

    server_version = "china-ai-kg"
    timeout = 60  # seconds a client may send nothing before its connection is dropped
    body_left = False  # a body refused unread: see `_linger`
    service: QueryService
    settings: Settings
    access: Access

    def log_message(self, format: str, *args: object) -> None:
        if not self.settings.quiet:
            super().log_message(format, *args)

    def do_GET(self) -> None:
        self._answer(self._get)

    def do_POST(self) -> None:
        self._answer(self._post)

    def _answer(self, route: Callable[[], Answer]) -> None:
        try:
            self.access.check_host(self.headers.get("Host"))
            answer = route()
        except RequestError as err:
            answer = Answer(err.status, f"{err}\n".encode(), headers=err.headers)
        self._send(answer)
        if self.body_left:
            self._linger()

    def _linger(self, seconds: float = 2.0) -> None:
        """Read and drop what the client still sends, for a while, before the socket closes:
        closing it on unread bytes sends a reset, and a client still sending its body would lose
        the answer (413) that says why."""
        self.close_connection = True
        self.wfile.flush()
        deadline = time.monotonic() + seconds
        try:
            self.connection.shutdown(socket.SHUT_WR)
            while (left := deadline - time.monotonic()) > 0:
                self.connection.settimeout(left)
                if not self.connection.recv(1 << 16):
                    break
        except OSError:
            pass

    def _get(self) -> Answer:
        url = urlsplit(self.path)
        fields = parse_qsl(url.query, keep_blank_values=True)
        if url.path in ("/", "/index.html"):
            return Answer(200, PAGE.encode(), "text/html; charset=utf-8")
        if url.path == "/queries":
            return Answer(200, json.dumps(curated_json(), ensure_ascii=False).encode(),
                          "application/json; charset=utf-8")
        if url.path == "/sparql":
            return self._protocol(fields)
        if url.path == "/viz":
            return self._viz(fields)
        return Answer(404, b"not found: try /sparql or /\n")

    def _post(self) -> Answer:
        url = urlsplit(self.path)
        if url.path != "/sparql":
            return Answer(404, b"not found: POST to /sparql\n")
        try:
            body = read_body(self.headers, self.rfile, self.settings.max_body).decode("utf-8", errors="replace")
        except RequestError:
            self.body_left = True
            raise
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        fields = parse_qsl(url.query, keep_blank_values=True)
        if ctype == "application/x-www-form-urlencoded":
            fields += parse_qsl(body, keep_blank_values=True)
        elif ctype == "application/sparql-query":
            fields.append(("query", body))
        elif ctype == "application/sparql-update":
            fields.append(("update", body))
        else:
            return Answer(415, b"POST a form (query= or update=), application/sparql-query or "
                               b"application/sparql-update\n")
        return self._protocol(fields, post=True)

    def _protocol(self, fields: list[tuple[str, str]], post: bool = False) -> Answer:
        values = dict(fields)
        params = {k[1:]: v for k, v in fields if k.startswith("$") and len(k) > 1}
        if "update" in values:
            if not post:
                return Answer(400, b"updates must be POSTed\n")
            if not self.settings.allow_update:
                return Answer(403, b"updates are not allowed: start kg serve with --allow-update\n")
            self.access.check_update(self.headers)
            return self._run({"op": "update", "text": values["update"]})
        if "query" not in values:
            return Answer(400, b"missing the query parameter (or POST application/sparql-query)\n")
        if sum(1 for k, _ in fields if k == "query") > 1:
            return Answer(400, b"more than one query parameter\n")
        accept = self.headers.get("Accept") or "*/*"
        formats = [v for k, v in fields if k == "format"]
        if negotiate(accept, "select", formats) is None and negotiate(accept, "graph", formats) is None:
            return Answer(406, f"no result can be sent as {' or '.join(formats) or accept!r}: SELECT/ASK results "
                               f"as {offered('select')}; CONSTRUCT/DESCRIBE results as {offered('graph')}\n".encode())
        return self._run({"op": "query", "text": values["query"], "params": params, "accept": accept,
                          "formats": formats})

    def _viz(self, fields: list[tuple[str, str]]) -> Answer:
        values = dict(fields)
        try:
            from kg.export.viz import render_html  # noqa: F401 - written alongside; may be missing
        except ImportError:
            return Answer(501, b"the network view needs kg.export.viz, which this installation lacks\n")
        if "query" not in values:
            return Answer(400, b"missing the query parameter (a CONSTRUCT query)\n")
        params = {k[1:]: v for k, v in fields if k.startswith("$") and len(k) > 1}
        answer = self._run({"op": "query", "text": values["query"], "params": params,
                            "accept": "application/n-triples", "formats": ["nt"]})
        if answer.status != 200:
            return answer
        return Answer(200, network_page(answer.body).encode(), "text/html; charset=utf-8")

    def _run(self, request: dict) -> Answer:
        """Every query and update goes through here to the pool, once it is known to reach no
        server but the allowed ones."""
        check_federation(request["text"], self.settings.allow_service, update=request["op"] == "update")
        return self.service.run(request, self.connection)

    def _send(self, answer: Answer) -> None:
        try:
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.content_type)
            self.send_header("Content-Length", str(len(answer.body)))
            for name, value in (answer.headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(answer.body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client left before its answer: nobody to tell

