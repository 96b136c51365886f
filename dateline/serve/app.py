"""The analyst's workbench as one ASGI app: server-rendered pages, the REST API under /api/,
exports, and the review queue. `create_app` builds it for one database file."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from importlib import resources
from urllib.parse import quote

from fastapi import Depends, FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from dateline.moderation import DecisionError
from dateline.serve.site import (CSRF_COOKIE, CsrfFailed, SignInRequired, Site, current_analyst,
                                 get_site, render, require_analyst)
from dateline.store.ledger_queries import QueryError
from dateline.store.reviews import ReviewError

# Content-Security-Policy: nothing is loaded from, or sent to, another host.
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
       " connect-src 'self'; font-src 'self' data:; object-src 'none'; frame-ancestors 'none';"
       " base-uri 'none'; form-action 'self'")
PUBLIC_PATHS = ("/login",)


def guard_reads(request: Request) -> None:
    """With --private, every page and API call but the sign-in page needs a signed-in analyst."""
    if get_site(request).private and request.url.path not in PUBLIC_PATHS:
        require_analyst(request)


def create_app(db_path: str, private: bool = False, kb_paths: list[str] | None = None,
               secure_cookies: bool = False, allowed_hosts: list[str] | None = None) -> FastAPI:
    """Returns the web app serving one Dateline database (migrated and indexed on start).

    `allowed_hosts`: the Host names it answers to (None: any)."""
    from dateline.serve import api, hardening
    from dateline.serve.views import (actors, add_articles, article, auth, downloads, event, events,
                                      map, moderation, overview, review, sources, timeline)

    site = Site(db_path, private=private, kb_paths=list(kb_paths or []), secure_cookies=secure_cookies)
    app = FastAPI(title="Dateline", version=_version(), docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json", dependencies=[Depends(guard_reads)],
                  description="The Dateline ledger: ACLED-coded events with their sources, "
                              "officials' tallies, articles and actors. Reading is public unless "
                              "the server runs with --private; writes need a signed-in analyst "
                              "(session cookie plus X-CSRF-Token header, or HTTP Basic).")
    app.state.site = site
    static = resources.files("dateline.serve") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    for module in (overview, map, timeline, events, event, article, actors, review, moderation,
                   auth, downloads, add_articles, sources):
        app.include_router(module.router)
    app.include_router(api.router)
    _install_handlers(app)
    hardening.install(app, private, allowed_hosts, signed_in=lambda r: current_analyst(r) is not None)

    @app.middleware("http")
    async def headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["X-Frame-Options"] = "DENY"
        token = getattr(request.state, "csrf_token", None)
        if token and request.cookies.get(CSRF_COOKIE) != token:
            response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict",
                                secure=site.secure_cookies, path="/")
        return response

    return app


def _install_handlers(app: FastAPI) -> None:
    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    @app.exception_handler(SignInRequired)
    async def sign_in(request: Request, _error: SignInRequired) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": "sign in first"}, status_code=401)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)

    @app.exception_handler(CsrfFailed)
    async def csrf(request: Request, _error: CsrfFailed) -> Response:
        message = "the form's security token is missing or stale: reload the page and try again"
        if wants_json(request):
            return JSONResponse({"detail": "CSRF token missing or wrong (send X-CSRF-Token)"}, status_code=403)
        return render(request, "error.html", status_code=403, title="Refused", message=message)

    @app.exception_handler(QueryError)
    @app.exception_handler(ReviewError)
    @app.exception_handler(DecisionError)
    async def bad_request(request: Request, error: Exception) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": str(error)}, status_code=400)
        return render(request, "error.html", status_code=400, title="Cannot do that", message=str(error))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        if wants_json(request) or request.url.path.startswith("/static/"):
            return JSONResponse({"detail": error.detail}, status_code=error.status_code,
                                headers=getattr(error, "headers", None))
        title = "Not found" if error.status_code == 404 else f"Error {error.status_code}"
        return render(request, "error.html", status_code=error.status_code, title=title,
                      message=str(error.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in error.errors())
        if wants_json(request):
            return JSONResponse({"detail": problems}, status_code=422)
        return render(request, "error.html", status_code=400, title="Cannot read that request",
                      message=problems)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("dateline")
    except PackageNotFoundError:
        return "0"
