"""Reader comments in a real browser: post one under an event, see it held; sign in, approve it
on /moderation, see it published; post another, reject it, and it never appears."""
from __future__ import annotations

import json
import re
import urllib.request

from browser_support import Page
from test_web_support import PASSWORD

HELD = "awaiting moderation"


def first_event(base: str) -> str:
    with urllib.request.urlopen(base + "/api/events?limit=1") as response:
        return str(json.loads(response.read())["items"][0]["id"])


def post_comment(tab: Page, event: str, name: str, email: str, text: str) -> None:
    tab.goto(f"/events/{event}")
    form = tab.page.locator("#comment-form")
    box = form.locator("input[name=website]").bounding_box()
    assert box is None or box["x"] + box["width"] <= 0  # the honeypot is off screen
    form.locator("input[name=name]").fill(name)
    form.locator("input[name=email]").fill(email)
    form.locator("textarea[name=text]").fill(text)
    form.locator("button[type=submit]").click()
    tab.page.wait_for_url(re.compile(r"\?comment=held"))
    assert HELD in tab.page.inner_text("#comment-notice")
    assert text not in tab.page.inner_text("#comment-list")


def test_post_hold_approve_publish_and_reject(tab: Page) -> None:
    event = first_event(tab.base)
    kept = "The timeline of the strike matches what we heard <b>locally</b>."
    post_comment(tab, event, "Layla", "layla@example.org", kept)
    tab.screenshot("comment-held")

    tab.goto("/login?next=/moderation")
    tab.page.fill("input[name=name]", "alice")
    tab.page.fill("input[name=password]", PASSWORD)
    tab.page.click("form.login button[type=submit]")
    tab.page.wait_for_url(re.compile(r"/moderation$"))
    item = tab.page.locator("li.queue-item", has_text="matches what we heard")
    assert item.count() == 1
    assert "<b>locally</b>" in item.locator(".comment-text").inner_text()  # shown as text, not markup
    tab.screenshot("moderation")
    item.locator("form.approve-form button").click()
    tab.page.wait_for_url(re.compile(r"/moderation\?status=awaiting&done=approve"))
    assert "1 comment approved." in tab.page.inner_text("#moderation-notice")

    tab.goto(f"/events/{event}")
    published = tab.page.locator("#comment-list li.comment", has_text="matches what we heard")
    assert published.count() == 1
    assert "Layla" in published.inner_text() and "<b>locally</b>" in published.inner_text()
    assert "layla@example.org" not in tab.page.content()

    refused = "Buy cheap followers now at spam dot example, limited offer!"
    post_comment(tab, event, "Spammer", "spam@example.org", refused)
    tab.goto("/moderation")
    item = tab.page.locator("li.queue-item", has_text="cheap followers")
    item.locator("form.reject-form select[name=reason]").select_option("promotion")
    item.locator("form.reject-form button").click()
    tab.page.wait_for_url(re.compile(r"/moderation\?status=awaiting&done=reject"))
    assert tab.page.locator("li.queue-item", has_text="cheap followers").count() == 0
    tab.goto(f"/events/{event}")
    assert "cheap followers" not in tab.page.inner_text("#comments")
    tab.screenshot("event-comments")
    assert tab.blocked == []
