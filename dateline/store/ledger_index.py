"""The event index the web reads (migration 0003): installing its triggers, and its version.

The index is derived from `records` by SQL triggers (`ledger_index.sql`) rather than by any
Python caller, so it stays current whoever writes `records` (ingest, reviews). The triggers carry
a version in their names and are installed here, once per database file, so that a newer
Dateline can replace them and rebuild the index.
"""
from __future__ import annotations

import sqlite3
from importlib import resources

from dateline.store.db import Store, split_sql

TRIGGER_PREFIX = "ledger_index_"
TRIGGER_VERSION = "v2"


def _trigger_statements() -> list[str]:
    """Returns the CREATE TRIGGER statements of `ledger_index.sql`."""
    return split_sql((resources.files("dateline.store") / "ledger_index.sql").read_text(encoding="utf-8"))


def expected_triggers() -> set[str]:
    """Returns the names of the triggers this version of Dateline installs."""
    names = set()
    for statement in _trigger_statements():
        words = statement.split()
        names.add(words[2])
    return names


def ensure_ledger_index(store: Store) -> bool:
    """Installs the index triggers when they are missing or from another version, and rebuilds
    the index from `records`; returns True when it did so (False: already current)."""
    connection = store.connection
    present = {row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?",
        (TRIGGER_PREFIX + "%",))}
    wanted = expected_triggers()
    if present == wanted:
        return False
    with store.transaction() as db:
        for name in present:
            db.execute(f'DROP TRIGGER IF EXISTS "{name}"')
        for statement in _trigger_statements():
            db.execute(statement)
        rebuild_ledger_index(db)
    return True


def rebuild_ledger_index(db: sqlite3.Connection) -> None:
    """Re-derives the whole index from `records` (inside the caller's transaction)."""
    db.execute("DELETE FROM event_search")
    db.execute("DELETE FROM event_actors")
    db.execute("DELETE FROM event_index")
    # The update trigger re-derives each row it touches.
    db.execute("UPDATE records SET body = body WHERE kind = 'event'")
    db.execute("UPDATE ledger_state SET version = version + 1")


def ledger_version(connection: sqlite3.Connection) -> int:
    """Returns a number that changes whenever the ledger or a review of it changes."""
    row = connection.execute("SELECT version FROM ledger_state WHERE id = 1").fetchone()
    return int(row[0]) if row else 0


def bump_ledger_version(connection: sqlite3.Connection) -> None:
    """Marks the ledger changed (reviews change what the web shows without touching `records`)."""
    connection.execute("UPDATE ledger_state SET version = version + 1")
