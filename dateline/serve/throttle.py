"""Sign-in throttling: after a few wrong passwords for one account, or from one address, the next
attempt must wait, twice as long after each further failure (up to a cap). A refused attempt is
not checked at all, so the right password does not work while the wait lasts.

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
class _Record:
    failures: int = 0
    last: float = 0.0


@dataclass
class LoginThrottle:
    """Failed sign-ins per account name and per client address, in this server process."""

    clock: Callable[[], float] = time.monotonic
    _records: dict[str, _Record] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def check(self, name: str, address: str | None) -> None:
        """Returns nothing when a sign-in may be tried now; raises Throttled otherwise."""
        now = self.clock()
        with self._lock:
            waits = [self._wait(key, now) for key in self._keys(name, address)]
        wait = max(waits, default=0.0)
        if wait > 0:
            raise Throttled(wait)

    def failed(self, name: str, address: str | None) -> None:
        now = self.clock()
        with self._lock:
            if len(self._records) > 100_000:  # a flood of names: drop what is old
                self._records = {k: r for k, r in self._records.items() if now - r.last < FORGET_SECONDS}
            for key in self._keys(name, address):
                record = self._records.setdefault(key, _Record())
                if now - record.last > FORGET_SECONDS:
                    record.failures = 0
                record.failures += 1
                record.last = now

    def succeeded(self, name: str) -> None:
        """Forgets the account's failures (the address keeps its own)."""
        with self._lock:
            self._records.pop(self._account(name), None)

    def _wait(self, key: str, now: float) -> float:
        record = self._records.get(key)
        if record is None or record.failures < FREE_FAILURES or now - record.last > FORGET_SECONDS:
            return 0.0
        wait = min(FIRST_WAIT_SECONDS * 2 ** (record.failures - FREE_FAILURES), MAX_WAIT_SECONDS)
        return max(0.0, record.last + wait - now)

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
