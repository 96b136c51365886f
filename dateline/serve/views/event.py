"""A record's page: every field with its provenance (the quote, the words highlighted), all
sources, conflicting figures, a map pin, related events, and the review history."""
from __future__ import annotations

from typing import Any
from urllib.parse import quote as url_quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from dateline.model import Record, record_from_dict
from dateline.serve.fields import by_sentence
from dateline.serve.highlight import highlight_quote
from dateline.serve.site import get_site, render
from dateline.serve.views.comments import comment_section, receive
from dateline.store.db import reprint_summaries
from dateline.store.ledger_queries import article_summaries, event_row, record_bodies, related_events
from dateline.store.reviews import review_history, review_state

router = APIRouter(include_in_schema=False)
CONFLICTS = (("fatalities_reported", "killed"), ("injured_reported", "injured"),
             ("sub_event_type_reported", "type"))


@router.get("/events/{record_id}", response_class=HTMLResponse)
@router.get("/records/{record_id}", response_class=HTMLResponse)
def record_page(request: Request, record_id: str) -> HTMLResponse:
    return render_record(request, record_id)


@router.post("/events/{record_id}/comments")
@router.post("/records/{record_id}/comments")
async def post_comment(request: Request, record_id: str) -> Response:
    """A reader's comment on a record (any kind of record is commented on as an "event")."""
    if record_id not in record_bodies(get_site(request).db, [record_id]):
        raise HTTPException(404, f"no record with id {record_id}")
    return await receive(request, "event", record_id, f"/events/{url_quote(record_id, safe='')}",
                         lambda status, section: render_record(request, record_id, status, section))


def render_record(request: Request, record_id: str, status_code: int = 200,
                  comments: dict[str, Any] | None = None) -> HTMLResponse:
    db = get_site(request).db
    body = record_bodies(db, [record_id]).get(record_id)
    if body is None:
        raise HTTPException(404, f"no record with id {record_id}")
    record = record_from_dict(body)
    exported = record.as_export()
    cited = sorted({s.article for s in record.sources})
    articles = {**reprint_summaries(db, cited), **article_summaries(db, cited)}
    row = event_row(db, record_id)
    action = f"/events/{url_quote(record_id, safe='')}/comments"
    comments = comments or comment_section(request, "event", record_id, action)
    return render(request, "event.html", status_code=status_code, title=_title(exported, record_id),
                  record_id=record_id, kind=exported["kind"], exported=exported,
                  field_groups=by_sentence(record), sources=sources(record, articles),
                  conflicts=conflicts(record), row=row, related=related_events(db, row) if row else [],
                  state=review_state(db, record_id), history=review_history(db, record_id),
                  comments=comments)


def _title(exported: dict[str, Any], record_id: str) -> str:
    return str(exported.get("notes") or exported.get("metric") or exported.get("quote") or record_id)


def sources(record: Record, articles: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Returns each source with its article's outlet and date, every field's words marked, the
    article it reprints (identical text, or a near-duplicate of another source) and why it joined."""
    spans = {name: ev.span for name, ev in record.evidence.items() if isinstance(ev.span, str) and ev.span}
    joined = record.evidence.get("sources")
    why = {(j.get("article"), j.get("quote")): j for j in
           (joined.value if joined is not None and isinstance(joined.value, list) else []) if isinstance(j, dict)}
    cited = {s.article for s in record.sources}
    out = []
    for s in record.sources:
        how = why.get((s.article, s.quote), {})
        meta = articles.get(s.article, {})
        original = meta.get("reprint_of") or how.get("reprint_of")
        out.append({"article": s.article, "meta": meta, "quote": highlight_quote(s.quote, spans),
                    "reprint_of": original if original in cited and original != s.article else None,
                    "joined": how.get("joined")})
    return out


def conflicts(record: Record) -> list[dict[str, Any]]:
    """Returns the figures each source gave (killed, injured) and the rule that chose one."""
    out = []
    for key, label in CONFLICTS:
        evidence = record.evidence.get(key)
        if evidence is None or not isinstance(evidence.value, list) or not evidence.value:
            continue
        values = {item.get("value") for item in evidence.value if isinstance(item, dict)}
        out.append({"label": label, "reports": evidence.value, "rule": evidence.rule,
                    "disagree": len(values) > 1})
    return out
