"""The aggregate pages read through a cache kept per ledger version (issue 12, defect 15): the
same question is asked of SQLite once while the ledger stays the same, and every page shows a
change as soon as the ledger or the articles change."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from test_web_support import client_for, make_ledger

from dateline.serve.cache import MAX_ENTRIES, ledger_cached, ledger_cached_value
from dateline.serve.site import Site
from dateline.store.db import Store


def test_a_query_is_answered_once_per_ledger_version(tmp_path: Path) -> None:
    db = make_ledger(tmp_path / "ledger.db")
    site = Site(str(db))
    asked: list[str] = []
    site.db.set_trace_callback(asked.append)
    query = "SELECT count(*) FROM event_index WHERE country = ?"
    first = ledger_cached(site).execute(query, ("Iraq",)).fetchone()[0]
    again = ledger_cached(site).execute(query, ("Iraq",)).fetchone()[0]
    assert first == again and sum(1 for sql in asked if sql.startswith("SELECT count(*) FROM event_index")) == 1
    # A change to the ledger (here: one event fewer) is a new version: asked again, new answer.
    store = Store(db)
    records = store.records()
    kept = [(rid, record, []) for rid, record in records if rid != "ev-asad"]
    store.replace_records(kept)  # type: ignore[arg-type]
    store.close()
    after = ledger_cached(site).execute(query, ("Iraq",)).fetchone()[0]
    assert after == first - 1
    assert sum(1 for sql in asked if sql.startswith("SELECT count(*) FROM event_index")) == 2


def test_values_are_kept_per_version_and_the_cache_is_bounded(tmp_path: Path) -> None:
    site = Site(str(make_ledger(tmp_path / "ledger.db")))
    built: list[int] = []

    def build(n: int) -> int:
        built.append(n)
        return n * 2

    assert ledger_cached_value(site, ("double", 1), lambda: build(1)) == 2
    assert ledger_cached_value(site, ("double", 1), lambda: build(1)) == 2
    assert built == [1]
    for n in range(MAX_ENTRIES + 10):
        ledger_cached_value(site, ("double", n + 100), lambda n=n: build(n))  # type: ignore[misc]
    assert len(ledger_cached(site).answers.entries) <= MAX_ENTRIES


def test_pages_show_a_new_ledger_at_once(tmp_path: Path) -> None:
    db = make_ledger(tmp_path / "ledger.db")
    client = client_for(db)
    markers = json.loads(client.get("/map/markers.json").content)
    overview = client.get("/").text
    timeline = client.get("/timeline").text
    assert client.get("/map/markers.json").content == client.get("/map/markers.json").content
    store = Store(db)
    records = store.records()
    moved = [(rid, dataclasses.replace(record, location="Somewhere Else", event_date="2021-05-05")
              if rid == "ev-asad" else record, []) for rid, record in records]
    store.replace_records(moved)  # type: ignore[arg-type]
    store.close()
    places = {row[5] for row in json.loads(client.get("/map/markers.json").content)["markers"]}
    assert "Somewhere Else, Anbar, Iraq" in places and markers["total"] >= 1
    assert client.get("/timeline").text != timeline
    assert client.get("/").text != overview
