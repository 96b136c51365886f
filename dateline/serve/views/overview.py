"""The overview: counts by type and country for a period, the latest events, and each official
tally as a series against the events Dateline counted."""
from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from dateline.serve.charts import LineChart, tally_chart
from dateline.serve.cache import ledger_cached
from dateline.serve.site import Site, get_site, render
from dateline.serve.tallies import tally_series_of
from dateline.serve.views.common import filter_context, request_filter
from dateline.store.ledger_queries import count_events, counts_by, list_events

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> HTMLResponse:
    site = get_site(request)
    flt = request_filter(request)
    db = ledger_cached(site)  # aggregates computed once per ledger version
    by_type = counts_by(db, flt, "event_type")
    by_country = counts_by(db, flt, "country")
    totals = db.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM records"
                        " WHERE kind = 'tally'), (SELECT count(*) FROM records WHERE kind = 'statement')"
                        ).fetchone()
    where, params = flt.where()
    killed = db.execute(f"SELECT coalesce(sum(e.fatalities), 0) FROM event_index e WHERE {where}",
                        params).fetchone()[0]
    return render(request, "overview.html", title="Overview", by_type=by_type, by_country=by_country,
                  total=count_events(db, flt), killed=killed, articles=totals[0], tallies=totals[1],
                  statements=totals[2], latest=list_events(db, flt, limit=12),
                  charts=site.cached("tally-charts", lambda: tally_charts(site)),
                  **filter_context(request, flt))


def tally_charts(site: Site) -> list[LineChart]:
    """Returns one chart per tally series (officials' figure against the ledger's own count)."""
    charts = []
    for one in tally_series_of(site):
        title = f"{one.metric} since {one.period_start or '?'}"
        if one.scope:
            title += f" ({', '.join(one.scope)})"
        charts.append(tally_chart(title, [asdict(point) for point in one.points]))
    return charts
