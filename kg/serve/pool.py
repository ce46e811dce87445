"""The query workers of `kg serve`: processes that each hold the store open, and the pool that
hands them requests under a time limit.

Queries run in worker processes, not threads, so that a query past its time limit can be
stopped for certain: its process is killed and a fresh one takes its place (pyoxigraph has no
way to cancel a running query: oxigraph/oxigraph#1336).
"""

from __future__ import annotations

import math
import multiprocessing
import socket
import threading
import time
import traceback
from multiprocessing.connection import wait
from queue import Empty, SimpleQueue

from kg.errors import KGError, QueryError, StoreError
from kg.serve.protocol import (
    CONTENT_TYPES,
    Answer,
    negotiate,
    offered,
    serialize_boolean,
    serialize_rows,
    serialize_triples,
)


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
    fmt = negotiate(request["accept"], result.kind, request["formats"])
    if fmt is None:
        what = "CONSTRUCT/DESCRIBE" if result.kind == "graph" else "SELECT/ASK"
        return {"status": 406, "message": f"a {what} result can be sent as {offered(result.kind)}; the request's "
                                          "Accept (or format=) takes none of them"}
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
    """One worker process and the pipe to it."""

    def __init__(self, store: str, read_only: bool) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, store, read_only), daemon=True)
        self.process.start()
        child.close()
        self.ready = False
        self.killing = threading.Lock()

    def wait_ready(self, timeout: float) -> bool:
        """Whether the worker has opened the store within `timeout` seconds (StoreError if it failed)."""
        if not self.ready:
            if not self.conn.poll(timeout):
                return False
            answer = self.conn.recv()
            if answer["status"] != 200:
                self.kill()
                raise StoreError(answer["message"])
            self.ready = True
        return True

    def kill(self) -> None:
        """SIGKILL, so that the query it runs stops at once and its CPU is free. Once only: the pool
        closing and the request it runs may both kill it, and a pipe closed twice could close a
        descriptor opened in between."""
        with self.killing:
            if self.conn.closed:
                return
            if self.process.is_alive():
                self.process.kill()
            self.process.join(5)
            self.conn.close()


def _client_gone(client: socket.socket) -> bool:
    """Whether the client closed its connection (a read would see the end of the stream)."""
    try:
        return client.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


class QueryService:
    """A pool of `workers` processes, at most `queue` more requests waiting for one, and a time
    limit per request that counts the wait.

    A request past the pool and the queue is refused at once (503 and Retry-After) instead of
    stalling; a request still without a worker at its time limit gets the same. A query past the
    limit, or whose client went away, is stopped by killing its worker, and a fresh worker takes
    its place. With updates allowed there is one read-write worker: RocksDB has one writer, and a
    read-only open would not see the writes.
    """

    def __init__(self, store: str, allow_update: bool = False, timeout: float = 30.0, max_rows: int = 10000,
                 workers: int = 4, queue: int = 16) -> None:
        if store == "memory:" or store == "rdflib:":
            raise StoreError("kg serve needs a store folder or a SPARQL endpoint URL")
        self.store, self.timeout, self.max_rows = store, timeout, max_rows
        self.read_only = not allow_update
        self.size = 1 if allow_update else max(1, workers)
        self.queue = max(0, queue)
        self.admitted = threading.BoundedSemaphore(self.size + self.queue)
        self.idle: SimpleQueue[Worker] = SimpleQueue()
        self.workers: set[Worker] = set()
        self.lock = threading.Lock()
        self.closed = False
        # All start at once and the pool is ready when all are: no first query waits for a start.
        for worker in [self._start() for _ in range(self.size)]:
            if not worker.wait_ready(60):
                self.close()
                raise StoreError(f"the store {store} did not open in 60 s")
            self.idle.put(worker)

    def _start(self) -> Worker:
        worker = Worker(self.store, self.read_only)
        with self.lock:
            if not self.closed:
                self.workers.add(worker)
                return worker
        worker.kill()  # the pool closed while it started
        return worker

    def _replace(self, worker: Worker) -> Worker:
        """Kill a worker and start another in its place, unless the pool is closed."""
        worker.kill()
        with self.lock:
            self.workers.discard(worker)
            if self.closed:
                return worker
        return self._start()

    def close(self) -> None:
        """Kill every worker, the busy ones too; requests still running get 500."""
        with self.lock:
            self.closed = True
            workers, self.workers = self.workers, set()
        for worker in workers:
            worker.kill()

    def run(self, request: dict, client: socket.socket | None = None) -> Answer:
        """Run a request on a worker within the time limit; `client` is watched so that a query
        nobody waits for any more is stopped."""
        if not self.admitted.acquire(blocking=False):
            return Answer(503, f"the server is busy: {self.size} queries are running and {self.queue} waiting; "
                               "try again shortly\n".encode(), headers={"Retry-After": "1"})
        try:
            return self._run(request, client, time.monotonic() + self.timeout)
        finally:
            self.admitted.release()

    def _run(self, request: dict, client: socket.socket | None, deadline: float) -> Answer:
        busy = Answer(503, f"every worker stayed busy for the time limit of {self.timeout:g} s; try again later\n"
                      .encode(), headers={"Retry-After": str(math.ceil(self.timeout))})
        try:
            worker = self.idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except Empty:
            return busy
        try:
            if not worker.wait_ready(max(0.0, deadline - time.monotonic())):
                return busy
            worker.conn.send({**request, "max_rows": self.max_rows})
            watched: list = [worker.conn] + ([client] if client else [])
            while True:
                ready = wait(watched, timeout=max(0.0, deadline - time.monotonic()))
                if worker.conn in ready:
                    reply = worker.conn.recv()
                    break
                if not ready:
                    worker = self._replace(worker)
                    return Answer(503, f"the query ran longer than the time limit of {self.timeout:g} s and was "
                                       "stopped; add LIMIT, narrow the patterns, or ask for a higher --timeout\n"
                                  .encode())
                if _client_gone(client):
                    worker = self._replace(worker)
                    # 499, nginx's "client closed request": for the log line, as nobody reads it.
                    return Answer(499, b"the client closed the connection; the query was stopped\n")
                watched = [worker.conn]  # the client sent more: it is still there, stop watching it
        except (EOFError, OSError, StoreError) as err:
            worker = self._replace(worker)
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
