"""What the web and the API ask of the ledger: filtered, sorted and paginated events, counts,
events per day, facets, markers and related events. Everything reads the event index
(migration 0003), a narrow table the triggers keep in step with `records`."""
from __future__ import annotations

import base64
import json
import re
import sqlite3
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from typing import Any

# Column a table sort key orders by.
SORTS = {"date": "e.event_date", "type": "e.event_type", "subtype": "e.sub_event_type",
         "actor1": "e.actor1", "actor2": "e.actor2", "country": "e.country",
         "province": "e.admin1", "location": "e.location", "fatalities": "e.fatalities",
         "injured": "e.injured", "sources": "e.source_count"}
# Review statuses a filter can ask for; the default (None) hides rejected events.
STATUSES = ("all", "unreviewed", "confirmed", "corrected", "rejected")

_COLUMNS = ("e.record_id, e.event_date, e.date_precision, e.event_type, e.sub_event_type, e.actor1,"
            " e.actor2, e.country, e.admin1, e.location, e.latitude, e.longitude, e.geo_precision,"
            " e.fatalities, e.injured, e.source_count, e.notes,"
            " (SELECT status FROM review_state r WHERE r.record_id = e.record_id) AS status")


class QueryError(ValueError):
    """A filter, sort or cursor the ledger cannot answer (the message says which; `param` is the
    URL parameter at fault, when one is)."""

    def __init__(self, message: str, param: str | None = None) -> None:
        super().__init__(message)
        self.param = param


def check_day(param: str, day: str) -> None:
    """Refuses a filter date that is not YYYY, YYYY-MM or YYYY-MM-DD, or not a day of the calendar."""
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", day):
        raise QueryError(f"{param} must be a date as YYYY-MM-DD, not {day!r}", param)
    parts = [int(p) for p in day.split("-")]
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        raise QueryError(f"{param}={day} is not a date: there is no month {parts[1]}", param)
    if len(parts) == 3:
        try:
            date(*parts)
        except ValueError:
            raise QueryError(f"{param}={day} is not a date: {date(parts[0], parts[1], 1):%B %Y}"
                             f" has no day {parts[2]}", param) from None


@dataclass(frozen=True)
class EventFilter:
    """The filters of the events table and API; every one optional."""

    date_from: str | None = None
    date_to: str | None = None
    country: str | None = None
    admin1: str | None = None
    actor: str | None = None
    event_type: str | None = None
    text: str | None = None
    status: str | None = None

    # URL parameter of each field, the same in the web pages and the API.
    PARAMS = {"date_from": "from", "date_to": "to", "country": "country", "admin1": "province",
              "actor": "actor", "event_type": "type", "text": "q", "status": "status"}

    @classmethod
    def from_params(cls, params: dict[str, str | None]) -> EventFilter:
        """Builds a filter from URL parameters (`from`, `to`, `country`, `province`, `actor`,
        `type`, `q`, `status`); empty values are ignored, bad dates and statuses refused."""
        values: dict[str, str | None] = {}
        for name, param in cls.PARAMS.items():
            value = (params.get(param) or "").strip()
            values[name] = value or None
        for name in ("date_from", "date_to"):
            day = values[name]
            if day is not None:
                check_day(cls.PARAMS[name], day)
        if values["date_to"] is not None and len(values["date_to"] or "") < 10:
            # "to=2024-01" means the whole of January.
            values["date_to"] = (values["date_to"] or "") + "-\uffff"
        if values["date_from"] and values["date_to"] and values["date_from"] > values["date_to"]:
            last = (params.get("to") or "").strip()
            raise QueryError(f"from ({values['date_from']}) is after to ({last})", "to")
        if values["status"] is not None and values["status"] not in STATUSES:
            raise QueryError(f"status must be one of {', '.join(STATUSES)}, not {values['status']!r}", "status")
        return cls(**values)

    def as_params(self) -> dict[str, str]:
        """Returns the URL parameters that give this filter back (for links and forms)."""
        out = {}
        for item in fields(self):
            value = getattr(self, item.name)
            if value:
                out[self.PARAMS[item.name]] = value.replace("-\uffff", "")
        return out

    def without(self, *names: str) -> EventFilter:
        return replace(self, **{name: None for name in names})

    def where(self, with_status: bool = True) -> tuple[str, list[Any]]:
        """Returns the SQL condition over `event_index e` and its parameters (the review status
        left out when `with_status` is False)."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.date_from:
            clauses.append("e.event_date >= ?")
            params.append(self.date_from)
        if self.date_to:
            clauses.append("e.event_date <= ? AND e.event_date != ''")
            params.append(self.date_to)
        for column, value in (("e.country", self.country), ("e.admin1", self.admin1),
                              ("e.event_type", self.event_type)):
            if value:
                clauses.append(f"{column} = ?")
                params.append(value)
        if self.actor:
            # actor1 and actor2 through their indexes; claimants and deniers through event_actors
            clauses.append("(e.actor1 = ? OR e.actor2 = ? OR e.record_id IN (SELECT record_id FROM"
                           " event_actors WHERE actor = ? AND role IN ('claimed', 'denied')))")
            params.extend([self.actor] * 3)
        match = fts_query(self.text or "")
        if match:
            clauses.append("e.id IN (SELECT rowid FROM event_search WHERE event_search MATCH ?)")
            params.append(match)
        status = self.status if with_status else "all"
        if status is None:
            clauses.append("e.record_id NOT IN (SELECT record_id FROM review_state WHERE status = 'rejected')")
        elif status == "unreviewed":
            clauses.append("e.record_id NOT IN (SELECT record_id FROM review_state)")
        elif status != "all":
            clauses.append("e.record_id IN (SELECT record_id FROM review_state WHERE status = ?)")
            params.append(status)
        return (" AND ".join(clauses) or "1"), params

    @property
    def scans_widely(self) -> bool:
        """True when the filter has a part no date-ordered index serves (actor, words)."""
        return bool(self.actor or fts_query(self.text or ""))


@dataclass
class EventRow:
    """One event as the index holds it, with where its review stands (None: not reviewed)."""

    record_id: str
    event_date: str
    date_precision: str | None
    event_type: str | None
    sub_event_type: str | None
    actor1: str | None
    actor2: str | None
    country: str | None
    admin1: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    fatalities: int | None
    injured: int | None
    source_count: int
    notes: str | None
    status: str | None

    @property
    def place(self) -> str:
        return ", ".join(p for p in (self.location, self.admin1, self.country) if p) or "unknown"


def fts_query(text: str) -> str:
    """Returns an FTS5 query matching every word of `text` as a prefix (no FTS syntax leaks in)."""
    words = re.findall(r"\w+", text)
    return " ".join(f'"{word}"*' for word in words[:12])


def _rows(cursor: sqlite3.Cursor) -> list[EventRow]:
    return [EventRow(*tuple(row)) for row in cursor.fetchall()]


def count_events(db: sqlite3.Connection, flt: EventFilter) -> int:
    """Returns how many events match. Reviews are few: the count is taken without the status
    condition (index-only for most filters) and the reviewed matches are then taken off or kept."""
    where, params = flt.where(with_status=False)
    if flt.status not in (None, "all", "unreviewed"):
        return int(db.execute(f"SELECT count(*) FROM review_state r JOIN event_index e ON e.record_id ="
                              f" r.record_id WHERE r.status = ? AND {where}", [flt.status, *params]).fetchone()[0])
    match = fts_query(flt.text or "")
    if match and replace(flt, text=None, status=None) == EventFilter():
        # words alone: the search index counts its own rows, one an event
        total = int(db.execute("SELECT count(*) FROM event_search WHERE event_search MATCH ?",
                               (match,)).fetchone()[0])
    else:
        total = int(db.execute(f"SELECT count(*) FROM event_index e WHERE {where}", params).fetchone()[0])
    if flt.status == "all":
        return total
    reviewed = "r.status = 'rejected'" if flt.status is None else "1"
    taken = db.execute(f"SELECT count(*) FROM review_state r JOIN event_index e ON e.record_id = r.record_id"
                       f" WHERE {reviewed} AND {where}", params).fetchone()[0]
    return total - int(taken)


def _date_scan(db: sqlite3.Connection, flt: EventFilter, matches: int | None) -> str:
    """Returns an index hint: walk the events by date when many match an actor or words (the
    first page is found at once), else let SQLite collect the few matches through their indexes."""
    if not flt.scans_widely:
        return ""
    if matches is None:
        matches = count_events(db, flt)
    everything = int(db.execute("SELECT count(*) FROM event_index").fetchone()[0])
    return "INDEXED BY event_index_date" if matches * 50 >= everything else ""


def list_events(db: sqlite3.Connection, flt: EventFilter, sort: str = "date", descending: bool = True,
                limit: int = 50, offset: int = 0, matches: int | None = None) -> list[EventRow]:
    """Returns one page of events, sorted by a key of SORTS (ties broken by date, then id);
    `matches` is count_events for the filter when the caller has it."""
    if sort not in SORTS:
        raise QueryError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
    where, params = flt.where()
    direction = "DESC" if descending else "ASC"
    order = f"{SORTS[sort]} {direction}"
    if sort != "date":
        order += f", e.event_date {direction}"
    order += f", e.record_id {direction}"
    hint = _date_scan(db, flt, matches) if sort == "date" else ""
    query = f"SELECT {_COLUMNS} FROM event_index e {hint} WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?"
    return _rows(db.execute(query, [*params, limit, offset]))


def encode_cursor(row: EventRow, descending: bool) -> str:
    raw = json.dumps([row.event_date, row.record_id, descending]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, str, bool]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        event_date, record_id, descending = json.loads(base64.urlsafe_b64decode(padded))
        return str(event_date), str(record_id), bool(descending)
    except (ValueError, TypeError) as error:
        raise QueryError(f"cursor {cursor!r} is not one this server gave") from error


def events_page(db: sqlite3.Connection, flt: EventFilter, cursor: str | None = None,
                limit: int = 50, descending: bool = True, matches: int | None = None
                ) -> tuple[list[EventRow], str | None]:
    """Returns a page of events by date (then id) after `cursor`, and the cursor of the next page
    (None on the last). Keyset pagination: as fast on page 2000 as on page 1."""
    where, params = flt.where()
    if cursor:
        last_date, last_id, descending = decode_cursor(cursor)
        where += f" AND (e.event_date, e.record_id) {'<' if descending else '>'} (?, ?)"
        params = [*params, last_date, last_id]
    direction = "DESC" if descending else "ASC"
    hint = _date_scan(db, flt, matches)
    query = (f"SELECT {_COLUMNS} FROM event_index e {hint} WHERE {where}"
             f" ORDER BY e.event_date {direction}, e.record_id {direction} LIMIT ?")
    rows = _rows(db.execute(query, [*params, limit + 1]))
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, encode_cursor(rows[-1], descending) if more and rows else None


def event_row(db: sqlite3.Connection, record_id: str) -> EventRow | None:
    rows = _rows(db.execute(f"SELECT {_COLUMNS} FROM event_index e WHERE e.record_id = ?", (record_id,)))
    return rows[0] if rows else None


def record_bodies(db: sqlite3.Connection, record_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Returns {record id: record_to_dict body} for the ids that exist."""
    out: dict[str, dict[str, Any]] = {}
    for start in range(0, len(record_ids), 500):
        chunk = record_ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for row in db.execute(f"SELECT id, body FROM records WHERE id IN ({marks})", chunk):
            out[row[0]] = json.loads(row[1])
    return out


def counts_by(db: sqlite3.Connection, flt: EventFilter, column: str) -> list[tuple[str, int]]:
    """Returns (value, events) for a column of the index, most events first."""
    allowed = {"event_type", "country", "admin1", "sub_event_type", "actor1", "actor2"}
    if column not in allowed:
        raise QueryError(f"cannot count by {column!r}")
    where, params = flt.where()
    rows = db.execute(f"SELECT coalesce(e.{column}, '(unknown)'), count(*) AS n FROM event_index e"
                      f" WHERE {where} GROUP BY 1 ORDER BY n DESC, 1", params).fetchall()
    return [(row[0], int(row[1])) for row in rows]


def events_per_day(db: sqlite3.Connection, flt: EventFilter) -> list[tuple[str, str, int]]:
    """Returns (day, event type, events) for every dated event that matches, by day."""
    where, params = flt.where()
    rows = db.execute(f"SELECT e.event_date, e.event_type, count(*) FROM event_index e"
                      f" WHERE {where} AND e.event_date != '' GROUP BY 1, 2 ORDER BY 1, 2", params)
    return [(row[0], row[1] or "(unknown)", int(row[2])) for row in rows]


def facets(db: sqlite3.Connection) -> dict[str, list[str]]:
    """Returns the values the table's filters offer: countries, provinces, types, actors."""
    def values(query: str) -> list[str]:
        return [row[0] for row in db.execute(query) if row[0]]
    return {
        "countries": values("SELECT DISTINCT country FROM event_index ORDER BY 1"),
        "provinces": values("SELECT DISTINCT admin1 FROM event_index ORDER BY 1"),
        "types": values("SELECT DISTINCT event_type FROM event_index ORDER BY 1"),
        "actors": values("SELECT DISTINCT actor FROM event_actors ORDER BY 1"),
    }


def markers(db: sqlite3.Connection, flt: EventFilter, limit: int = 5000) -> tuple[list[EventRow], int]:
    """Returns the latest located events that match (at most `limit`) and how many there are."""
    where, params = flt.where()
    where += " AND e.latitude IS NOT NULL AND e.longitude IS NOT NULL"
    total = int(db.execute(f"SELECT count(*) FROM event_index e WHERE {where}", params).fetchone()[0])
    rows = _rows(db.execute(f"SELECT {_COLUMNS} FROM event_index e WHERE {where}"
                            f" ORDER BY e.event_date DESC, e.record_id DESC LIMIT ?", [*params, limit]))
    return rows, total


def related_events(db: sqlite3.Connection, row: EventRow, days: int = 7, limit: int = 12) -> list[EventRow]:
    """Returns events that share an actor with `row` within `days` days of it (not itself)."""
    actors = [a for a in (row.actor1, row.actor2) if a]
    if not actors or not row.event_date:
        return []
    day = date.fromisoformat(row.event_date)
    start, end = (day - timedelta(days=days)).isoformat(), (day + timedelta(days=days)).isoformat()
    marks = ",".join("?" * len(actors))
    query = (f"SELECT {_COLUMNS} FROM event_index e WHERE e.record_id IN ("
             f" SELECT record_id FROM event_actors WHERE actor IN ({marks})"
             f" AND role IN ('actor1', 'actor2') AND event_date BETWEEN ? AND ?)"
             f" AND e.record_id != ? ORDER BY e.event_date, e.record_id LIMIT ?")
    return _rows(db.execute(query, [*actors, start, end, row.record_id, limit]))


def actor_roles(db: sqlite3.Connection, actor: str) -> list[tuple[str, str, int]]:
    """Returns (month, role, events) for an actor: actor1 (did it), actor2 (target), claimed, denied."""
    rows = db.execute("SELECT substr(event_date, 1, 7), role, count(*) FROM event_actors"
                      " WHERE actor = ? AND event_date != '' GROUP BY 1, 2 ORDER BY 1, 2", (actor,))
    return [(row[0], row[1], int(row[2])) for row in rows]


def actor_events(db: sqlite3.Connection, actor: str, role: str, limit: int = 100) -> list[EventRow]:
    """Returns the latest events in which `actor` plays `role` (actor1, actor2, claimed, denied)."""
    query = (f"SELECT {_COLUMNS} FROM event_index e WHERE e.record_id IN ("
             f" SELECT record_id FROM event_actors WHERE actor = ? AND role = ?)"
             f" ORDER BY e.event_date DESC, e.record_id DESC LIMIT ?")
    return _rows(db.execute(query, (actor, role, limit)))


def actor_counts(db: sqlite3.Connection) -> list[tuple[str, int, int]]:
    """Returns (actor, events as actor1, events as actor2) for every actor in the ledger."""
    rows = db.execute("SELECT actor, sum(role = 'actor1'), sum(role = 'actor2') FROM event_actors"
                      " GROUP BY actor ORDER BY count(*) DESC, actor")
    return [(row[0], int(row[1]), int(row[2])) for row in rows]


def mention_records(db: sqlite3.Connection, article_id: str) -> list[tuple[int, str, str, dict[str, Any]]]:
    """Returns (mention id, record id, kind, mention body) for what was read from one article."""
    rows = db.execute(
        "SELECT m.id, rm.record_id, m.kind, m.body FROM mentions m"
        " JOIN record_mentions rm ON rm.mention_id = m.id"
        " WHERE m.article_id = ? ORDER BY m.position", (article_id,))
    return [(row[0], row[1], row[2], json.loads(row[3])) for row in rows]


def article_summaries(db: sqlite3.Connection, article_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Returns {article id: {title, outlet, published, url}} for the ids that exist."""
    out: dict[str, dict[str, Any]] = {}
    if not article_ids:
        return out
    marks = ",".join("?" * len(article_ids))
    for row in db.execute(f"SELECT id, title, outlet, published, url, words FROM articles"
                          f" WHERE id IN ({marks})", article_ids):
        out[row[0]] = {"id": row[0], "title": row[1], "outlet": row[2], "published": row[3],
                       "url": row[4], "words": row[5]}
    return out


def list_articles(db: sqlite3.Connection, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Returns articles, latest published first, with how many records were read from each."""
    rows = db.execute(
        "SELECT a.id, a.title, a.outlet, a.published, a.url, a.words,"
        " (SELECT count(*) FROM mentions m WHERE m.article_id = a.id) AS mentions"
        " FROM articles a ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT ? OFFSET ?",
        (limit, offset))
    return [dict(zip(("id", "title", "outlet", "published", "url", "words", "mentions"), tuple(row)))
            for row in rows]
