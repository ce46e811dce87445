"""The HTTP side of `kg serve`: routes, the SPARQL 1.1 Protocol's parameters, and the answers."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qsl, urlsplit

from kg.serve.page import PAGE, curated_json, network_page
from kg.serve.pool import QueryService
from kg.serve.protocol import Answer


class Handler(BaseHTTPRequestHandler):
    server_version = "china-ai-kg"
    service: QueryService
    quiet = False

    def log_message(self, format: str, *args: object) -> None:
        if not self.quiet:
            super().log_message(format, *args)

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        fields = parse_qsl(url.query, keep_blank_values=True)
        if url.path in ("/", "/index.html"):
            self._send(Answer(200, PAGE.encode(), "text/html; charset=utf-8"))
        elif url.path == "/queries":
            self._send(Answer(200, json.dumps(curated_json(), ensure_ascii=False).encode(),
                              "application/json; charset=utf-8"))
        elif url.path == "/sparql":
            self._protocol(fields)
        elif url.path == "/viz":
            self._viz(fields)
        else:
            self._send(Answer(404, b"not found: try /sparql or /\n"))

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self._send(Answer(404, b"not found: POST to /sparql\n"))
            return
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        fields = parse_qsl(url.query, keep_blank_values=True)
        if ctype == "application/x-www-form-urlencoded":
            fields += parse_qsl(body, keep_blank_values=True)
        elif ctype == "application/sparql-query":
            fields.append(("query", body))
        elif ctype == "application/sparql-update":
            fields.append(("update", body))
        else:
            self._send(Answer(415, b"POST a form (query= or update=), application/sparql-query or "
                                   b"application/sparql-update\n"))
            return
        self._protocol(fields, post=True)

    def _protocol(self, fields: list[tuple[str, str]], post: bool = False) -> None:
        values = dict(fields)
        params = {k[1:]: v for k, v in fields if k.startswith("$") and len(k) > 1}
        if "update" in values:
            if not post:
                self._send(Answer(400, b"updates must be POSTed\n"))
                return
            self._send(self.service.run({"op": "update", "text": values["update"]}))
            return
        if "query" not in values:
            self._send(Answer(400, b"missing the query parameter (or POST application/sparql-query)\n"))
            return
        if sum(1 for k, _ in fields if k == "query") > 1:
            self._send(Answer(400, b"more than one query parameter\n"))
            return
        request = {"op": "query", "text": values["query"], "params": params,
                   "accept": self.headers.get("Accept") or "*/*", "format": values.get("format")}
        self._send(self.service.run(request))

    def _viz(self, fields: list[tuple[str, str]]) -> None:
        values = dict(fields)
        try:
            from kg.export.viz import render_html  # noqa: F401 - written alongside; may be missing
        except ImportError:
            self._send(Answer(501, b"the network view needs kg.export.viz, which this installation lacks\n"))
            return
        if "query" not in values:
            self._send(Answer(400, b"missing the query parameter (a CONSTRUCT query)\n"))
            return
        params = {k[1:]: v for k, v in fields if k.startswith("$") and len(k) > 1}
        answer = self.service.run({"op": "query", "text": values["query"], "params": params,
                                   "accept": "application/n-triples", "format": "nt"})
        if answer.status != 200:
            self._send(answer)
            return
        self._send(Answer(200, network_page(answer.body).encode(), "text/html; charset=utf-8"))

    def _send(self, answer: Answer) -> None:
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        for name, value in (answer.headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer.body)

