"""Analyst accounts and their browser sessions (migration 0004), and the audit log.

Passwords are hashed with argon2id (argon2-cffi's current defaults); a session cookie carries a
random token of which only the SHA-256 is stored, so a copy of the database signs nobody in.
"""
from __future__ import annotations

import functools
import hashlib
import json
import re
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

SESSION_DAYS = 14
MIN_PASSWORD = 10
_hasher = PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """A hash to verify against when the name is unknown, so that takes as long as a real check."""
    return _hasher.hash(secrets.token_hex(16))


class AccountError(ValueError):
    """An account cannot be created or changed (the message says why)."""


@dataclass(frozen=True)
class Analyst:
    id: int
    name: str


def now_iso() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def add_analyst(db: sqlite3.Connection, name: str, password: str) -> Analyst:
    """Creates an analyst account; refuses a taken name, a bad name or a short password."""
    name = name.strip()
    if not re.fullmatch(r"[\w.@-]{2,64}", name):
        raise AccountError("a name is 2-64 letters, digits, '.', '@', '-' or '_'")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"a password needs at least {MIN_PASSWORD} characters")
    if db.execute("SELECT 1 FROM analysts WHERE name = ?", (name,)).fetchone():
        raise AccountError(f"there is already an analyst called {name!r}")
    cursor = db.execute("INSERT INTO analysts (name, password_hash) VALUES (?, ?)",
                        (name, _hasher.hash(password)))
    write_audit(db, None, "analyst.add", name)
    return Analyst(int(cursor.lastrowid or 0), name)


def set_password(db: sqlite3.Connection, name: str, password: str) -> None:
    """Replaces an analyst's password and signs them out everywhere."""
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"a password needs at least {MIN_PASSWORD} characters")
    row = db.execute("SELECT id FROM analysts WHERE name = ?", (name,)).fetchone()
    if row is None:
        raise AccountError(f"no analyst called {name!r}")
    db.execute("UPDATE analysts SET password_hash = ? WHERE id = ?", (_hasher.hash(password), row[0]))
    db.execute("DELETE FROM sessions WHERE analyst_id = ?", (row[0],))
    write_audit(db, None, "analyst.password", name)


def list_analysts(db: sqlite3.Connection) -> list[tuple[str, bool, str]]:
    """Returns (name, active, created at) for every analyst."""
    return [(row[0], bool(row[1]), row[2]) for row in
            db.execute("SELECT name, active, created_at FROM analysts ORDER BY name")]


def authenticate(db: sqlite3.Connection, name: str, password: str) -> Analyst | None:
    """Returns the analyst when the password is theirs and the account is active, else None."""
    row = db.execute("SELECT id, name, password_hash, active FROM analysts WHERE name = ?",
                     (name.strip(),)).fetchone()
    stored = row[2] if row else _dummy_hash()
    try:
        _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None or not row[3]:
        return None
    if _hasher.check_needs_rehash(stored):
        db.execute("UPDATE analysts SET password_hash = ? WHERE id = ?", (_hasher.hash(password), row[0]))
    return Analyst(int(row[0]), str(row[1]))


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(db: sqlite3.Connection, analyst: Analyst) -> str:
    """Returns a new session token for the analyst's cookie (valid SESSION_DAYS days)."""
    token = secrets.token_urlsafe(32)
    created = datetime.now(timezone.utc)
    expires = created + timedelta(days=SESSION_DAYS)
    db.execute("DELETE FROM sessions WHERE expires_at < ?", (now_iso(),))
    db.execute("INSERT INTO sessions (token_hash, analyst_id, created_at, expires_at) VALUES (?,?,?,?)",
               (_token_hash(token), analyst.id, created.strftime("%Y-%m-%dT%H:%M:%SZ"),
                expires.strftime("%Y-%m-%dT%H:%M:%SZ")))
    return token


def session_analyst(db: sqlite3.Connection, token: str | None) -> Analyst | None:
    """Returns who a session token belongs to, or None when unknown, expired or disabled."""
    if not token:
        return None
    row = db.execute(
        "SELECT a.id, a.name FROM sessions s JOIN analysts a ON a.id = s.analyst_id"
        " WHERE s.token_hash = ? AND s.expires_at > ? AND a.active = 1",
        (_token_hash(token), now_iso())).fetchone()
    return Analyst(int(row[0]), str(row[1])) if row else None


def end_session(db: sqlite3.Connection, token: str | None) -> None:
    if token:
        db.execute("DELETE FROM sessions WHERE token_hash = ?", (_token_hash(token),))


def write_audit(db: sqlite3.Connection, analyst: str | None, action: str, target: str | None,
                before: Any = None, after: Any = None, detail: str = "") -> None:
    """Appends one line to the audit log: who, when, what, and the record before and after."""
    db.execute("INSERT INTO audit_log (at, analyst, action, target, before, after, detail)"
               " VALUES (?,?,?,?,?,?,?)",
               (now_iso(), analyst, action, target,
                None if before is None else json.dumps(before, ensure_ascii=False),
                None if after is None else json.dumps(after, ensure_ascii=False), detail))


def audit_entries(db: sqlite3.Connection, target: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    """Returns audit log entries, newest first (only those about `target` when given)."""
    query = "SELECT id, at, analyst, action, target, before, after, detail FROM audit_log"
    params: list[Any] = []
    if target is not None:
        query += " WHERE target = ?"
        params.append(target)
    query += " ORDER BY id DESC LIMIT ?"
    params.append(limit)
    out = []
    for row in db.execute(query, params):
        out.append({"id": row[0], "at": row[1], "analyst": row[2], "action": row[3], "target": row[4],
                    "before": json.loads(row[5]) if row[5] else None,
                    "after": json.loads(row[6]) if row[6] else None, "detail": row[7]})
    return out
