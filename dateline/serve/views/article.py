"""Articles: the list, and one article's cleaned text with every extracted span highlighted and
linked to the record it went into."""
from __future__ import annotations

from typing import Any
from urllib.parse import quote as url_quote

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from dateline.serve.highlight import highlight_article
from dateline.serve.site import get_site, render
from dateline.serve.views.comments import comment_section, receive
from dateline.store.ledger_queries import list_articles, mention_records, record_bodies

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 100


@router.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request, page: int = 1) -> HTMLResponse:
    db = get_site(request).db
    total = int(db.execute("SELECT count(*) FROM articles").fetchone()[0])
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    rows = list_articles(db, PAGE_SIZE, (page - 1) * PAGE_SIZE)
    return render(request, "articles.html", title="Articles", rows=rows, page=page, pages=pages, total=total)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    return render_article(request, article_id)


@router.post("/articles/{article_id}/comments")
async def post_comment(request: Request, article_id: str) -> Response:
    if get_site(request).store().article(article_id) is None:
        raise HTTPException(404, f"no article with id {article_id}")
    return await receive(request, "article", article_id, f"/articles/{url_quote(article_id, safe='')}",
                         lambda status, section: render_article(request, article_id, status, section))


def render_article(request: Request, article_id: str, status_code: int = 200,
                   comments: dict[str, Any] | None = None) -> HTMLResponse:
    store = get_site(request).store()
    article = store.article(article_id)
    if article is None:
        raise HTTPException(404, f"no article with id {article_id}")
    readings, records = readings_of(store.connection, article_id)
    text, found = highlight_article(article.text, readings)
    action = f"/articles/{url_quote(article_id, safe='')}/comments"
    comments = comments or comment_section(request, "article", article_id, action)
    return render(request, "article.html", status_code=status_code, title=article.title or article.id,
                  article=article, text=text, found=found, records=records,
                  links=store.links(article_id), comments=comments)


def readings_of(db: Any, article_id: str) -> tuple[list[tuple[str, str, list[str], dict[str, str]]],
                                                   list[dict[str, Any]]]:
    """Returns what was read from the article — (record id, kind, quotes, {field: words}) per
    mention — and the records it went into, in reading order."""
    readings = []
    seen: dict[str, dict[str, Any]] = {}
    for _mention_id, record_id, kind, body in mention_records(db, article_id):
        quotes = [s["quote"] for s in body.get("sources", []) if s.get("article") == article_id]
        spans = {name: ev["span"] for name, ev in (body.get("evidence") or {}).items()
                 if isinstance(ev, dict) and isinstance(ev.get("span"), str) and ev["span"]}
        readings.append((record_id, kind, quotes, spans))
        seen.setdefault(record_id, {"id": record_id, "kind": kind})
    bodies = record_bodies(db, list(seen))
    for record_id, item in seen.items():
        body = bodies.get(record_id, {})
        item["summary"] = body.get("notes") or body.get("metric") or body.get("quote") or ""
        item["date"] = body.get("event_date") or body.get("as_of") or body.get("date") or ""
    return readings, list(seen.values())
