"""Per-feed state of `dateline watch` (migration 0010): validators for conditional GET, the
schedule with its back-off, and the status shown by /sources and `dateline sources`."""
from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from typing import Any

COLUMNS = ("url", "outlet", "interval_seconds", "etag", "last_modified", "last_fetch", "last_status",
           "last_new_item", "last_error", "last_error_at", "failures", "next_due", "items_new", "items_known")


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


def stamp(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_stamp(text: str | None) -> datetime | None:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc) if text else None


def register_feeds(db: sqlite3.Connection, feeds: list[tuple[str, str | None, float]]) -> None:
    """Adds the feeds of a feeds file (url, outlet, interval), keeping the state of known ones."""
    for url, outlet, interval in feeds:
        db.execute("INSERT INTO feeds (url, outlet, interval_seconds) VALUES (?,?,?)"
                   " ON CONFLICT(url) DO UPDATE SET outlet = excluded.outlet,"
                   " interval_seconds = excluded.interval_seconds", (url, outlet, interval))


def feed_rows(db: sqlite3.Connection, urls: list[str] | None = None) -> list[dict[str, Any]]:
    rows = db.execute(f"SELECT {', '.join(COLUMNS)} FROM feeds ORDER BY url").fetchall()
    out = [dict(zip(COLUMNS, tuple(row))) for row in rows]
    return [row for row in out if urls is None or row["url"] in urls]


def record_poll(db: sqlite3.Connection, url: str, status: str, *, etag: str | None = None,
                last_modified: str | None = None, new: int = 0, known: int = 0,
                error: str | None = None, failed: bool = False) -> None:
    """Writes the outcome of one poll and when the feed is next due (backing off on failures)."""
    row = db.execute("SELECT interval_seconds, failures FROM feeds WHERE url = ?", (url,)).fetchone()
    interval, failures = float(row[0]), int(row[1])
    moment = now_utc()
    failures = failures + 1 if failed else 0
    wait = backoff(interval, failures)
    db.execute(
        "UPDATE feeds SET last_fetch = ?, last_status = ?, failures = ?, next_due = ?,"
        " items_new = items_new + ?, items_known = items_known + ?,"
        " last_new_item = CASE WHEN ? > 0 THEN ? ELSE last_new_item END,"
        " last_error = CASE WHEN ? IS NOT NULL THEN ? ELSE last_error END,"
        " last_error_at = CASE WHEN ? IS NOT NULL THEN ? ELSE last_error_at END,"
        " etag = CASE WHEN ? THEN etag ELSE ? END,"
        " last_modified = CASE WHEN ? THEN last_modified ELSE ? END"
        " WHERE url = ?",
        (stamp(moment), status, failures, stamp(moment + timedelta(seconds=wait)), new, known,
         new, stamp(moment), error, error, error, stamp(moment), failed, etag, failed, last_modified, url))


def backoff(interval: float, failures: int, ceiling: float = 86400.0) -> float:
    """Seconds to wait before the next poll: the interval, doubled after each failure in a row."""
    if failures <= 0:
        return interval
    return min(interval * 2 ** min(failures, 30), max(ceiling, interval))


def due_feeds(db: sqlite3.Connection, urls: list[str], moment: datetime) -> list[str]:
    """Returns the feeds (among `urls`) whose next poll is due at `moment`."""
    rows = db.execute("SELECT url, next_due FROM feeds").fetchall()
    due = {row[0] for row in rows if row[1] is None or parse_stamp(row[1]) <= moment}  # type: ignore[operator]
    return [url for url in urls if url in due]


def next_due(db: sqlite3.Connection, urls: list[str]) -> datetime | None:
    rows = db.execute("SELECT url, next_due FROM feeds").fetchall()
    moments = [parse_stamp(row[1]) for row in rows if row[0] in urls]
    if any(m is None for m in moments):
        return now_utc()
    return min((m for m in moments if m is not None), default=None)


# A link that has left its feed is forgotten this long after it was first seen: feeds list their
# latest items, so it is not offered again; if it is, its page is fetched once more and its text is
# recognised as already stored. This keeps feed_seen to about a feed's length per feed.
FORGET_AFTER_DAYS = 30


def seen_links(db: sqlite3.Connection) -> set[str]:
    return {row[0] for row in db.execute("SELECT url FROM feed_seen")}


def mark_seen(db: sqlite3.Connection, feed_url: str, links: list[str]) -> None:
    db.executemany("INSERT OR IGNORE INTO feed_seen (url, feed_url) VALUES (?, ?)",
                   [(link, feed_url) for link in links])


def forget_departed(db: sqlite3.Connection, feed_url: str, listed: list[str],
                    days: int = FORGET_AFTER_DAYS) -> int:
    """Forgets this feed's seen links that it no longer lists and that were first seen more than
    `days` ago; returns how many."""
    still_listed = set(listed)
    departed = [(row[0],) for row in db.execute(
        "SELECT url FROM feed_seen WHERE feed_url = ? AND seen_at < strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?)",
        (feed_url, f"-{days} days")) if row[0] not in still_listed]
    db.executemany("DELETE FROM feed_seen WHERE url = ?", departed)
    return len(departed)
