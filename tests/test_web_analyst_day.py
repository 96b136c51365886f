"""What a new analyst tripped over on the pages and the API (issue 13), without a browser: bad
filter dates, actor aliases, the audit log of a failed sign-in, the review page's provenance,
corrections tied to ACLED's sub-event types, adding articles from the web, the actors page,
charts whose bars follow the period, and the map's bundled place labels."""
from __future__ import annotations

import json
import re
from datetime import date
from importlib import resources
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from test_web_support import SAMPLE, client_for, csrf_of, make_ledger, sign_in

from dateline.serve.charts import bucket_for, stacked_bars
from dateline.store.accounts import audit_entries
from dateline.store.db import Store


@pytest.fixture()
def ledger(tmp_path: Path) -> Path:
    return make_ledger(tmp_path / "ledger.db")


@pytest.fixture()
def client(ledger: Path) -> TestClient:
    return client_for(ledger)


@pytest.fixture()
def analyst(ledger: Path) -> TestClient:
    client = client_for(ledger)
    sign_in(client)
    return client


# -- item 8: impossible dates -----------------------------------------------------------------

@pytest.mark.parametrize("value, reason", [("2024-13-45", "there is no month 13"),
                                           ("2024-02-30", "February 2024 has no day 30"),
                                           ("yesterday", "must be a date as YYYY-MM-DD")])
def test_the_api_refuses_an_impossible_date_with_the_reason(client: TestClient, value: str, reason: str) -> None:
    response = client.get(f"/api/events?from={value}")
    assert response.status_code == 400
    assert reason in response.json()["detail"]
    assert client.get(f"/export/csv?to={value}").status_code == 400


def test_the_page_shows_the_reason_beside_the_field_and_keeps_the_value(client: TestClient) -> None:
    response = client.get("/events?from=2024-13-45&country=Iraq")
    assert response.status_code == 400
    html = response.text
    field = html[html.index('name="from"') - 200:html.index('id="from-error"') + 120]
    assert 'value="2024-13-45"' in field and 'aria-invalid="true"' in field
    assert "there is no month 13" in field
    assert 'data-id="ev-mashtal"' in html  # the other filters still select
    assert 'data-id="ev-tower"' not in html  # (Jordan)
    assert client.get("/events?from=2024-04-01&to=2024-03").status_code == 400
    no_field = client.get("/map?status=bogus")  # a filter the page's form does not show
    assert no_field.status_code == 400 and "status must be one of" in no_field.text


# -- item 14: aliases and acronyms ------------------------------------------------------------

def test_actor_filter_reads_aliases_and_acronyms_as_the_canonical_name(client: TestClient) -> None:
    canonical = client.get("/api/events?actor=Kataib+Hezbollah").json()["items"]
    for typed in ("KH", "kh", "Kata'ib Hizballah"):
        assert client.get(f"/api/events?actor={typed}").json()["items"] == canonical, typed
    assert {e["id"] for e in canonical} == {"ev-mashtal", "ev-asad"}
    page = client.get("/events?actor=KH").text
    assert "“KH” is Kataib Hezbollah" in page and 'value="Kataib Hezbollah"' in page
    searched = client.get("/events?q=KH").text  # the search box too
    assert "“KH” is Kataib Hezbollah" in searched and 'data-id="ev-mashtal"' in searched
    several = client.get("/events?actor=Kataib").text  # several groups start so: suggest them
    assert "No actor called “Kataib”" in several
    assert "Kataib Hezbollah</a>" in several and "Kataib Sayyid al-Shuhada</a>" in several


# -- item 7: the audit log --------------------------------------------------------------------

def test_a_failed_web_sign_in_is_audited_as_the_web(client: TestClient, ledger: Path) -> None:
    client.post("/login", data={"name": "mallory", "password": "not it at all", "csrf_token": csrf_of(client)})
    entry = audit_entries(Store(ledger).connection)[0]
    assert entry["action"] == "session.login_failed" and entry["detail"].startswith("web:")
    sign_in(client)
    html = client.get("/review/audit").text
    row = html[html.index("session.login_failed") - 200:html.index("session.login_failed")]
    assert "(web, not signed in)" in row and "(command line)" not in row


# -- items 1, 15, 19: provenance on the review page, corrections ------------------------------

def test_review_page_explains_every_field_with_its_sentence(analyst: TestClient) -> None:
    html = analyst.get("/review/ev-tower").text
    killed = html[html.index('id="field-fatalities"'):]
    killed = killed[:killed.index("</div>")]
    assert ">Killed<" in killed and "test rule for fatalities" in killed
    group = html[html.rindex('<div class="sentence-group', 0, html.index('id="field-fatalities"')):]
    assert '<mark title="Killed">killed three US troops</mark>' in group[:group.index("</blockquote>")]
    assert "sources disagree" in html and "four were killed" in html  # the figures each source gave
    assert 'title="How exactly the place is known' in html  # jargon explained on hover


def test_event_page_shows_each_sentence_once(client: TestClient) -> None:
    html = client.get("/events/ev-asad").text
    fields = html[html.index('id="provenance"'):html.index("</section>", html.index('id="provenance"'))]
    assert fields.count("<blockquote") == 1  # two fields, one sentence
    labels = [re.sub(r"<[^>]+>", "", dt) for dt in re.findall(r"<dt>(.*?)</dt>", fields)]
    assert {"Date", "Place", "Killed", "Actor", "Target", "Place precision"} <= set(labels)
    assert not any("_" in label for label in labels)  # plain words, not field names


def test_correction_sub_types_follow_the_event_type_and_keep_the_reason(analyst: TestClient) -> None:
    form = analyst.get("/review/ev-tower").text
    assert '<optgroup label="Battles"><option>Armed clash</option>' in form
    assert 'data-tied-to="fix-event_type"' in form
    token = csrf_of(analyst, "/review/ev-tower")
    base = {"csrf_token": token, "decision": "correct", "reason": "the base was shelled, not droned"}
    wrong = analyst.post("/review/ev-tower", data={**base, "sub_event_type": "Armed clash"})
    assert wrong.status_code == 400
    assert "is not one of Explosions/Remote violence" in wrong.text
    assert 'value="the base was shelled, not droned"' in wrong.text  # what the analyst typed is kept
    right = analyst.post("/review/ev-tower", data={**base, "sub_event_type": "Shelling/artillery/missile attack"},
                         follow_redirects=False)
    assert right.status_code == 303
    evidence = analyst.get("/api/events/ev-tower").json()["evidence"]["sub_event_type"]
    assert "(was: Air/drone strike)" in evidence["rule"] and "reason: the base was shelled" in evidence["rule"]
    page = analyst.get("/events/ev-tower").text
    assert "reason: the base was shelled, not droned" in page


# -- item 9: rejecting without a reason -------------------------------------------------------

def test_reject_without_reason_shows_the_error_in_the_queue_where_the_analyst_was(analyst: TestClient) -> None:
    token = csrf_of(analyst, "/review")
    response = analyst.post("/review/ev-tower", data={"csrf_token": token, "decision": "reject", "reason": "  ",
                                                     "next": "/review?status=unreviewed&page=1"})
    assert response.status_code == 400
    html = response.text
    assert 'id="queue"' in html and "Cannot do that" not in html
    item = html[html.index('id="item-ev-tower"'):]
    item = item[:item.index("</li>")]
    assert "a rejection needs a reason" in item and 'aria-invalid="true"' in item
    on_form = analyst.post("/review/ev-tower", data={"csrf_token": token, "decision": "reject", "reason": ""})
    assert on_form.status_code == 400 and 'id="review-error"' in on_form.text and 'id="provenance"' in on_form.text


# -- item 17: adding articles from the web ----------------------------------------------------

def test_an_analyst_adds_pasted_text_and_sees_the_events_it_produced(analyst: TestClient, client: TestClient) -> None:
    assert client.get("/ingest", follow_redirects=False).status_code == 303  # sign in first
    text = (SAMPLE / next(p.name for p in sorted(SAMPLE.iterdir()) if p.suffix == ".txt")).read_text(encoding="utf-8")
    token = csrf_of(analyst, "/ingest")
    added = analyst.post("/ingest", data={"csrf_token": token, "text": text, "title": "Pasted story",
                                          "published": "2024-01-29"})
    assert added.status_code == 200, added.text[:500]
    result = added.text[added.text.index('id="add-result"'):]
    assert "1 new" in result and "Pasted story" in result
    assert 'data-kind="event"' in result
    again = analyst.post("/ingest", data={"csrf_token": token, "text": text, "title": "Pasted story"})
    assert "already in the ledger" in again.text


def test_an_analyst_uploads_a_file(analyst: TestClient) -> None:
    path = next(p for p in sorted(SAMPLE.iterdir()) if p.suffix == ".html")
    token = csrf_of(analyst, "/ingest")
    added = analyst.post("/ingest", data={"csrf_token": token},
                         files={"file": (path.name, path.read_bytes(), "text/html")})
    assert added.status_code == 200 and "1 new" in added.text
    refused = analyst.post("/ingest", data={"csrf_token": token},
                           files={"file": ("notes.pdf", b"%PDF-1.4", "application/pdf")})
    assert refused.status_code == 400 and "notes.pdf: Dateline reads" in refused.text
    nothing = analyst.post("/ingest", data={"csrf_token": token})
    assert nothing.status_code == 400 and "Give an article" in nothing.text


# -- item 21: the actors page -----------------------------------------------------------------

def test_actors_page_shows_readable_kinds_and_hides_actors_without_events(client: TestClient, ledger: Path) -> None:
    from dateline.store.reviews import decide

    decide(Store(ledger), "ev-asad", "correct", "alice", "a second claim", {"claimed_by": "Harakat Hezbollah al-Nujaba"})
    html = client.get("/actors").text
    assert "state_military" not in html and "State military" in html
    listed = client.get("/api/actors").json()
    none = [a["name"] for a in listed if not a["as_actor"] and not a["as_target"]]
    assert none == ["Harakat Hezbollah al-Nujaba"]  # a claimant only
    table = html[html.index('id="actors-table"'):]
    assert all(f">{name}</a>" not in table for name in none)
    every = client.get("/actors?all=1").text
    assert all(f">{name}</a>" in every for name in none)
    assert "Islamic Revolutionary Guard Corps</a>" in every  # in the knowledge base only


# -- items 2, 3: charts -----------------------------------------------------------------------

def test_bars_follow_the_period_and_say_which() -> None:
    assert bucket_for(date(2024, 1, 1), date(2024, 2, 1)) == "day"
    assert bucket_for(date(2023, 10, 1), date(2024, 6, 1)) == "week"
    assert bucket_for(date(2021, 1, 1), date(2024, 6, 1)) == "month"
    rows = [("2023-10-07", "Battles", 2), ("2024-05-30", "Battles", 1)]
    chart = stacked_bars(rows, {"Battles": "#c0392b"})
    assert chart.period == "week" and all(b.label.startswith("week of") for b in chart.bars)
    assert len(chart.bars) == 35
    x, text, anchor = chart.x_labels[-1]
    assert anchor in ("end", "middle") and (anchor == "middle" or x <= chart.width - 4)
    assert x + (len(text) * 3.3 if anchor == "middle" else 0) <= chart.width  # not cut off


def test_grouped_series_stand_side_by_side_and_a_single_month_is_not_one_block() -> None:
    rows = [("2024-01-01", "as actor", 2), ("2024-01-01", "claimed", 2)]
    chart = stacked_bars(rows, {"as actor": "#c0392b", "claimed": "#8e44ad"}, bucket="month",
                         grouped=True, min_bars=6)
    assert len(chart.bars) == 6 and chart.y_ticks[-1][1] < 4  # the axis does not add the roles up
    bar = next(b for b in chart.bars if b.total)
    first, second = bar.segments
    assert first.x + first.width <= second.x and first.height == second.height
    assert bar.width <= 64


# -- item 13: the map's place labels ----------------------------------------------------------

def test_the_map_labels_ship_with_the_package() -> None:
    labels = json.loads((resources.files("dateline.serve") / "static/outlines/labels.json").read_text(encoding="utf-8"))
    countries = {c[0] for c in labels["countries"]}
    assert {"Iraq", "Syria", "Jordan", "Iran", "Kuwait"} <= countries
    provinces = {p[0] for p in labels["provinces"]}
    assert {"Anbar", "Baghdad", "Nineveh", "Deir ez-Zor"} & provinces == {"Anbar", "Baghdad", "Nineveh"} or \
        {"Anbar", "Baghdad", "Nineveh"} <= provinces
    cities = {c[0]: c for c in labels["cities"]}
    assert "Baghdad" in cities and "Mosul" in cities and cities["Baghdad"][3] > 1_000_000
    for _name, lat, lon, *_rest in labels["countries"] + labels["provinces"] + labels["cities"]:
        assert 12 <= lat <= 44 and 24 <= lon <= 64
