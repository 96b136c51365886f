"""Adding articles from the web (signed-in analysts): an article's URL, pasted text, or an
uploaded file (.html, .txt, .jsonl dump, RSS/Atom .xml). The article goes through the same
pipeline as `dateline ingest`, and the page then shows each article with the events, tallies and
statements read from it. Every ingest is written to the audit log."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from dateline.serve.site import check_csrf, get_site, render, require_analyst
from dateline.serve.views.article import readings_of
from dateline.store.accounts import write_audit
from dateline.store.ledger_queries import article_summaries

router = APIRouter(include_in_schema=False)
UPLOAD_SUFFIXES = (".html", ".htm", ".txt", ".jsonl", ".xml", ".rss", ".atom")
MAX_UPLOAD = 20 * 1024 * 1024  # bytes


@router.get("/ingest", response_class=HTMLResponse)
def add_form(request: Request) -> HTMLResponse:
    require_analyst(request)
    return render(request, "add_articles.html", title="Add articles", values={}, error=None, result=None)


@router.post("/ingest", response_class=HTMLResponse)
async def add(request: Request) -> Response:
    analyst = require_analyst(request)
    form = await request.form()
    check_csrf(request, _text(form.get("csrf_token")))
    values = {name: _text(form.get(name)).strip() for name in ("url", "text", "title", "outlet", "published")}
    upload = form.get("file")
    file = upload if isinstance(upload, UploadFile) and upload.filename else None
    data = await file.read(MAX_UPLOAD + 1) if file else b""

    def refuse(message: str) -> HTMLResponse:
        return render(request, "add_articles.html", status_code=400, title="Add articles", values=values,
                      error=message, result=None)

    given = [name for name, present in (("URL", values["url"]), ("text", values["text"]), ("file", file)) if present]
    if not given:
        return refuse("Give an article: its URL, its text, or a file.")
    if len(given) > 1:
        return refuse(f"Give one article at a time: you gave {' and '.join(given)}.")
    if values["url"] and not values["url"].startswith(("http://", "https://")):
        return refuse(f"The URL must start with http:// or https://, not {values['url'][:60]!r}.")
    if file:
        suffix = Path(file.filename or "").suffix.lower()
        if suffix not in UPLOAD_SUFFIXES:
            return refuse(f"{file.filename}: Dateline reads {', '.join(UPLOAD_SUFFIXES)} files, not {suffix or 'this kind'}.")
        if len(data) > MAX_UPLOAD:
            return refuse(f"{file.filename}: larger than {MAX_UPLOAD // 1024 // 1024} MB.")
    site = get_site(request)

    def run() -> Any:
        from dateline.pipeline import ingest

        with site.ingest_lock, tempfile.TemporaryDirectory(prefix="dateline-web-") as folder:
            if values["url"]:
                spec = values["url"]
            elif file:
                spec = str(Path(folder) / f"upload{Path(file.filename or '').suffix.lower()}")
                Path(spec).write_bytes(data)
            else:
                item = {"text": values["text"], "title": values["title"] or None,
                        "outlet": values["outlet"] or None, "published": values["published"] or None}
                spec = str(Path(folder) / "pasted.jsonl")
                Path(spec).write_text(json.dumps({k: v for k, v in item.items() if v}, ensure_ascii=False) + "\n",
                                      encoding="utf-8")
            return ingest(site.store(), [spec], site.extractor())

    report = await run_in_threadpool(run)
    rejected = [str(error.problem) for error in report.rejected]
    origin = values["url"] or (file.filename if file else "pasted text")
    write_audit(site.db, analyst.name, "article.ingest", ",".join(report.new + report.known) or None,
                detail=f"web: {origin}: " + ("; ".join(rejected) or report.summary()))
    if rejected and not (report.new or report.known):
        return refuse("Not added: " + "; ".join(rejected))
    result = {"new": report.new, "known": report.known, "rejected": rejected,
              "articles": [_article_result(site.db, article_id, article_id in report.new)
                           for article_id in report.new + report.known]}
    return render(request, "add_articles.html", title="Add articles", values={}, error=None, result=result)


def _article_result(db: Any, article_id: str, new: bool) -> dict[str, Any]:
    """Returns an added article's title and the records read from it (events first)."""
    _readings, records = readings_of(db, article_id)
    meta = article_summaries(db, [article_id]).get(article_id, {})
    order = {"event": 0, "tally": 1, "statement": 2}
    return {"id": article_id, "new": new, "meta": meta,
            "records": sorted(records, key=lambda r: (order.get(r["kind"], 3), r["date"]))}


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""
