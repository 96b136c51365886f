"""The watch loop: polls due feeds (network in worker threads, one at a time per host), then
ingests their new items here, in one writer, one transaction per article, and updates the ledger.

State lives in the database (migration 0010): a restart resumes the schedule, and a crash loses
nothing, because a feed's validators (ETag, Last-Modified) are saved only after all its items
are stored; items already stored are recognised by their text and their links are not fetched
again. `stop` (an Event set by SIGINT/SIGTERM) ends the loop between two articles.
"""
from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from dateline.ingest.feeds import feed_documents
from dateline.model import InputError, RawDocument
from dateline.pipeline import _affiliation, ingest_documents, update_ledger
from dateline.store import feed_state
from dateline.store.db import Store
from dateline.watch.config import FeedSpec, WatchConfig
from dateline.watch.http import HostGate, conditional_get, polite_fetch


class _AlreadySeen(InputError):
    """An item link stored or known on an earlier poll: not fetched again."""


@dataclass
class FeedPoll:
    """What one poll of one feed brought back (network only; nothing stored yet)."""

    feed: FeedSpec
    status: str  # "new items" | "not modified" | "error"
    items: list[RawDocument | InputError] = field(default_factory=list)
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None


@dataclass
class PollSummary:
    url: str
    status: str
    new: int = 0
    known: int = 0
    rejected: int = 0
    error: str | None = None

    def line(self) -> str:
        text = f"{self.url}: {self.status}, {self.new} new, {self.known} already known"
        if self.rejected:
            text += f", {self.rejected} rejected"
        return text + (f" ({self.error})" if self.error else "")


class Watcher:
    def __init__(self, store: Store, config: WatchConfig, extractor: object,
                 on_poll: Callable[[PollSummary], None] | None = None) -> None:
        self.store, self.config, self.extractor, self.on_poll = store, config, extractor, on_poll
        self.gate = HostGate(config.host_delay)
        self.urls = [feed.url for feed in config.feeds]
        self.specs = {feed.url: feed for feed in config.feeds}
        with store.transaction() as db:
            feed_state.register_feeds(db, [(f.url, f.outlet, f.interval) for f in config.feeds])

    def run(self, stop: threading.Event, once: bool = False) -> list[PollSummary]:
        """Polls feeds as they fall due until `stop` is set; `once`: every feed once, then return."""
        done: list[PollSummary] = []
        # A ledger left stale by a crash is repaired before anything else.
        update_ledger(self.store, _affiliation(self.extractor))  # type: ignore[arg-type]
        hosts = len({feed.host for feed in self.config.feeds})
        with ThreadPoolExecutor(max_workers=max(1, min(hosts, 8)), thread_name_prefix="dateline-watch") as pool:
            pending: dict[str, Future[list[FeedPoll]]] = {}
            first = True
            while not stop.is_set():
                if once:
                    due = list(self.urls) if first else []
                else:
                    due = feed_state.due_feeds(self.store.connection, self.urls, feed_state.now_utc())
                first = False
                busy = {url for key in pending for url in key.split("\n")}
                self._submit(pool, [url for url in due if url not in busy], pending, stop)
                for key in [key for key, future in pending.items() if future.done()]:
                    for poll in pending.pop(key).result():
                        summary = self._ingest(poll, stop)
                        if summary is None:
                            break
                        done.append(summary)
                        if self.on_poll:
                            self.on_poll(summary)
                if once and not pending:
                    break
                stop.wait(0.05 if pending else self._idle())
            for future in pending.values():
                future.cancel()
        return done

    def _idle(self) -> float:
        due = feed_state.next_due(self.store.connection, self.urls)
        if due is None:
            return 1.0
        return min(max((due - feed_state.now_utc()).total_seconds(), 0.05), 5.0)

    def _submit(self, pool: ThreadPoolExecutor, due: list[str], pending: dict[str, Future[list[FeedPoll]]],
                stop: threading.Event) -> None:
        """Starts one task per host for its due feeds (the gate keeps each host to one request)."""
        if not due:
            return
        seen = feed_state.seen_links(self.store.connection)
        state = {row["url"]: row for row in feed_state.feed_rows(self.store.connection, due)}
        by_host: dict[str, list[FeedSpec]] = defaultdict(list)
        for url in due:
            by_host[self.specs[url].host].append(self.specs[url])
        for feeds in by_host.values():
            key = "\n".join(feed.url for feed in feeds)
            pending[key] = pool.submit(self._poll_host, feeds, state, seen, stop)

    def _poll_host(self, feeds: list[FeedSpec], state: dict[str, dict[str, object]], seen: set[str],
                   stop: threading.Event) -> list[FeedPoll]:
        out = []
        for feed in feeds:
            if stop.is_set():
                break
            row = state.get(feed.url, {})
            out.append(poll_feed(feed, row.get("etag"), row.get("last_modified"),  # type: ignore[arg-type]
                                 self.gate, self.config.timeout, seen, stop))
        return out

    def _ingest(self, poll: FeedPoll, stop: threading.Event) -> PollSummary | None:
        """Stores a poll's items and the feed's new state; None when stopped part-way."""
        feed = poll.feed
        if stop.is_set():
            return None
        if poll.status != "new items":
            failed = poll.status == "error"
            with self.store.transaction() as db:
                feed_state.record_poll(db, feed.url, poll.status, etag=poll.etag,
                                       last_modified=poll.last_modified, error=poll.error, failed=failed)
            return PollSummary(feed.url, poll.status, error=poll.error)
        rejected: dict[str, str] = {}
        seen_before = [item.origin for item in poll.items if isinstance(item, _AlreadySeen)]
        items = [item for item in poll.items if not isinstance(item, _AlreadySeen)]
        for item in items:
            if isinstance(item, RawDocument) and feed.outlet:
                item.outlet = feed.outlet
        report = ingest_documents(self.store, items, self.extractor,  # type: ignore[arg-type]
                                  on_error=lambda error: rejected.setdefault(error.origin, error.problem),
                                  stop=stop.is_set)
        if stop.is_set():
            return None  # validators not saved: the next run polls this feed again in full
        links = [item.url for item in items if isinstance(item, RawDocument) and item.url
                 and item.origin not in rejected]
        error = "; ".join(f"{origin}: {problem}" for origin, problem in list(rejected.items())[:3]) or None
        with self.store.transaction() as db:
            feed_state.mark_seen(db, feed.url, links)
            feed_state.forget_departed(db, feed.url, links + seen_before)
            feed_state.record_poll(db, feed.url, "ok", etag=poll.etag, last_modified=poll.last_modified,
                                   new=len(report.new), known=len(report.known) + len(seen_before),
                                   error=error)
        return PollSummary(feed.url, "ok", len(report.new), len(report.known) + len(seen_before),
                           len(report.rejected), error)


def poll_feed(feed: FeedSpec, etag: str | None, last_modified: str | None, gate: HostGate,
              timeout: float, seen: set[str], stop: threading.Event | None = None) -> FeedPoll:
    """Fetches a feed (conditionally) and the pages of its new teaser items; stores nothing."""
    try:
        polled = conditional_get(feed.url, etag, last_modified, timeout, gate)
    except InputError as error:
        return FeedPoll(feed, "error", error=error.problem)
    if polled.fetched is None:
        return FeedPoll(feed, "not modified", etag=polled.etag, last_modified=polled.last_modified)
    fetch_page = polite_fetch(gate, timeout)

    def fetcher(url: str):  # type: ignore[no-untyped-def]
        if url in seen:
            raise _AlreadySeen(url, "already seen")
        if stop is not None and stop.is_set():
            raise InputError(url, "not fetched: the watcher is stopping")  # the poll is dropped
        return fetch_page(url)

    items = list(feed_documents(polled.fetched.body, feed.url, polled.fetched.url, fetcher))
    feed_errors = [item for item in items if isinstance(item, InputError) and item.origin == feed.url]
    if feed_errors and len(items) == 1:
        if feed_errors[0].problem == "feed has no items":
            return FeedPoll(feed, "new items", [], polled.etag, polled.last_modified)
        return FeedPoll(feed, "error", error=feed_errors[0].problem)
    return FeedPoll(feed, "new items", items, polled.etag, polled.last_modified)
