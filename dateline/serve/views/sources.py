"""/sources: the feeds `dateline watch` follows, with their last fetch, last new item and last error."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from dateline.serve.site import get_site, render
from dateline.store.feed_state import feed_rows

router = APIRouter(include_in_schema=False)


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request) -> HTMLResponse:
    # Not cached: the status changes with every poll, not with the ledger's version.
    return render(request, "sources.html", title="Sources", feeds=feed_rows(get_site(request).db))
