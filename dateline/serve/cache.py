"""Query results of the aggregate pages (overview, timeline, map markers) kept per ledger version.

At 100,000 events a count by type or a day-by-day histogram takes tens of milliseconds; the
answer only changes when the ledger does. `ledger_cached(site)` returns a stand-in for the
database connection whose SELECTs are answered from a per-process cache while the ledger's version
(bumped by the index triggers on every record change and by every review) and the newest
article are the same as when the answer was computed. A view uses it in place of `site.db`:

    db = ledger_cached(site)
    rows = counts_by(db, flt, "event_type")   # computed once per ledger version and filter

Each worker process keeps its own cache (at most `MAX_ENTRIES` answers, least recently used
dropped first); nothing user-specific is cached, only what the database answers.
"""
from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from dateline.serve.site import Site

T = TypeVar("T")
MAX_ENTRIES = 512
# What a cached answer is valid for: the ledger's version and the last article stored.
_VERSION_SQL = ("SELECT (SELECT version FROM ledger_state WHERE id = 1),"
                " (SELECT max(rowid) FROM articles)")


class _Answers:
    """A bounded LRU of (version, sql, params) → (rows, description), and of (version, "value",
    key) → (value, None), shared by a process's threads."""

    def __init__(self) -> None:
        self.entries: OrderedDict[tuple[Any, ...], tuple[list[Any], Any]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> tuple[list[Any], Any] | None:
        with self.lock:
            found = self.entries.get(key)
            if found is not None:
                self.entries.move_to_end(key)
            return found

    def put(self, key: tuple[Any, ...], value: tuple[list[Any], Any]) -> None:
        with self.lock:
            self.entries[key] = value
            self.entries.move_to_end(key)
            while len(self.entries) > MAX_ENTRIES:
                self.entries.popitem(last=False)


_answers: dict[str, _Answers] = {}
_answers_lock = threading.Lock()


class CachedCursor:
    """The rows of one answered query, read like a cursor."""

    def __init__(self, rows: list[Any], description: Any) -> None:
        self._rows = rows
        self._next = 0
        self.description = description

    def fetchone(self) -> Any:
        if self._next >= len(self._rows):
            return None
        self._next += 1
        return self._rows[self._next - 1]

    def fetchall(self) -> list[Any]:
        rest = self._rows[self._next:]
        self._next = len(self._rows)
        return rest

    def fetchmany(self, size: int = 1) -> list[Any]:
        rows = self._rows[self._next:self._next + size]
        self._next += len(rows)
        return rows

    def __iter__(self) -> Iterator[Any]:
        while (row := self.fetchone()) is not None:
            yield row


class LedgerCachedConnection:
    """A read-only stand-in for a connection: SELECTs are answered from the cache when the
    ledger has not changed since; anything else goes to the real connection."""

    def __init__(self, connection: sqlite3.Connection, answers: _Answers) -> None:
        self._connection = connection
        self.answers = answers
        self.version = tuple(connection.execute(_VERSION_SQL).fetchone())

    def execute(self, sql: str, parameters: Any = ()) -> Any:
        if sql.lstrip()[:4].upper() not in ("SELE", "WITH"):
            return self._connection.execute(sql, parameters)
        params = tuple(parameters.items()) if isinstance(parameters, dict) else tuple(parameters)
        key = (self.version, sql, params)
        found = self.answers.get(key)
        if found is None:
            cursor = self._connection.execute(sql, parameters)
            found = (cursor.fetchall(), cursor.description)
            self.answers.put(key, found)
        return CachedCursor(*found)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._connection, name)


def ledger_cached_value(site: Site, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """Returns `compute()`, computed once per ledger version and `key` in this process (for what
    is costly to build from the rows: a chart, a large JSON body)."""
    connection = ledger_cached(site)
    cache_key = (connection.version, "value", *key)
    found = connection.answers.get(cache_key)
    if found is None:
        found = (compute(), None)
        connection.answers.put(cache_key, found)
    return found[0]  # type: ignore[no-any-return]


def ledger_cached(site: Site) -> Any:
    """Returns this thread's connection of `site`, with SELECTs cached per ledger version."""
    with _answers_lock:
        answers = _answers.setdefault(site.db_path, _Answers())
    return LedgerCachedConnection(site.db, answers)
