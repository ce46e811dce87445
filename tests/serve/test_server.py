"""Starting the server: its options, and a listening socket whose queue holds a burst of connections."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time

import psutil
from click.testing import CliRunner

from kg.cli import main
from kg.serve import make_server
from tests.serve.helpers import in_background, printed_lines


def test_allow_service_takes_hosts_not_urls(store_dir):
    result = CliRunner().invoke(main, ["serve", "--store", store_dir, "--allow-service", "http://example.org/sparql"])
    assert result.exit_code == 2
    assert result.output.strip() == ("Error: --allow-service takes a host name or address, "
                                     "not 'http://example.org/sparql'")


def test_a_burst_of_connections_is_queued_not_dropped(store_dir):
    # Python's default listen backlog is 5: the 7th connect of a burst had its SYN dropped and
    # waited a second for the retransmission. While the server accepts nothing, 200 connects
    # must all complete at once, and each must then get its answer.
    server, service = make_server(store_dir, port=0, quiet=True)
    clients: list[socket.socket] = []
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    try:
        for _ in range(200):
            try:
                clients.append(socket.create_connection(server.server_address[:2], timeout=0.5))
            except TimeoutError:
                break
        assert len(clients) == 200, f"connect {len(clients) + 1} timed out: its SYN was dropped"
        serving.start()
        for client in clients:
            client.settimeout(10)
            client.sendall(b"GET /queries HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        answers = [client.makefile("rb").readline() for client in clients]
        assert all(line.startswith(b"HTTP/1.0 200") for line in answers)
    finally:
        for client in clients:
            client.close()
        if serving.is_alive():
            server.shutdown()
        server.server_close()
        service.close()


def test_an_update_token_without_updates_is_an_error(store_dir):
    result = CliRunner().invoke(main, ["serve", "--store", store_dir, "--update-token", "t0ken"])
    assert result.exit_code == 2
    assert result.output.strip() == "Error: --update-token needs --allow-update"


def test_sigterm_stops_the_server_and_a_busy_worker_with_it(store_dir):
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", store_dir, "--port", "0",
                                "--workers", "1"], stdout=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    lines = printed_lines(process)
    try:
        endpoint = re.search(r"(http://\S+/sparql)", lines.get(timeout=30)).group(1)
        workers = psutil.Process(process.pid).children()
        cross = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
        in_background(endpoint.removesuffix("/sparql"), cross)
        time.sleep(1)
        process.terminate()
        process.wait(10)
        _, alive = psutil.wait_procs(workers, timeout=10)
        assert alive == []
    finally:
        process.kill()
        process.wait(10)
