"""Extraction on a Dask cluster: `kg build --engine dask --scheduler tcp://host:8786`.

Extraction is a pure function of a document, so it maps over any cluster; what comes back
is resolved and written by the calling process in input order, as in a local build. Only a
bounded window of chunks is in flight, so the corpus streams through the cluster.
Needs the `dask` extra: `pip install "china-ai-kg[dask]"`.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Callable, Iterator

from kg.errors import KGError
from kg.model import Document, Extraction, ReadFailure

WINDOW = 8  # chunks in flight per worker thread


def dask_client(scheduler: str | object | None):
    try:
        from dask.distributed import Client
    except ImportError:
        raise KGError('--engine dask needs Dask: pip install "china-ai-kg[dask]"') from None
    if scheduler is None:
        raise KGError("--engine dask needs --scheduler ADDRESS (e.g. tcp://127.0.0.1:8786)")
    return Client(scheduler, set_as_default=False)  # an address, or a LocalCluster object


def dask_extractions(docs: Iterator[Document], scheduler, extract_chunk: Callable, chunk: int
                     ) -> Iterator[tuple[Document, Extraction | ReadFailure]]:
    client = dask_client(scheduler)
    try:
        slots = max(1, sum(client.nthreads().values())) * WINDOW
        pending: deque = deque()
        for part in iter(lambda: list(itertools.islice(docs, chunk)), []):
            pending.append((part, client.submit(extract_chunk, part, pure=False)))
            if len(pending) >= slots:
                yield from _gather(pending.popleft())
        while pending:
            yield from _gather(pending.popleft())
    finally:
        client.close()


def _gather(item) -> Iterator[tuple[Document, Extraction | ReadFailure]]:
    part, future = item
    results = future.result()
    future.release()
    yield from zip(part, results, strict=True)
