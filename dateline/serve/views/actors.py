"""Actors: who appears in the ledger, and one actor's page (aliases, affiliation, events as
actor and as target over time)."""
from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from dateline.serve.charts import stacked_bars
from dateline.serve.site import get_site, render
from dateline.store.ledger_queries import actor_counts, actor_events, actor_roles

router = APIRouter(include_in_schema=False)
ROLE_COLOURS = {"actor1": "#c0392b", "actor2": "#2e86c1", "claimed": "#8e44ad", "denied": "#7f8c8d"}
ROLE_NAMES = {"actor1": "as actor", "actor2": "as target", "claimed": "claimed", "denied": "denied"}


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request, all: bool = False) -> HTMLResponse:  # noqa: A002 - the URL parameter
    """Actors with events, most first; with ?all=1 also those with none (only claims or denials,
    or only in the knowledge base)."""
    site = get_site(request)
    rows = site.cached("actor-counts", lambda: actor_counts(site.db))
    listed = [(name, as_actor, as_target, site.directory.find(name)) for name, as_actor, as_target in rows]
    shown = listed if all else [row for row in listed if row[1] or row[2]]
    if all:
        present = {row[0] for row in listed}
        shown += [(name, 0, 0, site.directory.find(name)) for name in sorted(site.directory.by_name)
                  if name not in present]
    return render(request, "actors.html", title="Actors", rows=shown, show_all=all,
                  hidden=len(listed) - len(shown) if not all else 0, kind_name=kind_name)


def kind_name(kind: str | None) -> str:
    """Returns a knowledge-base actor type as words: "state_military" -> "State military"."""
    if not kind:
        return "—"
    words = kind.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:]


@router.get("/actors/{name:path}", response_class=HTMLResponse)
def actor_page(request: Request, name: str) -> HTMLResponse:
    site = get_site(request)
    db = site.db
    info = site.directory.find(name)
    monthly = actor_roles(db, name)
    as_actor = actor_events(db, name, "actor1")
    as_target = actor_events(db, name, "actor2")
    claimed = actor_events(db, name, "claimed")
    if info is None and not (monthly or as_actor or as_target or claimed):
        raise HTTPException(404, f"no actor called {name}")
    chart = stacked_bars([(f"{month}-01", ROLE_NAMES[role], count) for month, role, count in monthly],
                         {ROLE_NAMES[r]: c for r, c in ROLE_COLOURS.items()}, bucket="month", height=200,
                         grouped=True, min_bars=6)
    return render(request, "actor.html", title=name, name=name, info=info, chart=chart, as_actor=as_actor,
                  as_target=as_target, claimed=claimed, members=site.directory.members(name))
