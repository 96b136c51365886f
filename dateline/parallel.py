"""Backfill on Dask: extraction runs in parallel on a `dask.distributed` cluster (a local one of
processes, or an existing one given by its scheduler address); the store is written here, by one
writer, in article order, so the database is the same as after a single-process run.

Workers need Dateline installed (the same version). The knowledge base is read here, once, and
sent to the workers, which build their extractor from it on first use and keep it.
"""
from __future__ import annotations

import hashlib
import pickle
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from dateline.ingest.sources import iter_documents
from dateline.model import InputError, RawDocument
from dateline.pipeline import Extracted, IngestReport, extract_document, ingest_documents

# Documents handed to the cluster ahead of the writer, per worker: enough to keep every worker
# busy while the writer stores, few enough to bound memory.
AHEAD_PER_WORKER = 8
_EXTRACTORS: dict[str, Any] = {}


def connect(workers: int | None, scheduler: str | None) -> tuple[Any, Any]:
    """Returns (client, local cluster or None): a new local cluster of `workers` processes of one
    thread each, or a client of the cluster at `scheduler`."""
    from dask.distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler, timeout="30s"), None
    cluster = LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=50)
    return Client(cluster), cluster


def parallel_ingest(store: Any, specs: Iterable[str], kb: Any, client: Any,
                    on_document: Callable[[str], None] | None = None,
                    on_error: Callable[[InputError], None] | None = None) -> IngestReport:
    """Ingests like `pipeline.ingest`, with extraction on the cluster of `client`."""
    token = hashlib.sha1(pickle.dumps(kb)).hexdigest()  # workers keep one extractor per KB
    [shared_kb] = client.scatter([kb], broadcast=True)
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    window = _Window(client, iter_documents(list(specs)), shared_kb, token, AHEAD_PER_WORKER * workers)
    extractor = _LocalAffiliation(kb)
    return ingest_documents(store, window.items(), extractor, on_document, on_error,  # type: ignore[arg-type]
                            extracted=window.outcomes())


def extract_remote(item: RawDocument, kb: Any, token: str) -> tuple[str, Any, Any]:
    """Runs on a worker: cleans and extracts one document. Errors travel as plain tuples."""
    extractor = _EXTRACTORS.get(token)
    if extractor is None:
        from dateline.extract.extractor import Extractor

        extractor = _EXTRACTORS[token] = Extractor.from_kb(kb)
    outcome = extract_document(item, extractor)
    if isinstance(outcome, InputError):
        return ("error", outcome.origin, outcome.problem)
    return ("ok", outcome[0], outcome[1])


class _Window:
    """Hands documents to the cluster ahead of the writer and gives the outcomes back in order."""

    def __init__(self, client: Any, source: Iterator[RawDocument | InputError], kb: Any, token: str,
                 size: int) -> None:
        self.client, self.source, self.kb, self.token, self.size = client, source, kb, token, size
        self.buffer: deque[tuple[RawDocument | InputError, Any]] = deque()
        self.futures: deque[tuple[RawDocument, Any]] = deque()
        self.exhausted = False

    def _fill(self) -> None:
        while not self.exhausted and len(self.buffer) + len(self.futures) < self.size:
            item = next(self.source, None)
            if item is None:
                self.exhausted = True
                break
            future = (self.client.submit(extract_remote, item, self.kb, self.token, pure=False)
                      if isinstance(item, RawDocument) else None)
            self.buffer.append((item, future))

    def items(self) -> Iterator[RawDocument | InputError]:
        while True:
            self._fill()
            if not self.buffer:
                return
            item, future = self.buffer.popleft()
            if future is not None:
                self.futures.append((item, future))  # type: ignore[arg-type]
            yield item

    def outcomes(self) -> Iterator[Extracted]:
        while self.futures:
            item, future = self.futures.popleft()
            try:
                kind, first, second = future.result()
            except Exception as error:  # a worker lost or a bug: this article only
                yield InputError(item.origin, f"extraction failed on the cluster ({type(error).__name__}:"
                                              f" {error}); the article was not stored")
                continue
            finally:
                future.release()
            yield InputError(first, second) if kind == "error" else (first, second)


class _LocalAffiliation:
    """Stands for the extractor where the writer needs it: the actors' affiliation for resolving."""

    def __init__(self, kb: Any) -> None:
        from dateline.extract.actors import ActorBook

        self.actors = ActorBook.from_kb(kb)

