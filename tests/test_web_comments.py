"""Reader comments in the web app: the form under event and article pages, pre-moderation (held,
then approved or rejected on /moderation), abuse controls (CSRF, honeypot, rate limits, identical
comments, size caps), escaping, and the email never appearing on any page."""
from __future__ import annotations

import re
from html import escape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from test_web_support import client_for, csrf_of, make_ledger, sign_in

from dateline.moderation import AWAITING_MODERATION
from dateline.serve.app import create_app
from dateline.serve.views.comments import wait_text
from dateline.store.accounts import audit_entries
from dateline.store.db import Store

EVENT = "/events/ev-asad"
ARTICLE = "/articles/a1"
EMAIL = "layla.private@example.org"
SCRIPT = '<script>alert("x")</script> Thanks for the timeline of the Ain al-Asad attack.'


@pytest.fixture()
def ledger(tmp_path: Path) -> Path:
    return make_ledger(tmp_path / "ledger.db")


@pytest.fixture()
def reader(ledger: Path) -> TestClient:
    return client_for(ledger)


@pytest.fixture()
def moderator(ledger: Path) -> TestClient:
    client = client_for(ledger)
    sign_in(client)
    return client


def post(client: TestClient, page: str = EVENT, token: str | None = "", **fields: str):  # type: ignore[no-untyped-def]
    data = {"name": "Layla", "email": EMAIL, "text": "A careful account, thank you for the sources."}
    data.update(fields)
    if token == "":
        token = csrf_of(client, page)
    if token is not None:
        data["csrf_token"] = token
    return client.post(f"{page}/comments", data=data)


def stored(ledger: Path) -> list[tuple[int, str, str]]:
    rows = Store(ledger).connection.execute("SELECT id, status, text FROM comments ORDER BY id")
    return [(row[0], row[1], row[2]) for row in rows]


def comment_texts(client: TestClient, page: str) -> str:
    html = client.get(page).text
    return html[html.index('id="comment-list"'):html.index('id="comment-form"')]


def same_quotes(html: str) -> str:
    """Jinja writes &#34; and &#39; where html.escape writes &quot; and &#x27;."""
    return html.replace("&#34;", "&quot;").replace("&#39;", "&#x27;")


def decide(client: TestClient, comment_id: int, decision: str, reason: str = "") -> int:
    token = csrf_of(client, "/moderation")
    return client.post(f"/moderation/{comment_id}", data={"csrf_token": token, "decision": decision,
                                                          "reason": reason},
                       follow_redirects=False).status_code


@pytest.mark.parametrize("page", [EVENT, ARTICLE])
def test_the_form_is_under_event_and_article_pages(reader: TestClient, page: str) -> None:
    html = reader.get(page).text
    form = html[html.index('id="comment-form"'):]
    assert f'action="{page}/comments"' in html
    for name in ("csrf_token", "name", "email", "text", "website"):
        assert f'name="{name}"' in form
    assert re.search(r'<div class="hp" aria-hidden="true">\s*<label>[^<]*<input name="website" tabindex="-1"', form)


@pytest.mark.parametrize("page", [EVENT, ARTICLE])
def test_a_posted_comment_awaits_moderation_and_is_shown_to_nobody(
        reader: TestClient, ledger: Path, page: str) -> None:
    response = post(reader, page, text="Held until a moderator reads it, as it should be.")
    assert response.status_code == 200 and str(response.url).endswith("?comment=held#comments")
    assert AWAITING_MODERATION in response.text and "awaiting moderation" in response.text
    assert [status for _id, status, _text in stored(ledger)] == ["pending"]
    assert "Held until a moderator" not in response.text
    assert "Held until a moderator" not in client_for(ledger).get(page).text
    assert "No comments yet." in comment_texts(reader, page)


def test_approved_comments_show_name_date_and_escaped_text(
        reader: TestClient, moderator: TestClient, ledger: Path) -> None:
    post(reader, text=SCRIPT)
    (comment_id, _status, _text), = stored(ledger)
    assert decide(moderator, comment_id, "approve") == 303
    shown = comment_texts(client_for(ledger), EVENT)
    assert "Layla" in shown and re.search(r"<time datetime=\"\d{4}-\d\d-\d\dT[^\"]+\">\d{4}-\d\d-\d\d</time>", shown)
    assert "&lt;script&gt;alert(" in shown and escape(SCRIPT) in shown
    assert "<script>" not in shown and "<script" not in client_for(ledger).get(EVENT).text.split("<footer>")[0]


def test_markup_in_the_name_and_text_is_escaped_for_moderators_and_readers(
        reader: TestClient, moderator: TestClient, ledger: Path) -> None:
    name = '<img src=x onerror="alert(1)">'
    text = '"><svg onload=alert(1)> a careful report on the attack'
    assert post(reader, name=name, text=text).status_code == 200
    queue = same_quotes(moderator.get("/moderation").text)
    assert "<img src=x" not in queue and "<svg onload" not in queue
    assert escape(name) in queue and escape(text) in queue
    assert decide(moderator, 1, "approve") == 303
    shown = same_quotes(comment_texts(reader, EVENT))
    assert "<img src=x" not in shown and "<svg onload" not in shown
    assert escape(name) in shown and escape(text) in shown


def test_a_rejected_comment_never_appears(reader: TestClient, moderator: TestClient, ledger: Path) -> None:
    post(reader, text="You are an idiot and so is the writer of this page.")
    (comment_id, _status, _text), = stored(ledger)
    assert decide(moderator, comment_id, "reject") == 400  # a rejection needs a policy reason
    assert decide(moderator, comment_id, "reject", "personal_attack") == 303
    assert stored(ledger)[0][1] == "rejected"
    for client in (reader, moderator, client_for(ledger)):
        assert "an idiot" not in comment_texts(client, EVENT)
    assert "an idiot" not in moderator.get("/moderation").text  # out of the queue...
    assert "an idiot" in moderator.get("/moderation?status=rejected").text  # ...kept for the record


def test_the_queue_is_riskiest_first_with_reasons_and_highlighted_words(
        reader: TestClient, moderator: TestClient) -> None:
    post(reader, text="Useful summary of the strike near the base.")
    post(reader, text="Shut up you moron, the writer is clueless.", email="other@example.org")
    page = moderator.get("/moderation").text
    ids = re.findall(r'<li class="queue-item" data-id="(\d+)"', page)
    assert ids == ["2", "1"]
    risky = page[page.index('data-id="2"'):page.index('data-id="1"')]
    assert "personal attack" in risky and "<mark>" in risky and "risk-high" in risky
    assert '<option value="personal_attack" selected>' in risky


def test_bulk_approve_and_reject(reader: TestClient, moderator: TestClient, ledger: Path) -> None:
    for n, address in enumerate(("one", "two", "three")):
        post(reader, text=f"Comment number {address} about the attack on the base.", email=f"r{n}@example.org")
    token = csrf_of(moderator, "/moderation")
    approve = moderator.post("/moderation/bulk", data={"csrf_token": token, "decision": "approve",
                                                       "ids": ["1", "2"]}, follow_redirects=False)
    assert approve.status_code == 303 and "n=2" in approve.headers["location"]
    assert "2 comments approved." in moderator.get(approve.headers["location"]).text
    no_reason = moderator.post("/moderation/bulk", data={"csrf_token": token, "decision": "reject", "ids": ["3"]})
    assert no_reason.status_code == 400
    # the queue again, the error beside the bulk form and the selection kept (not a bare error page)
    assert 'id="moderation-queue"' in no_reason.text and 'id="bulk-error"' in no_reason.text
    assert re.search(r'value="3" form="bulk"[^>]*checked', no_reason.text)
    one = moderator.post("/moderation/3", data={"csrf_token": token, "decision": "reject", "status": "awaiting"})
    assert one.status_code == 400 and 'id="error-3"' in one.text
    rejected = moderator.post("/moderation/bulk", data={"csrf_token": token, "decision": "reject",
                                                        "reason": "promotion", "ids": ["3"]})
    assert rejected.status_code == 200
    assert [status for _id, status, _t in stored(ledger)] == ["approved", "approved", "rejected"]
    shown = comment_texts(reader, EVENT)
    assert "number one" in shown and "number two" in shown and "number three" not in shown
    actions = [(e["analyst"], e["action"], e["target"]) for e in audit_entries(Store(ledger).connection)
               if e["action"].startswith("comment.")]
    assert sorted(actions) == [("alice", "comment.approve", "comment:1"), ("alice", "comment.approve", "comment:2"),
                               ("alice", "comment.reject", "comment:3")]


@pytest.mark.parametrize(("email", "message"), [("", "Please give your email address"),
                                                ("not-an-address", "Please give a valid email address"),
                                                ("a@b", "Please give a valid email address")])
def test_a_missing_or_invalid_email_is_refused_with_a_clear_message(
        reader: TestClient, ledger: Path, email: str, message: str) -> None:
    response = post(reader, email=email)
    assert response.status_code == 400 and message in response.text
    assert 'id="comment-error"' in response.text and 'name="email" type="email"' in response.text
    assert stored(ledger) == []


def test_a_missing_name_is_refused(reader: TestClient, ledger: Path) -> None:
    response = post(reader, name="  ")
    assert response.status_code == 400 and "Please give your name." in response.text
    assert stored(ledger) == []


def test_a_filled_honeypot_stores_nothing_and_looks_like_success(reader: TestClient, ledger: Path) -> None:
    response = post(reader, website="http://spam.example")
    assert response.status_code == 200 and AWAITING_MODERATION in response.text
    assert stored(ledger) == []


def test_the_form_needs_its_csrf_token(reader: TestClient, ledger: Path) -> None:
    csrf_of(reader, EVENT)  # the cookie is set: only the field is missing or wrong
    assert post(reader, token=None).status_code == 403
    assert post(reader, token="guessed").status_code == 403
    assert client_for(ledger).post(f"{EVENT}/comments", data={"name": "L", "email": EMAIL,
                                                              "text": "no cookie at all"}).status_code == 403
    assert stored(ledger) == []


def test_moderation_posts_need_the_csrf_token(reader: TestClient, moderator: TestClient, ledger: Path) -> None:
    post(reader)
    assert moderator.post("/moderation/1", data={"decision": "approve"}).status_code == 403
    assert moderator.post("/moderation/bulk", data={"decision": "approve", "ids": ["1"],
                                                    "csrf_token": "guessed"}).status_code == 403
    assert stored(ledger)[0][1] == "pending"


def test_rate_limit_per_address_answers_429(reader: TestClient, ledger: Path) -> None:
    for n in range(3):
        assert post(reader, text=f"Comment {n} on the attack, from one address.",
                    email=f"r{n}@example.org").status_code == 200
    limited = post(reader, text="A fourth comment within minutes.", email="r9@example.org")
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) > 0
    assert "please wait" in limited.text
    # the page says how long, as the Retry-After header does
    assert f"You can post again in {wait_text(int(limited.headers['retry-after']))}." in limited.text
    assert len(stored(ledger)) == 3


def test_wait_text_rounds_up_to_a_readable_unit() -> None:
    assert [wait_text(s) for s in (1, 59, 60, 61, 3599, 3601)] == [
        "1 second", "59 seconds", "1 minute", "2 minutes", "60 minutes", "about 2 hours"]


def test_rate_limit_per_email_answers_429(ledger: Path) -> None:
    for n in range(3):
        client = TestClient(create_app(str(ledger)), client=(f"198.51.100.{n}", 5000))
        assert post(client, text=f"Comment {n} from another address, same email.").status_code == 200
    other = TestClient(create_app(str(ledger)), client=("198.51.100.9", 5000))
    assert post(other, text="Same email again from a fourth address.").status_code == 429
    assert len(stored(ledger)) == 3


def test_an_identical_comment_is_refused(reader: TestClient, ledger: Path) -> None:
    text = "This is the very same comment posted twice in a row."
    assert post(reader, text=text).status_code == 200
    again = post(reader, ARTICLE, text=text.upper() + "!!", email="another@example.org")
    assert again.status_code == 400 and "already posted this comment" in again.text
    assert len(stored(ledger)) == 1


def test_an_over_long_or_empty_comment_is_refused(reader: TestClient, ledger: Path) -> None:
    long = post(reader, text="word " * 500)
    assert long.status_code == 400 and "at most 2000 characters" in long.text
    huge = post(reader, text="x" * 1_000_000)
    assert huge.status_code == 400 and len(huge.text) < 60_000  # not echoed back whole
    assert post(reader, text=" ").status_code == 400
    assert stored(ledger) == []


def test_comments_on_a_missing_page_are_refused(reader: TestClient, ledger: Path) -> None:
    token = csrf_of(reader, EVENT)
    assert reader.post("/events/ev-nope/comments", data={"csrf_token": token}).status_code == 404
    assert reader.post("/articles/nope/comments", data={"csrf_token": token}).status_code == 404
    assert stored(ledger) == []


def test_the_moderation_page_needs_a_signed_in_analyst(reader: TestClient, moderator: TestClient) -> None:
    response = reader.get("/moderation", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login?next=%2Fmoderation")
    assert reader.post("/moderation/1", data={"decision": "approve"}, follow_redirects=False).status_code == 303
    assert 'href="/moderation"' not in reader.get("/").text
    assert 'href="/moderation"' in moderator.get("/").text
    assert moderator.get("/moderation").status_code == 200


def test_the_email_never_appears_on_any_page(reader: TestClient, moderator: TestClient, ledger: Path) -> None:
    assert "awaiting moderation" in post(reader, text="First comment, approved later on.").text
    post(reader, ARTICLE, text="Second comment, rejected later on.")
    assert decide(moderator, 1, "approve") == 303
    assert decide(moderator, 2, "reject", "promotion") == 303
    pages = [EVENT, ARTICLE, "/", "/events", "/api/events/ev-asad", "/moderation",
             "/moderation?status=approved", "/moderation?status=rejected", "/review/audit",
             "/export/csv", "/export/jsonl"]
    for client in (reader, moderator):
        for page in pages:
            assert EMAIL not in client.get(page).text.lower(), page
