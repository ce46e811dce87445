"""The build: read → normalise → extract → resolve → store, one article at a time.

Work is split so that the expensive part runs anywhere and the order-dependent part runs once:

- the main process reads the files as a stream, hashes each raw document
  (`content_hash`, the same hash the article id is made of) and decides, before any
  normalising or extracting, whether the article is new, changed or already in the store
  with the current extractor version (then it is skipped: a rebuild with nothing new only
  reads and hashes);
- `extract_document` (normalise + extract, a pure function of the document) runs on the
  documents that need it: in this process (`jobs=1`), in worker processes (`jobs=N`), or
  on a Dask cluster (`engine="dask"`), a bounded window of chunks at a time, so memory stays
  bounded whatever the corpus size;
- the results come back in input order and the main process resolves them (person
  resolution depends on the articles before, so it is sequential) and writes each article
  in its own transaction, so an interrupted build leaves every article either fully written
  or as it was, and the result does not depend on the number of workers.

`prune=True` drops the graphs of stored articles that none of the given paths hold any more.
"""

from __future__ import annotations

import contextlib
import ctypes
import itertools
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from kg.extract import extract
from kg.model import Document, Extraction, ReadFailure
from kg.normalise import article_id, content_hash, normalise
from kg.ontology import top_class
from kg.read import discover, read_file
from kg.resolve import EXTRACTOR_VERSION, PersonIndex, resolve, to_nquads
from kg.store import ArticleState, Store
from kg.vocab import ONTOLOGY, PREDICATES, article_iri

Progress = Callable[[str], None]
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_KINDS = {"Organization", "Person", "Event", "Place", "Product"}
CHUNK = 16  # documents per task sent to a worker
WINDOW = 4  # chunks in flight per worker: bounds memory, keeps workers busy
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


@dataclass
class BuildReport:
    read: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    pruned: int = 0
    failed: list[ReadFailure] = field(default_factory=list)
    entities: set[str] = field(default_factory=set)
    relations: int = 0
    seconds: float = 0.0

    @property
    def written(self) -> int:
        return self.new + self.changed


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def extract_document(doc: Document) -> Extraction | ReadFailure:
    """Normalise and extract one document: a pure function, safe to run in any process."""
    try:
        article = normalise(doc)
    except Exception as err:
        return ReadFailure(doc.path, f"cannot normalise: {err}")
    try:
        return extract(article)
    except Exception as err:
        return ReadFailure(doc.path, f"extraction failed: {type(err).__name__}: {err}")


def extract_nquads(doc: Document) -> str | ReadFailure:
    """Document → N-Quads of its article graph, resolved on its own (people not yet merged
    across articles): the form to map over a cluster when the output goes straight to a bulk
    loader. `build` ships extractions instead, so that people resolve as in a local build."""
    result = extract_document(doc)
    return result if isinstance(result, ReadFailure) else to_nquads(resolve(result))


def _extract_chunk(docs: list[Document]) -> list[Extraction | ReadFailure]:
    return [extract_document(doc) for doc in docs]


def build(store: Store, paths: Iterable[str | Path], progress: Progress | None = None, *,
          jobs: int = 1, prune: bool = False, engine: str = "local", scheduler: str | None = None) -> BuildReport:
    """Read, extract and store every article under `paths` (see the module's docstring);
    `progress`, when given, is called with each article's path (or a file's that failed)
    as soon as that article is done: skipped, written or failed."""
    started = time.perf_counter()
    report = BuildReport()
    done = progress or (lambda path: None)
    paths = list(paths)
    known = store.articles()
    by_path: dict[str, list[str]] = {}
    for state in known.values():
        by_path.setdefault(state.source_path, []).append(state.graph)
    table = store.persons()
    persons = PersonIndex(known=lambda name: table.get(name, []))
    seen: set[str] = set()
    unread: set[str] = set()  # files and folders that failed to read: prune keeps what they hold
    root = build_root(paths)
    # (file, article) paths as stored, of the documents on their way to extraction, in order
    stored: deque[tuple[str, str]] = deque()

    def todo() -> Iterator[Document]:
        """The documents that need extracting; the others are counted and skipped here."""
        for item in discover(paths):
            if isinstance(item, ReadFailure):
                report.failed.append(item)
                unread.add(relative_path(item.path, root))
                continue
            file = relative_path(item, root)
            for doc in read_file(item):
                if isinstance(doc, ReadFailure):
                    report.failed.append(doc)
                    unread.add(file)
                    done(doc.path)
                    continue
                report.read += 1
                graph = article_iri(article_id(doc.file_name, content_hash(doc))).value
                state = known.get(graph)
                if graph in seen or (state is not None and state.extractor_version == EXTRACTOR_VERSION):
                    seen.add(graph)
                    report.unchanged += 1
                    done(doc.path)
                    continue
                seen.add(graph)
                stored.append((file, file + doc.path[len(str(item)):]))  # a record's path goes on with #key
                yield doc

    for doc, result in _extractions(todo(), jobs, engine, scheduler):
        file, source = stored.popleft()
        if isinstance(result, ReadFailure):
            report.failed.append(result)
            unread.add(file)
        else:
            result = replace(result, article=replace(result.article, path=source))
            try:
                quads = resolve(result, persons)
            except Exception as err:  # one article's bad data is that article's failure, not the build's
                report.failed.append(ReadFailure(doc.path, f"cannot resolve: {type(err).__name__}: {err}"))
                unread.add(file)
            else:
                _write(store, result, quads, known, by_path, report)
        done(doc.path)
    if report.changed:
        store.sweep_entities()
    if prune:
        gone = [state.graph for state in known.values()
                if state.graph not in seen and not _under(state.source_path, unread)]
        if gone:
            store.remove_articles(gone)
        report.pruned = len(gone)
    report.seconds = time.perf_counter() - started
    return report


def build_root(paths: Iterable[str | Path]) -> str:
    """The folder that stored source paths are relative to: the folder given, the folder of the
    file given, or the deepest folder holding all the given paths that exist."""
    folders = [os.path.abspath(p if p.is_dir() else p.parent) for p in map(Path, paths) if p.exists()]
    return os.path.commonpath(folders) if folders else os.getcwd()


def relative_path(path: str | Path, root: str) -> str:
    """A path as the graph stores it: relative to the build's root, with / between folders, so the
    graph names no folder of the machine (a path outside the root, of a failure only, gets ..)."""
    return Path(os.path.relpath(os.path.abspath(path), root)).as_posix()


def _under(source_path: str, unread: set[str]) -> bool:
    """Whether an article's file, or a folder above it, failed to read. The file is the path up to
    a '#' (a record's key follows), or up to a later one, since a file name may hold a '#' too."""
    cuts = [i for i, ch in enumerate(source_path) if ch == "#"]
    files = {PurePosixPath(source_path[:i]) for i in [*cuts, len(source_path)]}
    return any(str(path) in unread for file in files for path in (file, *file.parents))


def _extractions(docs: Iterator[Document], jobs: int, engine: str,
                 scheduler: str | None) -> Iterator[tuple[Document, Extraction | ReadFailure]]:
    """(document, extraction) in input order, from this process, a process pool or Dask."""
    if engine == "dask":
        from kg.distributed import dask_extractions

        yield from dask_extractions(docs, scheduler, _extract_chunk, CHUNK)
        return
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r} (local or dask)")
    if jobs <= 1:
        for doc in docs:
            yield doc, extract_document(doc)
        return
    yield from _in_workers(docs, jobs)


def _in_workers(docs: Iterator[Document], jobs: int) -> Iterator[tuple[Document, Extraction | ReadFailure]]:
    """(document, extraction) in input order from `jobs` worker processes.

    Not Pool.imap: its feeder thread drains the input as fast as it can read it, so a corpus
    larger than memory would be read into the queue. Here at most jobs × WINDOW chunks are in
    flight, and they are collected in order. A worker that dies (killed by the kernel for its
    memory, a crash in C code) breaks the pool and every chunk in flight: those chunks run
    again one document at a time in a pool of their own, so that only the document that kills
    a worker there fails, and the build goes on with a new pool.
    """
    workers, alone = _Workers(jobs), _Workers(1)
    try:
        pending: deque[tuple[list[Document], Future]] = deque()
        for chunk in iter(lambda: list(itertools.islice(docs, CHUNK)), []):
            pending.append((chunk, workers.submit(chunk)))
            if len(pending) >= jobs * WINDOW:
                yield from _collect(*pending.popleft(), alone)
        while pending:
            yield from _collect(*pending.popleft(), alone)
    finally:
        workers.close()
        alone.close()


def _collect(chunk: list[Document], future: Future,
             alone: _Workers) -> Iterator[tuple[Document, Extraction | ReadFailure]]:
    try:
        results = future.result()
    except Exception:  # its worker died, or the results could not be sent back
        results = [alone.extract_one(doc) for doc in chunk]
    yield from zip(chunk, results, strict=True)


class _Workers:
    """A process pool that is replaced by a new one when a worker dies."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, docs: list[Document]) -> Future:
        if self._pool is not None:
            try:
                return self._pool.submit(_extract_chunk, docs)
            except BrokenProcessPool:
                self._pool.shutdown(wait=False)
        self._pool = ProcessPoolExecutor(self.size, initializer=_die_with_parent, initargs=(os.getpid(),))
        return self._pool.submit(_extract_chunk, docs)

    def extract_one(self, doc: Document) -> Extraction | ReadFailure:
        """One document alone, so that whatever goes wrong is its own failure."""
        try:
            [result] = self.submit([doc]).result()
        except BrokenProcessPool:
            return ReadFailure(doc.path, "extraction failed: the worker process died (out of memory, killed "
                                         "or crashed) while extracting this article")
        except Exception as err:
            return ReadFailure(doc.path, f"extraction failed: {type(err).__name__}: {err}")
        return result

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)


def _die_with_parent(build: int) -> None:
    """A worker's first step: exit when the build does, even when it is SIGKILLed and runs no cleanup
    (a worker holds hundreds of MB). On Linux the kernel kills the worker when its parent exits
    (PR_SET_PDEATHSIG); a thread that checks for the parent every half second does it elsewhere,
    and covers a build that died before the worker got this far."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):  # no prctl in this libc: the thread still watches
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    parent = os.getppid()  # the build, or the fork server that started this worker for it
    threading.Thread(target=_watch_parent, args=(parent, build), name="kg-watch-parent", daemon=True).start()


def _watch_parent(parent: int, build: int) -> None:
    while os.getppid() == parent and _exists(build):
        time.sleep(0.5)
    os._exit(1)


def _exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # a process of another user: it exists
        return True
    return True


def _write(store: Store, extraction: Extraction, quads: list, known: dict[str, ArticleState],
           by_path: dict[str, list[str]], report: BuildReport) -> None:
    article = extraction.article
    graph = article_iri(article.id)
    state = known.get(graph.value)
    stale = [g for g in by_path.get(article.path, []) if g != graph.value]
    store.write_article(graph, quads, replaces=stale)
    if stale or state is not None:
        report.changed += 1
    else:
        report.new += 1
    _count(quads, report)
    for old in by_path.get(article.path, []):
        known.pop(old, None)
    known[graph.value] = ArticleState(graph.value, article.file_name, article.path, article.content_hash,
                                      EXTRACTOR_VERSION)
    by_path[article.path] = [graph.value]


def _count(quads, report: BuildReport) -> None:
    for q in quads:
        p = q.predicate.value
        if p == _RDF_TYPE and q.object.value.startswith(ONTOLOGY):
            if _top_kind(q.object.value[len(ONTOLOGY):]):
                report.entities.add(q.subject.value)
        elif p.startswith(ONTOLOGY) and p[len(ONTOLOGY):] in PREDICATES:
            report.relations += 1


def _top_kind(local: str) -> bool:
    return top_class(local) in _KINDS
