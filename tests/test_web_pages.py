"""The server-rendered pages show what the ledger holds, filtered as the URL says, escaped."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from test_web_support import client_for, ingest_sample, make_ledger

from dateline.store.db import Store
from dateline.store.ledger_queries import event_row, related_events


def get_site_store(client: TestClient) -> Store:
    return client.app.state.site.store()  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    return client_for(make_ledger(tmp_path_factory.mktemp("pages") / "ledger.db"))


@pytest.fixture(scope="module")
def sample_client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    return client_for(ingest_sample(tmp_path_factory.mktemp("sample") / "sample.db"))


def row_ids(html: str) -> list[str]:
    return re.findall(r'<tr data-id="([^"]+)"', html)


def test_overview_counts_by_type_and_country_for_the_period(client: TestClient) -> None:
    html = client.get("/?from=2024-01-01&to=2024-01-31").text
    assert re.search(r'id="count-events">2<', html)  # asad and tower; mashtal is February
    by_country = html[html.index('id="by-country"'):]
    assert re.search(r"<td>Iraq</td><td class=\"num\"><a [^>]*>1</a>", by_country)
    assert re.search(r"<td>Jordan</td><td class=\"num\"><a [^>]*>1</a>", by_country)
    everything = client.get("/").text
    assert re.search(r'id="count-events">4<', everything)
    assert "Official tallies against what Dateline counted" in everything
    assert "attacks on US forces since 2023-10-15" in everything
    assert "<polyline" in everything


def test_table_filters_by_actor_and_period_and_keeps_them_in_the_url(client: TestClient) -> None:
    html = client.get("/events?actor=Military+Forces+of+the+United+States&from=2024-01-25&to=2024-02-28").text
    assert row_ids(html) == ["ev-mashtal", "ev-tower"]  # actor (mashtal) and target (tower), newest first
    assert 'value="2024-01-25"' in html and 'value="Military Forces of the United States"' in html
    assert "/export/csv?from=2024-01-25&amp;to=2024-02-28&amp;actor=Military+Forces+of+the+United+States" in html
    claimed = client.get("/events?actor=Kataib+Hezbollah").text
    assert row_ids(claimed) == ["ev-mashtal", "ev-asad"]  # target of one, claimed the other


def test_table_filters_by_country_province_type_and_text(client: TestClient) -> None:
    assert row_ids(client.get("/events?country=Iraq&province=Anbar").text) == ["ev-asad"]
    assert row_ids(client.get("/events?type=Strategic+developments").text) == ["ev-unplaced"]
    assert row_ids(client.get("/events?q=tower").text) == ["ev-tower"]
    assert row_ids(client.get("/events?q=nothing-like-this").text) == []


def test_table_sorts_and_paginates(client: TestClient) -> None:
    html = client.get("/events?sort=fatalities&order=desc").text
    assert row_ids(html)[:2] == ["ev-tower", "ev-mashtal"]
    ascending = client.get("/events?sort=date&order=asc").text
    assert row_ids(ascending) == ["ev-unplaced", "ev-asad", "ev-tower", "ev-mashtal"]
    assert 'aria-sort="ascending"' in ascending
    with_page = client.get("/events?page=9").text  # clamps to the last page
    assert len(row_ids(with_page)) == 4


def test_bad_filters_are_refused_with_a_reason(client: TestClient) -> None:
    response = client.get("/events?from=last+tuesday")
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.text
    assert client.get("/events?sort=colour").status_code == 400


def test_text_from_the_ledger_is_escaped(client: TestClient) -> None:
    for page in ("/events", "/events/ev-mashtal", "/articles/a3", "/"):
        html = client.get(page).text
        assert "<script>alert(1)</script>" not in html, page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get("/events/ev-mashtal").text


def test_event_page_shows_each_field_with_its_quote_highlighted(client: TestClient) -> None:
    html = client.get("/events/ev-asad").text
    # fields are grouped by the sentence they were read from: the group holding "Place"
    at = html.index('id="field-location"')
    group = html[html.rindex('<div class="sentence-group', 0, at):]
    group = group[:group.index("</dl>")]
    assert '<mark title="Place">Ain al-Asad air base</mark>' in group
    assert "test rule for location" in group
    assert group.count("<blockquote") == 1
    assert "Tigris Monitor" in html and "2024-01-21" in html  # the source's outlet and date
    assert 'data-lat="33.7856"' in html  # the map pin
    assert "/static/vendor/leaflet/leaflet.js" in html


def test_event_page_shows_conflicting_figures_and_related_events(client: TestClient) -> None:
    html = client.get("/events/ev-tower").text
    assert "sources disagree" in html
    assert "four were killed" in html
    related = client.get("/events/ev-asad").text
    section = related[related.index("Related events"):]
    assert "/events/ev-tower" not in section  # same target, but eight days later: not within a week
    store = get_site_store(client)
    row = event_row(store.connection, "ev-asad")
    assert row is not None
    assert [r.record_id for r in related_events(store.connection, row, days=8)] == ["ev-tower"]


def test_article_page_links_every_extracted_span_to_its_record(sample_client: TestClient) -> None:
    articles = sample_client.get("/articles").text
    first = re.findall(r'href="/articles/([^"]+)"', articles)[0]
    html = sample_client.get(f"/articles/{first}").text
    assert re.search(r'<a class="hl hl-event" href="/records/ev-[0-9a-f]+"', html)
    assert 'class="hl-quote"' in html
    found = int(re.search(r"(\d+) quotes? found in the text", html).group(1))  # type: ignore[union-attr]
    assert found >= 1


def test_actor_page_shows_knowledge_base_and_events_by_role(client: TestClient) -> None:
    html = client.get("/actors/Kataib%20Hezbollah").text
    assert "Kata&#39;ib Hizballah" in html or "Kata'ib Hizballah" in html  # an alias from the KB
    assert "Popular Mobilization Forces" in html  # affiliation
    target = html[html.index('id="as-target"'):]
    assert "/events/ev-mashtal" in target
    assert client.get("/actors/Nobody%20At%20All").status_code == 404
    listing = client.get("/actors").text
    assert "/actors/Military%20Forces%20of%20the%20United%20States" in listing


def test_timeline_bars_link_to_the_table_for_their_day(client: TestClient) -> None:
    html = client.get("/timeline?from=2024-01-15&to=2024-02-10").text
    assert 'href="/events?from=2024-01-28&amp;to=2024-01-28"' in html
    assert "2024-01-28: 1 event" in html
    day = client.get("/events?from=2024-01-28&to=2024-01-28").text
    assert row_ids(day) == ["ev-tower"]


def test_map_markers_follow_the_filters(client: TestClient) -> None:
    data = client.get("/map/markers.json").json()
    assert data["total"] == 3  # ev-unplaced has no coordinates
    ids = {row[0] for row in data["markers"]}
    assert ids == {"ev-asad", "ev-tower", "ev-mashtal"}
    jordan = client.get("/map/markers.json?country=Jordan").json()
    assert [row[0] for row in jordan["markers"]] == ["ev-tower"]
    page = client.get("/map").text
    assert "/static/vendor/leaflet.markercluster/leaflet.markercluster.js" in page
    assert "https://" not in page and "http://" not in page.replace("http://www.w3.org", "")


def test_pages_forbid_loading_anything_from_other_hosts(client: TestClient) -> None:
    response = client.get("/map")
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert client.get("/static/outlines/countries.geojson").json()["type"] == "FeatureCollection"


def test_unknown_pages_are_404(client: TestClient) -> None:
    assert client.get("/events/ev-nothing").status_code == 404
    assert client.get("/articles/nothing").status_code == 404
