"""Analyst review of events: confirm, reject with a reason, or correct fields.

Every decision is a row of `reviews` and a line of the audit log (who, when, the record before
and after); `review_state` keeps where a record stands. Decisions are keyed by record id, which
is stable across runs, so they outlive the rewrite of `records` on every ingest:
`apply_reviews` puts the corrections back on the resolved ledger before it is stored. Rejected
events stay in the database; `rejected_ids` tells the exports which ones to leave out.
"""
from __future__ import annotations

import copy
import json
import re
import sqlite3
from collections.abc import Iterable
from typing import Any

from dateline.model import EventRecord, Evidence, Record, record_from_dict, record_to_dict
from dateline.store.accounts import now_iso, write_audit
from dateline.store.db import Store
from dateline.store.ledger_index import bump_ledger_version

DECISIONS = ("confirm", "reject", "correct")
STATUS_OF = {"confirm": "confirmed", "reject": "rejected", "correct": "corrected"}
EVENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians",
               "Strategic developments", "Protests", "Riots")
# ACLED's sub-event types of each event type (its codebook), offered by the correction form.
SUB_EVENT_TYPES = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Air/drone strike", "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Suicide bomb", "Grenade",
                                   "Chemical weapon"),
    "Violence against civilians": ("Attack", "Abduction/forced disappearance", "Sexual violence"),
    "Strategic developments": ("Disrupted weapons use", "Agreement", "Arrests", "Change to group/activity",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
}
PRECISIONS = ("day", "range", "month", "unknown")
WEAPONS = ("rocket", "drone", "missile", "airstrike", "artillery", "ied", "small arms", "other")
# Fields an analyst may correct, and how a value is read ("" from a form means none).
CORRECTABLE = {
    "event_date": "date", "date_precision": "precision", "event_type": "event_type",
    "sub_event_type": "text", "actor1": "text", "actor2": "optional", "claimed_by": "list",
    "denied_by": "list", "weapons": "weapons", "country": "optional", "admin1": "optional",
    "location": "optional", "latitude": "float", "longitude": "float", "geo_precision": "geo",
    "fatalities": "count", "injured": "count", "notes": "text",
}


class ReviewError(ValueError):
    """A decision that cannot be taken (the message says why)."""


def parse_corrections(raw: dict[str, Any]) -> dict[str, Any]:
    """Returns the corrections with typed values; refuses unknown fields and bad values."""
    out: dict[str, Any] = {}
    for name, value in raw.items():
        kind = CORRECTABLE.get(name)
        if kind is None:
            raise ReviewError(f"{name!r} cannot be corrected (fields: {', '.join(CORRECTABLE)})")
        out[name] = _read(name, kind, value)
    return out


def _read(name: str, kind: str, value: Any) -> Any:
    text = value.strip() if isinstance(value, str) else value
    if kind in ("list", "weapons"):
        items = ([v.strip() for v in re.split(r"[;,]", text) if v.strip()] if isinstance(text, str)
                 else [str(v).strip() for v in (text or []) if str(v).strip()])
        if kind == "weapons" and any(item not in WEAPONS for item in items):
            raise ReviewError(f"weapons are from: {', '.join(WEAPONS)}")
        return items
    if text in ("", None):
        if kind in ("text", "event_type", "precision", "geo"):
            raise ReviewError(f"{name} cannot be empty")
        return None
    if kind == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(text)):
            raise ReviewError(f"{name} must be a date as YYYY-MM-DD")
        return str(text)
    if kind == "precision":
        if text not in PRECISIONS:
            raise ReviewError(f"{name} is one of {', '.join(PRECISIONS)}")
        return text
    if kind == "event_type":
        if text not in EVENT_TYPES:
            raise ReviewError(f"{name} is one of ACLED's: {', '.join(EVENT_TYPES)}")
        return text
    try:
        if kind == "float":
            number = float(text)
            limit = 90 if name == "latitude" else 180
            if not -limit <= number <= limit:
                raise ReviewError(f"{name} must be between -{limit} and {limit}")
            return number
        if kind in ("count", "geo"):
            number = int(text)
            if number < 0 or (kind == "geo" and number not in (1, 2, 3)):
                raise ReviewError(f"{name} must be {'1, 2 or 3' if kind == 'geo' else 'a whole number, 0 or more'}")
            return number
    except (TypeError, ValueError) as error:
        if isinstance(error, ReviewError):
            raise
        raise ReviewError(f"{name} must be a number, not {value!r}") from error
    return str(text)


def decide(store: Store, record_id: str, decision: str, analyst: str, reason: str = "",
           corrections: dict[str, Any] | None = None) -> dict[str, Any]:
    """Records an analyst's decision on an event and applies it at once; returns the new state."""
    if decision not in DECISIONS:
        raise ReviewError(f"decision is one of {', '.join(DECISIONS)}")
    reason = reason.strip()
    fixes = parse_corrections(corrections or {})
    if decision == "reject" and not reason:
        raise ReviewError("a rejection needs a reason")
    if decision == "correct" and not fixes:
        raise ReviewError("a correction needs at least one field")
    if decision != "correct" and fixes:
        raise ReviewError("only a correction changes fields")
    with store.transaction() as db:
        row = db.execute("SELECT kind, body FROM records WHERE id = ?", (record_id,)).fetchone()
        if row is None:
            raise ReviewError(f"no record with id {record_id!r}")
        if row[0] != "event":
            raise ReviewError("only events are reviewed")
        record = record_from_dict(json.loads(row[1]))
        _check_sub_type(record, fixes)
        state = review_state(db, record_id)
        before = {"status": state["status"] if state else None, "record": record.as_export()}
        decided_at = now_iso()
        db.execute("INSERT INTO reviews (record_id, decision, reason, corrections, analyst, decided_at)"
                   " VALUES (?,?,?,?,?,?)", (record_id, decision, reason,
                                             json.dumps(fixes, ensure_ascii=False), analyst, decided_at))
        merged = dict(state["corrections"]) if state else {}
        for name, value in fixes.items():
            # what the extraction said, kept across later corrections of the same field
            was = merged[name].get("was") if name in merged else getattr(record, name, None)
            merged[name] = {"value": value, "analyst": analyst, "decided_at": decided_at, "reason": reason,
                            "was": was}
        status = STATUS_OF[decision]  # the latest decision sets the status; corrections accumulate
        new_state = {"record_id": record_id, "status": status, "reason": reason,
                     "corrections": merged, "analyst": analyst, "decided_at": decided_at}
        db.execute("INSERT OR REPLACE INTO review_state (record_id, status, reason, corrections,"
                   " analyst, decided_at) VALUES (?,?,?,?,?,?)",
                   (record_id, status, reason, json.dumps(merged, ensure_ascii=False), analyst, decided_at))
        updated = apply_state(record, new_state)
        body = record_to_dict(updated)
        db.execute("UPDATE records SET body = ?, sort_date = ? WHERE id = ?",
                   (json.dumps(body, ensure_ascii=False), body.get("event_date"), record_id))
        bump_ledger_version(db)
        write_audit(db, analyst, f"review.{decision}", record_id, before=before,
                    after={"status": status, "record": updated.as_export()}, detail=reason)
    return new_state


def _check_sub_type(record: Record, fixes: dict[str, Any]) -> None:
    """Refuses a correction that leaves a sub-event type outside its event type's list."""
    if "event_type" not in fixes and "sub_event_type" not in fixes:
        return
    event_type = fixes.get("event_type", getattr(record, "event_type", None))
    sub = fixes.get("sub_event_type", getattr(record, "sub_event_type", None))
    allowed = SUB_EVENT_TYPES.get(str(event_type), ())
    if allowed and sub not in allowed:
        raise ReviewError(f"sub_event_type {sub!r} is not one of {event_type}'s: {', '.join(allowed)}")


def review_state(db: sqlite3.Connection, record_id: str) -> dict[str, Any] | None:
    row = db.execute("SELECT record_id, status, reason, corrections, analyst, decided_at"
                     " FROM review_state WHERE record_id = ?", (record_id,)).fetchone()
    return _state(row) if row else None


def _state(row: sqlite3.Row | tuple[Any, ...]) -> dict[str, Any]:
    return {"record_id": row[0], "status": row[1], "reason": row[2],
            "corrections": json.loads(row[3] or "{}"), "analyst": row[4], "decided_at": row[5]}


def review_history(db: sqlite3.Connection, record_id: str) -> list[dict[str, Any]]:
    """Returns every decision on a record, oldest first."""
    rows = db.execute("SELECT decision, reason, corrections, analyst, decided_at FROM reviews"
                      " WHERE record_id = ? ORDER BY id", (record_id,))
    return [{"decision": r[0], "reason": r[1], "corrections": json.loads(r[2] or "{}"),
             "analyst": r[3], "decided_at": r[4]} for r in rows]


def rejected_ids(db: sqlite3.Connection) -> set[str]:
    """Returns the ids of rejected records (kept in the database, left out of exports)."""
    return {row[0] for row in db.execute("SELECT record_id FROM review_state WHERE status = 'rejected'")}


def apply_state(record: Record, state: dict[str, Any]) -> Record:
    """Returns a copy of the record with the state's corrections applied and its review noted in
    the evidence (`review`: status, reason, who and when; each corrected field: the analyst)."""
    updated = copy.deepcopy(record)
    if not isinstance(updated, EventRecord):
        return updated
    corrections: dict[str, Any] = state.get("corrections") or {}
    for name, fix in corrections.items():
        if name not in CORRECTABLE:
            continue
        was = fix["was"] if "was" in fix else getattr(updated, name, None)
        setattr(updated, name, fix["value"])
        reason = f"; reason: {fix['reason']}" if fix.get("reason") else ""
        before = f" (was: {_shown(was)})" if was != fix["value"] else ""
        updated.evidence[name] = Evidence(fix["value"], None, f"analyst correction by {fix['analyst']},"
                                                              f" {fix['decided_at']}{before}{reason}")
    if corrections and "notes" not in corrections:
        from dateline.resolve.combine import describe  # the resolver writes the sentence

        updated.notes = describe(updated)
    updated.evidence["review"] = Evidence(state["status"], state.get("reason") or None,
                                          f"analyst review by {state['analyst']}, {state['decided_at']}")
    return updated


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value) or "none"
    return "none" if value is None else str(value)


def apply_reviews(store: Store, resolved: Iterable[tuple[str, Record, list[int]]]
                  ) -> list[tuple[str, Record, list[int]]]:
    """Returns the resolver's output with analysts' decisions put back: corrected fields
    overridden, and every reviewed record's status (rejected included) in `evidence["review"]`.
    Call it between resolving and `store.replace_records`, so that decisions survive re-extraction."""
    states = {row[0]: _state(row) for row in store.connection.execute(
        "SELECT record_id, status, reason, corrections, analyst, decided_at FROM review_state")}
    out = []
    for record_id, record, mention_ids in resolved:
        state = states.get(record_id)
        out.append((record_id, apply_state(record, state) if state else record, mention_ids))
    return out


def review_queue(db: sqlite3.Connection, status: str = "unreviewed", limit: int = 50,
                 offset: int = 0) -> list[str]:
    """Returns event ids waiting for (or having had) review, latest events first."""
    if status == "unreviewed":
        where, params = "record_id NOT IN (SELECT record_id FROM review_state)", []
    else:
        where, params = "record_id IN (SELECT record_id FROM review_state WHERE status = ?)", [status]
    rows = db.execute(f"SELECT record_id FROM event_index WHERE {where}"
                      f" ORDER BY event_date DESC, record_id DESC LIMIT ? OFFSET ?", [*params, limit, offset])
    return [row[0] for row in rows]


def review_counts(db: sqlite3.Connection) -> dict[str, int]:
    """Returns how many events stand at each status (unreviewed included)."""
    counts = {status: 0 for status in ("unreviewed", "confirmed", "corrected", "rejected")}
    for row in db.execute("SELECT rs.status, count(*) FROM event_index e JOIN review_state rs"
                          " ON rs.record_id = e.record_id GROUP BY 1"):
        counts[row[0]] = int(row[1])
    total = int(db.execute("SELECT count(*) FROM event_index").fetchone()[0])
    counts["unreviewed"] = total - sum(v for k, v in counts.items() if k != "unreviewed")
    return counts
