"""Submitting comments: validation, size caps, honeypot, rate limits per address and per email,
identical comments, escaping, and the email never coming back out."""
from __future__ import annotations

import dataclasses
import html
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from dateline.moderation import comments as service
from dateline.moderation.comments import (AWAITING_MODERATION, DuplicateComment, Limits,
                                          RateLimited, SubmissionError, list_approved,
                                          render_text, submit)
from dateline.moderation.moderation import comment, decide, queue
from dateline.moderation.screening import Screener
from dateline.store.db import Store

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)
EMAIL = "reader.private@example.org"


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "comments.db")


@pytest.fixture(scope="module")
def screener() -> Screener:
    # Word lists and patterns only: these tests are about the service, not the model.
    return Screener(classifier=None)


def post(store: Store, screener: Screener, text: str = "Thanks for the clear timeline.",
         name: str = "Layla", email: str = EMAIL, address: str = "203.0.113.7",
         now: datetime = NOW, **extra: object) -> service.Submission:
    return submit(store, "event", "ev-1a2b", name, email, text, address, now=now,
                  screener=screener, **extra)  # type: ignore[arg-type]


def count(store: Store) -> int:
    return int(store.connection.execute("SELECT count(*) FROM comments").fetchone()[0])


def test_a_comment_is_stored_as_awaiting_moderation_and_not_listed(store: Store,
                                                                    screener: Screener) -> None:
    result = post(store, screener)
    assert result.comment_id is not None and result.status == "pending"
    assert result.message == AWAITING_MODERATION and "awaiting moderation" in result.message
    assert list_approved(store, "event", "ev-1a2b") == []
    assert [item.id for item in queue(store)] == [result.comment_id]


@pytest.mark.parametrize("field, values", [
    ("name", {"name": "   "}),
    ("name", {"name": "x" * 81}),
    ("name", {"name": "Buy at www.cheap.com"}),
    ("name", {"name": "call 07701234567"}),
    ("email", {"email": ""}),
    ("email", {"email": "not-an-email"}),
    ("email", {"email": "a@b"}),
    ("email", {"email": "two@@example.org"}),
    ("email", {"email": "a..b@example.org"}),
    ("email", {"email": "x" * 250 + "@example.org"}),
    ("text", {"text": " "}),
    ("text", {"text": "x"}),
    ("text", {"text": "x" * 2001}),
    ("text", {"text": "x" * 50_000}),
    ("text", {"text": "line\n" * 61}),
    ("text", {"text": "hidden\x00byte"}),
    ("text", {"text": "right-to-left \u202e override"}),
])
def test_bad_fields_are_refused_and_nothing_is_stored(store: Store, screener: Screener,
                                                      field: str, values: dict[str, str]) -> None:
    with pytest.raises(SubmissionError) as refused:
        post(store, screener, **values)  # type: ignore[arg-type]
    assert refused.value.field == field
    assert count(store) == 0


def test_unknown_target_kind_is_refused(store: Store, screener: Screener) -> None:
    with pytest.raises(SubmissionError):
        submit(store, "tally", "t-1", "Layla", EMAIL, "hello there", "203.0.113.7",
               screener=screener)


def test_limits_are_the_stated_caps(store: Store, screener: Screener) -> None:
    assert post(store, screener, text="y" * 2000).comment_id is not None
    assert post(store, screener, text="ok", email="b@example.org",
                address="198.51.100.2").comment_id is not None


def test_the_honeypot_discards_silently(store: Store, screener: Screener) -> None:
    result = post(store, screener, honeypot="http://spam.example")
    assert result.comment_id is None and result.message == AWAITING_MODERATION
    assert count(store) == 0


def test_rate_limit_per_address(store: Store, screener: Screener) -> None:
    limits = Limits(burst=2, burst_seconds=600)
    for number in range(2):
        post(store, screener, text=f"Comment number {number} about the strike",
             email=f"reader{number}@example.org", now=NOW + timedelta(seconds=number),
             limits=limits)
    with pytest.raises(RateLimited) as limited:
        post(store, screener, text="A third one from the same place", email="other@example.org",
             now=NOW + timedelta(seconds=5), limits=limits)
    assert 0 < limited.value.retry_after <= 600
    # Another address is not limited, and the first one is free again after the window.
    post(store, screener, text="From elsewhere", email="else@example.org", address="198.51.100.9",
         now=NOW + timedelta(seconds=6), limits=limits)
    post(store, screener, text="Later on", email="later@example.org",
         now=NOW + timedelta(seconds=700), limits=limits)
    assert count(store) == 4


def test_rate_limit_per_email(store: Store, screener: Screener) -> None:
    limits = Limits(burst=2, burst_seconds=600)
    for number in range(2):
        post(store, screener, text=f"Comment number {number} about the strike",
             address=f"192.0.2.{number}", now=NOW + timedelta(seconds=number), limits=limits)
    with pytest.raises(RateLimited):
        post(store, screener, text="Same person, new address", address="192.0.2.99",
             email=EMAIL.upper().replace("EXAMPLE.ORG", "Example.org"),
             now=NOW + timedelta(seconds=5), limits=limits)
    assert count(store) == 2


def test_daily_rate_limit(store: Store, screener: Screener) -> None:
    limits = Limits(burst=100, daily=3)
    for number in range(3):
        post(store, screener, text=f"Comment {number} today", now=NOW + timedelta(hours=number),
             limits=limits)
    with pytest.raises(RateLimited):
        post(store, screener, text="Fourth today", now=NOW + timedelta(hours=5), limits=limits)


def test_identical_comment_from_the_same_reader_is_refused(store: Store, screener: Screener) -> None:
    post(store, screener, text="Great article, thanks!")
    with pytest.raises(DuplicateComment):
        post(store, screener, text="  great ARTICLE thanks ", now=NOW + timedelta(days=30))


def test_identical_long_comment_from_anyone_is_refused_within_a_day(store: Store,
                                                                    screener: Screener) -> None:
    spam = "Best prices on satellite phones, delivery all over Iraq, message me today"
    post(store, screener, text=spam)
    with pytest.raises(DuplicateComment):
        post(store, screener, text=spam.upper(), email="bot2@example.org", address="192.0.2.50",
             now=NOW + timedelta(hours=2))
    # A short common phrase from another reader is not a duplicate.
    post(store, screener, text="Thank you!", email="a@example.org", address="192.0.2.60")
    post(store, screener, text="Thank you!", email="b@example.org", address="192.0.2.61")


def test_the_address_is_stored_only_as_a_keyed_hash(store: Store, screener: Screener) -> None:
    post(store, screener, address="203.0.113.7")
    stored = store.connection.execute("SELECT address_key FROM comments").fetchone()[0]
    assert "203.0.113.7" not in stored and len(stored) == 32


SCRIPTS = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "\"><svg/onload=alert(1)>",
    "javascript:alert(1)",
    "<a href=\"javascript:alert(1)\">click</a>",
]


@pytest.mark.parametrize("attack", SCRIPTS)
def test_script_injection_is_stored_verbatim_and_escaped_everywhere(
        store: Store, screener: Screener, attack: str) -> None:
    text = f"Interesting point {attack} about the base"
    result = post(store, screener, text=text, name=f"Ali {attack[:20]}")
    assert result.comment_id is not None
    stored = comment(store, result.comment_id)
    assert stored is not None and stored.text == text  # never altered
    decide(store, result.comment_id, "approve", "moderator1")
    public = list_approved(store, "event", "ev-1a2b")[0]
    for rendered in (public.text_html(), render_text(public.text), stored.highlighted_html()):
        assert html.escape(attack) in rendered
        if html.escape(attack) != attack:
            assert attack not in rendered
        # Nothing becomes markup: no tags from the text, no links.
        assert "<script" not in rendered and "<img" not in rendered and "<svg" not in rendered
        assert "<a " not in rendered


def test_render_text_keeps_paragraphs_and_escapes() -> None:
    assert render_text("one <b>\nline two\n\npara & two") == \
        "<p>one &lt;b&gt;<br>line two</p><p>para &amp; two</p>"


def test_the_email_never_comes_back_out(store: Store, screener: Screener) -> None:
    first = post(store, screener, text="You are an idiot")
    assert first.comment_id is not None
    decide(store, first.comment_id, "approve", "moderator1")
    results: list[object] = [*list_approved(store, "event", "ev-1a2b"), *queue(store, ("approved",)),
                             comment(store, first.comment_id), first]
    for item in results:
        assert EMAIL not in repr(item)
        assert "email" not in {field.name for field in dataclasses.fields(item)}  # type: ignore[arg-type]


def test_a_risky_comment_is_stored_with_its_screening(store: Store, screener: Screener) -> None:
    result = post(store, screener, text="Buy cheap followers at www.example.com, you moron")
    assert result.comment_id is not None
    queued = comment(store, result.comment_id)
    assert queued is not None and queued.status == "pending"
    assert {reason.reason for reason in queued.reasons} == {"promotion", "personal_attack"}
    assert "<mark>" in queued.highlighted_html()
