"""Who may ask what: no web page can wipe the store, updates need the update token, and the server
answers only to its own names (DNS rebinding)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import urllib.parse
from http.client import HTTPConnection

import pytest

from tests.serve.helpers import http, post_query, printed_lines, running

TOKEN = "s3cret-token"
FACT = "ASK { ?p a kgo:Person }"


@pytest.fixture
def writable(store_dir, tmp_path) -> str:
    path = str(tmp_path / "rw")
    shutil.copytree(store_dir, path)
    return path


@pytest.fixture(scope="module")
def named_endpoint(store_dir):
    with running(store_dir, allowed_hosts=("kg.example.org",)) as base:
        yield base


def form(**fields: str) -> bytes:
    return urllib.parse.urlencode(fields).encode()


def update(base: str, text: str, **headers: str) -> tuple[int, dict, bytes]:
    return http(base + "/sparql", form(update=text), {"Content-Type": "application/x-www-form-urlencoded", **headers})


def still_there(base: str) -> bool:
    return json.loads(post_query(base, FACT)[2])["boolean"]


def test_a_cross_site_form_cannot_wipe_the_store(writable):
    # What <form method=post action=http://127.0.0.1:7878/sparql><input name=update value="DROP ALL">
    # on any web page sends: a form, the page's Origin, no credentials.
    with running(writable, allow_update=True, update_token=TOKEN) as base:
        status, headers, body = update(base, "DROP ALL", Origin="http://evil.example")
        assert status == 403 and b"another site" in body
        status, headers, body = update(base, "DROP ALL")
        assert status == 401 and headers["WWW-Authenticate"].startswith("Bearer")
        assert still_there(base)


def test_an_update_needs_the_token(writable):
    with running(writable, allow_update=True, update_token=TOKEN) as base:
        assert update(base, "DROP ALL", Authorization="Bearer wrong-token")[0] == 401
        assert update(base, "DROP ALL", Authorization=f"Basic {TOKEN}")[0] == 401
        assert still_there(base)
        own_origin = base  # the server's own pages may send updates, with the token
        status, _, _ = update(base, "DROP ALL", Authorization=f"Bearer {TOKEN}", Origin=own_origin)
        assert status == 204
        assert not still_there(base)


def test_kg_serve_makes_a_token_and_prints_it(writable):
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.pop("KG_UPDATE_TOKEN", None)
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", writable, "--port", "0",
                                "--allow-update", "--workers", "1"], stdout=subprocess.PIPE, text=True, env=env)
    lines = printed_lines(process)
    try:
        endpoint = re.search(r"(http://\S+/sparql)", lines.get(timeout=30)).group(1)
        token = re.fullmatch(r"Updates need the header  Authorization: Bearer (\S+)\n", lines.get(timeout=5)).group(1)
        assert len(token) >= 32
        base = endpoint.removesuffix("/sparql")
        assert update(base, "DROP ALL")[0] == 401
        assert update(base, "DROP ALL", Authorization=f"Bearer {token}")[0] == 204
    finally:
        process.terminate()
        process.wait(20)


@pytest.mark.parametrize(("host", "status"), [
    ("evil.example", 403),              # a rebound name: the page's own, not ours
    ("evil.example:7878", 403),
    ("localhost", 200),
    ("LOCALHOST.:7878", 200),
    ("127.0.0.1:7878", 200),            # addresses cannot be rebound
    ("[::1]:7878", 200),
    ("kg.example.org", 200),            # named with --allowed-host
])
def test_only_requests_that_name_this_server_are_answered(named_endpoint, host, status):
    url = urllib.parse.urlsplit(named_endpoint)
    connection = HTTPConnection(url.hostname, url.port, timeout=30)
    connection.putrequest("GET", "/sparql?query=" + urllib.parse.quote(FACT), skip_host=True)
    connection.putheader("Host", host)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    assert response.status == status
    if status == 403:
        assert b"--allowed-host" in body


def test_updates_are_still_refused_without_allow_update(endpoint):
    status, _, body = update(endpoint, "DROP ALL", Authorization=f"Bearer {TOKEN}")
    assert status == 403 and b"--allow-update" in body


def test_the_page_and_the_queries_list_also_check_the_host(endpoint):
    for path in ("/", "/queries"):
        assert http(endpoint + path, headers={"Host": "evil.example"})[0] == 403
