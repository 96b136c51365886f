"""Moderation: the queue sorted by risk, approve or reject one by one or in bulk, every decision
audited, automatic settings off by default, and comments that can never be edited."""
from __future__ import annotations

import re
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

import dateline.moderation as package
from dateline.moderation.comments import list_approved, submit
from dateline.moderation.moderation import (DecisionError, Settings, decide, decide_many,
                                            decisions, highlight_html, queue, queue_counts,
                                            settings, update_settings)
from dateline.moderation.screening import Screener
from dateline.store.accounts import audit_entries
from dateline.store.db import Store, split_sql

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "moderation.db")


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener(classifier=None)


def post(store: Store, screener: Screener, text: str, number: int) -> int:
    result = submit(store, "article", "art-1", f"Reader {number}", f"r{number}@example.org", text,
                    f"192.0.2.{number}", now=NOW + timedelta(seconds=number), screener=screener)
    assert result.comment_id is not None
    return result.comment_id


@pytest.fixture()
def three(store: Store, screener: Screener) -> dict[str, int]:
    return {"clean": post(store, screener, "Thank you for the clear timeline.", 1),
            "threat": post(store, screener, "I will kill you, reporter", 2),
            "hint": post(store, screener, "What a stupid war this is", 3)}


def test_queue_is_sorted_by_risk_and_shows_reasons(store: Store, three: dict[str, int]) -> None:
    items = queue(store)
    assert [item.id for item in items] == [three["threat"], three["hint"], three["clean"]]
    assert [reason.reason for reason in items[0].reasons] == ["threat"]
    assert items[0].highlighted_html() == "<mark>I will kill you</mark>, reporter"
    assert queue_counts(store)["pending"] == 3


def test_approve_publishes_and_reject_never_does(store: Store, three: dict[str, int]) -> None:
    decide(store, three["clean"], "approve", "moderator1")
    decide(store, three["threat"], "reject", "moderator1", reason="threat")
    public = list_approved(store, "article", "art-1")
    assert [item.id for item in public] == [three["clean"]]
    assert [item.id for item in queue(store)] == [three["hint"]]
    assert queue_counts(store) == {"pending": 1, "held": 0, "approved": 1, "rejected": 1}


def test_a_rejection_needs_a_policy_reason(store: Store, three: dict[str, int]) -> None:
    for reason in (None, "", "rude", "spam"):
        with pytest.raises(DecisionError):
            decide(store, three["threat"], "reject", "moderator1", reason=reason)
    with pytest.raises(DecisionError):
        decide(store, three["threat"], "edit", "moderator1")
    with pytest.raises(DecisionError):
        decide(store, three["threat"], "approve", "  ")
    with pytest.raises(DecisionError):
        decide(store, 999, "approve", "moderator1")
    assert decisions(store, three["threat"]) == []


def test_every_decision_is_recorded_and_audited(store: Store, three: dict[str, int]) -> None:
    decide(store, three["threat"], "reject", "moderator1", reason="threat", note="clear threat")
    decide(store, three["threat"], "approve", "moderator2")  # an appeal, reversed later
    history = decisions(store, three["threat"])
    assert [(d.decision, d.reason, d.moderator) for d in history] == \
        [("reject", "threat", "moderator1"), ("approve", None, "moderator2")]
    audit = audit_entries(store.connection, target=f"comment:{three['threat']}")
    assert [(entry["analyst"], entry["action"]) for entry in reversed(audit)] == \
        [("moderator1", "comment.reject"), ("moderator2", "comment.approve")]
    assert audit[-1]["after"] == {"status": "rejected", "reason": "threat"}
    with pytest.raises(DecisionError):
        decide(store, three["threat"], "approve", "moderator2")  # already approved


def test_bulk_decisions_are_all_or_nothing(store: Store, three: dict[str, int]) -> None:
    with pytest.raises(DecisionError):
        decide_many(store, [three["clean"], three["hint"], 12345], "approve", "moderator1")
    assert queue_counts(store)["approved"] == 0
    made = decide_many(store, [three["clean"], three["hint"]], "approve", "moderator1")
    assert {d.comment_id for d in made} == {three["clean"], three["hint"]}
    assert len(list_approved(store, "article", "art-1")) == 2
    assert len(audit_entries(store.connection)) == 2


def test_automatic_settings_are_off_by_default(store: Store, three: dict[str, int]) -> None:
    assert settings(store) == Settings(None)
    assert {item.status for item in queue(store)} == {"pending"}
    assert all(not decisions(store, comment_id) for comment_id in three.values())


def test_auto_hold_keeps_every_comment_waiting_for_a_moderator(store: Store,
                                                               screener: Screener) -> None:
    update_settings(store, "admin", auto_hold_below=0.1)
    threat = post(store, screener, "I will kill you, reporter", 1)
    clean = post(store, screener, "Thank you for the clear timeline.", 2)
    middle = post(store, screener, "What a stupid war this is", 3)
    statuses = {item.id: item.status for item in queue(store, ("pending", "held", "rejected"))}
    assert statuses == {threat: "pending", clean: "held", middle: "pending"}
    assert decisions(store, clean)[0].moderator == "auto"
    assert decisions(store, threat) == []
    assert list_approved(store, "article", "art-1") == []  # held is not published
    actions = {entry["action"] for entry in audit_entries(store.connection)}
    assert {"comments.settings", "comment.hold"} <= actions
    assert "comment.reject" not in actions
    update_settings(store, "admin", auto_hold_below=None)
    assert settings(store) == Settings(None)


def test_the_screen_never_rejects_without_a_moderator(store: Store, screener: Screener) -> None:
    # The issue: "Nothing is ever published or rejected without a moderator". Asking for an
    # automatic rejection is refused and changes nothing ...
    with pytest.raises(DecisionError, match="without a moderator"):
        update_settings(store, "admin", auto_reject_at=0.8)
    assert settings(store) == Settings(None)
    # ... and a threshold stored by an earlier version is never acted on.
    store.connection.execute("INSERT INTO moderation_settings (key, value) VALUES "
                             "('auto_reject_at', '0.1')")
    store.connection.commit()
    threat = post(store, screener, "I will kill you, reporter", 1)
    assert queue(store)[0].id == threat and queue(store)[0].status == "pending"
    assert queue(store)[0].reasons[0].reason == "threat"
    assert decisions(store, threat) == []
    assert queue_counts(store)["rejected"] == 0


def test_settings_are_checked(store: Store) -> None:
    for value in (1.5, 0.0, -0.2):
        with pytest.raises(DecisionError):
            update_settings(store, "admin", auto_hold_below=value)


def test_the_database_refuses_to_change_a_comment(store: Store, three: dict[str, int]) -> None:
    db = store.connection
    for column, value in (("text", "edited"), ("name", "someone else"),
                          ("email", "x@example.org"), ("target_id", "other-article")):
        with pytest.raises(sqlite3.IntegrityError, match="immutable"):
            db.execute(f"UPDATE comments SET {column} = ? WHERE id = ?", (value, three["clean"]))
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        db.execute("INSERT OR REPLACE INTO comments (id, target_kind, target_id, name, email, text,"
                   " text_key, address_key, risk, screening, created_at) VALUES"
                   " (?, 'article', 'art-1', 'x', 'x@example.org', 'replaced', 'k', 'a', 0, '{}', 't')",
                   (three["clean"],))
    assert db.execute("SELECT text FROM comments WHERE id = ?",
                      (three["clean"],)).fetchone()[0] == "Thank you for the clear timeline."
    # The status may change: that is what a decision is.
    db.execute("UPDATE comments SET status = 'approved' WHERE id = ?", (three["clean"],))


def test_decisions_are_append_only(store: Store, three: dict[str, int]) -> None:
    decide(store, three["threat"], "reject", "moderator1", reason="threat")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.connection.execute("UPDATE moderation_decisions SET reason = 'abuse'")


def test_no_code_path_updates_comment_text() -> None:
    # The package's only UPDATE of comments sets status and decided_at.
    folder = Path(package.__file__).parent
    updates = [match for path in folder.glob("*.py")
               for match in re.findall(r"UPDATE comments SET ([^\"]*?) WHERE",
                                       path.read_text(encoding="utf-8"))]
    assert updates == ["status = ?, decided_at = ?"]


def test_highlight_merges_overlaps_and_escapes() -> None:
    assert highlight_html("a <b> idiot & co", [(6, 11), (4, 11), (0, 1)]) == \
        "<mark>a</mark> &lt;b<mark>&gt; idiot</mark> &amp; co"


def test_migration_statements_keep_trigger_bodies_whole() -> None:
    sql = """-- a comment line
CREATE TABLE t (a);
CREATE TRIGGER t_guard BEFORE UPDATE ON t
BEGIN
    SELECT RAISE(ABORT, 'no');
END;
INSERT INTO t VALUES (1);
"""
    statements = split_sql(sql)
    assert len(statements) == 3
    assert statements[1].startswith("CREATE TRIGGER") and statements[1].endswith("END")
