"""The query workers of `kg serve`: processes that each hold the store open, and the pool that
hands them requests under a time limit.

Queries run in worker processes, not threads, so that a query past its time limit can be
stopped for certain: its process is killed and a fresh one takes its place (pyoxigraph has no
way to cancel a running query: oxigraph/oxigraph#1336).
"""

from __future__ import annotations

import multiprocessing
import queue
import time
import traceback

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


