"""`kg serve` with real clients: SPARQLWrapper, rdflib's SPARQLStore, curl, and headless Chromium."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.api import KnowledgeGraph, curated_query
from kg.cli import main
from kg.serve import negotiate, serve_in_thread

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "articles"
PRODUCTS = curated_query("products-and-developers")


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("serve") / "store"
    with KnowledgeGraph.open(str(path)) as kg:
        assert not kg.build([SAMPLES]).failed
    return str(path)


@pytest.fixture(scope="module")
def endpoint(store_dir):
    server, service, _ = serve_in_thread(store_dir, timeout=2.0, max_rows=50, workers=2)
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}"
    server.shutdown()
    server.server_close()
    service.close()


def http(url: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def post_query(base: str, query: str, accept: str = "application/sparql-results+json", **params):
    form = urllib.parse.urlencode({"query": query, **{f"${k}": v for k, v in params.items()}}).encode()
    return http(base + "/sparql", form, {"Accept": accept,
                                         "Content-Type": "application/x-www-form-urlencoded"})


def cli_rows(store: str, query: str) -> set[tuple]:
    result = CliRunner().invoke(main, ["query", query, "--store", store, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    return {tuple(row.values()) for row in rows}


def test_sparqlwrapper_gets_the_rows_of_kg_query(endpoint, store_dir):
    from SPARQLWrapper import JSON, POST, SPARQLWrapper

    expected = cli_rows(store_dir, str(PRODUCTS.path))
    assert expected
    for method in ("GET", POST):
        client = SPARQLWrapper(endpoint + "/sparql")
        client.setMethod(method)
        client.setQuery(PRODUCTS.text)
        client.setReturnFormat(JSON)
        data = client.query().convert()
        names = data["head"]["vars"]
        got = {tuple(b[n]["value"] if n in b else None for n in names) for b in data["results"]["bindings"]}
        assert got == expected


def test_rdflib_sparqlstore_gets_the_rows_of_kg_query(endpoint, store_dir):
    import rdflib
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    expected = cli_rows(store_dir, str(PRODUCTS.path))
    graph = rdflib.Graph(SPARQLStore(endpoint + "/sparql", returnFormat="json"))
    got = {tuple(str(v) if v is not None else None for v in row) for row in graph.query(PRODUCTS.text)}
    assert got == expected


@pytest.mark.parametrize(("accept", "ctype", "check"), [
    ("application/sparql-results+json", "application/sparql-results+json",
     lambda body: json.loads(body)["results"]["bindings"]),
    ("application/sparql-results+xml", "application/sparql-results+xml",
     lambda body: b"<sparql" in body and "昇腾".encode() in body),
    ("text/csv", "text/csv", lambda body: body.startswith(b"product,productName,type,developerName\r\n")),
    ("text/tab-separated-values", "text/tab-separated-values",
     lambda body: body.startswith(b"?product\t?productName") and '"昇腾"@zh'.encode() in body),
])
def test_curl_select_formats(endpoint, accept, ctype, check):
    out = subprocess.run(["curl", "-s", "-i", "-H", f"Accept: {accept}", "--data-urlencode",
                          f"query={PRODUCTS.text}", endpoint + "/sparql"], capture_output=True, check=True).stdout
    head, _, body = out.partition(b"\r\n\r\n")
    assert b" 200 " in head.split(b"\r\n")[0]
    assert f"content-type: {ctype}".encode() in head.lower()
    assert check(body)


@pytest.mark.parametrize(("accept", "ctype"), [("text/turtle", "text/turtle"),
                                               ("application/ld+json", "application/ld+json")])
def test_curl_construct_formats(endpoint, accept, ctype):
    import rdflib

    query = "CONSTRUCT { ?o kgo:develops ?p } WHERE { ?o kgo:develops ?p }"
    out = subprocess.run(["curl", "-s", "-i", "-H", f"Accept: {accept}", "--data-urlencode", f"query={query}",
                          endpoint + "/sparql"], capture_output=True, check=True).stdout
    head, _, body = out.partition(b"\r\n\r\n")
    assert f"content-type: {ctype}".encode() in head.lower()
    graph = rdflib.Graph().parse(data=body.decode(), format="json-ld" if "json" in ctype else "turtle")
    assert len(graph) >= 3


def test_ask_and_get(endpoint):
    query = urllib.parse.quote("ASK { ?p a kgo:Person }")
    status, _, body = http(f"{endpoint}/sparql?query={query}", headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and json.loads(body)["boolean"] is True


def test_post_sparql_query_and_params(endpoint):
    text = curated_query("people-of-organization").text
    status, _, body = http(endpoint + "/sparql?%24org=" + urllib.parse.quote("百度"), text.encode(),
                           {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    assert status == 200
    names = {b["name"]["value"] for b in json.loads(body)["results"]["bindings"]}
    assert "王海峰" in names


def test_update_refused_unless_allowed(endpoint, tmp_path):
    update = "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"
    status, _, body = http(endpoint + "/sparql", update.encode(), {"Content-Type": "application/sparql-update"})
    assert status == 403 and b"--allow-update" in body
    status, _, _ = http(endpoint + "/sparql", urllib.parse.urlencode({"update": update}).encode(),
                        {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403

    writable = str(tmp_path / "rw")
    with KnowledgeGraph.open(writable) as kg:
        kg.build([SAMPLES / "003_8aa938fb62833662.txt"])
    server, service, _ = serve_in_thread(writable, allow_update=True, timeout=10)
    base = "http://{}:{}".format(*server.server_address[:2])
    try:
        status, _, _ = http(base + "/sparql", update.encode(), {"Content-Type": "application/sparql-update"})
        assert status == 204
        status, _, body = post_query(base, "ASK { <urn:x:a> <urn:x:b> <urn:x:c> }")
        assert json.loads(body)["boolean"] is True
    finally:
        server.shutdown()
        server.server_close()
        service.close()


def test_runaway_query_is_stopped_and_the_server_keeps_serving(endpoint):
    started = time.monotonic()
    cross = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    status, _, body = post_query(endpoint, cross)
    assert status == 503 and b"time limit" in body
    assert time.monotonic() - started < 6
    status, _, body = post_query(endpoint, "ASK { ?s ?p ?o }")
    assert status == 200 and json.loads(body)["boolean"] is True


def test_bad_sparql_is_a_400_with_the_parser_message(endpoint):
    status, _, body = post_query(endpoint, "SELECT * WHERE { ?s ?p }")
    assert status == 400
    assert b"SPARQL syntax error: error at 1:" in body and b"expected" in body


def test_result_size_limit(endpoint):
    status, headers, body = post_query(endpoint, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == 50
    assert headers["X-KG-Truncated"] == "50"


def test_negotiation():
    assert negotiate("text/csv;q=0.5, application/sparql-results+xml", "select") == "xml"
    assert negotiate("*/*", "graph") == "turtle"
    assert negotiate("text/html,application/xhtml+xml,*/*;q=0.8", "select") == "json"
    assert negotiate("", "select", "tsv") == "tsv"


# --- the query page in a real browser ----------------------------------------------------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


class Browser:
    """Headless Chromium over the DevTools protocol (websocket-client)."""

    def __init__(self, profile: Path) -> None:
        import websocket

        self.process = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 20
        while not port_file.exists() or not port_file.read_text().strip():
            if time.monotonic() > deadline:
                raise RuntimeError("Chromium did not start")
            time.sleep(0.05)
        port = int(port_file.read_text().split()[0])
        targets = json.loads(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10).read())
        page = next(t for t in targets if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=20, suppress_origin=True)
        self.next_id = 0

    def call(self, method: str, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(message["error"])
                return message["result"]

    def js(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def wait(self, expression: str, timeout: float = 15):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.js(expression)
            if value:
                return value
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {expression}")

    def close(self) -> None:
        self.ws.close()
        self.process.kill()
        self.process.wait(10)


@pytest.fixture
def browser(tmp_path):
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (apt-get install chromium)")
    b = Browser(tmp_path / "profile")
    yield b
    b.close()


@pytest.mark.slow
def test_query_page_pick_run_see_rows(endpoint, browser):
    browser.call("Page.navigate", url=endpoint + "/")
    browser.wait("document.body && document.body.dataset.ready === '1'")
    options = browser.js("[...document.querySelectorAll('#pick option')].map(o => o.value)")
    assert "people-of-organization" in options
    browser.js("""(() => { const s = document.getElementById('pick'); s.value = 'people-of-organization';
                  s.dispatchEvent(new Event('change')); })()""")
    assert "?org" in browser.js("document.getElementById('query').value")
    browser.js("document.getElementById('param-org').value = '百度'")
    browser.js("document.getElementById('run').click()")
    cells = browser.wait("""(() => { const t = document.querySelector('#results');
        return t && [...t.querySelectorAll('tbody td')].map(td => td.textContent); })()""")
    assert "王海峰" in cells
    assert "首席技术官" in " ".join(cells)
    assert "行 rows" in browser.js("document.getElementById('status').textContent")


@pytest.mark.slow
def test_query_page_url_runs_a_construct(endpoint, browser):
    browser.call("Page.navigate", url=endpoint + "/?q=network&run=1")
    rows = browser.wait("document.querySelectorAll('#results tbody tr').length")
    assert rows > 10
    href = browser.js("document.getElementById('viz').href")
    assert "/viz?" in href
    status, _, body = http(href)
    assert status in (200, 501)  # 501 when kg.export.viz is missing
    if status == 200:
        page = body.decode()
        assert "<html" in page.lower() and '"nodes":[{"id":0' in page  # cut at --max-rows triples
