"""Sign-in throttling: after a few wrong passwords for one account, or from one address, the next
attempt must wait, twice as long after each further failure (up to a cap). A refused attempt is
not checked at all, so the right password does not work while the wait lasts.

The counts live in the database when the throttle is given one (`dateline serve --workers N`
runs N processes: each must see the others' failures), in memory otherwise.

Password hashes (argon2, ~50 ms of CPU) are checked in worker threads, at most `HASH_SLOTS` at a
time, so guessing clients cannot starve the event loop that serves every other request.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from starlette.concurrency import run_in_threadpool

from dateline.store.db import Store

T = TypeVar("T")

FREE_FAILURES = 5           # failures allowed before any wait
FIRST_WAIT_SECONDS = 1.0    # the wait after the first failure past the free ones; doubles after each
MAX_WAIT_SECONDS = 900.0    # 15 minutes at most
FORGET_SECONDS = 3600.0     # failures older than this (since the last one) are forgotten
HASH_SLOTS = 2
_hash_slots = threading.BoundedSemaphore(HASH_SLOTS)


class Throttled(Exception):
    """Too many failed sign-ins: `retry_after` seconds to wait."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"too many failed sign-ins; try again in {int(retry_after) + 1} s")
        self.retry_after = retry_after


@dataclass
class LoginThrottle:
    """Failed sign-ins per account name and per client address: in the database `store()`
    returns (shared by every server process), or in this process when there is none."""

    clock: Callable[[], float] = time.time  # wall clock: comparable between processes
    store: Callable[[], Store] | None = None
    _records: dict[str, tuple[int, float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def check(self, name: str, address: str | None) -> None:
        """Returns nothing when a sign-in may be tried now; raises Throttled otherwise."""
        now = self.clock()
        with self._lock:
            records = self._read(self._keys(name, address))
        wait = max((self._wait(record, now) for record in records.values()), default=0.0)
        if wait > 0:
            raise Throttled(wait)

    def failed(self, name: str, address: str | None) -> None:
        now = self.clock()
        keys = self._keys(name, address)
        with self._lock:
            if self.store is None:
                if len(self._records) > 100_000:  # a flood of names: drop what is old
                    self._records = {k: r for k, r in self._records.items() if now - r[1] < FORGET_SECONDS}
                for key in keys:
                    failures, last = self._records.get(key, (0, 0.0))
                    self._records[key] = ((0 if now - last > FORGET_SECONDS else failures) + 1, now)
                return
            with self.store().transaction() as db:
                db.execute("DELETE FROM login_failures WHERE last < ?", (now - FORGET_SECONDS,))
                db.executemany(
                    "INSERT INTO login_failures (key, failures, last) VALUES (?, 1, ?)"
                    " ON CONFLICT (key) DO UPDATE SET failures = failures + 1, last = excluded.last",
                    [(key, now) for key in keys])

    def succeeded(self, name: str) -> None:
        """Forgets the account's failures (the address keeps its own)."""
        with self._lock:
            if self.store is None:
                self._records.pop(self._account(name), None)
                return
            with self.store().transaction() as db:
                db.execute("DELETE FROM login_failures WHERE key = ?", (self._account(name),))

    def _read(self, keys: list[str]) -> dict[str, tuple[int, float]]:
        if self.store is None:
            return {key: self._records[key] for key in keys if key in self._records}
        marks = ",".join("?" * len(keys))
        rows = self.store().connection.execute(
            f"SELECT key, failures, last FROM login_failures WHERE key IN ({marks})", keys)
        return {row[0]: (int(row[1]), float(row[2])) for row in rows}

    @staticmethod
    def _wait(record: tuple[int, float], now: float) -> float:
        failures, last = record
        if failures < FREE_FAILURES or now - last > FORGET_SECONDS:
            return 0.0
        wait = min(FIRST_WAIT_SECONDS * 2 ** (failures - FREE_FAILURES), MAX_WAIT_SECONDS)
        return max(0.0, last + wait - now)

    @staticmethod
    def _account(name: str) -> str:
        return "account:" + name.strip().casefold()[:200]

    def _keys(self, name: str, address: str | None) -> list[str]:
        keys = [self._account(name)]
        if address:
            keys.append("address:" + address)
        return keys


def hashed(function: Callable[[], T]) -> T:
    """Runs a password check, waiting for one of the HASH_SLOTS (call it in a worker thread)."""
    with _hash_slots:
        return function()


async def check_password(function: Callable[[], T]) -> T:
    """Runs a password check in a worker thread, off the event loop."""
    return await run_in_threadpool(hashed, function)
