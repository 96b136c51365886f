"""Moderation: the queue of comments awaiting a decision, sorted by risk; approve or reject (with
the policy reason), one by one or in bulk; the optional auto-hold lane. There is no automatic
rejection: nothing is published or rejected without a moderator. Decisions change a comment's
status only: its text, name and email never change (the database refuses it). Every decision
is a row of `moderation_decisions` and a line of the audit log.

The web layer calls `queue` for the moderation page, `decide` / `decide_many` from its buttons
(after checking that the moderator is signed in and the CSRF token), and `highlight_html` to show
the words that triggered each reason.
"""
from __future__ import annotations

import html
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone

from dateline.moderation.screening import REASONS, Reason, Screening
from dateline.store.accounts import write_audit
from dateline.store.db import Store

DECISIONS = ("approve", "reject")
# Statuses that wait for a moderator. "held" is the low-risk lane of the auto-hold setting.
AWAITING = ("pending", "held")
AUTOMATIC = "auto"
_STATUS_OF = {"approve": "approved", "reject": "rejected", "hold": "held"}


class DecisionError(ValueError):
    """A decision cannot be made (unknown comment, missing reason, nothing to change)."""


@dataclass(frozen=True)
class QueuedComment:
    """A comment as moderators see it: everything but the email, with its screening."""

    id: int
    target_kind: str
    target_id: str
    name: str
    text: str
    created_at: str
    status: str
    risk: float
    reasons: tuple[Reason, ...]
    hints: tuple[Reason, ...]
    decision: str = "clear"
    note: str = ""

    def highlighted_html(self) -> str:
        """Returns the text as safe HTML with the words behind each reason in <mark>."""
        return highlight_html(self.text, [span for reason in self.reasons + self.hints
                                          for span in reason.spans])


@dataclass(frozen=True)
class Decision:
    """One moderation decision, as recorded."""

    comment_id: int
    decision: str
    reason: str | None
    moderator: str
    decided_at: str
    note: str = ""


@dataclass(frozen=True)
class Settings:
    """Automatic moderation, off (None) by default. A new comment whose risk is below
    `auto_hold_below` goes to the "held" lane (low risk, still waiting for a moderator).
    There is no automatic rejection: nothing is ever published or rejected without a moderator
    (the site pre-moderates; the screen orders the queue and pre-fills the reason)."""

    auto_hold_below: float | None = None


def queue(store: Store, statuses: Iterable[str] = AWAITING, limit: int = 50,
          offset: int = 0) -> list[QueuedComment]:
    """Returns the comments awaiting a decision, riskiest first, then oldest first."""
    wanted = [status for status in statuses if status in ("pending", "held", "approved", "rejected")]
    if not wanted:
        return []
    marks = ",".join("?" for _ in wanted)
    rows = store.connection.execute(
        "SELECT id, target_kind, target_id, name, text, created_at, status, risk, screening"
        f" FROM comments WHERE status IN ({marks})"  # noqa: S608 (placeholders only)
        " ORDER BY risk DESC, created_at, id LIMIT ? OFFSET ?",
        (*wanted, max(0, limit), max(0, offset))).fetchall()
    return [_queued(row) for row in rows]


def queue_counts(store: Store) -> dict[str, int]:
    """Returns how many comments there are in each status."""
    counts = {"pending": 0, "held": 0, "approved": 0, "rejected": 0}
    for status, count in store.connection.execute(
            "SELECT status, count(*) FROM comments GROUP BY status"):
        counts[status] = int(count)
    return counts


def comment(store: Store, comment_id: int) -> QueuedComment | None:
    """Returns one comment as moderators see it, or None."""
    row = store.connection.execute(
        "SELECT id, target_kind, target_id, name, text, created_at, status, risk, screening"
        " FROM comments WHERE id = ?", (comment_id,)).fetchone()
    return _queued(row) if row else None


def decide(store: Store, comment_id: int, decision: str, moderator: str,
           reason: str | None = None, note: str = "", now: datetime | None = None) -> Decision:
    """Approves or rejects one comment; a rejection needs a policy reason (REASONS). Returns the
    decision recorded. Raises DecisionError."""
    return decide_many(store, [comment_id], decision, moderator, reason, note, now)[0]


def decide_many(store: Store, comment_ids: Iterable[int], decision: str, moderator: str,
                reason: str | None = None, note: str = "",
                now: datetime | None = None) -> list[Decision]:
    """Approves or rejects several comments at once, all or none. Raises DecisionError."""
    ids = list(dict.fromkeys(int(comment_id) for comment_id in comment_ids))
    if decision not in DECISIONS:
        raise DecisionError(f"decision must be one of {', '.join(DECISIONS)}")
    if decision == "reject" and reason not in REASONS:
        raise DecisionError(f"a rejection needs a policy reason: {', '.join(REASONS)}")
    if decision == "approve":
        reason = None
    moderator = moderator.strip()
    if not moderator or moderator == AUTOMATIC:
        raise DecisionError("a decision needs the signed-in moderator's name")
    if not ids:
        raise DecisionError("no comment chosen")
    moment = _iso(now)
    made = []
    with store.transaction() as db:
        for comment_id in ids:
            row = db.execute("SELECT status FROM comments WHERE id = ?", (comment_id,)).fetchone()
            if row is None:
                raise DecisionError(f"no comment {comment_id}")
            if row[0] == _STATUS_OF[decision]:
                raise DecisionError(f"comment {comment_id} is already {row[0]}")
            made.append(_record(db, comment_id, row[0], decision, reason, moderator, note, moment))
    return made


def decisions(store: Store, comment_id: int) -> list[Decision]:
    """Returns the decisions made on a comment, oldest first."""
    rows = store.connection.execute(
        "SELECT comment_id, decision, reason, moderator, decided_at, note"
        " FROM moderation_decisions WHERE comment_id = ? ORDER BY id", (comment_id,)).fetchall()
    return [Decision(row[0], row[1], row[2], row[3], row[4], row[5]) for row in rows]


def settings(store: Store) -> Settings:
    """Returns the automatic moderation settings."""
    return _settings(store.connection)


def update_settings(store: Store, moderator: str, auto_reject_at: float | None = None,
                    auto_hold_below: float | None = None) -> Settings:
    """Sets (or, with None, turns off) the auto-hold setting; the change is audited.
    `auto_reject_at` is refused unless None: the screen never rejects a comment on its own."""
    if auto_reject_at is not None:
        raise DecisionError("automatic rejection is not offered: nothing is rejected without a "
                            "moderator (the screen only orders the queue and pre-fills the reason)")
    if auto_hold_below is not None and not 0.0 < auto_hold_below <= 1.0:
        raise DecisionError("a risk threshold is a number above 0 and at most 1")
    with store.transaction() as db:
        before = _settings(db)
        # A stored auto-reject threshold from an earlier version is removed (and never read).
        db.execute("DELETE FROM moderation_settings WHERE key = 'auto_reject_at'")
        if auto_hold_below is None:
            db.execute("DELETE FROM moderation_settings WHERE key = 'auto_hold_below'")
        else:
            db.execute("INSERT OR REPLACE INTO moderation_settings (key, value) VALUES (?, ?)",
                       ("auto_hold_below", repr(float(auto_hold_below))))
        after = _settings(db)
        write_audit(db, moderator, "comments.settings", None, before=before.__dict__,
                    after=after.__dict__)
    return after


def apply_automatic_settings(db: sqlite3.Connection, comment_id: int, screening: Screening,
                             moment: datetime) -> str:
    """Applies the auto-hold setting to a comment just stored (inside its transaction); returns
    its status: "pending" or "held", both waiting for a moderator. Never "rejected"."""
    current = _settings(db)
    if current.auto_hold_below is None or screening.risk >= current.auto_hold_below:
        return "pending"
    note = f"automatic: risk {screening.risk:.2f}"
    _record(db, comment_id, "pending", "hold", None, AUTOMATIC, note, _iso(moment))
    return _STATUS_OF["hold"]


def highlight_html(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """Returns `text` escaped for HTML with the given spans wrapped in <mark>."""
    merged: list[list[int]] = []
    for start, end in sorted((max(0, a), min(len(text), b)) for a, b in spans if b > a):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    pieces = []
    cursor = 0
    for start, end in merged:
        pieces.append(html.escape(text[cursor:start]))
        pieces.append("<mark>" + html.escape(text[start:end]) + "</mark>")
        cursor = end
    pieces.append(html.escape(text[cursor:]))
    return "".join(pieces).replace("\n", "<br>")


def _record(db: sqlite3.Connection, comment_id: int, before: str, decision: str,
            reason: str | None, moderator: str, note: str, moment: str) -> Decision:
    status = _STATUS_OF[decision]
    # Only status and decided_at: the comments_immutable trigger refuses anything else.
    db.execute("UPDATE comments SET status = ?, decided_at = ? WHERE id = ?",
               (status, moment, comment_id))
    db.execute("INSERT INTO moderation_decisions (comment_id, decision, reason, moderator, note,"
               " decided_at) VALUES (?,?,?,?,?,?)",
               (comment_id, decision, reason, moderator, note, moment))
    write_audit(db, moderator, f"comment.{decision}", f"comment:{comment_id}",
                before={"status": before}, after={"status": status, "reason": reason},
                detail=note)
    return Decision(comment_id, decision, reason, moderator, moment, note)


def _settings(db: sqlite3.Connection) -> Settings:
    row = db.execute("SELECT value FROM moderation_settings WHERE key = 'auto_hold_below'").fetchone()
    return Settings(auto_hold_below=float(row[0]) if row else None)


def _queued(row: sqlite3.Row) -> QueuedComment:
    screening = Screening.from_json(row["screening"])
    return QueuedComment(id=row["id"], target_kind=row["target_kind"], target_id=row["target_id"],
                         name=row["name"], text=row["text"], created_at=row["created_at"],
                         status=row["status"], risk=row["risk"], reasons=screening.reasons,
                         hints=screening.hints, decision=screening.decision, note=screening.note)


def _iso(now: datetime | None) -> str:
    moment = now or datetime.now(timezone.utc)
    moment = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
