"""The moderation queue (signed-in analysts; every analyst is a moderator): reader comments
riskiest first with the screening's reasons and the words behind them highlighted; approve or
reject with a policy reason, one by one or in bulk. The backend writes every decision to the
audit log. Moderators see the name, never the email."""
from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
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
    items = [{"comment": c, "html": Markup(c.highlighted_html()),  # noqa: S704 (escaped by highlight_html)
              "page": f"/{PAGES[c.target_kind]}/{quote(c.target_id, safe='')}"}
             for c in found[:PAGE_SIZE]]
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
