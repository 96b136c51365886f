"""The moderation queue (signed-in analysts; every analyst is a moderator): reader comments
ordered by the screen (flagged first, then review, then clear; riskiest first within each) with
its decision, the reasons with their probability and the words behind them highlighted, and the
title of the event or article commented on; approve or reject with a policy reason (pre-filled
from the screen), one by one or in bulk. The backend writes every decision to the audit log.
Moderators see the name, never the email."""
from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from dateline.moderation import (AWAITING, FLAG_AT, REASONS, DecisionError, decide, decide_many,
                                 queue, queue_counts)
from dateline.model import record_from_dict
from dateline.moderation.moderation import QueuedComment
from dateline.serve.site import check_csrf, get_site, render, require_analyst
from dateline.store.ledger_queries import article_summaries, record_bodies

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
TABS = {"awaiting": AWAITING, "approved": ("approved",), "rejected": ("rejected",)}
PAGES = {"event": "events", "article": "articles"}
DONE = {"approve": "approved", "reject": "rejected"}


@router.get("/moderation", response_class=HTMLResponse)
def moderation_queue(request: Request, status: str = "awaiting", page: int = 1,
                     done: str = "", n: int = 0) -> HTMLResponse:
    require_analyst(request)
    return render_queue(request, status, page, done, n)


def render_queue(request: Request, status: str, page: int = 1, done: str = "", n: int = 0,
                 error: str | None = None, selected: list[int] | None = None,
                 error_id: int | None = None, status_code: int = 200) -> HTMLResponse:
    """The queue at one tab and page; after a refused decision, `error` is shown where it was
    made (above the bulk form, or beside `error_id`) with the `selected` comments still ticked."""
    if status not in TABS:
        raise HTTPException(404, f"no moderation tab {status}")
    store = get_site(request).store()
    page = max(page, 1)
    found = queue(store, TABS[status], PAGE_SIZE + 1, (page - 1) * PAGE_SIZE)
    counts = queue_counts(store)
    tab_counts = {tab: sum(counts.get(s, 0) for s in statuses) for tab, statuses in TABS.items()}
    shown = found[:PAGE_SIZE]
    titles = target_titles(get_site(request).db, shown)
    items = [{"comment": c, "html": Markup(c.highlighted_html()),  # noqa: S704 (escaped by highlight_html)
              "page": f"/{PAGES[c.target_kind]}/{quote(c.target_id, safe='')}",
              "title": titles.get((c.target_kind, c.target_id)) or f"{c.target_kind} {c.target_id}",
              "when": readable_time(c.created_at)}
             for c in shown]
    message = f"{n} comment{'' if n == 1 else 's'} {DONE[done]}." if done in DONE and n > 0 else None
    return render(request, "moderation.html", status_code=status_code, title="Moderation", items=items,
                  status=status, tabs=tab_counts, page=page, more=len(found) > PAGE_SIZE, reasons=REASONS,
                  flag_at=FLAG_AT, message=message, error=error, selected=set(selected or []),
                  error_id=error_id)


@router.post("/moderation/bulk")
async def bulk_decision(request: Request) -> Response:
    analyst = require_analyst(request)
    form = await request.form()
    check_csrf(request, _text(form.get("csrf_token")))
    ids = [_comment_id(value) for value in form.getlist("ids")]
    decision = _text(form.get("decision"))
    try:
        made = decide_many(get_site(request).store(), ids, decision, analyst.name,
                           _text(form.get("reason")) or None)
    except DecisionError as refused:
        return _refused(request, form, str(refused), ids)
    return _back(form, decision, len(made))


@router.post("/moderation/{comment_id}")
async def one_decision(request: Request, comment_id: int) -> Response:
    analyst = require_analyst(request)
    form = await request.form()
    check_csrf(request, _text(form.get("csrf_token")))
    decision = _text(form.get("decision"))
    try:
        decide(get_site(request).store(), comment_id, decision, analyst.name,
               _text(form.get("reason")) or None)
    except DecisionError as refused:
        return _refused(request, form, str(refused), [comment_id], error_id=comment_id)
    return _back(form, decision, 1)


def _refused(request: Request, form: Any, message: str, ids: list[int],
             error_id: int | None = None) -> HTMLResponse:
    """Shows the queue again where the moderator was, the error inline and the selection kept."""
    status = _text(form.get("status"))
    page = _text(form.get("page"))
    return render_queue(request, status if status in TABS else "awaiting", int(page) if page.isdigit() else 1,
                        error=message, selected=ids, error_id=error_id, status_code=400)
def target_titles(db: sqlite3.Connection,
                  comments: list[QueuedComment]) -> dict[tuple[str, str], str]:
    """Returns {(kind, id): title} of the events and articles the comments are on: an
    article's headline; an event's type, place and date ("Armed clash in Mayadin, 2023-08-10"),
    or for a tally or statement its notes, metric or quote."""
    titles: dict[tuple[str, str], str] = {}
    articles = sorted({c.target_id for c in comments if c.target_kind == "article"})
    for article_id, summary in article_summaries(db, articles).items():
        if summary.get("title"):
            titles[("article", article_id)] = _clip(str(summary["title"]))
    events = sorted({c.target_id for c in comments if c.target_kind == "event"})
    for record_id, body in record_bodies(db, events).items():
        try:
            exported = record_from_dict(body).as_export()
        except (KeyError, TypeError, ValueError):
            continue
        what = exported.get("sub_event_type") or exported.get("event_type")
        where = exported.get("location") or exported.get("admin1") or exported.get("country")
        date = exported.get("event_date") or exported.get("date")
        if what:
            title = f"{what} in {where}" if where else str(what)
        else:
            title = str(exported.get("notes") or exported.get("metric") or exported.get("quote") or "")
        if title:
            titles[("event", record_id)] = _clip(title) + (f", {date}" if date else "")
    return titles


def readable_time(stamp: str) -> str:
    """Returns "4 Dec 2026, 20:53 UTC" for a stored ISO time (the stamp itself if unreadable)."""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    moment = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    moment = moment.astimezone(timezone.utc)
    return f"{moment.day} {moment:%b %Y, %H:%M} UTC"


def _clip(text: str, width: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def _back(form: Any, decision: str, count: int) -> RedirectResponse:
    status = _text(form.get("status"))
    status = status if status in TABS else "awaiting"
    page = _text(form.get("page"))
    at = f"&page={page}" if page.isdigit() and page != "1" else ""
    return RedirectResponse(f"/moderation?status={status}{at}&done={decision}&n={count}", status_code=303)


def _comment_id(value: Any) -> int:
    try:
        return int(_text(value))
    except ValueError:
        raise DecisionError(f"not a comment id: {_text(value)[:20]!r}") from None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""
