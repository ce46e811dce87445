"""Helpers that let a `kg serve` test read like the HTTP exchange it is about.

`http(url, data, headers)` returns (status, headers, body) whatever the status;
`post_query(base, query, accept, **params)` POSTs a form as the query page does;
`running(store, **options)` is a server on a free 127.0.0.1 port for one `with` block;
`in_background(base, query, times)` sends a query that many times at once, answers unread;
`printed_lines(process)` is what a `kg serve` process prints, line by line, waited for with a timeout.
"""

from __future__ import annotations

import contextlib
import queue
import subprocess
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

from kg.serve import serve_in_thread


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


@contextlib.contextmanager
def running(store: str, **options) -> Iterator[str]:
    """The base URL of a server started with `options` (as `make_server`), stopped afterwards."""
    server, service, _ = serve_in_thread(store, **options)
    try:
        yield "http://{}:{}".format(*server.server_address[:2])
    finally:
        server.shutdown()
        server.server_close()
        service.close()


def in_background(base: str, query: str, times: int = 1) -> list[threading.Thread]:
    """Send the query `times` at once, answers unread (the server may stop before it answers)."""
    def send() -> None:
        with contextlib.suppress(OSError):
            post_query(base, query)

    threads = [threading.Thread(target=send, daemon=True) for _ in range(times)]
    for thread in threads:
        thread.start()
    return threads


def printed_lines(process: subprocess.Popen) -> queue.Queue[str]:
    """The lines the process prints, as they come (read by a thread, so a wait can time out)."""
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    return lines
