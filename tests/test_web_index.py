"""The event index the web reads stays in step with `records`, whoever rewrites it."""
from __future__ import annotations

import json
from pathlib import Path

from test_web_support import ledger_records, make_ledger

from dateline.store.db import Store
from dateline.store.ledger_index import (ensure_ledger_index, expected_triggers, ledger_version)
from dateline.store.ledger_queries import EventFilter, count_events, fts_query, list_events


def _index(store: Store) -> dict[str, tuple[object, ...]]:
    return {row[0]: tuple(row) for row in store.connection.execute(
        "SELECT record_id, event_date, actor1, actor2, country, fatalities, source_count FROM event_index")}


def test_triggers_are_installed_and_index_every_event(tmp_path: Path) -> None:
    store = Store(make_ledger(tmp_path / "l.db"))
    ensure_ledger_index(store)
    names = {row[0] for row in store.connection.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert expected_triggers() <= names
    index = _index(store)
    assert set(index) == {"ev-asad", "ev-tower", "ev-mashtal", "ev-unplaced"}  # the tally is not an event
    assert index["ev-tower"][1:] == ("2024-01-28", "Islamic Resistance in Iraq",
                                     "Military Forces of the United States", "Jordan", 3, 1)
    actors = {tuple(row) for row in store.connection.execute(
        "SELECT actor, role FROM event_actors WHERE record_id = 'ev-asad'")}
    assert actors == {("Unidentified Armed Group (Iraq)", "actor1"),
                      ("Military Forces of the United States", "actor2"), ("Kataib Hezbollah", "claimed")}


def test_rewriting_records_rewrites_the_index_and_the_search(tmp_path: Path) -> None:
    store = Store(make_ledger(tmp_path / "l.db"))
    ensure_ledger_index(store)
    before = ledger_version(store.connection)
    kept = [(rid, record, []) for rid, record, _aid in ledger_records() if rid != "ev-mashtal"]
    kept[0][1].location = "Renamed Base"  # type: ignore[union-attr]
    store.replace_records(kept)  # type: ignore[arg-type]
    assert set(_index(store)) == {"ev-asad", "ev-tower", "ev-unplaced"}
    assert ledger_version(store.connection) > before
    search = store.connection.execute("SELECT count(*) FROM event_search").fetchone()[0]
    assert search == 3
    # ev-unplaced quotes the same sentence; ev-mashtal itself is gone
    assert [r.record_id for r in list_events(store.connection, EventFilter(text="Mashtal"))] == ["ev-unplaced"]
    assert [r.record_id for r in list_events(store.connection, EventFilter(text="renamed"))] == ["ev-asad"]


def test_an_update_of_one_record_reindexes_it(tmp_path: Path) -> None:
    store = Store(make_ledger(tmp_path / "l.db"))
    ensure_ledger_index(store)
    body = json.loads(store.connection.execute("SELECT body FROM records WHERE id = 'ev-tower'").fetchone()[0])
    body["actor1"] = "Harakat Hezbollah al-Nujaba"
    store.connection.execute("UPDATE records SET body = ? WHERE id = 'ev-tower'", (json.dumps(body),))
    assert _index(store)["ev-tower"][2] == "Harakat Hezbollah al-Nujaba"
    assert count_events(store.connection, EventFilter(actor="Islamic Resistance in Iraq")) == 0
    assert count_events(store.connection, EventFilter(actor="Harakat Hezbollah al-Nujaba")) == 1
    assert count_events(store.connection, EventFilter(text="nujaba")) == 1


def test_missing_triggers_are_reinstalled_and_the_index_rebuilt(tmp_path: Path) -> None:
    store = Store(make_ledger(tmp_path / "l.db"))
    ensure_ledger_index(store)
    for name in expected_triggers():
        store.connection.execute(f"DROP TRIGGER {name}")
    store.connection.execute("DELETE FROM event_index")
    assert ensure_ledger_index(store) is True
    assert len(_index(store)) == 4
    assert ensure_ledger_index(store) is False


def test_search_words_cannot_inject_fts_syntax() -> None:
    assert fts_query('drone" OR x NEAR(') == '"drone"* "OR"* "x"* "NEAR"*'
    assert fts_query("  ") == ""
