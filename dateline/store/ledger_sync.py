"""The ledger's bookkeeping in SQL (migration 0010): what is stale, the link-key index, the
connected component of mentions a change reaches, and writing part or all of `records`.

Every function here runs inside the caller's transaction, so a repair of the ledger commits
atomically with the clearing of what made it stale.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from dateline.model import Record, record_from_dict, record_kind, record_to_dict
from dateline.resolve import merge

Mention = tuple[int, str, Record]
Resolved = tuple[str, Record, list[int]]


def sync_state(db: sqlite3.Connection) -> tuple[bool, str | None]:
    """Returns (a rebuild from scratch is needed, version of the stored link keys)."""
    row = db.execute("SELECT full, keys_version FROM ledger_sync WHERE id = 1").fetchone()
    return bool(row[0]), row[1]


def pending_articles(db: sqlite3.Connection) -> list[str]:
    return [row[0] for row in db.execute("SELECT article_id FROM ledger_pending ORDER BY article_id")]


def is_stale(db: sqlite3.Connection) -> bool:
    """Tells whether the ledger lags what the store holds (the next run repairs it)."""
    full, _version = sync_state(db)
    return full or db.execute("SELECT 1 FROM ledger_pending LIMIT 1").fetchone() is not None


def mark_synced(db: sqlite3.Connection, keys_version: str | None = None) -> None:
    """Clears the stale marks (after a repair written in the same transaction)."""
    db.execute("DELETE FROM ledger_pending")
    if keys_version is not None:
        db.execute("UPDATE ledger_sync SET full = 0, keys_version = ?", (keys_version,))


def load_mentions(db: sqlite3.Connection, where: str = "", params: Iterable[object] = ()) -> list[Mention]:
    rows = db.execute(f"SELECT id, article_id, body FROM mentions {where} ORDER BY article_id, position",
                      tuple(params))
    return [(row[0], row[1], record_from_dict(json.loads(row[2]))) for row in rows]


def mentions_of(db: sqlite3.Connection, articles: list[str]) -> list[int]:
    """Returns the ids of the mentions of these articles."""
    out: list[int] = []
    for start in range(0, len(articles), 500):
        chunk = articles[start:start + 500]
        out += [row[0] for row in db.execute(
            f"SELECT id FROM mentions WHERE article_id IN ({','.join('?' * len(chunk))})", chunk)]
    return out


def mention_count(db: sqlite3.Connection) -> int:
    return int(db.execute("SELECT count(*) FROM mentions").fetchone()[0])


def write_keys(db: sqlite3.Connection, keyed: Iterable[tuple[int, set[str]]], partner_of: object) -> None:
    """Stores the link keys of mentions: (mention id, keys); `partner_of(key)` is the linked key."""
    db.executemany("INSERT INTO ledger_keys (key, partner, mention_id) VALUES (?,?,?)",
                   ((key, partner_of(key), mention_id)  # type: ignore[operator]
                    for mention_id, keys in keyed for key in keys))


def replace_all_keys(db: sqlite3.Connection, keyed: Iterable[tuple[int, set[str]]], partner_of: object) -> None:
    """Replaces the whole key index (a rebuild): the indexes are dropped and made again after the
    rows are in, which is several times faster than growing them row by row."""
    db.execute("DROP INDEX IF EXISTS ledger_keys_key")
    db.execute("DROP INDEX IF EXISTS ledger_keys_mention")
    db.execute("DELETE FROM ledger_keys")
    write_keys(db, keyed, partner_of)
    db.execute("CREATE INDEX ledger_keys_key ON ledger_keys(key)")
    db.execute("CREATE INDEX ledger_keys_mention ON ledger_keys(mention_id)")


def component(db: sqlite3.Connection, seeds: Iterable[int]) -> list[int]:
    """Returns the ids of every mention linked, directly or not, to one of `seeds` (seeds included)."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS sync_seed (mention_id INTEGER PRIMARY KEY)")
    db.execute("DELETE FROM sync_seed")
    db.executemany("INSERT OR IGNORE INTO sync_seed VALUES (?)", ((seed,) for seed in seeds))
    rows = db.execute(
        "WITH RECURSIVE reach(mention_id) AS ("
        " SELECT mention_id FROM sync_seed"
        " UNION"
        " SELECT other.mention_id FROM reach"
        " JOIN ledger_keys own ON own.mention_id = reach.mention_id"
        " JOIN ledger_keys other ON other.key = own.partner"
        ") SELECT mention_id FROM reach ORDER BY mention_id").fetchall()
    db.execute("DELETE FROM sync_seed")
    return [row[0] for row in rows]


def records_of(db: sqlite3.Connection, mention_ids: list[int]) -> list[str]:
    """Returns the ids of the records resolved from any of these mentions."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS sync_members (mention_id INTEGER PRIMARY KEY)")
    db.execute("DELETE FROM sync_members")
    db.executemany("INSERT INTO sync_members VALUES (?)", ((m,) for m in mention_ids))
    rows = db.execute("SELECT DISTINCT record_id FROM record_mentions"
                      " WHERE mention_id IN (SELECT mention_id FROM sync_members) ORDER BY 1").fetchall()
    return [row[0] for row in rows]


def component_mentions(db: sqlite3.Connection, mention_ids: list[int]) -> list[Mention]:
    """Loads the mentions of a component (after `records_of` filled the members table)."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS sync_members (mention_id INTEGER PRIMARY KEY)")
    db.execute("DELETE FROM sync_members")
    db.executemany("INSERT INTO sync_members VALUES (?)", ((m,) for m in mention_ids))
    return load_mentions(db, "WHERE id IN (SELECT mention_id FROM sync_members)")


def write_records(db: sqlite3.Connection, resolved: Iterable[Resolved], replaced: list[str] | None) -> int:
    """Writes resolved records in place of `replaced` (None: the whole ledger); returns how many
    rows changed. Unchanged records keep their rows, so the index triggers cost what changed."""
    if replaced is None:
        stored = {row[0]: row[1] for row in db.execute("SELECT id, body FROM records")}
        links: dict[str, set[int]] = {}
        for row in db.execute("SELECT record_id, mention_id FROM record_mentions"):
            links.setdefault(row[0], set()).add(row[1])
    else:
        stored, links = {}, {}
        for record_id in replaced:
            row = db.execute("SELECT body FROM records WHERE id = ?", (record_id,)).fetchone()
            if row is not None:
                stored[record_id] = row[0]
                links[record_id] = {r[0] for r in db.execute(
                    "SELECT mention_id FROM record_mentions WHERE record_id = ?", (record_id,))}
    changed = 0
    seen: set[str] = set()
    for record_id, record, mention_ids in resolved:
        seen.add(record_id)
        body_dict = record_to_dict(record)
        body = json.dumps(body_dict, ensure_ascii=False)
        sort_date = body_dict.get("event_date") or body_dict.get("as_of") or body_dict.get("date")
        if record_id not in stored:
            db.execute("INSERT OR REPLACE INTO records (id, kind, body, sort_date) VALUES (?,?,?,?)",
                       (record_id, record_kind(record), body, sort_date))
            changed += 1
        elif stored[record_id] != body:
            db.execute("UPDATE records SET kind = ?, body = ?, sort_date = ? WHERE id = ?",
                       (record_kind(record), body, sort_date, record_id))
            changed += 1
        if links.get(record_id, set()) != set(mention_ids):
            db.execute("DELETE FROM record_mentions WHERE record_id = ?", (record_id,))
            db.executemany("INSERT OR IGNORE INTO record_mentions VALUES (?, ?)",
                           [(record_id, mention_id) for mention_id in mention_ids])
    gone = [(record_id,) for record_id in stored if record_id not in seen]
    db.executemany("DELETE FROM records WHERE id = ?", gone)
    return changed + len(gone)


class StoredLedger:
    """The stored ledger as `resolve.replay` reads it: mentions, key holders, each mention's
    record, a record's mentions, and the stored ids sharing a record id's stem."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def _chunks(self, sql: str, values: Iterable[object]) -> Iterable[sqlite3.Row]:
        items = list(values)
        for start in range(0, len(items), 500):
            chunk = items[start:start + 500]
            yield from self.db.execute(sql.format(",".join("?" * len(chunk))), chunk)

    def mentions(self, ids: Iterable[int]) -> dict[int, tuple[str, Record]]:
        return {row[0]: (row[1], record_from_dict(json.loads(row[2]))) for row in
                self._chunks("SELECT id, article_id, body FROM mentions WHERE id IN ({})", ids)}

    def holders(self, keys: Iterable[str]) -> set[int]:
        return {row[0] for row in self._chunks("SELECT mention_id FROM ledger_keys WHERE key IN ({})", keys)}

    def labels(self, ids: Iterable[int]) -> dict[int, str]:
        return {row[0]: row[1] for row in self._chunks(
            "SELECT mention_id, record_id FROM record_mentions WHERE mention_id IN ({})", ids)}

    def members(self, record_id: str) -> list[int]:
        return [row[0] for row in self.db.execute(
            "SELECT mention_id FROM record_mentions WHERE record_id = ?", (record_id,))]

    def joined(self, record_ids: Iterable[str]) -> set[str]:
        """The records among these that a pass after the report-by-report clustering made by
        joining two clusters (`merge` says so in the reason a source joined)."""
        ids = list(record_ids)
        marks = " OR ".join("instr(body, ?) > 0" for _mark in merge.JOINED_MARKS)
        found: set[str] = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            found |= {row[0] for row in self.db.execute(
                f"SELECT id FROM records WHERE id IN ({','.join('?' * len(chunk))}) AND ({marks})",
                [*chunk, *merge.JOINED_MARKS])}
        return found

    def ids_with_stem(self, stem: str) -> set[str]:
        """The stored record ids `stem` and `stem-N` (see `merge._unique_ids`)."""
        return {row[0] for row in self.db.execute(
            "SELECT id FROM records WHERE id = ? OR (id > ? AND id < ?)", (stem, stem + "-", stem + "."))}
