"""Everything a run leaves in a database that must not depend on how the run went (crashes,
workers): articles, mentions, links, the ledger with its ids, the event index, the stale marks."""
from __future__ import annotations

import sqlite3
from pathlib import Path


def db_state(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {
            "articles": connection.execute("SELECT id, content_hash, origin, title, published, text, minhash"
                                           " FROM articles ORDER BY id").fetchall(),
            "mentions": connection.execute("SELECT id, article_id, kind, position, body FROM mentions"
                                           " ORDER BY id").fetchall(),
            "links": connection.execute("SELECT * FROM article_links ORDER BY 1, 2").fetchall(),
            "records": connection.execute("SELECT id, kind, body, sort_date FROM records ORDER BY id").fetchall(),
            "record_mentions": connection.execute("SELECT * FROM record_mentions ORDER BY 1, 2").fetchall(),
            "events_indexed": connection.execute("SELECT record_id FROM event_index ORDER BY 1").fetchall(),
            "stale": connection.execute("SELECT (SELECT count(*) FROM ledger_pending),"
                                        " (SELECT full FROM ledger_sync)").fetchall(),
        }
