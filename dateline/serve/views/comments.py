"""Reader comments under event and article pages: the approved comments and the form (with a
hidden honeypot field and the CSRF token), and what happens when the form is posted.

Nothing a reader posts is shown until a moderator approves it (see /moderation); the reader is
told it awaits moderation. The email is taken by the form and never shown on any page."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from dateline.moderation import (AWAITING_MODERATION, DEFAULT_LIMITS, RateLimited,
                                 SubmissionError, list_approved, submit)
from dateline.serve.site import check_csrf, get_site

# The honeypot's name: a field bots fill in and people never see.
HONEYPOT = "website"
POSTED = "held"  # ?comment=held after a post: the page says the comment awaits moderation

# Renders the page a comment belongs to, with the comment section given, at a status code.
PageRenderer = Callable[[int, dict[str, Any]], HTMLResponse]


def comment_section(request: Request, kind: str, target_id: str, action: str,
                    form: dict[str, str] | None = None, error: str | None = None,
                    error_field: str | None = None) -> dict[str, Any]:
    """Returns what templates/_comments.html needs: the approved comments (escaped by
    render_text), the form's action and values, and the notice or error to show."""
    approved = list_approved(get_site(request).store(), kind, target_id)
    notice = AWAITING_MODERATION if request.query_params.get("comment") == POSTED and not error else None
    # text_html() is render_text: every character escaped, only <p> and <br> added.
    shown = [{"id": c.id, "name": c.name, "created_at": c.created_at, "date": c.created_at[:10],
              "html": Markup(c.text_html())} for c in approved]  # noqa: S704
    return {"comments": shown,
            "action": action, "form": form or {}, "error": error, "error_field": error_field,
            "notice": notice, "limits": DEFAULT_LIMITS, "honeypot": HONEYPOT}


async def receive(request: Request, kind: str, target_id: str, page: str,
                  render_page: PageRenderer) -> Response:
    """Handles a posted comment form: CSRF first, then `submit`. On success (or a filled
    honeypot, which must look the same to a bot) redirects to the page with the notice; on a
    refused field re-renders the page with the message (400), or 429 when rate limited."""
    form = await request.form()
    check_csrf(request, _text(form.get("csrf_token")))
    values = {name: _text(form.get(name)) for name in ("name", "email", "text")}
    address = request.client.host if request.client else ""
    site, honeypot = get_site(request), _text(form.get(HONEYPOT))

    def store_it() -> None:  # in a worker thread: screening is CPU work, and it has its own Store
        submit(site.store(), kind, target_id, values["name"], values["email"], values["text"],
               address, honeypot=honeypot)

    try:
        await run_in_threadpool(store_it)
    except SubmissionError as refused:
        status = 429 if isinstance(refused, RateLimited) else 400
        # Kept for the reader to correct, but the text is capped so a huge post is not echoed.
        values["text"] = values["text"][:DEFAULT_LIMITS.text_max * 2]
        message = refused.message
        if isinstance(refused, RateLimited):
            message = f"{message} You can post again in {wait_text(refused.retry_after)}."
        section = comment_section(request, kind, target_id, f"{page}/comments", form=values,
                                  error=message, error_field=refused.field)
        response = render_page(status, section)
        if isinstance(refused, RateLimited):
            response.headers["Retry-After"] = str(refused.retry_after)
        return response
    return RedirectResponse(f"{page}?comment={POSTED}#comments", status_code=303)


def wait_text(seconds: int) -> str:
    """Returns a wait in words: "40 seconds", "3 minutes", "about 5 hours" (rounded up)."""
    if seconds < 60:
        return f"{seconds} second{'' if seconds == 1 else 's'}"
    if seconds < 3600:
        minutes = -(-seconds // 60)
        return f"{minutes} minute{'' if minutes == 1 else 's'}"
    hours = -(-seconds // 3600)
    return f"about {hours} hour{'' if hours == 1 else 's'}"


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""
