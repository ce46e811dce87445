"""`kg serve`: a SPARQL 1.1 Protocol endpoint over the store, and a query page.

    GET  /sparql?query=...              POST /sparql (form `query=` or application/sparql-query)
    POST /sparql (form `update=` or application/sparql-update) — only with --allow-update, else 403
    GET  /                              the query page (self-contained HTML, no CDN)
    GET  /queries                       the curated queries as JSON
    GET  /viz?query=CONSTRUCT...        the network view of a CONSTRUCT result (kg.export.viz)

Results by content negotiation (`Accept`), or by a `format=` parameter:
SELECT/ASK as SPARQL JSON (default), XML, CSV or TSV; CONSTRUCT/DESCRIBE as Turtle (default),
JSON-LD, N-Triples or RDF/XML. Parameters `$name=value` (an extension) bind ?name to an RDF term
as `kg query --param` does.

Queries run in worker processes, each holding the store open (read-only unless --allow-update,
then there is one read-write worker). A query that runs past `--timeout` seconds is answered
503 and its worker is killed and replaced, so a runaway query cannot hold the server.
SELECT results are cut at `--max-rows` rows (CONSTRUCT at as many triples); a cut result
carries the header `X-KG-Truncated: <max-rows>`. Bad SPARQL is answered 400 with the
parser's message.
"""

from __future__ import annotations

import json
import multiprocessing
import queue
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit
from xml.sax.saxutils import escape as xml_escape

from kg.errors import KGError, QueryError, StoreError

SELECT_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "turtle", "application/x-turtle": "turtle", "application/ld+json": "jsonld",
    "application/json": "jsonld", "application/n-triples": "ntriples", "text/plain": "ntriples",
    "application/rdf+xml": "rdfxml",
}
FORMAT_NAMES = {"json": ("json", "jsonld"), "xml": ("xml", "rdfxml"), "csv": ("csv", None), "tsv": ("tsv", None),
                "turtle": (None, "turtle"), "ttl": (None, "turtle"), "jsonld": (None, "jsonld"),
                "json-ld": (None, "jsonld"), "nt": (None, "ntriples"), "ntriples": (None, "ntriples"),
                "rdfxml": (None, "rdfxml")}
CONTENT_TYPES = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8",
    "turtle": "text/turtle; charset=utf-8", "jsonld": "application/ld+json",
    "ntriples": "application/n-triples", "rdfxml": "application/rdf+xml",
}


def negotiate(accept: str, kind: str, fmt: str | None = None) -> str:
    """The result format for an Accept header (or a `format=` name) and a result kind."""
    graph = kind == "graph"
    if fmt:
        names = FORMAT_NAMES.get(fmt.lower())
        chosen = names and names[1 if graph else 0]
        if not chosen:
            raise QueryError(f"format {fmt!r} does not fit a {'CONSTRUCT/DESCRIBE' if graph else 'SELECT/ASK'} "
                             "result")
        return chosen
    table = GRAPH_TYPES if graph else SELECT_TYPES
    default = "turtle" if graph else "json"
    offers = []
    for i, part in enumerate(accept.split(",")):
        media, *args = [p.strip() for p in part.split(";")]
        q = 1.0
        for arg in args:
            if arg.startswith("q="):
                try:
                    q = float(arg[2:])
                except ValueError:
                    q = 0.0
        offers.append((-q, i, media.lower()))
    for _q, _i, media in sorted(offers):
        if _q == 0:
            break
        if media in table:
            return table[media]
        if media in ("*/*", "application/*", "text/*"):
            return default
    return default


# --- result serialisation --------------------------------------------------------------------

def _term_json(term) -> dict[str, str]:
    kind = type(term).__name__
    if kind == "NamedNode":
        return {"type": "uri", "value": term.value}
    if kind == "BlankNode":
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def _term_xml(term) -> str:
    kind = type(term).__name__
    if kind == "NamedNode":
        return f"<uri>{xml_escape(term.value)}</uri>"
    if kind == "BlankNode":
        return f"<bnode>{xml_escape(term.value)}</bnode>"
    if term.language:
        return f'<literal xml:lang="{xml_escape(term.language)}">{xml_escape(term.value)}</literal>'
    if term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        return f'<literal datatype="{xml_escape(term.datatype.value)}">{xml_escape(term.value)}</literal>'
    return f"<literal>{xml_escape(term.value)}</literal>"


def _csv_cell(value: str) -> str:
    if any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def serialize_rows(variables: list[str], rows: list[dict], fmt: str) -> bytes:
    if fmt == "json":
        bindings = [{v: _term_json(r[v]) for v in variables if r.get(v) is not None} for r in rows]
        return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                          ensure_ascii=False).encode()
    if fmt == "xml":
        head = "".join(f'<variable name="{v}"/>' for v in variables)
        body = "".join("<result>" + "".join(f'<binding name="{v}">{_term_xml(r[v])}</binding>'
                                            for v in variables if r.get(v) is not None) + "</result>\n"
                       for r in rows)
        return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head>{head}</head>\n<results>\n{body}</results></sparql>\n").encode()
    if fmt == "csv":
        lines = [",".join(variables)]
        lines += [",".join(_csv_cell(r[v].value) if r.get(v) is not None else "" for v in variables) for r in rows]
        return ("\r\n".join(lines) + "\r\n").encode()
    lines = ["\t".join("?" + v for v in variables)]
    lines += ["\t".join(str(r[v]) if r.get(v) is not None else "" for v in variables) for r in rows]
    return ("\n".join(lines) + "\n").encode()


def serialize_boolean(value: bool, fmt: str) -> bytes:
    text = "true" if value else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if fmt == "xml":
        return ('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{text}</boolean></sparql>\n").encode()
    return (f"_askResult\r\n{text}\r\n" if fmt == "csv" else f"?_askResult\n{text}\n").encode()


def serialize_triples(triples: list, fmt: str) -> bytes:
    from pyoxigraph import RdfFormat, serialize

    from kg.vocab import PREFIXES

    rdf_format = {"turtle": RdfFormat.TURTLE, "jsonld": RdfFormat.JSON_LD, "ntriples": RdfFormat.N_TRIPLES,
                  "rdfxml": RdfFormat.RDF_XML}[fmt]
    prefixes = PREFIXES if fmt in ("turtle", "rdfxml") else None
    return serialize(triples, format=rdf_format, prefixes=prefixes) if prefixes else serialize(
        triples, format=rdf_format)


# --- worker processes ------------------------------------------------------------------------

def _worker_main(conn, store: str, read_only: bool) -> None:
    """One worker: opens the store, then answers requests from the pipe until it closes."""
    from kg.api import KnowledgeGraph

    try:
        kg = KnowledgeGraph.open(store, read_only=read_only)
    except Exception as err:
        conn.send({"status": 500, "message": f"cannot open the store {store}: {err}"})
        return
    conn.send({"status": 200, "message": "ready"})
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            break
        try:
            conn.send(_answer(kg, request))
        except KGError as err:
            status = 400 if isinstance(err, QueryError) else 500
            conn.send({"status": status, "message": str(err)})
        except Exception as err:
            conn.send({"status": 500, "message": f"{type(err).__name__}: {err}",
                       "trace": traceback.format_exc()})
    kg.close()


def _answer(kg, request: dict) -> dict:
    if request["op"] == "update":
        kg.update(request["text"])
        return {"status": 204}
    max_rows = request["max_rows"]
    result = kg.query_result(request["text"], request["params"], max_rows=max_rows)
    fmt = negotiate(request["accept"], result.kind, request.get("format"))
    truncated = False
    if result.kind == "ask":
        body = serialize_boolean(bool(result.boolean), fmt)
        count = 1
    elif result.kind == "graph":
        truncated = bool(max_rows) and len(result.triples) > max_rows
        triples = result.triples[:max_rows] if truncated else result.triples
        body, count = serialize_triples(triples, fmt), len(triples)
    else:
        truncated = bool(max_rows) and len(result.rows) > max_rows
        rows = result.rows[:max_rows] if truncated else result.rows
        body, count = serialize_rows(result.variables, rows, fmt), len(rows)
    return {"status": 200, "body": body, "content_type": CONTENT_TYPES[fmt], "truncated": truncated,
            "count": count, "kind": result.kind}


class Worker:
    def __init__(self, store: str, read_only: bool) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, store, read_only), daemon=True)
        self.process.start()
        child.close()
        self.ready = False

    def wait_ready(self, timeout: float) -> None:
        if self.ready:
            return
        if not self.conn.poll(timeout):
            self.kill()
            raise StoreError("the store did not open in time")
        answer = self.conn.recv()
        if answer["status"] != 200:
            self.kill()
            raise StoreError(answer["message"])
        self.ready = True

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


@dataclass
class Answer:
    status: int
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"
    headers: dict[str, str] | None = None


class QueryService:
    """A pool of workers with a time limit per request."""

    def __init__(self, store: str, allow_update: bool = False, timeout: float = 30.0, max_rows: int = 10000,
                 workers: int = 2) -> None:
        if store == "memory:" or store == "rdflib:":
            raise StoreError("kg serve needs a store folder or a SPARQL endpoint URL")
        self.store, self.allow_update, self.timeout, self.max_rows = store, allow_update, timeout, max_rows
        self.read_only = not allow_update
        self.size = 1 if allow_update else max(1, workers)
        self.idle: queue.Queue[Worker] = queue.Queue()
        first = Worker(store, self.read_only)
        first.wait_ready(60)
        self.idle.put(first)
        for _ in range(self.size - 1):
            self.idle.put(Worker(store, self.read_only))

    def close(self) -> None:
        while True:
            try:
                self.idle.get_nowait().kill()
            except queue.Empty:
                break

    def run(self, request: dict) -> Answer:
        if request["op"] == "update" and not self.allow_update:
            return Answer(403, b"updates are not allowed: start kg serve with --allow-update\n")
        started = time.monotonic()
        try:
            worker = self.idle.get(timeout=self.timeout)
        except queue.Empty:
            return Answer(503, b"the server is busy: every worker is running a query; try again\n",
                          headers={"Retry-After": "5"})
        try:
            worker.wait_ready(60)
            worker.conn.send({**request, "max_rows": self.max_rows})
            left = max(0.1, self.timeout - (time.monotonic() - started))
            if not worker.conn.poll(left):
                worker.kill()
                worker = Worker(self.store, self.read_only)
                return Answer(503, f"the query ran longer than the time limit of {self.timeout:g} s and was "
                                   "stopped; add LIMIT, narrow the patterns, or ask for a higher --timeout\n".encode(),
                              headers={"Retry-After": "1"})
            reply = worker.conn.recv()
        except (EOFError, OSError, StoreError) as err:
            worker.kill()
            worker = Worker(self.store, self.read_only)
            return Answer(500, f"the query worker failed: {err}\n".encode())
        finally:
            self.idle.put(worker)
        if reply["status"] == 204:
            return Answer(204)
        if reply["status"] != 200:
            return Answer(reply["status"], (reply["message"] + "\n").encode())
        headers = {"X-KG-Rows": str(reply["count"])}
        if reply["truncated"]:
            headers["X-KG-Truncated"] = str(self.max_rows)
        return Answer(200, reply["body"], reply["content_type"], headers)


# --- HTTP ------------------------------------------------------------------------------------

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


def network_page(ntriples: bytes) -> str:
    """The network view of CONSTRUCT triples, drawn by kg.export.viz."""
    import networkx as nx
    from pyoxigraph import RdfFormat, parse

    from kg.export.viz import render_html
    from kg.ontology import top_class
    from kg.vocab import ONTOLOGY, RDF, RDFS

    graph = nx.MultiDiGraph()
    labels: dict[str, dict[str, str]] = {}
    types: dict[str, str] = {}
    edges = []
    for t in parse(ntriples, format=RdfFormat.N_TRIPLES):
        s, p, o = t.subject.value, t.predicate.value, t.object
        if p == RDFS + "label":
            labels.setdefault(s, {})[getattr(o, "language", None) or ""] = o.value
        elif p == RDF + "type" and o.value.startswith(ONTOLOGY):
            types[s] = o.value[len(ONTOLOGY):]
        elif type(o).__name__ == "NamedNode" and p.startswith(ONTOLOGY):
            edges.append((s, p[len(ONTOLOGY):], o.value))
    for s, p, o in edges:
        for iri in (s, o):
            if iri not in graph:
                names = labels.get(iri, {})
                kind = types.get(iri, "Organization")
                graph.add_node(iri, label=names.get("zh") or names.get("") or iri.rsplit("/", 1)[-1],
                               label_en=names.get("en", ""), type=kind, kind=top_class(kind) or kind, aliases=[],
                               positions=[], articles=0, dates=[])
        graph.add_edge(s, o, key=p, predicate=p, label_zh=p, label_en=p, evidence="", article="", article_date="",
                       confidence=0.0, sources=0, dates=[])
    with tempfile.TemporaryDirectory() as tmp:
        path = render_html(graph, Path(tmp) / "network.html", title="kg serve — network view")
        return Path(path).read_text(encoding="utf-8")


def curated_json() -> list[dict[str, object]]:
    from kg.api import curated_queries

    return [{"name": q.name, "en": q.en, "zh": q.zh, "params": q.params, "text": q.text}
            for q in curated_queries()]


def make_server(store: str, host: str = "127.0.0.1", port: int = 7878, allow_update: bool = False,
                timeout: float = 30.0, max_rows: int = 10000, workers: int = 2,
                quiet: bool = False) -> tuple[ThreadingHTTPServer, QueryService]:
    service = QueryService(store, allow_update=allow_update, timeout=timeout, max_rows=max_rows, workers=workers)
    handler = type("KGHandler", (Handler,), {"service": service, "quiet": quiet})
    try:
        server = ThreadingHTTPServer((host, port), handler)
    except OSError as err:
        service.close()
        raise StoreError(f"cannot listen on {host}:{port}: {err}") from None
    server.daemon_threads = True
    return server, service


def serve(store: str, host: str = "127.0.0.1", port: int = 7878, allow_update: bool = False,
          timeout: float = 30.0, max_rows: int = 10000, workers: int = 2, ready=None) -> None:
    server, service = make_server(store, host, port, allow_update, timeout, max_rows, workers)
    if ready:
        ready(server)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        service.close()


def serve_in_thread(store: str, **options) -> tuple[ThreadingHTTPServer, QueryService, threading.Thread]:
    """For tests and notebooks: the server on a free port (options as `make_server`)."""
    options.setdefault("port", 0)
    options.setdefault("quiet", True)
    server, service = make_server(store, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, service, thread



PAGE = r"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8">
<title>china-ai-kg · SPARQL</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.45 system-ui,"Noto Sans CJK SC","PingFang SC",sans-serif;margin:0;color:#222;background:#fafafa}
header{background:#263238;color:#fff;padding:.6em 1em}header h1{font-size:1.1em;margin:0}
main{padding:1em;max-width:1400px}
label{font-weight:600;margin-right:.5em}
select,input,textarea,button{font:inherit}
textarea{width:100%;height:16em;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px;box-sizing:border-box}
#about{color:#555;margin:.4em 0}
#params span{margin-right:1em}
button{padding:.3em 1.2em;margin:.5em .5em .5em 0}
#status{color:#555}#status.error{color:#b71c1c;white-space:pre-wrap;font-family:ui-monospace,monospace}
table{border-collapse:collapse;margin-top:.5em;background:#fff}
th,td{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}
th{background:#eceff1}
td a{color:#1565c0;text-decoration:none}
</style></head>
<body><header><h1>china-ai-kg · SPARQL 查询 / query</h1></header>
<main>
<div><label for="pick">常用查询 Curated query</label><select id="pick">
<option value="">— 自己写 / write your own —</option></select></div>
<div id="about"></div>
<div id="params"></div>
<textarea id="query" spellcheck="false">SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 20</textarea>
<div><button id="run">运行 Run</button>
<a id="viz" href="#" target="_blank" hidden>网络视图 Network view</a>
<span id="status"></span></div>
<div id="out"></div>
</main>
<script>
"use strict";
const $ = (id) => document.getElementById(id);
let catalog = [];
const page = new URLSearchParams(location.search);

function el(tag, text) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  return e;
}

function showParams(q) {
  const box = $("params"); box.replaceChildren();
  for (const p of (q ? q.params : [])) {
    const span = el("span"), lab = el("label", p.name), inp = el("input");
    lab.htmlFor = "param-" + p.name; inp.id = "param-" + p.name; inp.dataset.name = p.name;
    inp.placeholder = p.meaning; inp.title = p.meaning; inp.size = 16;
    if (page.has(p.name)) inp.value = page.get(p.name);
    span.append(lab, inp); box.append(span);
  }
}

function pick(name) {
  const q = catalog.find((c) => c.name === name);
  $("about").textContent = q ? q.zh + " — " + q.en : "";
  if (q) $("query").value = q.text;
  showParams(q);
}

function cell(term) {
  const td = el("td");
  if (!term) return td;
  if (term.type === "uri") { const a = el("a", term.value); a.href = term.value; a.target = "_blank"; td.append(a); }
  else td.textContent = term.value;
  return td;
}

function table(head, rows) {
  const t = el("table"), thead = el("thead"), tr = el("tr"), tbody = el("tbody");
  t.id = "results";
  for (const h of head) tr.append(el("th", h));
  thead.append(tr); t.append(thead);
  for (const r of rows) { const row = el("tr"); for (const c of r) row.append(c); tbody.append(row); }
  t.append(tbody); $("out").replaceChildren(t);
}

function ntriples(text) {
  const rows = [];
  for (const line of text.split("\n")) {
    const m = line.match(/^(\S+) (\S+) (.*) \.$/);
    if (!m) continue;
    rows.push([m[1], m[2], m[3]].map((x) => {
      const td = el("td");
      td.textContent = x.startsWith("<") ? x.slice(1, -1) : x.replace(/^"(.*)"(@[\w-]+|\^\^<[^>]*>)?$/, "$1");
      return td;
    }));
  }
  return rows;
}

async function run() {
  const form = new URLSearchParams();
  form.set("query", $("query").value);
  for (const inp of document.querySelectorAll("#params input")) {
    if (inp.value.trim()) form.set("$" + inp.dataset.name, inp.value.trim());
  }
  $("status").className = ""; $("status").textContent = "运行中 running…"; $("viz").hidden = true;
  const t0 = performance.now();
  let resp;
  try {
    resp = await fetch("sparql", {method: "POST", body: form,
      headers: {"Accept": "application/sparql-results+json, application/n-triples;q=0.9"}});
  } catch (err) { $("status").className = "error"; $("status").textContent = String(err); return; }
  const ms = Math.round(performance.now() - t0);
  const text = await resp.text();
  if (!resp.ok) {
    $("status").className = "error"; $("status").textContent = resp.status + " " + text;
    $("out").replaceChildren(); return;
  }
  const cut = resp.headers.get("X-KG-Truncated");
  const note = cut ? "（已截断 truncated at " + cut + "）" : "";
  if ((resp.headers.get("Content-Type") || "").includes("n-triples")) {
    const rows = ntriples(text);
    table(["subject", "predicate", "object"], rows);
    $("status").textContent = rows.length + " triples · " + ms + " ms " + note;
    const viz = new URLSearchParams(form); $("viz").href = "viz?" + viz.toString(); $("viz").hidden = false;
    return;
  }
  const data = JSON.parse(text);
  if ("boolean" in data) {
    $("out").replaceChildren(el("p", "ASK → " + data.boolean)); $("status").textContent = ms + " ms"; return;
  }
  const vars = data.head.vars, rows = data.results.bindings.map((b) => vars.map((v) => cell(b[v])));
  table(vars, rows);
  $("status").textContent = rows.length + " 行 rows · " + ms + " ms " + note;
}

async function init() {
  $("run").addEventListener("click", run);
  $("pick").addEventListener("change", (e) => pick(e.target.value));
  try { catalog = await (await fetch("queries")).json(); } catch (err) { catalog = []; }
  for (const q of catalog) { const o = el("option", q.name + " — " + q.zh); o.value = q.name; $("pick").append(o); }
  if (page.has("q")) { $("pick").value = page.get("q"); pick(page.get("q")); }
  else if (page.has("query")) $("query").value = page.get("query");
  if (page.get("run") === "1") await run();
  document.body.dataset.ready = "1";
}
init();
</script>
</body></html>
"""
