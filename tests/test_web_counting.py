"""The overview's tally panel and an event page's sources, browser-free, on a ledger ingested by the
real pipeline from reports written for this test: a wire story, its reprint under another URL,
a second outlet's account of the same strike, and an official breakdown by country."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from test_web_support import client_for

from dateline.extract.extractor import Extractor
from dateline.extract.kb import load_knowledge_base
from dateline.pipeline import ingest
from dateline.store.db import Store

WIRE = ("A US drone strike on a car in Baghdad's Mashtal district killed three members of Kataib "
        "Hezbollah on Wednesday, officials said. Since October, American troops have been attacked at "
        "least 60 times in Iraq and 45 times in Syria, the Pentagon said.")
OTHER = ("Three Kataib Hezbollah fighters died when an American drone hit their vehicle in eastern "
         "Baghdad's Mashtal on Wednesday night, a militia official said.")
DOCS = [
    {"id": "wire-1", "url": "https://wire.example/strike", "outlet": "Wire", "published": "2024-02-08",
     "title": "Drone strike in Baghdad", "text": WIRE},
    {"id": "paper-7", "url": "https://paper.example/world/strike", "outlet": "Paper",
     "published": "2024-02-08", "title": "Drone strike in Baghdad", "text": WIRE},
    {"id": "other-3", "url": "https://other.example/a", "outlet": "Other", "published": "2024-02-08",
     "title": "Militia fighters killed", "text": OTHER},
]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    folder = tmp_path_factory.mktemp("counting")
    corpus = folder / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(d) + "\n" for d in DOCS), encoding="utf-8")
    store = Store(folder / "ledger.db")
    report = ingest(store, [str(corpus)], Extractor.from_kb(load_knowledge_base()))
    assert report.reprints == ["paper-7"], report.summary()
    again = ingest(store, [str(corpus)], Extractor.from_kb(load_knowledge_base()))
    assert len(again.known) == 3 and not again.new  # re-ingesting adds nothing
    store.close()
    return client_for(Path(folder / "ledger.db"))


def _strike_id(client: TestClient) -> str:
    html = client.get("/events?q=Mashtal").text
    ids = re.findall(r'<tr data-id="([^"]+)"', html)
    assert len(ids) == 1, ids  # three reports, one event
    return ids[0]


def test_event_page_lists_every_source_with_the_reprint_marked(client: TestClient) -> None:
    html = client.get(f"/events/{_strike_id(client)}").text
    sources = html[html.index('id="sources"'):]
    assert "Sources (3)" in html
    for article in ("wire-1", "paper-7", "other-3"):
        assert f'href="/articles/{article}"' in sources
    assert re.search(r'reprint of <a href="/articles/wire-1">wire-1</a>', sources)
    assert sources.count("reprint of") == 1
    assert "joined: score" in sources  # why the other outlet's report joined
    assert client.get("/articles/paper-7").status_code == 200


def test_reprint_counts_once_for_figures(client: TestClient) -> None:
    body = client.get(f"/api/events/{_strike_id(client)}").json()
    record = body.get("record", body)
    assert record["fatalities"] == 3
    assert {s["article"] for s in record["sources"]} == {"wire-1", "paper-7", "other-3"}


def test_overview_panel_shows_each_figure_of_a_breakdown_against_the_ledger(client: TestClient) -> None:
    panel = client.get("/").text
    panel = panel[panel.index('id="tallies"'):]
    assert re.search(r"attacks on US forces since 2023-10-\d\d \(Iraq\)", panel)
    assert re.search(r"attacks on US forces since 2023-10-\d\d \(Syria\)", panel)
    rows = re.findall(r'<td class="num">(at least|exact) (\d+)</td>\s*<td>([^<]*)</td><td class="num">(\d+)</td>',
                      panel)
    assert sorted((q, int(v), who) for q, v, who, _n in rows) == [
        ("at least", 45, "Pentagon"), ("at least", 60, "Pentagon")]


def test_event_page_shows_the_other_reading_of_the_type_as_a_conflict() -> None:
    from dateline.model import EventRecord, Source
    from dateline.resolve.merge import resolve
    from dateline.serve.views.event import conflicts

    def report(article: str, sub: str, kind: str, actor1: str, actor2: str) -> EventRecord:
        return EventRecord(event_date="2024-01-20", date_precision="day", event_type=kind, sub_event_type=sub,
                           actor1=actor1, actor2=actor2, country="Iraq", admin1="Anbar",
                           location="Ain al-Asad Air Base", latitude=33.79, longitude=42.44, geo_precision=1,
                           fatalities=None, injured=None, sources=[Source(article, f"{article} told it.")])

    us, iri = "Military Forces of the United States", "Islamic Resistance in Iraq"
    mentions = [(1, "a", report("a", "Shelling/artillery/missile attack", "Explosions/Remote violence", iri, us)),
                (2, "b", report("b", "Disrupted weapons use", "Strategic developments", us, iri))]
    [(_rid, record, _mids)] = resolve(mentions)  # type: ignore[arg-type]
    [shown] = [c for c in conflicts(record) if c["label"] == "type"]
    assert shown["disagree"] and {r["value"] for r in shown["reports"]} == {
        "Shelling/artillery/missile attack", "Disrupted weapons use"}
