"""Text from the ledger stays text in the browser (issue 12, defect 13): a place label that looks
like HTML is shown as those characters in the map's tooltip and popup, never as an element, and
the pages load under a CSP without 'unsafe-inline' styles (the type colours still show)."""
from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest
from browser_support import Page
from conftest import serving
from test_web_support import make_ledger

from dateline.store.db import Store

HOSTILE = '<img src=x onerror="window.pwned=1">Ain al-Asad'


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory: pytest.TempPathFactory, playwright_browser: Any) -> Iterator[tuple[str, str]]:
    """Serves the hand-made ledger with one event's place replaced by HTML; yields (base, id)."""
    db = make_ledger(tmp_path_factory.mktemp("hostile") / "ledger.db")
    store = Store(db)
    records = [(rid, record, [row[0] for row in store.connection.execute(
                   "SELECT mention_id FROM record_mentions WHERE record_id = ?", (rid,))])
               for rid, record in store.records()]
    target = next(rid for rid, record, _m in records if getattr(record, "latitude", None) is not None)
    store.replace_records([(rid, dataclasses.replace(record, location=HOSTILE) if rid == target else record, ids)
                           for rid, record, ids in records])
    store.close()
    with serving(db, tmp_path_factory.getbasetemp() / "hostile-serve.log") as base:
        yield base, target


def test_a_place_label_with_markup_is_text_in_the_tooltip(playwright_browser: Any,
                                                          hostile_server: tuple[str, str]) -> None:
    base, record_id = hostile_server
    tab = Page(playwright_browser, base)
    errors: list[str] = []
    tab.page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    try:
        tab.goto(f"/events/{record_id}")
        tab.page.wait_for_selector("#map[data-markers-drawn='1']")
        tab.page.locator("#map path.leaflet-interactive").first.hover()
        tooltip = tab.page.wait_for_selector(".leaflet-tooltip")
        assert tooltip is not None
        assert tooltip.inner_text().startswith(HOSTILE)  # then ", Anbar, Iraq"
        assert tab.page.locator(".leaflet-tooltip img").count() == 0
        assert tab.page.evaluate("window.pwned") is None
        # Colours come from classes now that the CSP refuses inline styles.
        tab.goto("/map")
        tab.page.wait_for_selector("#map[data-markers-drawn]")
        chip = tab.page.locator("p.legend .chip").first
        assert chip.evaluate("c => getComputedStyle(c).borderTopColor") not in ("rgba(0, 0, 0, 0)", "")
        assert chip.evaluate("c => getComputedStyle(c).getPropertyValue('--c').trim()").startswith("#")
        assert not [e for e in errors if "Content Security Policy" in e], errors
        assert tab.blocked == []
    finally:
        tab.context.close()
