"""Signing in and out. The session cookie is HttpOnly and SameSite=Lax; sign-in failures are
kept in the audit log."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from dateline.serve.site import (SESSION_COOKIE, check_csrf, current_analyst, get_site, render,
                                 rotate_csrf, safe_next)
from dateline.serve.throttle import Throttled, check_password
from dateline.store.accounts import SESSION_DAYS, authenticate, end_session, start_session, write_audit

router = APIRouter(include_in_schema=False)
WEB = "web"  # what starts the audit detail of a web action by no signed-in analyst


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> HTMLResponse:  # noqa: A002 - the URL parameter's name
    return render(request, "login.html", title="Sign in", next=safe_next(next), error=None)


@router.post("/login")
async def login(request: Request) -> Response:
    form = await request.form()
    check_csrf(request, str(form.get("csrf_token") or ""))
    name, password = str(form.get("name") or ""), str(form.get("password") or "")
    target = safe_next(str(form.get("next") or "/"))
    site = get_site(request)
    address = request.client.host if request.client else None
    try:
        site.throttle.check(name, address)
    except Throttled as error:
        write_audit(site.db, None, "session.login_throttled", name[:64])
        response = render(request, "login.html", status_code=429, title="Sign in", next=target,
                          error=f"Too many failed sign-ins: wait {int(error.retry_after) + 1} s and try again.")
        response.headers["Retry-After"] = str(int(error.retry_after) + 1)
        return response
    analyst = await check_password(lambda: authenticate(site.db, name, password))
    if analyst is None:
        site.throttle.failed(name, address)
        write_audit(site.db, None, "session.login_failed", name[:64],
                    detail=f"{WEB}: failed sign-in from {address or 'unknown address'}")
        return render(request, "login.html", status_code=400, title="Sign in", next=target,
                      error="That name and password do not match an active analyst.")
    site.throttle.succeeded(name)
    token = start_session(site.db, analyst)
    write_audit(site.db, analyst.name, "session.login", analyst.name)
    rotate_csrf(request)  # a token planted before sign-in is worth nothing after it
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(SESSION_COOKIE, token, max_age=SESSION_DAYS * 86400, httponly=True,
                        samesite="lax", secure=site.secure_cookies, path="/")
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    form = await request.form()
    check_csrf(request, str(form.get("csrf_token") or ""))
    site = get_site(request)
    analyst = current_analyst(request)
    end_session(site.db, request.cookies.get(SESSION_COOKIE))
    if analyst:
        write_audit(site.db, analyst.name, "session.logout", analyst.name)
    rotate_csrf(request)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax")
    return response
