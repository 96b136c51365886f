"""What several pages share: reading the filters from the URL, and the filter form's choices."""
from __future__ import annotations

from typing import Any

from fastapi import Request

from dateline.serve.site import Site, get_site
from dateline.store.ledger_queries import EventFilter, facets


def request_filter(request: Request) -> EventFilter:
    """Returns the event filter the URL asks for (see EventFilter.PARAMS for the names)."""
    return EventFilter.from_params(dict(request.query_params))


def filter_choices(site: Site) -> dict[str, list[str]]:
    """Returns the values the filter form offers, cached until the ledger changes."""
    return site.cached("facets", lambda: facets(site.db))


def filter_context(request: Request, flt: EventFilter) -> dict[str, Any]:
    """Returns what the shared filter form template needs."""
    site = get_site(request)
    return {"flt": flt, "params": flt.as_params(), "choices": filter_choices(site)}
