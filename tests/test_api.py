"""The REST API: the table's filters, cursor pagination, one event, tallies, articles, actors,
OpenAPI docs served offline, and POST /api/articles for signed-in analysts only."""
from __future__ import annotations

import base64
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from test_web_support import PASSWORD, client_for, ingest_sample, make_ledger, sign_in

from dateline.store.accounts import audit_entries
from dateline.store.db import Store
from dateline.store.reviews import decide

EVENTS_MD_EVENT = ["kind", "event_date", "date_precision", "event_type", "sub_event_type", "actor1", "actor2",
                   "claimed_by", "denied_by", "weapons", "country", "admin1", "location", "latitude",
                   "longitude", "geo_precision", "fatalities", "injured", "sources", "notes"]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    return client_for(make_ledger(tmp_path_factory.mktemp("api") / "ledger.db"))


def test_events_are_filtered_like_the_table(client: TestClient) -> None:
    items = client.get("/api/events", params={"actor": "Kataib Hezbollah"}).json()["items"]
    assert [i["id"] for i in items] == ["ev-mashtal", "ev-asad"]
    items = client.get("/api/events", params={"from": "2024-01-01", "to": "2024-01-31", "country": "Jordan"}).json()
    assert [i["id"] for i in items["items"]] == ["ev-tower"]
    first = items["items"][0]
    assert set(EVENTS_MD_EVENT) <= set(first) and "evidence" not in first
    assert first["sources"] == [{"article": "a2", "quote": first["sources"][0]["quote"]}]
    counted = client.get("/api/events", params={"q": "mashtal", "total": "true"}).json()  # notes or quote
    assert counted["total"] == len(counted["items"]) == 2


def test_cursor_pagination_walks_every_event_once_in_order(client: TestClient) -> None:
    seen: list[str] = []
    dates: list[str] = []
    cursor = None
    for _page in range(10):
        params = {"limit": "1"} | ({"cursor": cursor} if cursor else {})
        page = client.get("/api/events", params=params).json()
        seen += [i["id"] for i in page["items"]]
        dates += [i["event_date"] for i in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == ["ev-mashtal", "ev-tower", "ev-asad", "ev-unplaced"]
    assert dates == sorted(dates, reverse=True)
    ascending = client.get("/api/events", params={"order": "asc", "limit": "3"}).json()
    rest = client.get("/api/events", params={"cursor": ascending["next_cursor"]}).json()
    assert [i["id"] for i in ascending["items"] + rest["items"]] == list(reversed(seen))


def test_bad_parameters_get_a_400_or_422_with_the_reason(client: TestClient) -> None:
    response = client.get("/api/events", params={"cursor": "not-a-cursor"})
    assert response.status_code == 400 and "cursor" in response.json()["detail"]
    assert client.get("/api/events", params={"limit": "5000"}).status_code == 422
    assert client.get("/api/events", params={"status": "maybe"}).status_code == 400


def test_one_event_has_its_evidence_reviews_and_related_events(client: TestClient) -> None:
    event = client.get("/api/events/ev-asad").json()
    assert event["evidence"]["location"]["span"] == "Ain al-Asad air base"
    assert event["reviews"] == [] and event["status"] is None
    assert client.get("/api/events/ev-nothing").status_code == 404
    assert client.get("/api/events/ta-pentagon").status_code == 404  # a tally is not an event


def test_tallies_come_with_their_series_and_the_ledger_count(client: TestClient) -> None:
    data = client.get("/api/tallies").json()
    assert [t["id"] for t in data["items"]] == ["ta-pentagon"]
    assert data["items"][0]["value"] == 140
    point = data["series"][0]["points"][0]
    # Between 2023-10-15 and 2024-01-24 the ledger holds one attack on US forces (tower is later).
    assert point["value"] == 140 and point["ledger_count"] == 1


def test_articles_and_one_article(client: TestClient) -> None:
    articles = client.get("/api/articles").json()
    assert [a["id"] for a in articles] == ["a3", "a2", "a1"]  # latest published first
    assert articles[0]["mentions"] == 2
    one = client.get("/api/articles/a1").json()
    assert one["outlet"] == "Tigris Monitor" and one["records"] == ["ev-asad"]
    assert one["text"].startswith("ANBAR - Militants")
    assert client.get("/api/articles/zz").status_code == 404


def test_actors_and_one_actor(client: TestClient) -> None:
    actors = {a["name"]: a for a in client.get("/api/actors").json()}
    assert actors["Military Forces of the United States"]["as_target"] == 2
    assert actors["Military Forces of the United States"]["as_actor"] == 1
    assert actors["Kataib Hezbollah"]["type"] == "militia"
    one = client.get("/api/actors/Kataib Hezbollah").json()
    assert "Popular Mobilization Forces" in one["parents"] and "KH" in one["acronyms"]
    assert {"month": "2024-02", "role": "actor2", "events": 1} in one["monthly"]


def test_openapi_documents_the_api_and_the_docs_page_is_offline(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert {"/api/events", "/api/events/{record_id}", "/api/tallies", "/api/articles",
            "/api/actors"} <= set(spec["paths"])
    assert "post" in spec["paths"]["/api/articles"]
    assert "/events" not in spec["paths"]  # pages are not part of the API
    docs = client.get("/api/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs and "https://" not in docs
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingest_sample(tmp_path_factory.mktemp("ingest") / "sample.db")


ARTICLE = {"id": "api-test-1", "outlet": "Test Wire", "published": "2024-03-02",
           "title": "Drone strike near Qaim",
           "text": "QAIM - A US drone strike hit a Kataib Hezbollah convoy near al-Qaim in Anbar province "
                   "on Friday, killing two fighters, security sources said."}


def test_posting_an_article_needs_a_signed_in_analyst(sample: Path) -> None:
    client = client_for(sample)
    assert client.post("/api/articles", json=ARTICLE).status_code == 401
    sign_in(client)
    refused = client.post("/api/articles", json=ARTICLE)  # the session cookie alone is not enough
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    token = client.get("/api/session").json()
    assert token["analyst"] == "alice"
    created = client.post("/api/articles", json=ARTICLE, headers={"X-CSRF-Token": token["csrf_token"]})
    assert created.status_code == 201, created.text
    assert created.json()["new"] == ["api-test-1"]
    stored = client.get("/api/articles/api-test-1").json()
    assert stored["outlet"] == "Test Wire" and stored["records"]
    event = client.get(f"/api/events/{stored['records'][0]}").json()
    assert event["sources"][0]["article"] == "api-test-1"
    assert audit_entries(Store(sample).connection)[0]["action"] == "article.ingest"


def test_posting_with_http_basic_and_refusing_bad_input(sample: Path) -> None:
    client = client_for(sample)
    basic = "Basic " + base64.b64encode(f"alice:{PASSWORD}".encode()).decode()
    again = client.post("/api/articles", json=ARTICLE | {"id": "api-test-2", "text": ARTICLE["text"] + " More."},
                        headers={"Authorization": basic})
    assert again.status_code == 201 and again.json()["new"] == ["api-test-2"]
    wrong = "Basic " + base64.b64encode(b"alice:wrong password").decode()
    assert client.post("/api/articles", json=ARTICLE, headers={"Authorization": wrong}).status_code == 401
    empty = client.post("/api/articles", json={"id": "x", "text": "  "}, headers={"Authorization": basic})
    assert empty.status_code == 400 and "text" in empty.json()["detail"]


def test_a_rejected_event_is_hidden_unless_asked_for(tmp_path: Path) -> None:
    path = make_ledger(tmp_path / "l.db")
    decide(Store(path), "ev-asad", "reject", "alice", "wrong place")
    client = client_for(path)
    ids = [i["id"] for i in client.get("/api/events").json()["items"]]
    assert "ev-asad" not in ids
    rejected = client.get("/api/events", params={"status": "rejected"}).json()["items"]
    assert [(i["id"], i["status"]) for i in rejected] == [("ev-asad", "rejected")]
    assert client.get("/api/events/ev-asad").json()["reviews"][0]["reason"] == "wrong place"
