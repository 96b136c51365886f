"""HTTP hardening around the workbench: what every response carries (no-store for signed-in
pages, Permissions-Policy), --private covering the OpenAPI document and the static files, trailing
slashes redirected without trusting the Host header, trusted hosts, and oversized numbers as 400."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import quote

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.middleware.trustedhost import TrustedHostMiddleware

PERMISSIONS_POLICY = ("accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(),"
                      " microphone=(), payment=(), usb=(), interest-cohort=()")
# With --private, the sign-in page still needs its stylesheet and icon; nothing else is public.
PRIVATE_STATIC_ALLOWED = ("/static/dateline.css", "/static/favicon.svg")
# Local names a server bound to a loopback address answers to.
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1"]

Handler = Callable[[Request], Awaitable[Response]]


def allowed_hosts_for(bind_host: str, extra: list[str] | None = None) -> list[str] | None:
    """Returns the Host names a server bound to `bind_host` accepts (None: any, for a server
    bound to every address, which must be reached by names only its operator knows)."""
    if extra:
        return list(extra)
    if bind_host in ("127.0.0.1", "localhost", "::1"):
        return LOOPBACK_HOSTS
    if bind_host in ("0.0.0.0", "::", ""):
        return None
    return [bind_host, *LOOPBACK_HOSTS]


def install(app: FastAPI, private: bool, allowed_hosts: list[str] | None,
            signed_in: Callable[[Request], bool]) -> None:
    """Adds the hardening middleware and handlers to `app`."""
    # Starlette's own slash redirect builds an absolute URL from the Host header.
    app.router.redirect_slashes = False

    @app.middleware("http")
    async def harden(request: Request, call_next: Handler) -> Response:
        path = request.url.path
        if private and _needs_sign_in(path) and not signed_in(request):
            if path.startswith("/api/"):
                return JSONResponse({"detail": "sign in first"}, status_code=401)
            return RedirectResponse(f"/login?next={quote(path, safe='')}", status_code=303)
        response = await call_next(request)
        if response.status_code == 404 and len(path) > 1 and path.endswith("/"):
            # A relative target: `/review/` → `/review`, never another host.
            target = "/" + path.strip("/")
            if request.url.query:
                target += "?" + request.url.query
            return RedirectResponse(target, status_code=307)
        response.headers["Permissions-Policy"] = PERMISSIONS_POLICY
        if path == "/api/session" or getattr(request.state, "analyst", None) is not None:
            response.headers["Cache-Control"] = "no-store"
        return response

    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)

    @app.exception_handler(OverflowError)
    async def too_large(request: Request, _error: OverflowError) -> Response:
        # `offset=1e20` parses as an int no SQLite integer holds.
        message = "a number in the request is too large"
        if path_is_api(request):
            return JSONResponse({"detail": message}, status_code=400)
        from dateline.serve.site import render

        return render(request, "error.html", status_code=400, title="Cannot read that request",
                      message=message)


def path_is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _needs_sign_in(path: str) -> bool:
    """Tells whether a path outside the routers (which guard themselves) needs sign-in."""
    if path.startswith("/static/"):
        return path not in PRIVATE_STATIC_ALLOWED
    return path == "/api/openapi.json"
