"""Starting `kg serve`: the HTTP server over a pool of query workers."""

from __future__ import annotations

import socket
import threading
from http.server import ThreadingHTTPServer

from kg.errors import StoreError
from kg.serve.handler import Handler
from kg.serve.pool import QueryService


class Server(ThreadingHTTPServer):
    """One thread per connection, and a listen backlog as long as the system allows: Python's
    default of 5 dropped the SYNs of a burst past the 6th connect, each then waiting a second for
    its retransmission (7 of 200 requests). The kernel caps it at net.core.somaxconn."""

    request_queue_size = socket.SOMAXCONN
    daemon_threads = True


def make_server(store: str, host: str = "127.0.0.1", port: int = 7878, allow_update: bool = False,
                timeout: float = 30.0, max_rows: int = 10000, workers: int = 2,
                quiet: bool = False) -> tuple[Server, QueryService]:
    service = QueryService(store, allow_update=allow_update, timeout=timeout, max_rows=max_rows, workers=workers)
    handler = type("KGHandler", (Handler,), {"service": service, "quiet": quiet})
    try:
        server = Server((host, port), handler)
    except OSError as err:
        service.close()
        raise StoreError(f"cannot listen on {host}:{port}: {err}") from None
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


def serve_in_thread(store: str, **options) -> tuple[Server, QueryService, threading.Thread]:
    """For tests and notebooks: the server on a free port (options as `make_server`)."""
    options.setdefault("port", 0)
    options.setdefault("quiet", True)
    server, service = make_server(store, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, service, thread


