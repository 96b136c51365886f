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
# busy while the writer stores (three tasks each), few enough to bound memory.
AHEAD_PER_WORKER = 24
BATCH = 8
# A local cluster runs no dashboard: the workers' statistical profiler (a stack sample every 10 ms)
# and the frequent memory and system polls would only take CPU from extraction and the writer.
LOCAL_CONFIG = {"distributed.worker.profile.enabled": False,
                "distributed.worker.memory.monitor-interval": "1s",
                "distributed.admin.system-monitor.interval": "2s",
                "distributed.admin.system-monitor.disk": False}
_EXTRACTORS: dict[str, Any] = {}


def connect(workers: int | None, scheduler: str | None) -> tuple[Any, Any]:
    """Returns (client, local cluster or None): a new local cluster of `workers` processes of one
    thread each, or a client of the cluster at `scheduler`."""
    import dask
    from dask.distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler, timeout="30s"), None
    with dask.config.set(LOCAL_CONFIG):  # the workers' processes take the config they start with
        cluster = LocalCluster(n_workers=workers or 1, threads_per_worker=1, processes=True,
                               # Even without a dashboard the scheduler's HTTP server binds a
                               # port: a free one, not 8787 (taken by any other Dask on the host).
                               dashboard_address=":0", silence_logs=50)
        return Client(cluster), cluster


def parallel_ingest(store: Any, specs: Iterable[str], kb: Any, client: Any,
                    on_document: Callable[[str], None] | None = None,
                    on_error: Callable[[InputError], None] | None = None) -> IngestReport:
    """Ingests like `pipeline.ingest`, with extraction on the cluster of `client`."""
    token = hashlib.sha1(pickle.dumps(kb)).hexdigest()  # workers keep one extractor per KB
    # Every worker builds its extractor now, all at once (about a second each), rather than
    # when its first task comes: then the work is shared from the first article on.
    client.run(prepare_worker, kb, token)
    [shared_kb] = client.scatter([kb], broadcast=True)
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    window = _Window(client, iter_documents(list(specs)), shared_kb, token, AHEAD_PER_WORKER * workers)
    window.start()  # the workers begin while the writer sets up (actor book, near-duplicate index)
    extractor = _LocalAffiliation(kb)
    return ingest_documents(store, window.items(), extractor, on_document, on_error,  # type: ignore[arg-type]
                            extracted=window.outcomes())


def prepare_worker(kb: Any, token: str) -> None:
    """Runs on a worker: builds its extractor for this knowledge base, once."""
    _extractor(kb, token)


def _extractor(kb: Any, token: str) -> Any:
    extractor = _EXTRACTORS.get(token)
    if extractor is None:
        from dateline.extract.extractor import Extractor

        extractor = _EXTRACTORS[token] = Extractor.from_kb(kb)
    return extractor


def extract_batch(items: list[RawDocument], kb: Any, token: str) -> list[tuple[str, Any, Any]]:
    """Runs on a worker: cleans and extracts a few documents. Errors travel as plain tuples.
    (A worker that joined the cluster after the start builds its extractor here.)"""
    extractor = _extractor(kb, token)
    out: list[tuple[str, Any, Any]] = []
    for item in items:
        outcome = extract_document(item, extractor)
        if isinstance(outcome, InputError):
            out.append(("error", outcome.origin, outcome.problem))
        else:
            out.append(("ok", outcome[0], outcome[1]))
    return out


class _Batch:
    """Documents sent to the cluster as one task (a task costs the scheduler, the client and the
    worker a few milliseconds together, a document about 12 ms of extraction: eight documents a
    task keep that overhead small, and the last tasks short enough to end the run evenly)."""

    def __init__(self) -> None:
        self.items: list[RawDocument] = []
        self.future: Any = None
        self.results: list[tuple[str, Any, Any]] | None = None


class _Window:
    """Hands documents to the cluster ahead of the writer and gives the outcomes back in order."""

    def __init__(self, client: Any, source: Iterator[RawDocument | InputError], kb: Any, token: str,
                 size: int) -> None:
        self.client, self.source, self.kb, self.token, self.size = client, source, kb, token, size
        self.buffer: deque[tuple[RawDocument | InputError, _Batch | None, int]] = deque()
        self.taken: deque[tuple[RawDocument, _Batch, int]] = deque()
        self.batch = _Batch()
        self.ahead = 0
        self.exhausted = False

    def _flush(self) -> None:
        if self.batch.items:
            self.batch.future = self.client.submit(extract_batch, self.batch.items, self.kb, self.token,
                                                   pure=False)
            self.batch = _Batch()

    def start(self) -> None:
        """Hands the first documents to the cluster, ahead of the writer's first request."""
        self._fill()

    def _fill(self) -> None:
        while not self.exhausted and self.ahead < self.size:
            item = next(self.source, None)
            if item is None:
                self.exhausted = True
                self._flush()  # the last few documents go out now, not when the writer reaches them
                break
            if isinstance(item, RawDocument):
                self.batch.items.append(item)
                self.buffer.append((item, self.batch, len(self.batch.items) - 1))
                self.ahead += 1
                if len(self.batch.items) >= BATCH:
                    self._flush()
            else:
                self.buffer.append((item, None, 0))

    def items(self) -> Iterator[RawDocument | InputError]:
        while True:
            self._fill()
            if not self.buffer:
                return
            item, batch, index = self.buffer.popleft()
            if batch is not None:
                if batch.future is None:
                    self._flush()
                self.taken.append((item, batch, index))  # type: ignore[arg-type]
            yield item

    def outcomes(self) -> Iterator[Extracted]:
        while self.taken:
            item, batch, index = self.taken.popleft()
            self.ahead -= 1
            if batch.results is None:
                try:
                    batch.results = batch.future.result()
                except Exception as error:  # a worker lost or a bug: these articles only
                    problem = (f"extraction failed on the cluster ({type(error).__name__}: {error});"
                               " the article was not stored")
                    batch.results = [("error", doc.origin, problem) for doc in batch.items]
                batch.future.release()
            kind, first, second = batch.results[index]
            yield InputError(first, second) if kind == "error" else (first, second)


class _LocalAffiliation:
    """Stands for the extractor where the writer needs it: the actors' affiliation for resolving."""

    def __init__(self, kb: Any) -> None:
        from dateline.extract.actors import ActorBook

        self.actors = ActorBook.from_kb(kb)

