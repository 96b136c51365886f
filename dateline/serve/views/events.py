"""The events table: filters, sort and page all in the URL, so a view can be shared."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from dateline.serve.cache import ledger_cached
from dateline.serve.site import get_site, render
from dateline.serve.views.common import filter_context, request_filter
from dateline.store.ledger_queries import SORTS, QueryError, count_events, list_events

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
COLUMNS = (("date", "Date"), ("type", "Type"), ("actor1", "Actor"), ("actor2", "Target"),
           ("location", "Place"), ("fatalities", "Killed"), ("injured", "Injured"), ("sources", "Sources"))


@router.get("/events", response_class=HTMLResponse)
def events_table(request: Request, sort: str = "date", order: str = "desc", page: int = 1) -> HTMLResponse:
    flt = request_filter(request)
    if sort not in SORTS:
        raise QueryError(f"sort must be one of {', '.join(SORTS)}")
    if order not in ("asc", "desc"):
        raise QueryError("order is asc or desc")
    db = ledger_cached(get_site(request))  # counts and pages answered once per ledger version
    total = count_events(db, flt)
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    rows = list_events(db, flt, sort=sort, descending=order == "desc", limit=PAGE_SIZE,
                       offset=(page - 1) * PAGE_SIZE, matches=total)
    params = flt.as_params()
    view = dict(params)
    if sort != "date":
        view["sort"] = sort
    if order != "desc":
        view["order"] = order
    return render(request, "events.html", title="Events", rows=rows, total=total, page=page, pages=pages,
                  sort=sort, order=order, columns=COLUMNS, view=view, page_size=PAGE_SIZE,
                  **filter_context(request, flt))
