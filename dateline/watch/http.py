"""Polite HTTP for following feeds: conditional GET, and one request at a time per host with a
least delay between two requests to the same host."""
from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from dateline.ingest.fetch import ACCEPTED_TYPES, USER_AGENT, Fetched, fetch
from dateline.ingest.decode import MAX_BYTES, check_size
from dateline.model import InputError


@dataclass(frozen=True)
class Polled:
    """A feed's answer: `fetched` is None when the server said 304 Not Modified."""

    fetched: Fetched | None
    etag: str | None
    last_modified: str | None


class HostGate:
    """Lets one request at a time reach each host, at least `delay` seconds after the last one."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self._locks: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}
        self._guard = threading.Lock()

    def lock(self, url: str) -> "_HostTurn":
        host = (urlsplit(url).netloc or "").lower()
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        return _HostTurn(self, host, lock)


class _HostTurn:
    def __init__(self, gate: HostGate, host: str, lock: threading.Lock) -> None:
        self.gate, self.host, self._lock = gate, host, lock

    def __enter__(self) -> None:
        self._lock.acquire()
        wait = self.gate._last.get(self.host, -1e9) + self.gate.delay - time.monotonic()
        if wait > 0:
            time.sleep(wait)

    def __exit__(self, *_exc: object) -> None:
        self.gate._last[self.host] = time.monotonic()
        self._lock.release()


def conditional_get(url: str, etag: str | None, last_modified: str | None, timeout: float,
                    gate: HostGate) -> Polled:
    """GETs a feed with If-None-Match / If-Modified-Since; raises InputError naming the URL."""
    headers = {"User-Agent": USER_AGENT,
               "Accept": "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.8"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    with gate.lock(url):
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                content_type = response.headers.get_content_type() if response.headers.get("Content-Type") else ""
                if content_type and content_type not in ACCEPTED_TYPES:
                    raise InputError(url, f"has content type {content_type}, not a feed")
                body = response.read(MAX_BYTES + 1)
                check_size(len(body), url, MAX_BYTES)
                fetched = Fetched(url=response.geturl(), content_type=content_type,
                                  charset=response.headers.get_content_charset(), body=body)
                return Polled(fetched, response.headers.get("ETag"), response.headers.get("Last-Modified"))
        except urllib.error.HTTPError as error:
            if error.code == 304:
                return Polled(None, error.headers.get("ETag") or etag,
                              error.headers.get("Last-Modified") or last_modified)
            raise InputError(url, f"HTTP error {error.code} {error.reason}") from error
        except urllib.error.URLError as error:
            raise InputError(url, f"cannot be reached ({error.reason})") from error
        except TimeoutError as error:
            raise InputError(url, f"did not answer within {timeout:g} s") from error
        except (OSError, ValueError) as error:
            raise InputError(url, f"failed while fetching ({error.__class__.__name__}: {error})") from error


def polite_fetch(gate: HostGate, timeout: float):  # type: ignore[no-untyped-def]
    """Returns a fetcher for item pages that takes its turn at the host like the feeds do."""
    def fetcher(url: str) -> Fetched:
        with gate.lock(url):
            return fetch(url, timeout=timeout)
    return fetcher
