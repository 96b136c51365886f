"""The moderation queue (signed-in analysts; every analyst is a moderator): reader comments
riskiest first with the screening's reasons and the words behind them highlighted; approve or
reject with a policy reason, one by one or in bulk. The backend writes every decision to the
audit log. Moderators see the name, never the email."""
from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from markupsafe import Markup

from dateline.moderation import (AWAITING, FLAG_AT, REASONS, DecisionError, decide, decide_many,
                                 queue, queue_counts)
from dateline.serve.site import check_csrf, get_site, render, require_analyst

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
TABS = {"awaiting": AWAITING, "approved": ("approved",), "rejected": ("rejected",)}
PAGES = {"event": "events", "article": "articles"}
DONE = {"approve": "approved", "reject": "rejected"}


@router.get("/moderation", response_class=HTMLResponse)
def moderation_queue(request: Request, status: str = "awaiting", page: int = 1,
                     done: str = "", n: int = 0) -> HTMLResponse:
    require_analyst(request)
    if status not in TABS:
        raise HTTPException(404, f"no moderation tab {status}")
    store = get_site(request).store()
    page = max(page, 1)
    found = queue(store, TABS[status], PAGE_SIZE + 1, (page - 1) * PAGE_SIZE)
    counts = queue_counts(store)
    tab_counts = {tab: sum(counts.get(s, 0) for s in statuses) for tab, statuses in TABS.items()}
    items = [{"comment": c, "html": Markup(c.highlighted_html()),  # noqa: S704 (escaped by highlight_html)
              "page": f"/{PAGES[c.target_kind]}/{quote(c.target_id, safe='')}"}
             for c in found[:PAGE_SIZE]]
    message = f"{n} comment{'' if n == 1 else 's'} {DONE[done]}." if done in DONE and n > 0 else None
    return render(request, "moderation.html", title="Moderation", items=items, status=status,
                  tabs=tab_counts, page=page, more=len(found) > PAGE_SIZE, reasons=REASONS,
                  flag_at=FLAG_AT, message=message)


@router.post("/moderation/bulk")
async def bulk_decision(request: Request) -> RedirectResponse:
    analyst = require_analyst(request)
    form = await request.form()
    check_csrf(request, _text(form.get("csrf_token")))
    ids = [_comment_id(value) for value in form.getlist("ids")]
    decision = _text(form.get("decision"))
    made = decide_many(get_site(request).store(), ids, decision, analyst.name,
                       _text(form.get("reason")) or None)
    return _back(form, decision, len(made))


@router.post("/moderation/{comment_id}")
async def one_decision(request: Request, comment_id: int) -> RedirectResponse:
    analyst = require_analyst(request)
    form = await request.form()
    check_csrf(request, _text(form.get("csrf_token")))
    decision = _text(form.get("decision"))
    decide(get_site(request).store(), comment_id, decision, analyst.name,
           _text(form.get("reason")) or None)
    return _back(form, decision, 1)


def _back(form: Any, decision: str, count: int) -> RedirectResponse:
    status = _text(form.get("status"))
    status = status if status in TABS else "awaiting"
    return RedirectResponse(f"/moderation?status={status}&done={decision}&n={count}", status_code=303)


def _comment_id(value: Any) -> int:
    try:
        return int(_text(value))
    except ValueError:
        raise DecisionError(f"not a comment id: {_text(value)[:20]!r}") from None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""
