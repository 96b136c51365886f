"""The moderation queue in a real browser: comments are ordered by the screen (flag, then
review, then clear), and each shows the screen's decision, its reasons with their probability
and trigger words, the title of the event commented on (not its id) and a readable time."""
from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from browser_support import Page
from conftest import serving
from test_web_support import PASSWORD, ingest_sample

from dateline.moderation import submit
from dateline.store.db import Store

COMMENTS = [
    ("Layla", "Thank you, the timeline of the strike matches what we heard locally.", "10.0.0.1"),
    ("Troll", "You are a pathetic moron and an idiot, shut up.", "10.0.0.2"),
    ("Karwan", "ئەم هەواڵە زۆر گرنگە بۆ خەڵکی ناوچەکە", "10.0.0.3"),  # Sorani Kurdish
]


@pytest.fixture(scope="module")
def queue_server(tmp_path_factory: pytest.TempPathFactory, playwright_browser: object) -> Iterator[str]:
    """A `dateline serve` on the sample corpus with three comments awaiting moderation."""
    db = ingest_sample(tmp_path_factory.mktemp("queue") / "queue.db")
    store = Store(db)
    event = store.connection.execute(
        "SELECT id FROM records WHERE kind = 'event' ORDER BY id LIMIT 1").fetchone()[0]
    for name, text, address in COMMENTS:
        submit(store, "event", event, name, f"{name.lower()}@example.org", text, address)
    store.close()
    with serving(db, tmp_path_factory.getbasetemp() / "queue-serve.log") as base:
        yield base


def test_queue_is_ordered_by_the_screen_and_explains_it(playwright_browser: object,
                                                         queue_server: str) -> None:
    tab = Page(playwright_browser, queue_server)
    tab.goto("/login?next=/moderation")
    tab.page.fill("input[name=name]", "alice")
    tab.page.fill("input[name=password]", PASSWORD)
    tab.page.click("form.login button[type=submit]")
    tab.page.wait_for_url(re.compile(r"/moderation$"))
    items = tab.page.locator("li.queue-item")
    assert items.count() == 3
    texts = [items.nth(i).locator(".comment-text").inner_text() for i in range(3)]
    decisions = [items.nth(i).locator(".decision").inner_text().strip().lower() for i in range(3)]
    risks = [float(items.nth(i).locator(".risk").inner_text()) for i in range(3)]
    assert risks == sorted(risks, reverse=True)
    order = {"flag": 0, "review": 1, "clear": 2}
    assert [order[d] for d in decisions] == sorted(order[d] for d in decisions)
    # The insult first and flagged, the thank-you last and clear, the Kurdish one in review.
    assert "moron" in texts[0] and decisions[0] == "flag"
    assert "Thank you" in texts[2] and decisions[2] == "clear"
    kurdish = items.nth(1)
    assert decisions[1] == "review" and "language not screened" in kurdish.inner_text()

    insult = items.nth(0)
    attack = insult.locator("li.reason[data-reason=personal_attack]")
    assert attack.count() == 1
    probability = float(attack.locator(".probability").inner_text())
    assert 0.0 < probability <= 1.0
    marked = [w.lower() for w in attack.locator("mark").all_inner_texts()]
    assert any(word in ("moron", "idiot", "pathetic") for word in marked), marked
    assert insult.locator(".comment-text mark").count() >= 1  # highlighted in the text too
    # The reason is pre-filled in the reject form.
    assert insult.locator("form.reject-form select[name=reason]").input_value() == "personal_attack"

    for i in range(3):
        head = items.nth(i).locator(".queue-head")
        target = head.locator("a.target").inner_text()
        assert re.fullmatch(r"[A-Z][\w ,/()'-]+ in [\w ,'()-]+, \d{4}-\d\d-\d\d", target), target
        assert "ev-" not in head.inner_text()
        assert re.fullmatch(r"\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d UTC",
                            head.locator("time.date").inner_text())
    tab.screenshot("moderation-queue")
    assert tab.blocked == []
    tab.context.close()
