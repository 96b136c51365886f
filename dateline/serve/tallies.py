"""Officials' tallies lined up as series against the ledger's own count (cached per version)."""
from __future__ import annotations

from typing import Any

from dateline.model import EventRecord, TallyRecord
from dateline.serve.site import Site
from dateline.store.ledger_queries import EventFilter, EventRow, list_events


def tally_series_of(site: Site) -> list[Any]:
    """Returns the resolver's tally series (dateline.resolve.series.Series) for the served ledger;
    rejected events do not count."""
    return site.cached("tally-series", lambda: _compute(site))


def _compute(site: Site) -> list[Any]:
    from dateline.resolve.series import tally_series  # the resolver owns how tallies line up

    tallies = [r for _rid, r in site.store().records("tally") if isinstance(r, TallyRecord)]
    if not tallies:
        return []
    start = min((t.period_start or t.as_of or "") for t in tallies)
    end = max((t.as_of or "9999") for t in tallies)
    rows = list_events(site.db, EventFilter(date_from=start or None, date_to=end), limit=10_000_000)
    return tally_series(tallies, [as_event_record(row) for row in rows])


def as_event_record(row: EventRow) -> EventRecord:
    """Returns the index row as an EventRecord (no sources or evidence) for counting."""
    return EventRecord(event_date=row.event_date or None, date_precision=row.date_precision or "unknown",
                       event_type=row.event_type or "", sub_event_type=row.sub_event_type or "",
                       actor1=row.actor1 or "", actor2=row.actor2, country=row.country, admin1=row.admin1,
                       location=row.location, latitude=row.latitude, longitude=row.longitude,
                       geo_precision=row.geo_precision or 3, fatalities=row.fatalities, injured=row.injured)
