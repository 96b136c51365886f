"""The store: migrations, one transaction per article, idempotent content hashes."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dateline.model import Article, EventRecord, InputError, Source
from dateline.store.db import Store, StoreError, _migrations


def _article(article_id: str, text: str) -> Article:
    return Article(id=article_id, text=text, content_hash=f"hash-{text}", origin="test",
                   outlet="Test Wire", published=date(2024, 2, 9), published_method="given")


def _event(quote: str) -> EventRecord:
    return EventRecord(event_date="2024-02-07", date_precision="day",
                       event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                       actor1="Military Forces of the United States", actor2="Kataib Hezbollah",
                       country="Iraq", admin1="Baghdad", location="Mashtal", latitude=33.3,
                       longitude=44.4, geo_precision=1, fatalities=3, injured=None,
                       sources=[Source("a1", quote)])


def test_new_database_has_every_migration_and_pragmas(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db")
    assert store.schema_version() == max(v for v, _n, _s in _migrations())
    assert store.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.connection.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    tables = {r[0] for r in store.connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"articles", "article_links", "mentions", "records", "record_mentions"} <= tables


def test_reopening_does_not_migrate_twice_and_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    store = Store(path)
    store.add_article(_article("a1", "text one"), [_event("A drone strike hit Mashtal.")])
    store.close()
    again = Store(path)
    assert again.article_count() == 1
    assert again.mentions()[0][2].location == "Mashtal"


def test_failed_article_leaves_nothing_behind(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db")
    store.add_article(_article("a1", "text one"))
    # Same id, other text: refused inside the transaction, with nothing written.
    with pytest.raises(InputError, match="already stored with different text"):
        store.add_article(_article("a1", "other text"), [_event("quote")])
    assert store.article_count() == 1
    assert store.mentions() == []


def test_content_hash_finds_known_text(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db")
    store.add_article(_article("a1", "text one"))
    assert store.article_by_hash("hash-text one") == "a1"
    assert store.article_by_hash("hash-something else") is None


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="junk.db"):
        Store(path)


def test_records_roundtrip_with_evidence(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db")
    store.add_article(_article("a1", "text one"))
    event = _event("A drone strike hit Mashtal.")
    store.replace_records([("ev-1", event, [])])
    [(record_id, back)] = store.records("event")
    assert record_id == "ev-1"
    assert back.as_export() == event.as_export()


def test_replace_records_writes_only_what_changed(tmp_path: Path) -> None:
    store = Store(tmp_path / "x.db")
    store.add_article(_article("a1", "text one"), [_event("A drone strike hit Mashtal.")])
    [(mention_id, _a, _r)] = store.mentions()
    first, second = _event("one"), _event("two")
    store.replace_records([("ev-1", first, [mention_id]), ("ev-2", second, [])])
    rowid = store.connection.execute("SELECT rowid FROM records WHERE id = 'ev-1'").fetchone()[0]
    second.fatalities = 9
    store.replace_records([("ev-1", first, [mention_id]), ("ev-2", second, []), ("ev-3", _event("three"), [])])
    # ev-1 is untouched (same row), ev-2 updated, ev-3 added; then ev-1 dropped.
    assert store.connection.execute("SELECT rowid FROM records WHERE id = 'ev-1'").fetchone()[0] == rowid
    assert {rid: r.fatalities for rid, r in store.records("event")} == {"ev-1": 3, "ev-2": 9, "ev-3": 3}
    store.replace_records([("ev-2", second, []), ("ev-3", _event("three"), [mention_id])])
    assert [rid for rid, _r in store.records("event")] == ["ev-2", "ev-3"]
    links = store.connection.execute("SELECT record_id, mention_id FROM record_mentions").fetchall()
    assert [tuple(row) for row in links] == [("ev-3", mention_id)]
