"""The analyst's day (issue 13) in headless chromium: what a new user tripped over, checked on the
rendered page (elements visible, sizes and positions sane) rather than by eye. Each test keeps a
screenshot in ./screenshots/."""
from __future__ import annotations

import json
import re
import urllib.request
from typing import Any

from browser_support import Page
from test_web_support import PASSWORD

PHONE = {"width": 390, "height": 844}


def api(base: str, path: str) -> Any:
    with urllib.request.urlopen(base + path) as response:
        return json.loads(response.read())


def sign_in(tab: Page) -> None:
    tab.goto("/login")
    tab.page.fill("input[name=name]", "alice")
    tab.page.fill("input[name=password]", PASSWORD)
    tab.page.click("form.login button[type=submit]")
    tab.page.wait_for_selector(".analyst-name")


def box(tab: Page, selector: str) -> dict[str, float]:
    found = tab.page.locator(selector).first.bounding_box()
    assert found is not None, f"{selector} is not drawn"
    return found  # type: ignore[no-any-return]


def event_with_a_figure(base: str) -> str:
    """Returns the id of an event whose killed or injured figure was read from a sentence."""
    for item in api(base, "/api/events?limit=500")["items"]:
        if item["fatalities"] is None and item["injured"] is None:
            continue
        evidence = api(base, f"/api/events/{item['id']}")["evidence"]
        if any(isinstance(evidence.get(name), dict) and evidence[name].get("span")
               for name in ("fatalities", "injured")):
            return str(item["id"])
    raise AssertionError("the sample ledger has no event with a figure read from a sentence")


def test_review_page_shows_the_sentence_behind_killed_and_injured(tab: Page) -> None:  # item 1
    record_id = event_with_a_figure(tab.base)
    sign_in(tab)
    tab.goto(f"/review/{record_id}")
    figures = [name for name in ("fatalities", "injured") if tab.page.locator(f"#field-{name}").count()]
    shown = 0
    for name in figures:
        field = tab.page.locator(f"#field-{name}")
        group = field.locator("xpath=ancestor::div[contains(@class, 'sentence-group')]")
        if "derived" in (group.get_attribute("class") or ""):
            continue
        label = field.locator("dt").inner_text()
        assert label in ("Killed", "Injured")
        mark = group.locator(f"blockquote.quote mark[title*='{label}']")
        assert mark.is_visible() and mark.inner_text().strip()
        shown += 1
    assert shown >= 1
    assert tab.page.locator("#provenance .sentence-group").count() >= 1
    height = box(tab, "#provenance")["height"]
    assert 50 < height < 2500
    tab.screenshot("review-provenance")
    # item 19: the sub-event types offered follow the chosen event type
    tab.page.select_option("#fix-event_type", "Battles")
    assert tab.page.input_value("#fix-sub_event_type") == "Armed clash"
    offered = tab.page.locator("#fix-sub_event_type optgroup:not([disabled]) option").all_inner_texts()
    assert "Armed clash" in offered and "Air/drone strike" not in offered
    assert tab.blocked == []


def test_timeline_says_its_period_and_keeps_the_last_label_inside(tab: Page) -> None:  # item 2
    tab.goto("/timeline")
    svg = tab.page.locator("figure.chart svg.bars")
    period = svg.get_attribute("data-period")
    assert period in ("day", "week", "month")
    first = api(tab.base, "/api/events?limit=1&order=asc")["items"][0]["event_date"]
    last = api(tab.base, "/api/events?limit=1")["items"][0]["event_date"]
    from datetime import date

    span = (date.fromisoformat(last) - date.fromisoformat(first)).days
    assert period == ("day" if span < 100 else "week" if span < 730 else "month")
    assert f"Events per {period} by type" in tab.page.inner_text("#timeline-period")
    assert f"Events per {period} by type" in tab.page.inner_text("figure.chart figcaption")
    frame = box(tab, "figure.chart svg.bars")
    labels = tab.page.locator("svg.bars text.x-label")
    assert labels.count() >= 2
    for index in range(labels.count()):
        label = labels.nth(index).bounding_box()
        assert label is not None
        assert frame["x"] - 1 <= label["x"] and label["x"] + label["width"] <= frame["x"] + frame["width"] + 1
    bars = tab.page.locator("svg.bars a.bar rect.hit")
    widths = {round(bars.nth(i).bounding_box()["width"], 1) for i in range(min(bars.count(), 20))}  # type: ignore[index]
    assert len(widths) == 1 and 0.5 <= widths.pop() <= 80  # one width a period
    tab.screenshot("timeline-period")


def test_actor_chart_draws_roles_side_by_side(tab: Page) -> None:  # item 3
    name = "Islamic Resistance in Iraq"
    tab.goto("/actors/" + name.replace(" ", "%20"))
    detail = api(tab.base, "/api/actors/" + name.replace(" ", "%20"))
    most = max(row["events"] for row in detail["monthly"])
    ticks = [int(t) for t in tab.page.locator("svg.bars text.tick:not(.x-label)").evaluate_all(
        "nodes => nodes.map(n => n.textContent)")]
    assert max(ticks) < 2 * most + 2 or max(ticks) <= 5  # the axis is one role's count, not their sum
    frame = box(tab, "svg.bars")
    for bar in tab.page.locator("svg.bars a.bar").all():
        segments = [s.bounding_box() for s in bar.locator("rect[data-series]").all()]
        segments = [s for s in segments if s]
        for left, right in zip(segments, segments[1:]):
            assert left["x"] + left["width"] <= right["x"] + 0.5  # side by side, not stacked
        for s in segments:
            assert s["width"] < frame["width"] / 4  # a single month is not one wide block
    assert tab.page.locator("svg.bars a.bar").count() >= 6
    tab.screenshot("actor-chart")


def test_an_impossible_date_is_explained_beside_its_box(tab: Page) -> None:  # item 8
    tab.goto("/events?from=2024-13-45")
    error = tab.page.locator("#from-error")
    assert error.is_visible() and "no month 13" in error.inner_text()
    assert tab.page.input_value("input[name=from]") == "2024-13-45"
    field, message = box(tab, "input[name=from]"), box(tab, "#from-error")
    assert abs(message["x"] - field["x"]) < 300 and 0 <= message["y"] - field["y"] < 120  # beside it
    assert tab.page.locator("#events-table tbody tr[data-id]").count() > 0
    tab.screenshot("filter-date-error")


def test_rejecting_without_a_reason_keeps_the_reviewers_place(tab: Page) -> None:  # item 9
    sign_in(tab)
    tab.goto("/review")
    item = tab.page.locator("li.queue-item").nth(1)
    record_id = item.get_attribute("data-id")
    before = tab.page.locator("li.queue-item").count()
    form = item.locator("form.reject-form")
    form.locator("input[name=reason]").fill("   ")
    form.locator("button.reject").click()
    tab.page.wait_for_selector(f"#error-{record_id}")
    assert "Cannot do that" not in tab.page.content()
    message = tab.page.locator(f"#error-{record_id}")
    assert message.is_visible() and "needs a reason" in message.inner_text()
    assert tab.page.locator("li.queue-item").count() == before  # the same queue, the same page
    assert tab.page.locator(f"#item-{record_id} input[name=reason][aria-invalid=true]").count() == 1
    assert api(tab.base, f"/api/events/{record_id}")["status"] is None  # nothing was decided
    tab.screenshot("review-reject-error")


def test_map_has_place_names_and_a_scale(tab: Page) -> None:  # item 13
    tab.goto("/map")
    # Labels and markers load apart; the markers' fitBounds sets the zoom the labels follow.
    tab.page.wait_for_selector("#map[data-labels-shown][data-markers-drawn]")
    assert tab.page.locator(".leaflet-control-scale-line").first.is_visible()
    countries = tab.page.locator(".map-label.country")
    names = countries.evaluate_all("nodes => nodes.map(n => n.textContent)")
    assert {"Iraq", "Syria", "Jordan", "Iran"} <= set(names)
    iraq = box(tab, ".map-label.country:has-text('Iraq') span")
    assert iraq["width"] > 10 and iraq["height"] > 5
    def labels_shown() -> int:
        return int(tab.page.get_attribute("#map", "data-labels-shown") or 0)

    near = labels_shown()
    assert tab.page.locator(".map-label.province").count() > 0 and tab.page.locator(".map-label.city").count() > 0
    for _ in range(3):  # zoomed out, only the countries and the largest cities stay
        tab.page.click(".leaflet-control-zoom-out")
        tab.page.wait_for_timeout(400)
    assert 4 <= labels_shown() < near and tab.page.locator(".map-label.province").count() == 0
    tab.screenshot("map-context")
    # the event page's mini-map names the place and shows what is around it
    record = api(tab.base, "/api/events?limit=50")["items"]
    located = next(r for r in record if r["latitude"] is not None and r["location"])
    tab.goto(f"/events/{located['id']}")
    tab.page.wait_for_selector("#map[data-labels-shown]")
    pin = tab.page.locator(".leaflet-tooltip.pin-label")
    assert pin.is_visible() and located["location"] in pin.inner_text()
    assert tab.page.locator("#map .map-label.city, #map .map-label.province").count() > 0
    assert tab.page.locator("#map .leaflet-control-scale-line").is_visible()
    tab.screenshot("event-minimap")
    assert tab.blocked == []


def test_actor_filter_takes_an_acronym_and_names_the_actor(tab: Page) -> None:  # item 14
    tab.goto("/events")
    tab.page.fill("input[name=actor]", "IRI")
    tab.page.click("form.filters button[type=submit]")
    tab.page.wait_for_url(re.compile(r"actor=IRI"))
    note = tab.page.locator("#actor-note")
    assert note.is_visible() and "Islamic Resistance in Iraq" in note.inner_text()
    assert tab.page.input_value("input[name=actor]") == "Islamic Resistance in Iraq"
    rows = tab.page.locator("#events-table tbody tr[data-id]").count()
    assert rows == len(api(tab.base, "/api/events?actor=Islamic+Resistance+in+Iraq")["items"]) > 0
    tab.screenshot("actor-acronym")


def test_event_page_groups_fields_by_sentence(tab: Page) -> None:  # item 15
    record_id = event_with_a_figure(tab.base)
    tab.goto(f"/events/{record_id}")
    quotes = tab.page.locator("#provenance blockquote.quote").all_inner_texts()
    assert quotes and len(quotes) == len(set(quotes))  # each sentence once
    height = tab.page.evaluate("document.documentElement.scrollHeight")
    assert height < 2600, f"the event page is {height} px tall"
    jargon = tab.page.locator("#field-geo_precision abbr.explained")
    assert jargon.is_visible() and "geo precision" in (jargon.get_attribute("title") or "")
    assert jargon.inner_text() == "Place precision"
    assert "date_precision" not in tab.page.inner_text("#provenance")
    tab.screenshot("event-grouped")


def test_pages_fit_a_phone(playwright_browser: Any, server: str) -> None:  # item 20
    tab = Page(playwright_browser, server)
    try:
        tab.page.set_viewport_size(PHONE)
        for path in ("/", "/events", "/timeline", "/map", "/actors"):
            tab.goto(path)
            width = tab.page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"] + 1, f"{path} is {width} px wide on a 390 px phone"
        tab.goto("/events")
        scroller = tab.page.locator("#events-scroll")
        inner, outer = scroller.evaluate("e => [e.scrollWidth, e.clientWidth]")
        assert outer <= PHONE["width"] and inner > outer  # the table scrolls inside its box
        lefts = {round(b["x"]) for b in (label.bounding_box() for label in
                                         tab.page.locator("form.filters > label").all()) if b}
        assert len(lefts) == 1  # the filters stack
        assert box(tab, "form.filters input[name=actor]")["width"] > 250
        tab.screenshot("phone-events")
        tab.goto(f"/events/{event_with_a_figure(server)}")
        assert tab.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
        tab.screenshot("phone-event")
    finally:
        tab.context.close()


def test_an_analyst_adds_an_article_and_sees_its_events(tab: Page) -> None:  # item 17 (last: it adds)
    sign_in(tab)
    tab.goto("/articles")
    tab.page.click("#add-articles")
    tab.page.wait_for_url(re.compile(r"/ingest$"))
    tab.page.fill("input[name=title]", "Drone strike near Erbil airport")
    tab.page.fill("input[name=outlet]", "Test Wire")
    tab.page.fill("input[name=published]", "2024-02-20")
    tab.page.fill("textarea[name=text]",
                  "ERBIL, Iraq - A drone attacked Erbil air base on Monday night, wounding two US soldiers,"
                  " US Central Command said on Tuesday. The Islamic Resistance in Iraq claimed the attack.")
    tab.page.click("#add-form button[type=submit]")
    tab.page.wait_for_selector("#add-result")
    assert "1 new" in tab.page.inner_text("#add-result")
    events = tab.page.locator("#add-result li[data-kind=event] a")
    assert events.count() >= 1 and events.first.is_visible()
    tab.screenshot("add-article")
    events.first.click()
    tab.page.wait_for_url(re.compile(r"/events/ev-"))
    assert "Erbil" in tab.page.inner_text("#provenance")
    assert tab.blocked == []
