"""Reader comments: submission with validation and abuse controls, and the public listing.

Every comment is screened and stored as awaiting moderation; nothing a reader posts is listed
publicly before a moderator approves it (see moderation.py). The email is stored, never returned.
The web layer calls `submit` from the comment form (after its own CSRF check) and
`list_approved` under event and article pages, and escapes with `render_text` or its templates.
"""
from __future__ import annotations

import hashlib
import hmac
import html
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from dateline.moderation.moderation import apply_automatic_settings
from dateline.moderation.screening import Screener, default_screener
from dateline.store.db import Store

TARGET_KINDS = ("event", "article")
AWAITING_MODERATION = "Thank you. Your comment is awaiting moderation and will appear once approved."
# Plausible addresses only: one @, a dot in the domain, no spaces; delivery is not checked.
_EMAIL = re.compile(r"^[^@\s\"<>(),;:\\\[\]]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
                    r"(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$")
# Control characters other than newline and tab: invisible, and a way to smuggle markup.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_NAME_PROMOTION = re.compile(r"(?i)https?:|www\.|@|\.(?:com|net|org|ru|io|me)\b|\d{5,}")


@dataclass(frozen=True)
class Limits:
    """Size caps and rate limits (per address and per email: `burst` within `burst_seconds`,
    `daily` within a day), and how long an identical text from anyone else is refused."""

    name_max: int = 80
    email_max: int = 254
    text_min: int = 2
    text_max: int = 2000
    lines_max: int = 60
    target_max: int = 200
    burst: int = 3
    burst_seconds: int = 600
    daily: int = 20
    identical_seconds: int = 86_400
    # Shorter texts ("Thank you!") may well be written by several readers independently.
    identical_min_length: int = 24


DEFAULT_LIMITS = Limits()


class SubmissionError(ValueError):
    """A comment is refused; `field` names the form field at fault (or "form")."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class RateLimited(SubmissionError):
    """Too many comments from one address or email; `retry_after` is in seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__("form", message)
        self.retry_after = retry_after


class DuplicateComment(SubmissionError):
    """The same text was posted already."""


@dataclass(frozen=True)
class Submission:
    """What the form shows after posting. `comment_id` is None when nothing was stored (the
    honeypot was filled); the message is the same either way, so a bot learns nothing."""

    comment_id: int | None
    status: str
    message: str = AWAITING_MODERATION


@dataclass(frozen=True)
class PublicComment:
    """An approved comment as readers see it: name, date and text. No email, by construction."""

    id: int
    name: str
    text: str
    created_at: str

    def text_html(self) -> str:
        return render_text(self.text)


def submit(store: Store, target_kind: str, target_id: str, name: str, email: str, text: str,
           address: str, honeypot: str = "", now: datetime | None = None,
           screener: Screener | None = None, limits: Limits = DEFAULT_LIMITS) -> Submission:
    """Validates, screens and stores a comment as awaiting moderation; returns what to tell the
    reader. Raises SubmissionError (bad field), RateLimited or DuplicateComment.

    `address` is the client's IP address (stored only as a keyed hash); `honeypot` is the hidden
    form field that people leave empty."""
    if honeypot.strip():
        return Submission(None, "discarded")
    target_kind, target_id = _check_target(target_kind, target_id, limits)
    name = _check_name(name, limits)
    email = _check_email(email, limits)
    text = _check_text(text, limits)
    moment = _utc(now)
    screening = (screener or default_screener()).screen(text)
    with store.transaction() as db:
        address_key = _address_key(db, address)
        _check_rate(db, "address_key", address_key, moment, limits)
        _check_rate(db, "email", email, moment, limits)
        key = text_key(text)
        _check_identical(db, key, email, address_key, len(text), moment, limits)
        cursor = db.execute(
            "INSERT INTO comments (target_kind, target_id, name, email, text, text_key,"
            " address_key, status, risk, screening, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (target_kind, target_id, name, email, text, key, address_key, "pending",
             screening.risk, screening.to_json(), _iso(moment)))
        comment_id = int(cursor.lastrowid or 0)
        status = apply_automatic_settings(db, comment_id, screening, moment)
    return Submission(comment_id, status)


def list_approved(store: Store, target_kind: str, target_id: str, limit: int = 100,
                  offset: int = 0) -> list[PublicComment]:
    """Returns the approved comments under an event or article, oldest first."""
    rows = store.connection.execute(
        "SELECT id, name, text, created_at FROM comments WHERE target_kind = ? AND target_id = ?"
        " AND status = 'approved' ORDER BY created_at, id LIMIT ? OFFSET ?",
        (target_kind, target_id, max(0, limit), max(0, offset))).fetchall()
    return [PublicComment(row["id"], row["name"], row["text"], row["created_at"]) for row in rows]


def count_approved(store: Store, target_kind: str, target_id: str) -> int:
    """Returns how many approved comments an event or article has."""
    return int(store.connection.execute(
        "SELECT count(*) FROM comments WHERE target_kind = ? AND target_id = ?"
        " AND status = 'approved'", (target_kind, target_id)).fetchone()[0])


def render_text(text: str) -> str:
    """Returns a comment's text as safe HTML: everything escaped, blank lines between
    paragraphs, single newlines as line breaks."""
    paragraphs = [part for part in re.split(r"\n\s*\n", text) if part.strip()]
    return "".join("<p>" + "<br>".join(html.escape(line) for line in part.split("\n")) + "</p>"
                   for part in paragraphs)


def text_key(text: str) -> str:
    """Returns the identity of a text for duplicate detection: case, accents, spacing and
    punctuation do not count, so "Buy NOW!!" and "buy now" are the same comment."""
    folded = unicodedata.normalize("NFKD", text).casefold()
    letters = "".join(char for char in folded if char.isalnum())
    return hashlib.sha256(letters.encode("utf-8")).hexdigest()


def _check_target(kind: str, target_id: str, limits: Limits) -> tuple[str, str]:
    if kind not in TARGET_KINDS:
        raise SubmissionError("target", f"comments are taken under {' and '.join(TARGET_KINDS)} pages")
    target_id = target_id.strip()
    if not target_id or len(target_id) > limits.target_max or _CONTROL.search(target_id):
        raise SubmissionError("target", "unknown page")
    return kind, target_id


def _check_name(name: str, limits: Limits) -> str:
    name = " ".join(name.split())
    if not name:
        raise SubmissionError("name", "Please give your name.")
    if len(name) > limits.name_max:
        raise SubmissionError("name", f"Your name can be at most {limits.name_max} characters.")
    if _CONTROL.search(name) or _NAME_PROMOTION.search(name):
        raise SubmissionError("name", "Please give a name, not a link, handle or number.")
    return name


def _check_email(email: str, limits: Limits) -> str:
    email = email.strip()
    if not email:
        raise SubmissionError("email", "Please give your email address (it is never shown).")
    # Kept in lower case: rate limits must not be dodged by "Reader@" against "reader@".
    email = email.lower()
    if len(email) > limits.email_max or not _EMAIL.match(email) or ".." in email:
        raise SubmissionError("email", "Please give a valid email address.")
    return email


def _check_text(text: str, limits: Limits) -> str:
    # Measured before any work on it, so a megabyte post costs nothing.
    if len(text) > limits.text_max * 2:
        raise SubmissionError("text", f"Comments can be at most {limits.text_max} characters.")
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if _CONTROL.search(text):
        raise SubmissionError("text", "The comment holds control characters.")
    if len(text) < limits.text_min:
        raise SubmissionError("text", "Please write a comment.")
    if len(text) > limits.text_max:
        raise SubmissionError("text", f"Comments can be at most {limits.text_max} characters.")
    if text.count("\n") + 1 > limits.lines_max:
        raise SubmissionError("text", f"Comments can be at most {limits.lines_max} lines.")
    return text


def _check_rate(db: sqlite3.Connection, column: str, value: str, moment: datetime,
                limits: Limits) -> None:
    for count, seconds in ((limits.burst, limits.burst_seconds), (limits.daily, 86_400)):
        since = _iso(moment - timedelta(seconds=seconds))
        rows = db.execute(
            f"SELECT created_at FROM comments WHERE {column} = ? AND created_at > ?"  # noqa: S608 (column is one of two literals)
            " ORDER BY created_at", (value, since)).fetchall()
        if len(rows) >= count:
            oldest = datetime.strptime(rows[len(rows) - count][0], "%Y-%m-%dT%H:%M:%SZ").replace(
                tzinfo=timezone.utc)
            retry = int((oldest + timedelta(seconds=seconds) - moment).total_seconds()) + 1
            raise RateLimited("You have posted several comments in a short time; please wait"
                              " before posting again.", max(1, retry))


def _check_identical(db: sqlite3.Connection, key: str, email: str, address_key: str,
                     length: int, moment: datetime, limits: Limits) -> None:
    mine = db.execute("SELECT 1 FROM comments WHERE text_key = ? AND (email = ? OR address_key = ?)"
                      " LIMIT 1", (key, email, address_key)).fetchone()
    if mine:
        raise DuplicateComment("text", "You have already posted this comment.")
    if length >= limits.identical_min_length:
        since = _iso(moment - timedelta(seconds=limits.identical_seconds))
        if db.execute("SELECT 1 FROM comments WHERE text_key = ? AND created_at > ? LIMIT 1",
                      (key, since)).fetchone():
            raise DuplicateComment("text", "This comment has already been posted.")


def _address_key(db: sqlite3.Connection, address: str) -> str:
    """Returns the keyed hash of an IP address: enough to count posts, useless to recover it."""
    secret = db.execute("SELECT value FROM moderation_settings WHERE key = 'address_key'").fetchone()[0]
    return hmac.new(bytes.fromhex(secret), address.strip().encode("utf-8"),
                    hashlib.sha256).hexdigest()[:32]


def _utc(now: datetime | None) -> datetime:
    moment = now or datetime.now(timezone.utc)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

