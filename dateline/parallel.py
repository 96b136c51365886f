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

# Documents a task (see _Batch), and tasks in flight per worker: enough to keep every worker busy
# while the writer stores, few enough to bound memory (a few MB).
BATCH = 24
TASKS_AHEAD = 4
# A local cluster runs no dashboard: the workers' statistical profiler (a stack sample every 10 ms),
# the frequent memory and system polls and the event loops' 20 ms health tick (a diagnostic: it
# only warns of a blocked loop) would only take CPU from extraction and the writer; with a 1 s
# tick an idle cluster costs this process 8 ms of CPU a second instead of 23, each worker 3
# instead of 12.
LOCAL_CONFIG = {"distributed.worker.profile.enabled": False,
                "distributed.admin.tick.interval": "1s",
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
        # Results come straight from the workers, not relayed through the scheduler.
        return Client(cluster, direct_to_workers=True), cluster


def parallel_ingest(store: Any, specs: Iterable[str], kb: Any, client: Any,
                    on_document: Callable[[str], None] | None = None,
                    on_error: Callable[[InputError], None] | None = None) -> IngestReport:
    """Ingests like `pipeline.ingest`, with extraction on the cluster of `client`."""
    token = hashlib.sha1(pickle.dumps(kb)).hexdigest()  # workers keep one extractor per KB
    # Every worker builds its extractor now, all at once (about a second each), rather than
    # when its first task comes: then the work is shared from the first article on.
    client.run(prepare_worker, kb, token)
    # Scattered under a key named by the token: Dask would otherwise hash the knowledge base to
    # name it, 70 ms a run.
    [shared_kb] = client.scatter({f"dateline-kb-{token}": kb}, broadcast=True).values()
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    window = _Window(client, iter_documents(list(specs)), shared_kb, token, workers)
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


def extract_batch(items: list[RawDocument], kb: Any, token: str) -> bytes:
    """Runs on a worker: cleans and extracts a few documents, and does there everything else about
    them that needs no store: the records become the rows the store inserts (`MentionRow`). The
    outcomes travel as one pickle, which Dask passes on as it is; errors as plain tuples. (A
    worker that joined the cluster after the start builds its extractor here.)"""
    from dateline.store.db import MentionRow

    extractor = _extractor(kb, token)
    out: list[tuple[str, Any, Any]] = []
    for item in items:
        outcome = extract_document(item, extractor)
        if isinstance(outcome, InputError):
            out.append(("error", outcome.origin, outcome.problem))
        else:
            out.append(("ok", outcome[0], [MentionRow.of(record) for record in outcome[1]]))
    return pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL)


class _Batch:
    """Documents sent to the cluster as one task. A task costs the scheduler and the client (this
    process, beside the writer) 2–6 ms of CPU, a document about 11 ms of extraction on a worker:
    tasks of BATCH documents keep that overhead near 0.2 ms an article (it was 0.8 with tasks of
    8 sent one by one); the last documents of a run go in smaller tasks so that the workers
    finish together."""

    def __init__(self, items: list[RawDocument]) -> None:
        self.items = items
        self.future: Any = None
        self.results: list[tuple[str, Any, Any]] | None = None


class _Window:
    """Hands documents to the cluster ahead of the writer and gives the outcomes back in order.

    Round trips to the scheduler are what the writer's process pays for: documents are read
    ahead in refills of several tasks, submitted together, and the writer collects every
    finished task in one request when it needs the next one."""

    def __init__(self, client: Any, source: Iterator[RawDocument | InputError], kb: Any, token: str,
                 workers: int) -> None:
        self.client, self.source, self.kb, self.token, self.workers = client, source, kb, token, workers
        self.size = TASKS_AHEAD * workers * BATCH  # documents in flight at most
        # Refilled once half of it is stored: the other half keeps every worker busy meanwhile,
        # and each refill is one submission of several tasks.
        self.refill = self.size // 2
        self.buffer: deque[tuple[RawDocument | InputError, _Batch | None, int]] = deque()
        self.taken: deque[tuple[RawDocument, _Batch, int]] = deque()
        self.submitted: deque[_Batch] = deque()  # in flight, in order
        # Read from the source but not sent yet: one refill's worth more than the window, so that
        # the end of the source is seen a refill early and the last documents go in small tasks.
        self.held: deque[RawDocument | InputError] = deque()
        self.held_documents = 0
        self.ahead = 0
        self.exhausted = False

    def start(self) -> None:
        """Hands the first documents to the cluster, ahead of the writer's first request."""
        self._fill()

    def _fill(self) -> None:
        if self.ahead > self.size - self.refill:
            return
        while not self.exhausted and self.held_documents < self.size - self.ahead + self.refill:
            item = next(self.source, None)
            if item is None:
                self.exhausted = True
            else:
                self.held.append(item)
                self.held_documents += isinstance(item, RawDocument)
        count = self.held_documents if self.exhausted else min(self.held_documents, self.size - self.ahead)
        fresh: list[_Batch] = []
        for size in _task_sizes(count, self.exhausted, self.workers):
            batch = _Batch([])
            while len(batch.items) < size:
                item = self.held.popleft()
                if isinstance(item, RawDocument):
                    self.buffer.append((item, batch, len(batch.items)))
                    batch.items.append(item)
                else:
                    self.buffer.append((item, None, 0))
            fresh.append(batch)
        if self.exhausted:  # rejected lines after the last document
            self.buffer.extend((item, None, 0) for item in self.held)
            self.held.clear()
        self.held_documents -= count
        self.ahead += count
        if fresh:  # one submission for them all
            futures = self.client.map(extract_batch, [batch.items for batch in fresh], kb=self.kb,
                                      token=self.token, pure=False)
            for batch, future in zip(fresh, futures):
                batch.future = future
                self.submitted.append(batch)

    def items(self) -> Iterator[RawDocument | InputError]:
        while True:
            self._fill()
            if not self.buffer:
                return
            item, batch, index = self.buffer.popleft()
            if batch is not None:
                self.taken.append((item, batch, index))  # type: ignore[arg-type]
            yield item

    def outcomes(self) -> Iterator[Extracted]:
        while self.taken:
            item, batch, index = self.taken.popleft()
            self.ahead -= 1
            if batch.results is None:
                self._collect(batch)
            kind, first, second = batch.results[index]  # type: ignore[index]
            yield InputError(first, second) if kind == "error" else (first, second)

    def _collect(self, needed: _Batch) -> None:
        """Fetches the results of `needed` and of every later task already finished, in one request."""
        batches = [needed] + [b for b in self.submitted if b is not needed and b.future.done()]
        try:
            blobs = self.client.gather([b.future for b in batches], errors="skip")
        except Exception:  # noqa: BLE001 - the needed task failed: its own error is read below
            blobs = None
        if blobs is not None and len(blobs) == len(batches):
            for batch, blob in zip(batches, blobs):
                self._done(batch, pickle.loads(blob))
            return
        try:
            self._done(needed, pickle.loads(needed.future.result()))
        except Exception as error:  # a worker lost or a bug: these articles only
            problem = (f"extraction failed on the cluster ({type(error).__name__}: {error});"
                       " the article was not stored")
            self._done(needed, [("error", doc.origin, problem) for doc in needed.items])

    def _done(self, batch: _Batch, results: list[tuple[str, Any, Any]]) -> None:
        batch.results = results
        batch.future.release()
        self.submitted.remove(batch)


def _task_sizes(count: int, last: bool, workers: int) -> list[int]:
    """Cuts `count` documents into tasks: of BATCH documents, or for the `last` of a run ever
    smaller ones (each a share of what is left), so that every worker ends at about the same time."""
    sizes = []
    while count > 0:
        size = min(BATCH, count) if not last else max(1, min(BATCH, -(-count // (2 * workers))))
        sizes.append(size)
        count -= size
    return sizes


class _LocalAffiliation:
    """Stands for the extractor where the writer needs it: the actors' affiliation for resolving."""

    def __init__(self, kb: Any) -> None:
        from dateline.extract.actors import ActorBook

        self.actors = ActorBook.from_kb(kb)

