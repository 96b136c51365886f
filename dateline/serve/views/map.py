"""The map: events as markers coloured by type, clustered when dense, over bundled outlines."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from dateline.serve.cache import ledger_cached, ledger_cached_value
from dateline.serve.site import TYPE_COLOURS, get_site, render
from dateline.serve.views.common import filter_context, request_filter
from dateline.store.ledger_queries import markers

router = APIRouter(include_in_schema=False)
MARKER_LIMIT = 5000


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request) -> HTMLResponse:
    flt = request_filter(request)
    return render(request, "map.html", title="Map", **filter_context(request, flt))


@router.get("/map/markers.json")
def map_markers(request: Request) -> JSONResponse:
    """Returns the located events of the filter as compact rows for the map script."""
    site = get_site(request)
    # The body is built once per ledger version and filter (5,000 markers are ~1 MB of JSON).
    return Response(ledger_cached_value(site, ("markers", request.url.query), lambda: _markers_body(request)),
                    media_type="application/json")


def _markers_body(request: Request) -> bytes:
    rows, total = markers(ledger_cached(get_site(request)), request_filter(request), MARKER_LIMIT)
    items: list[list[Any]] = [[r.record_id, r.latitude, r.longitude, r.event_type, r.event_date,
                               r.place, r.actor1, r.actor2, r.fatalities] for r in rows]
    return JSONResponse({"total": total, "shown": len(items), "colours": TYPE_COLOURS,
                         "fields": ["id", "lat", "lon", "type", "date", "place", "actor1", "actor2",
                                    "fatalities"], "markers": items}).body
