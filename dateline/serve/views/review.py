"""The review queue (signed-in analysts): confirm, reject with a reason, or correct an event;
and the audit log of every decision."""
from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from dateline.model import record_from_dict
from dateline.serve.fields import HELP, LABELS, by_sentence
from dateline.serve.site import check_csrf, get_site, render, require_analyst, safe_next
from dateline.serve.views.event import conflicts
from dateline.store.accounts import audit_entries
from dateline.store.ledger_queries import event_row, record_bodies
from dateline.store.reviews import (CORRECTABLE, EVENT_TYPES, PRECISIONS, SUB_EVENT_TYPES, WEAPONS,
                                    ReviewError, decide, review_counts, review_history, review_queue,
                                    review_state)

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 25
TABS = ("unreviewed", "confirmed", "corrected", "rejected")


@router.get("/review", response_class=HTMLResponse)
def queue(request: Request, status: str = "unreviewed", page: int = 1) -> HTMLResponse:
    require_analyst(request)
    return render_queue(request, status, page)


def render_queue(request: Request, status: str, page: int, error: dict[str, str] | None = None,
                 status_code: int = 200) -> HTMLResponse:
    """The queue at one tab and page; `error` ({id, message, reason}) is shown beside its event."""
    if status not in TABS:
        raise HTTPException(404, f"no review tab {status}")
    db = get_site(request).db
    page = max(page, 1)
    ids = review_queue(db, status, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE)
    more = len(ids) > PAGE_SIZE
    ids = ids[:PAGE_SIZE]
    bodies = record_bodies(db, ids)
    items = [{"id": rid, "row": event_row(db, rid), "record": record_from_dict(bodies[rid]),
              "state": review_state(db, rid)} for rid in ids if rid in bodies]
    return render(request, "review.html", status_code=status_code, title="Review queue", items=items,
                  status=status, tabs=TABS, counts=review_counts(db), page=page, more=more, error=error)


@router.get("/review/audit", response_class=HTMLResponse)
def audit(request: Request) -> HTMLResponse:
    require_analyst(request)
    entries = audit_entries(get_site(request).db, limit=200)
    for entry in entries:
        entry["changes"] = _changes(entry.get("before"), entry.get("after"))
        entry["who"] = entry.get("analyst") or _anonymous(entry)
    return render(request, "audit.html", title="Audit log", entries=entries)


def _anonymous(entry: dict[str, Any]) -> str:
    """Names who acted when no analyst did: a web visitor (a failed sign-in) or the command line."""
    if (entry.get("detail") or "").startswith("web") or str(entry.get("action", "")).startswith("session."):
        return "(web, not signed in)"
    return "(command line)"


def _changes(before: Any, after: Any) -> list[tuple[str, Any, Any]]:
    """Returns (field, before, after) for what a decision changed, status included."""
    if not isinstance(before, dict) or not isinstance(after, dict):
        return []
    out = []
    if before.get("status") != after.get("status"):
        out.append(("status", before.get("status"), after.get("status")))
    old, new = before.get("record") or {}, after.get("record") or {}
    for name in new:
        if old.get(name) != new.get(name):
            out.append((name, old.get(name), new.get(name)))
    return out


@router.get("/review/{record_id}", response_class=HTMLResponse)
def review_form(request: Request, record_id: str) -> HTMLResponse:
    require_analyst(request)
    return render_form(request, record_id)


def render_form(request: Request, record_id: str, error: str | None = None,
                values: dict[str, str] | None = None, status_code: int = 200) -> HTMLResponse:
    """The review page of one event: every field with the sentence it came from, the figures each
    source gave, and the forms; `error` and the analyst's `values` shown again after a refusal."""
    db = get_site(request).db
    body = record_bodies(db, [record_id]).get(record_id)
    if body is None or body.get("kind") != "event":
        raise HTTPException(404, f"no event with id {record_id}")
    record = record_from_dict(body)
    return render(request, "review_event.html", status_code=status_code, title=f"Review {record_id}",
                  record_id=record_id, record=record, exported=record.as_export(),
                  state=review_state(db, record_id), history=review_history(db, record_id),
                  correctable=CORRECTABLE, event_types=EVENT_TYPES, sub_types=SUB_EVENT_TYPES,
                  precisions=PRECISIONS, weapons=WEAPONS, form_value=_as_form_value,
                  field_groups=by_sentence(record), conflicts=conflicts(record), labels=LABELS,
                  helps=HELP, error=error, values=values or {})


@router.post("/review/{record_id}")
async def review_decision(request: Request, record_id: str) -> Response:
    analyst = require_analyst(request)
    form = await request.form()
    check_csrf(request, _text(form.get("csrf_token")))
    decision = _text(form.get("decision"))
    corrections: dict[str, Any] = {}
    store = get_site(request).store()
    if decision == "correct":
        current = record_bodies(store.connection, [record_id]).get(record_id) or {}
        for name in CORRECTABLE:
            if name not in form:
                continue
            submitted = _text(form.get(name)).strip()
            if submitted != _as_form_value(current.get(name)):
                corrections[name] = submitted
    next_page = safe_next(_text(form.get("next")), f"/events/{record_id}")
    try:
        decide(store, record_id, decision, analyst.name, _text(form.get("reason")), corrections)
    except ReviewError as refused:
        # Shown where the analyst was: beside the event in the queue, or on the review page
        # with what they typed kept.
        if next_page.startswith("/review?") or next_page == "/review":
            query = parse_qs(urlsplit(next_page).query)
            status = (query.get("status") or ["unreviewed"])[0]
            page = _int((query.get("page") or ["1"])[0])
            error = {"id": record_id, "message": str(refused), "reason": _text(form.get("reason"))}
            return render_queue(request, status, page, error=error, status_code=400)
        values = {name: _text(form.get(name)) for name in [*CORRECTABLE, "reason"] if name in form}
        values["decision"] = decision
        return render_form(request, record_id, error=str(refused), values=values, status_code=400)
    return RedirectResponse(next_page, status_code=303)


def _int(text: str) -> int:
    return int(text) if text.isdigit() else 1


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _as_form_value(value: Any) -> str:
    """Returns a field's value as the correction form shows it (so unchanged fields are skipped)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, float):
        return repr(value)
    return str(value)

