"""The REST API under /api/: events (the table's filters, cursor pagination), one event,
tallies, articles, actors; POST /api/articles ingests an article (signed-in analysts only).
Documented by OpenAPI at /api/openapi.json and /api/docs."""
from __future__ import annotations

import base64
import json
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from dateline.serve.cache import ledger_cached
from dateline.serve.site import check_csrf, csrf_token, current_analyst, get_site, render
from dateline.store.accounts import Analyst, authenticate, write_audit
from dateline.serve.tallies import tally_series_of
from dateline.serve.throttle import Throttled, hashed
from dateline.serve.views.common import request_filter
from dateline.store.ledger_queries import (EventFilter, actor_counts, actor_roles, count_events,
                                           event_row, events_page, list_articles, mention_records,
                                           record_bodies, related_events)
from dateline.store.reviews import review_history

router = APIRouter(prefix="/api")


class SourceOut(BaseModel):
    article: str = Field(description="id of the article (GET /api/articles/{id})")
    quote: str = Field(description="the sentence the record was read from")


class EventOut(BaseModel):
    """An event exactly as EVENTS.md defines it, plus its id and review status."""

    id: str
    status: str | None = Field(None, description="confirmed, corrected or rejected; null before review")
    kind: Literal["event"] = "event"
    event_date: str | None
    date_precision: str
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str | None
    claimed_by: list[str]
    denied_by: list[str]
    weapons: list[str]
    country: str | None
    admin1: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int
    fatalities: int | None
    injured: int | None
    sources: list[SourceOut]
    notes: str


class EventPage(BaseModel):
    items: list[EventOut]
    next_cursor: str | None = Field(description="pass as `cursor` for the next page; null on the last")
    total: int | None = Field(None, description="how many events match (only with total=true)")


class EvidenceOut(BaseModel):
    value: Any
    span: str | None = Field(description="the words the value was read from")
    rule: str = Field(description="the rule or knowledge-base entry that gave it")


class ReviewOut(BaseModel):
    decision: str
    reason: str
    corrections: dict[str, Any]
    analyst: str
    decided_at: str


class EventDetail(EventOut):
    evidence: dict[str, EvidenceOut]
    reviews: list[ReviewOut]
    related: list[str] = Field(description="ids of events with the same actors within a week")


class TallyOut(BaseModel):
    id: str
    kind: Literal["tally"] = "tally"
    metric: str
    value: float
    qualifier: str
    period_start: str | None
    period_start_precision: str | None
    as_of: str | None
    attributed_to: str | None
    scope: list[str]
    sources: list[SourceOut]


class TalliesOut(BaseModel):
    items: list[TallyOut]
    series: list[dict[str, Any]] = Field(description="tallies of one metric and period, each point "
                                                     "with `ledger_count`: what Dateline counted")


class ArticleOut(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    words: int
    mentions: int


class ArticleDetail(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    author: str | None
    published: str | None
    published_method: str
    url: str | None
    dateline: str | None
    text: str
    records: list[str] = Field(description="ids of the records read from this article")


class ArticleIn(BaseModel):
    """An article to ingest: `text` or `html`, and what is known about it."""

    id: str | None = None
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = Field(None, description="YYYY-MM-DD")


class IngestOut(BaseModel):
    new: list[str]
    known: list[str]
    rejected: list[str]


class ActorOut(BaseModel):
    name: str
    type: str | None
    country: str | None
    as_actor: int
    as_target: int


class ActorDetail(BaseModel):
    name: str
    type: str | None
    country: str | None
    aliases: list[str]
    acronyms: list[str]
    parents: list[str]
    members: list[str]
    monthly: list[dict[str, Any]] = Field(
        description="{month, role, events}; role is actor1, actor2, claimed or denied")


class SessionOut(BaseModel):
    analyst: str | None
    csrf_token: str = Field(description="send as X-CSRF-Token with cookie-authenticated writes")


@router.get("/docs", include_in_schema=False, response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    return render(request, "api_docs.html", title="API")


@router.get("/events", tags=["events"], response_model=EventPage, summary="Events, filtered, newest first")
def api_events(
    request: Request,
    date_from: str | None = Query(None, alias="from", description="first day, YYYY-MM-DD"),
    date_to: str | None = Query(None, alias="to", description="last day, YYYY-MM-DD"),
    country: str | None = None,
    province: str | None = Query(None, description="admin1"),
    actor: str | None = Query(None, description="actor, target, claimant or denier (knowledge-base"
                                                 " aliases and acronyms are read as the canonical name)"),
    event_type: str | None = Query(None, alias="type", description="ACLED event type"),
    q: str | None = Query(None, description="full-text search (notes, actors, places, quotes)"),
    status: str | None = Query(None, description="all, unreviewed, confirmed, corrected or rejected"
                                                 " (default: all but rejected)"),
    cursor: str | None = Query(None, description="next_cursor of the previous page"),
    limit: int = Query(50, ge=1, le=500),
    order: Literal["desc", "asc"] = "desc",
    total: bool = Query(False, description="also count every match"),
) -> dict[str, Any]:
    db = ledger_cached(get_site(request))  # pages answered once per ledger version
    flt = request_filter(request)  # bad dates: 400 with the reason; actor aliases read as the canonical name
    rows, next_cursor = events_page(db, flt, cursor, limit, descending=order == "desc")
    bodies = record_bodies(db, [r.record_id for r in rows])
    items = [_event_out(r.record_id, r.status, bodies[r.record_id]) for r in rows if r.record_id in bodies]
    count = count_events(db, flt) if total else None
    return {"items": items, "next_cursor": next_cursor, "total": count}


def _event_out(record_id: str, status: str | None, body: dict[str, Any]) -> dict[str, Any]:
    out = {key: value for key, value in body.items() if key != "evidence"}
    out.update(id=record_id, status=status)
    return out


@router.get("/events/{record_id}", tags=["events"], response_model=EventDetail, summary="One event with its provenance")
def api_event(request: Request, record_id: str) -> dict[str, Any]:
    db = get_site(request).db
    row = event_row(db, record_id)
    body = record_bodies(db, [record_id]).get(record_id)
    if row is None or body is None:
        raise HTTPException(404, f"no event with id {record_id}")
    out = _event_out(record_id, row.status, body)
    out["evidence"] = body.get("evidence") or {}
    out["reviews"] = review_history(db, record_id)
    out["related"] = [r.record_id for r in related_events(db, row)]
    return out


@router.get("/tallies", tags=["tallies"], response_model=TalliesOut, summary="Officials' tallies, and as series")
def api_tallies(request: Request) -> dict[str, Any]:
    site = get_site(request)
    items = [{"id": rid, **record.as_export()} for rid, record in site.store().records("tally")]
    return {"items": items, "series": [asdict(s) for s in tally_series_of(site)]}


@router.get("/articles", tags=["articles"], response_model=list[ArticleOut], summary="Articles, latest published first")
def api_articles(request: Request, limit: int = Query(100, ge=1, le=1000),
                 offset: int = Query(0, ge=0)) -> list[dict[str, Any]]:
    return list_articles(get_site(request).db, limit, offset)


@router.get("/articles/{article_id}", tags=["articles"], response_model=ArticleDetail,
            summary="One article, cleaned text")
def api_article(request: Request, article_id: str) -> dict[str, Any]:
    store = get_site(request).store()
    article = store.article(article_id)
    if article is None:
        raise HTTPException(404, f"no article with id {article_id}")
    records = sorted({rid for _m, rid, _k, _b in mention_records(store.connection, article_id)})
    return {"id": article.id, "title": article.title, "outlet": article.outlet, "author": article.author,
            "published": article.published.isoformat() if article.published else None,
            "published_method": article.published_method, "url": article.url,
            "dateline": article.dateline_place, "text": article.text, "records": records}


@router.post("/articles", tags=["articles"], response_model=IngestOut, status_code=201,
             summary="Ingest an article (signed-in analysts)",
             description="Authenticate with the session cookie and the X-CSRF-Token header "
                         "(GET /api/session gives it), or with HTTP Basic. The article is cleaned, "
                         "dated and extracted like `dateline ingest`; the ledger is rebuilt.")
def api_ingest(request: Request, article: ArticleIn) -> dict[str, Any]:
    analyst = _writer(request)
    site = get_site(request)
    from dateline.pipeline import ingest

    with site.ingest_lock, tempfile.TemporaryDirectory(prefix="dateline-api-") as folder:
        path = Path(folder) / f"api-{analyst.name}.jsonl"
        # ASCII JSON: a lone surrogate sent in the request stays an escape the reader replaces.
        path.write_text(json.dumps(article.model_dump(exclude_none=True)) + "\n", encoding="utf-8")
        report = ingest(site.store(), [str(path)], site.extractor())
    rejected = [error.problem for error in report.rejected]
    write_audit(site.db, analyst.name, "article.ingest", ",".join(report.new + report.known) or None,
                detail="; ".join(rejected) or report.summary())
    if rejected and not (report.new or report.known):
        raise HTTPException(400, "; ".join(rejected))
    return {"new": report.new, "known": report.known, "rejected": rejected}


def _writer(request: Request) -> Analyst:
    """Returns the analyst behind a write: HTTP Basic, or the session cookie plus X-CSRF-Token."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("basic "):
        try:
            name, _, password = base64.b64decode(header[6:]).decode("utf-8").partition(":")
        except (ValueError, UnicodeDecodeError) as error:
            raise HTTPException(401, "malformed Basic credentials") from error
        site = get_site(request)
        address = request.client.host if request.client else None
        try:
            site.throttle.check(name, address)
        except Throttled as error:
            raise HTTPException(429, str(error),
                                headers={"Retry-After": str(int(error.retry_after) + 1)}) from error
        analyst = hashed(lambda: authenticate(site.db, name, password))  # this runs in a worker thread
        if analyst is None:
            site.throttle.failed(name, address)
            raise HTTPException(401, "wrong name or password")
        site.throttle.succeeded(name)
        return analyst
    analyst = current_analyst(request)
    if analyst is None:
        raise HTTPException(401, "sign in first (session cookie or HTTP Basic)")
    check_csrf(request, None)
    return analyst


@router.get("/session", tags=["session"], response_model=SessionOut, summary="Who is signed in, and the CSRF token")
def api_session(request: Request) -> dict[str, Any]:
    analyst = current_analyst(request)
    return {"analyst": analyst.name if analyst else None, "csrf_token": csrf_token(request)}


@router.get("/actors", tags=["actors"], response_model=list[ActorOut],
            summary="Actors in the ledger, most events first")
def api_actors(request: Request) -> list[dict[str, Any]]:
    site = get_site(request)
    out = []
    for name, as_actor, as_target in actor_counts(site.db):
        info = site.directory.find(name)
        out.append({"name": name, "type": info.type if info else None,
                    "country": info.country if info else None, "as_actor": as_actor, "as_target": as_target})
    return out


@router.get("/actors/{name:path}", tags=["actors"], response_model=ActorDetail, summary="One actor")
def api_actor(request: Request, name: str) -> dict[str, Any]:
    site = get_site(request)
    info = site.directory.find(name)
    monthly = [{"month": m, "role": r, "events": n} for m, r, n in actor_roles(site.db, name)]
    if info is None and not monthly:
        raise HTTPException(404, f"no actor called {name}")
    return {"name": name, "type": info.type if info else None, "country": info.country if info else None,
            "aliases": info.aliases if info else [], "acronyms": info.acronyms if info else [],
            "parents": info.parents if info else [], "members": site.directory.members(name),
            "monthly": monthly}
