"""The review queue: confirm, reject with a reason, correct; the audit log; rejected events
leave the exports but stay in the database; corrections survive the ledger being rebuilt."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from test_web_support import client_for, csrf_of, ingest_sample, ledger_records, make_ledger, sign_in

from dateline.model import EventRecord
from dateline.store.accounts import audit_entries
from dateline.store.db import Store
from dateline.store.reviews import ReviewError, apply_reviews, decide, parse_corrections


@pytest.fixture()
def ledger(tmp_path: Path) -> Path:
    return make_ledger(tmp_path / "ledger.db")


@pytest.fixture()
def analyst(ledger: Path) -> TestClient:
    client = client_for(ledger)
    sign_in(client)
    return client


def post(client: TestClient, record_id: str, **data: str) -> int:
    data["csrf_token"] = csrf_of(client, "/review")
    return client.post(f"/review/{record_id}", data=data, follow_redirects=False).status_code


def csv_ids(client: TestClient) -> list[str]:
    return [row["id"] for row in csv.DictReader(io.StringIO(client.get("/export/csv").text))]


def test_queue_lists_unreviewed_events_and_moves_them_by_status(analyst: TestClient) -> None:
    html = analyst.get("/review").text
    assert "unreviewed (4)" in html and 'data-id="ev-asad"' in html
    assert post(analyst, "ev-asad", decision="confirm") == 303
    html = analyst.get("/review").text
    assert "unreviewed (3)" in html and 'data-id="ev-asad"' not in html
    assert 'data-id="ev-asad"' in analyst.get("/review?status=confirmed").text


def test_reject_needs_a_reason_and_leaves_every_export(analyst: TestClient, ledger: Path) -> None:
    assert post(analyst, "ev-tower", decision="reject", reason="") == 400
    assert "ev-tower" in csv_ids(analyst)
    assert post(analyst, "ev-tower", decision="reject", reason="duplicate of a wire report") == 303
    assert "ev-tower" not in csv_ids(analyst)
    lines = [json.loads(line) for line in analyst.get("/export/jsonl").text.splitlines()]
    assert [r["location"] for r in lines if r["kind"] == "event"] == [None, "Ain al-Asad Air Base", "Mashtal"]
    assert [r["kind"] for r in lines].count("tally") == 1
    geojson = analyst.get("/export/geojson").json()
    assert {f["id"] for f in geojson["features"]} == {"ev-asad", "ev-mashtal"}
    assert "ev-tower" not in analyst.get("/export/acled").text
    # ...but it stays in the database, shown with its status and reason
    assert Store(ledger).record("ev-tower") is not None
    page = analyst.get("/events/ev-tower").text
    assert "rejected" in page and "duplicate of a wire report" in page
    assert 'data-id="ev-tower"' not in analyst.get("/events").text
    assert 'data-id="ev-tower"' in analyst.get("/events?status=rejected").text


def test_a_confirm_brings_a_rejected_event_back(analyst: TestClient) -> None:
    post(analyst, "ev-tower", decision="reject", reason="looked wrong")
    post(analyst, "ev-tower", decision="confirm")
    assert "ev-tower" in csv_ids(analyst)


def test_every_decision_is_in_the_audit_log_with_before_and_after(analyst: TestClient, ledger: Path) -> None:
    assert post(analyst, "ev-tower", decision="correct", fatalities="4", reason="later report") == 303
    entry = audit_entries(Store(ledger).connection, target="ev-tower")[0]
    assert entry["analyst"] == "alice" and entry["action"] == "review.correct" and entry["at"]
    assert entry["before"]["record"]["fatalities"] == 3 and entry["before"]["status"] is None
    assert entry["after"]["record"]["fatalities"] == 4 and entry["after"]["status"] == "corrected"
    page = analyst.get("/review/audit").text
    assert "review.correct" in page and "<code>fatalities</code>: 3 → 4" in page


def test_a_correction_changes_only_the_fields_edited(analyst: TestClient, ledger: Path) -> None:
    form = analyst.get("/review/ev-tower").text
    assert 'name="fatalities" value="3"' in form and 'name="latitude" value="33.314"' in form
    fields = {"decision": "correct", "reason": "fixed", "fatalities": "4", "location": "Tower 22 base",
              "latitude": "33.314", "longitude": "38.703", "actor1": "Islamic Resistance in Iraq",
              "weapons": "drone"}
    assert post(analyst, "ev-tower", **fields) == 303
    review = Store(ledger).connection.execute("SELECT corrections FROM reviews").fetchone()[0]
    assert json.loads(review) == {"fatalities": 4, "location": "Tower 22 base", "weapons": ["drone"]}
    record = Store(ledger).record("ev-tower")
    assert isinstance(record, EventRecord)
    assert (record.fatalities, record.location, record.weapons) == (4, "Tower 22 base", ["drone"])
    assert "analyst correction by alice" in record.evidence["fatalities"].rule
    row = analyst.get("/events/ev-tower").text
    assert "analyst correction by alice" in row
    exported = next(r for r in csv.DictReader(io.StringIO(analyst.get("/export/csv").text)) if r["id"] == "ev-tower")
    assert exported["fatalities"] == "4" and exported["review"] == "corrected"


def test_corrections_are_checked() -> None:
    with pytest.raises(ReviewError, match="YYYY-MM-DD"):
        parse_corrections({"event_date": "yesterday"})
    with pytest.raises(ReviewError, match="cannot be corrected"):
        parse_corrections({"sources": "x"})
    with pytest.raises(ReviewError, match="weapons"):
        parse_corrections({"weapons": "laser"})
    with pytest.raises(ReviewError, match="ACLED"):
        parse_corrections({"event_type": "Skirmish"})
    assert parse_corrections({"actor2": "", "injured": "0", "claimed_by": "A; B"}) == \
        {"actor2": None, "injured": 0, "claimed_by": ["A", "B"]}


def test_apply_reviews_puts_decisions_back_on_a_rebuilt_ledger(ledger: Path) -> None:
    store = Store(ledger)
    decide(store, "ev-tower", "correct", "alice", "later report", {"fatalities": "4"})
    decide(store, "ev-asad", "reject", "alice", "not an attack")
    # A rebuild writes the resolver's output again: the correction would be lost without apply_reviews.
    fresh = [(rid, record, []) for rid, record, _aid in ledger_records()]
    store.replace_records(apply_reviews(store, fresh))  # type: ignore[arg-type]
    tower = store.record("ev-tower")
    asad = store.record("ev-asad")
    assert isinstance(tower, EventRecord) and isinstance(asad, EventRecord)
    assert tower.fatalities == 4 and tower.evidence["review"].value == "corrected"
    assert asad.evidence["review"].value == "rejected" and asad.evidence["review"].span == "not an attack"
    untouched = dict((rid, r) for rid, r, _m in apply_reviews(store, fresh))["ev-mashtal"]
    assert "review" not in untouched.evidence


def test_rejection_holds_even_if_the_ledger_is_rebuilt_without_apply_reviews(ledger: Path) -> None:
    store = Store(ledger)
    decide(store, "ev-asad", "reject", "alice", "not an attack")
    store.replace_records([(rid, record, []) for rid, record, _aid in ledger_records()])  # type: ignore[arg-type]
    client = client_for(ledger)
    assert "ev-asad" not in csv_ids(client)


def test_only_events_can_be_reviewed(ledger: Path) -> None:
    with pytest.raises(ReviewError, match="only events"):
        decide(Store(ledger), "ta-pentagon", "confirm", "alice")
    with pytest.raises(ReviewError, match="no record"):
        decide(Store(ledger), "ev-missing", "confirm", "alice")


def test_corrections_survive_reextraction_with_the_real_pipeline(tmp_path: Path) -> None:
    from dateline.extract.extractor import Extractor
    from dateline.extract.kb import load_knowledge_base
    from dateline.pipeline import reextract

    store = Store(ingest_sample(tmp_path / "sample.db"))
    record_id = store.connection.execute("SELECT id FROM records WHERE kind = 'event' ORDER BY id").fetchone()[0]
    decide(store, record_id, "correct", "alice", "checked", {"fatalities": "42"})
    reextract(store, Extractor.from_kb(load_knowledge_base()))
    record = store.record(record_id)
    assert isinstance(record, EventRecord) and record.fatalities == 42
