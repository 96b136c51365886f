"""The workbench as an analyst uses it, in a real browser with no network but 127.0.0.1."""
from __future__ import annotations

import csv
import io
import json
import re
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from browser_support import Page
from test_web_support import PASSWORD

US = "Military Forces of the United States"


def api(base: str, path: str) -> dict:  # type: ignore[type-arg]
    with urllib.request.urlopen(base + path) as response:
        return json.loads(response.read())  # type: ignore[no-any-return]


def test_overview_shows_counts_latest_events_and_the_tally_chart(tab: Page) -> None:
    tab.goto("/")
    total = int(tab.page.inner_text("#count-events"))
    assert total == api(tab.base, "/api/events?total=true&limit=1")["total"] > 0
    assert tab.page.locator("#by-type tbody tr").count() >= 1
    assert tab.page.locator(".event-list li a").count() >= 1
    assert tab.page.locator("#tallies svg polyline").count() >= 2  # official figure and Dateline's count
    tab.screenshot("overview")
    assert tab.blocked == []


def test_filter_the_table_by_actor_and_period(tab: Page) -> None:
    tab.goto("/events")
    tab.page.fill("input[name=actor]", US)
    tab.page.fill("input[name=from]", "2024-01-01")
    tab.page.fill("input[name=to]", "2024-02-29")
    tab.page.click("form.filters button[type=submit]")
    tab.page.wait_for_url(re.compile(r"/events\?.*actor="))
    query = parse_qs(urlsplit(tab.page.url).query)
    assert query["actor"] == [US] and query["from"] == ["2024-01-01"] and query["to"] == ["2024-02-29"]
    shown = tab.page.locator("#events-table tbody tr[data-id]").evaluate_all("rows => rows.map(r => r.dataset.id)")
    expected = api(tab.base, "/api/events?actor=Military+Forces+of+the+United+States&from=2024-01-01&to=2024-02-29")
    assert shown == [item["id"] for item in expected["items"]] and shown
    for item in expected["items"]:
        assert "2024-01-01" <= item["event_date"] <= "2024-02-29"
    assert tab.page.input_value("input[name=actor]") == US  # the form shows the view it is
    tab.screenshot("events-table")


def test_open_an_event_and_see_its_quote_highlighted(tab: Page) -> None:
    tab.goto("/events?from=2024-01-01")
    tab.page.click("#events-table tbody tr[data-id] td.date a")
    tab.page.wait_for_url(re.compile(r"/events/ev-"))
    marks = tab.page.locator("#provenance blockquote.quote mark")
    assert marks.count() >= 1
    first = marks.first
    quote = first.locator("xpath=ancestor::blockquote").inner_text()
    assert first.inner_text().strip() and first.inner_text() in quote
    background = first.evaluate("m => getComputedStyle(m).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")  # it is visibly highlighted
    assert tab.page.locator("#sources li").count() >= 1
    tab.page.wait_for_selector("#map[data-markers-drawn='1']")
    tab.screenshot("event")


def test_sign_in_reject_an_event_and_see_it_leave_the_exports(tab: Page, tmp_path: Path) -> None:
    tab.goto("/login")
    tab.page.fill("input[name=name]", "alice")
    tab.page.fill("input[name=password]", PASSWORD)
    tab.page.click("form.login button[type=submit]")
    tab.page.wait_for_selector(".analyst-name")
    tab.goto("/review")
    item = tab.page.locator("li.queue-item").first
    record_id = item.get_attribute("data-id")
    assert record_id

    def download(link: str) -> str:
        tab.goto("/events?status=")
        with tab.page.expect_download() as info:
            tab.page.click(link)
        target = tmp_path / info.value.suggested_filename
        info.value.save_as(target)
        return target.read_text(encoding="utf-8")

    before = [row["id"] for row in csv.DictReader(io.StringIO(download("#export-csv")))]
    assert record_id in before
    tab.goto("/review")
    tab.screenshot("review-queue")
    form = tab.page.locator(f"li.queue-item[data-id='{record_id}'] form.reject-form")
    form.locator("input[name=reason]").fill("not an attack: a training exercise")
    form.locator("button.reject").click()
    tab.page.wait_for_url(re.compile(r"/review\?status=unreviewed"))
    assert tab.page.locator(f"li.queue-item[data-id='{record_id}']").count() == 0

    rows = list(csv.DictReader(io.StringIO(download("#export-csv"))))
    assert record_id not in [row["id"] for row in rows] and len(rows) == len(before) - 1
    geojson = json.loads(download("#export-geojson"))
    assert geojson["type"] == "FeatureCollection" and geojson["features"]
    assert record_id not in [f["id"] for f in geojson["features"]]
    for feature in geojson["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    tab.goto(f"/events/{record_id}")
    assert "training exercise" in tab.page.inner_text("#review-state")
    tab.screenshot("event-rejected")
    tab.goto("/review/audit")
    assert "review.reject" in tab.page.inner_text("#audit")
    tab.screenshot("audit-log")
    assert tab.blocked == []


def test_the_map_draws_markers_with_no_network(tab: Page) -> None:
    tab.goto("/map")
    tab.page.wait_for_selector("#map[data-markers-drawn]")
    tab.page.wait_for_selector("#map[data-outlines-drawn]")
    drawn = int(tab.page.get_attribute("#map", "data-markers-drawn") or 0)
    located = api(tab.base, "/map/markers.json")["shown"]
    assert drawn == located > 0
    visible = tab.page.locator(".marker-cluster, path.dl-marker").count()
    assert visible > 0
    assert tab.page.locator("path.leaflet-interactive, svg path").count() > 0  # the outlines
    tab.screenshot("map")
    # a cluster opens into markers, and a marker's popup links to its event
    tab.page.locator("#map").hover()
    for _ in range(6):
        if tab.page.locator("path.dl-marker").count():
            break
        tab.page.locator(".marker-cluster").first.click()
        tab.page.wait_for_timeout(400)
    tab.page.locator("path.dl-marker").first.click(force=True)
    assert tab.page.locator(".leaflet-popup a[href^='/events/ev-']").count() == 1
    assert tab.blocked == [], tab.blocked


def test_click_a_day_on_the_timeline_to_filter(tab: Page) -> None:
    tab.goto("/timeline?from=2024-01-15&to=2024-02-15")
    bar = tab.page.locator("a.bar:has(rect[fill])").first
    day = bar.get_attribute("data-day")
    bar.click()
    tab.page.wait_for_url(re.compile(r"/events\?"))
    query = parse_qs(urlsplit(tab.page.url).query)
    assert query["from"] == [day] and query["to"] == [day]
    dates = tab.page.locator("#events-table td.date").all_inner_texts()
    assert dates and set(dates) == {day}
    tab.goto("/timeline")
    tab.screenshot("timeline")


def test_article_actor_and_api_pages(tab: Page) -> None:
    tab.goto("/articles")
    tab.screenshot("articles")
    tab.page.locator("table.events tbody a").first.click()
    tab.page.wait_for_url(re.compile(r"/articles/"))
    links = tab.page.locator("#article-text a.hl")
    assert links.count() >= 1
    href = links.first.get_attribute("href") or ""
    assert re.fullmatch(r"/records/(ev|ta|st)-[0-9a-f]+", href)
    tab.screenshot("article")
    tab.goto("/actors/" + US.replace(" ", "%20"))
    assert "Pentagon" in tab.page.inner_text("#aliases")
    assert tab.page.locator("svg.bars a.bar").count() >= 1
    tab.screenshot("actor")
    tab.goto("/api/docs")
    tab.page.wait_for_selector(".opblock")
    assert tab.page.locator(".opblock").count() >= 8
    tab.screenshot("api-docs")
    assert tab.blocked == []
