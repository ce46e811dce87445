"""Starting `kg serve`: the HTTP server over a pool of query workers."""

from __future__ import annotations

import secrets
import signal
import socket
import threading
from collections.abc import Callable
from dataclasses import replace
from http.server import ThreadingHTTPServer

from kg.errors import StoreError
from kg.serve.access import Access
from kg.serve.handler import Handler
from kg.serve.pool import QueryService
from kg.serve.settings import Settings


class Server(ThreadingHTTPServer):
    """One thread per connection, and a listen backlog as long as the system allows: Python's
    default of 5 dropped the SYNs of a burst past the 6th connect, each then waiting a second for
    its retransmission (7 of 200 requests). The kernel caps it at net.core.somaxconn."""

    request_queue_size = socket.SOMAXCONN
    daemon_threads = True
    settings: Settings


def make_server(store: str, **options) -> tuple[Server, QueryService]:
    """The server (bound, not yet serving) and its worker pool; `options` are `Settings` fields.
    With updates allowed and no token given, a token is made; `server.settings` has it."""
    settings = Settings(**options)
    if settings.allow_update and settings.update_token is None:
        settings = replace(settings, update_token=secrets.token_urlsafe(24))
    access = Access.of(settings.host, settings.allowed_hosts, settings.update_token)
    service = QueryService(store, allow_update=settings.allow_update, timeout=settings.timeout,
                           max_rows=settings.max_rows, workers=settings.workers, queue=settings.queue)
    handler = type("KGHandler", (Handler,), {"service": service, "settings": settings, "access": access})
    try:
        server = Server((settings.host, settings.port), handler)
    except OSError as err:
        service.close()
        raise StoreError(f"cannot listen on {settings.host}:{settings.port}: {err}") from None
    server.settings = settings
    return server, service


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM (systemd, docker stop, kill) stops the server as Ctrl-C does, so that the workers
    are killed with it: a worker busy with a query would otherwise run on until the query ends."""
    raise KeyboardInterrupt


def serve(store: str, ready: Callable[[Server], None] | None = None, **options) -> None:
    """Serve until interrupted; `ready` is called with the server once it listens."""
    server, service = make_server(store, **options)
    signal.signal(signal.SIGTERM, _interrupt)
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
