"""The timeline: events per day by type; each bar links to the table filtered to its days."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from dateline.serve.charts import stacked_bars
from dateline.serve.cache import ledger_cached, ledger_cached_value
from dateline.serve.site import TYPE_COLOURS, get_site, render
from dateline.serve.views.common import filter_context, request_filter
from dateline.store.ledger_queries import events_per_day

router = APIRouter(include_in_schema=False)


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request) -> HTMLResponse:
    flt = request_filter(request)
    db = ledger_cached(get_site(request))  # the chart is built once per ledger version and filter
    chart = ledger_cached_value(get_site(request), ("timeline", request.url.query),
                                lambda: stacked_bars(events_per_day(db, flt), TYPE_COLOURS))
    return render(request, "timeline.html", title="Timeline", chart=chart, **filter_context(request, flt))
