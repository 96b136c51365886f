"""Builders shared by the web, API and export tests: a small hand-made ledger whose every value
is known, the shipped sample corpus ingested for real, and a signed-in test client.
(No tests here; pytest collects the module and finds none.)"""
from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

from fastapi.testclient import TestClient

from dateline.model import Article, EventRecord, Evidence, Source, TallyRecord
from dateline.serve.app import create_app
from dateline.store.accounts import add_analyst
from dateline.store.db import Store

PASSWORD = "correct horse battery"
SAMPLE = Path(__file__).resolve().parents[1] / "dateline" / "data" / "sample"

ARTICLES = {
    "a1": ("Tigris Monitor", "2024-01-21",
           "ANBAR - Militants fired several ballistic missiles at Ain al-Asad air base on Saturday "
           "evening, US Central Command said. Two soldiers were injured.\n\n"
           "Kataib Hezbollah claimed the attack on Sunday."),
    "a2": ("Euphrates Post", "2024-01-29",
           "A drone strike killed three US troops at Tower 22 in Jordan on Sunday, officials said.\n\n"
           "Another report said four were killed."),
    "a3": ("Levant Ledger", "2024-02-08",
           "A US drone strike in Baghdad's Mashtal neighbourhood killed a Kataib Hezbollah commander "
           "on Wednesday. <script>alert(1)</script> was painted on a wall nearby."),
}


def _event(day: str, sub: str, actor1: str, actor2: str | None, country: str, admin1: str,
           location: str, lat: float | None, lon: float | None, fatalities: int | None, quote: str,
           article: str, spans: dict[str, str], notes: str, event_type: str = "Explosions/Remote violence",
           injured: int | None = None) -> EventRecord:
    evidence = {name: Evidence(None, words, f"test rule for {name}") for name, words in spans.items()}
    return EventRecord(event_date=day, date_precision="day", event_type=event_type, sub_event_type=sub,
                       actor1=actor1, actor2=actor2, country=country, admin1=admin1, location=location,
                       latitude=lat, longitude=lon, geo_precision=1, fatalities=fatalities, injured=injured,
                       claimed_by=[], denied_by=[], weapons=["missile"],
                       sources=[Source(article, quote)], notes=notes, evidence=evidence)


def ledger_records() -> list[tuple[str, object, str]]:
    """Returns (record id, record, article id) of the hand-made ledger."""
    q1 = ARTICLES["a1"][2].split("\n")[0]
    q2 = "A drone strike killed three US troops at Tower 22 in Jordan on Sunday, officials said."
    q3 = ARTICLES["a3"][2]
    asad = _event("2024-01-20", "Shelling/artillery/missile attack", "Unidentified Armed Group (Iraq)",
                  "Military Forces of the United States", "Iraq", "Anbar", "Ain al-Asad Air Base", 33.7856,
                  42.4412, None, q1, "a1", {"location": "Ain al-Asad air base", "event_date": "on Saturday evening"},
                  "On 2024-01-20 Unidentified Armed Group (Iraq): missile attack on Ain al-Asad.", injured=2)
    asad.claimed_by = ["Kataib Hezbollah"]
    tower = _event("2024-01-28", "Air/drone strike", "Islamic Resistance in Iraq",
                   "Military Forces of the United States", "Jordan", "Mafraq", "Tower 22", 33.314, 38.703, 3,
                   q2, "a2", {"fatalities": "killed three US troops", "location": "Tower 22"},
                   "On 2024-01-28 Islamic Resistance in Iraq: drone strike on Tower 22; 3 killed.")
    tower.evidence["fatalities_reported"] = Evidence(
        [{"value": 3, "article": "a2", "words": "killed three"},
         {"value": 4, "article": "a2", "words": "four were killed"}],
        None, "reports [3, 4]: most reported, lowest on a tie (ACLED: most conservative)")
    mashtal = _event("2024-02-07", "Air/drone strike", "Military Forces of the United States", "Kataib Hezbollah",
                     "Iraq", "Baghdad", "Mashtal", 33.33, 44.45, 1, q3, "a3",
                     {"location": "Mashtal neighbourhood", "actor2": "Kataib Hezbollah"},
                     "On 2024-02-07 US forces struck Kataib Hezbollah in Mashtal <script>alert(1)</script>.")
    unplaced = _event("2023-06-01", "Other", "Government of Iraq", None, "Syria", "Hasakah", None, None, None,
                      None, q3, "a3", {}, "An undated-place development.", event_type="Strategic developments")
    tally = TallyRecord(metric="attacks on US forces", value=140, qualifier="about", period_start="2023-10-15",
                        period_start_precision="range", as_of="2024-01-24", attributed_to="Pentagon",
                        scope=["Iraq", "Syria", "Jordan"], sources=[Source("a2", q2)])
    return [("ev-asad", asad, "a1"), ("ev-tower", tower, "a2"), ("ev-mashtal", mashtal, "a3"),
            ("ev-unplaced", unplaced, "a3"), ("ta-pentagon", tally, "a2")]


def make_ledger(path: Path) -> Path:
    """Writes the hand-made ledger (3 articles, 4 events, 1 tally) and an analyst to `path`."""
    store = Store(path)
    records = ledger_records()
    for article_id, (outlet, published, text) in ARTICLES.items():
        from datetime import date

        article = Article(id=article_id, text=text, content_hash=hashlib.sha256(text.encode()).hexdigest(),
                          origin="test", outlet=outlet, title=f"Story {article_id}",
                          published=date.fromisoformat(published), published_method="given")
        store.add_article(article, [r for _rid, r, aid in records if aid == article_id])
    mention_ids: dict[str, list[int]] = {}
    for row in store.connection.execute("SELECT id, article_id, position FROM mentions ORDER BY article_id, position"):
        mention_ids.setdefault(row[1], []).append(row[0])
    resolved = []
    taken: dict[str, int] = {}
    for record_id, record, article_id in records:
        index = taken.get(article_id, 0)
        taken[article_id] = index + 1
        resolved.append((record_id, record, [mention_ids[article_id][index]]))
    store.replace_records(resolved)  # type: ignore[arg-type]
    with store.transaction() as db:
        add_analyst(db, "alice", PASSWORD)
    store.close()
    return path


def ingest_sample(path: Path) -> Path:
    """Ingests the shipped sample corpus with the real pipeline into `path`, with an analyst."""
    from dateline.extract.extractor import Extractor
    from dateline.extract.kb import load_knowledge_base
    from dateline.pipeline import ingest

    store = Store(path)
    report = ingest(store, [str(SAMPLE)], Extractor.from_kb(load_knowledge_base()))
    assert report.new and not report.rejected, report.summary()
    with store.transaction() as db:
        add_analyst(db, "alice", PASSWORD)
    store.close()
    return path


def copy_db(source: Path, target: Path) -> Path:
    """Copies a database file (after its WAL was checkpointed by closing every connection)."""
    shutil.copyfile(source, target)
    return target


def client_for(path: Path, private: bool = False) -> TestClient:
    return TestClient(create_app(str(path), private=private))


def csrf_of(client: TestClient, page: str = "/login") -> str:
    """Loads a page with a form and returns its CSRF token (the cookie is now set too)."""
    html = client.get(page).text
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, f"no CSRF field on {page}"
    return match.group(1)


def sign_in(client: TestClient, name: str = "alice", password: str = PASSWORD) -> None:
    token = csrf_of(client)
    response = client.post("/login", data={"name": name, "password": password, "csrf_token": token,
                                           "next": "/"}, follow_redirects=False)
    assert response.status_code == 303, response.text
