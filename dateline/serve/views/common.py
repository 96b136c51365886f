"""What several pages share: reading the filters from the URL, and the filter form's choices.

A page keeps working when one filter is wrong: the bad value stays in its box with the reason
beside it, and the page shows what the other filters select. The API and the downloads refuse
the request instead (400, the reason in `detail`). An actor typed as an alias or acronym the
knowledge base holds ("IRI", "PMF") is read as its canonical name, and the form says so."""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from fastapi import Request

from dateline.serve.site import Site, get_site
from dateline.store.ledger_queries import EventFilter, QueryError, facets


def request_filter(request: Request) -> EventFilter:
    """Returns the event filter the URL asks for (see EventFilter.PARAMS for the names)."""
    params: dict[str, str | None] = dict(request.query_params)
    path = request.url.path
    strict = path.startswith(("/api/", "/export/")) or path.endswith(".json")
    errors: dict[str, str] = {}
    while True:
        try:
            flt = EventFilter.from_params(params)
            break
        except QueryError as error:
            if strict or not error.param or error.param in errors:
                raise
            errors[error.param] = str(error)
            params.pop(error.param, None)
    request.state.filter_errors = errors
    request.state.filter_raw = {k: v for k, v in request.query_params.items() if k in errors}
    if flt.text and flt.text.isupper() and len(flt.text) <= 8 and " " not in flt.text:
        # an acronym of the knowledge base ("PMF", "IRI") searches for the canonical name, which
        # every event's notes and actor fields use (other words are searched as typed)
        named = get_site(request).directory.canonical(flt.text)
        if named and named.casefold() != flt.text.casefold():
            request.state.search_note = {"typed": flt.text, "name": named}
            flt = replace(flt, text=named)
    if flt.actor:
        site = get_site(request)
        typed = flt.actor
        known = site.directory.resolve(typed)
        if known and known != typed:
            flt = replace(flt, actor=known)
            request.state.actor_note = {"typed": typed, "name": known, "suggestions": []}
        elif not known and typed not in filter_choices(site)["actors"]:
            request.state.actor_note = {"typed": typed, "name": None,
                                        "suggestions": site.directory.suggest(typed)}
    return flt


def filter_choices(site: Site) -> dict[str, list[str]]:
    """Returns the values the filter form offers, cached until the ledger changes."""
    return site.cached("facets", lambda: facets(site.db))


def filter_context(request: Request, flt: EventFilter) -> dict[str, Any]:
    """Returns what the shared filter form template needs (errors and the actor note included)."""
    site = get_site(request)
    state = {"errors": getattr(request.state, "filter_errors", {}),
             "raw": getattr(request.state, "filter_raw", {}),
             "actor": getattr(request.state, "actor_note", None),
             "search": getattr(request.state, "search_note", None)}
    return {"flt": flt, "params": flt.as_params(), "choices": filter_choices(site), "filter_state": state}
