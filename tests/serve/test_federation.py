"""Federation is off by default: however SERVICE (or LOAD) is spelled, the server sends no request to
another server; with --allow-service HOST, SERVICE reaches that host and no other."""

from __future__ import annotations

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from kg.errors import RequestError
from kg.serve.federation import check_federation
from tests.serve.helpers import http, post_query, running

REMOTE_ROW = {"head": {"vars": ["s"]},
              "results": {"bindings": [{"s": {"type": "uri", "value": "http://example.org/remote"}}]}}


@pytest.fixture
def listener():
    """A SPARQL endpoint on 127.0.0.1 that records the path of every request it gets."""
    paths: list[str] = []

    class Recorder(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            paths.append(urllib.parse.urlsplit(self.path).path)
            body = json.dumps(REMOTE_ROW).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.do_GET()

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", paths
    server.shutdown()
    server.server_close()


# Each spelling made pyoxigraph send a request to the listener before federation was turned off.
SPELLINGS = {
    "plain": "SELECT * WHERE { SERVICE <{url}/plain> { ?s ?p ?o } }",
    "lower case": "select * where { service <{url}/lower> { ?s ?p ?o } }",
    "silent": "SELECT * WHERE { SERVICE SILENT <{url}/silent> { ?s ?p ?o } }",
    "no spaces": "SELECT * WHERE { SERVICE<{url}/glued>{?s ?p ?o} }",
    "keywords glued": "SELECT * WHERE { SERVICESILENT<{url}/servicesilent>{?s ?p ?o} }",
    "prefixed name": "PREFIX : <{url}/> SELECT * WHERE { SERVICE:prefixed { ?s ?p ?o } }",
    "comment between": "SELECT * WHERE { SERVICE#x\n<{url}/comment> { ?s ?p ?o } }",
    "inside EXISTS": "SELECT * WHERE { BIND(1 AS ?x) FILTER(?x<2&&EXISTS{SERVICE<{url}/exists>{?a ?b ?c}}) }",
    "relative to BASE": "BASE <{url}/> SELECT * WHERE { SERVICE <base> { ?s ?p ?o } }",
    "escape in the IRI": "SELECT * WHERE { SERVICE <{url}/iri\\u0041> { ?s ?p ?o } }",
    # Quotes a scanner could misread: an escaped quote in a name, an escaped quote in a string.
    "quote in a name": "PREFIX ex: <http://e/> SELECT * { OPTIONAL { ?s ex:a\\'b ?o } "
                       "SERVICE <{url}/name> { ?a ?b ?c } OPTIONAL { ?s ex:c\\'d ?o } }",
    "quote escaped in a string": 'SELECT * { BIND("\\u0022" AS ?x) SERVICE <{url}/string> { ?a ?b ?c } '
                                 'BIND("""x""" AS ?y) }',
}


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_no_spelling_of_service_reaches_another_server(endpoint, listener, spelling):
    url, paths = listener
    status, _, body = post_query(endpoint, SPELLINGS[spelling].replace("{url}", url))
    assert status == 400 and b"--allow-service" in body
    assert paths == []


def test_a_service_bound_by_a_parameter_is_refused(endpoint, listener):
    # Oxigraph 0.5 leaves a SERVICE variable unbound; Jena (a --store URL) binds it.
    url, paths = listener
    status, _, _ = post_query(endpoint, "SELECT * WHERE { SERVICE ?e { ?s ?p ?o } }", e=url + "/param")
    assert status == 400
    assert paths == []


def test_load_in_an_update_reaches_no_server(store_dir, listener, tmp_path):
    import shutil

    url, paths = listener
    writable = str(tmp_path / "rw")
    shutil.copytree(store_dir, writable)
    with running(writable, allow_update=True, update_token="t0ken") as base:
        for update in (f"LOAD <{url}/load>", f"PREFIX : <{url}/> LOAD:prefixed"):
            status, _, body = http(base + "/sparql", update.encode(), {"Content-Type": "application/sparql-update",
                                                                       "Authorization": "Bearer t0ken"})
            assert status == 400 and b"LOAD" in body
    assert paths == []


def test_allow_service_reaches_that_host_and_no_other(store_dir, listener):
    url, paths = listener
    with running(store_dir, allow_service=("127.0.0.1",)) as base:
        status, _, body = post_query(base, f"SELECT ?s WHERE {{ SERVICE <{url}/allowed> {{ ?s ?p ?o }} }}")
        assert status == 200
        assert json.loads(body)["results"]["bindings"] == REMOTE_ROW["results"]["bindings"]
        assert paths == ["/allowed"]

        other = url.replace("127.0.0.1", "localhost")
        status, _, body = post_query(base, f"SELECT * WHERE {{ SERVICE <{other}/other> {{ ?s ?p ?o }} }}")
        assert status == 400 and b"not allowed" in body
        status, _, body = post_query(base, "SELECT * WHERE { SERVICE ?e { ?s ?p ?o } }", e=url + "/param")
        assert status == 400 and b"full <http://host/" in body
    assert paths == ["/allowed"]


@pytest.mark.parametrize("query", [
    "SELECT ?service WHERE { ?service a schema:Service ; schema:serviceType ?t }",
    "SELECT * WHERE { ?s ?p 'SERVICE <http://127.0.0.1/> {}' } # SERVICE <http://127.0.0.1/>",
    "SELECT * WHERE { <http://example.org/SERVICE> ?p ?o }",
    "SELECT * WHERE { ?s ?p ?o FILTER(CONTAINS(?o, \"\"\"service\"\"\")) }",
])
def test_the_word_in_names_strings_comments_and_iris_is_no_federation(query):
    check_federation(query)


@pytest.mark.parametrize("update", [
    "INSERT DATA { <http://example.org/a> schema:downloadUrl 'load' }",
    "DELETE WHERE { ?s schema:payload ?loaded }",
])
def test_the_word_load_in_an_update_is_no_load(update):
    check_federation(update, update=True)


def test_a_name_past_its_second_dot_is_no_longer_a_name():
    # Oxigraph's local names stop at the second dot: `ex:a.b.SERVICE<…>{}` is `ex:a.b`, then SERVICE.
    with pytest.raises(RequestError):
        check_federation("PREFIX ex: <http://e/> SELECT * { ?s ?p ex:a.b.SERVICE<http://127.0.0.1/>{} }")
