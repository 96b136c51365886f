"""What every page and API call shares: the database (one connection per worker thread), the
templates, who is signed in, CSRF tokens, and caches keyed on the ledger's version."""
from __future__ import annotations

import hmac
import secrets
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from dateline.serve.actors import ActorDirectory
from dateline.serve.throttle import LoginThrottle
from dateline.store.accounts import Analyst, session_analyst
from dateline.store.db import Store
from dateline.store.ledger_index import ensure_ledger_index, ledger_version

SESSION_COOKIE = "dateline_session"
CSRF_COOKIE = "dateline_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
T = TypeVar("T")

# One colour per ACLED event type, shared by the map, the timeline and the tables.
TYPE_COLOURS = {"Battles": "#c0392b", "Explosions/Remote violence": "#e67e22",
                "Violence against civilians": "#8e44ad", "Strategic developments": "#2e86c1",
                "Protests": "#27ae60", "Riots": "#b7950b"}
OTHER_COLOUR = "#7f8c8d"


class SignInRequired(Exception):
    """The request needs a signed-in analyst (a write, or any read with --private)."""


class CsrfFailed(Exception):
    """A write came without the CSRF token of the browser that loaded the form."""


@dataclass
class Site:
    """One served database and its settings."""

    db_path: str
    private: bool = False
    kb_paths: list[str] = field(default_factory=list)
    secure_cookies: bool = False
    _local: threading.local = field(default_factory=threading.local, repr=False)
    _cache: dict[tuple[str, int], Any] = field(default_factory=dict, repr=False)
    _cache_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    ingest_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    throttle: LoginThrottle = field(init=False, repr=False)
    _directory: ActorDirectory | None = field(default=None, repr=False)
    _extractor: Any = field(default=None, repr=False)

    def __post_init__(self) -> None:
        # Sign-in failures are counted in the database, so all `serve --workers` processes share them.
        self.throttle = LoginThrottle(store=self.store)
        store = Store(self.db_path)  # migrates a new or older file before any worker reads it
        ensure_ledger_index(store)
        store.close()
        self.templates = Environment(loader=PackageLoader("dateline.serve", "templates"),
                                     autoescape=select_autoescape(("html", "svg", "xml"), default=True),
                                     trim_blocks=True, lstrip_blocks=True)
        self.templates.globals.update(colour=type_colour, TYPE_COLOURS=TYPE_COLOURS, query=query_string)

    def store(self) -> Store:
        """Returns this thread's Store (SQLite connections are not shared between threads)."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.db_path)
            store.connection.execute("PRAGMA busy_timeout = 10000")
            self._local.store = store
        return store

    @property
    def db(self) -> sqlite3.Connection:
        return self.store().connection

    def cached(self, key: str, compute: Callable[[], T]) -> T:
        """Returns `compute()`, remembered until the ledger (or a review of it) changes."""
        version = ledger_version(self.db)
        with self._cache_lock:
            if (key, version) in self._cache:
                return self._cache[(key, version)]  # type: ignore[no-any-return]
        value = compute()
        with self._cache_lock:
            for stale in [k for k in self._cache if k[0] == key]:
                del self._cache[stale]
            self._cache[(key, version)] = value
        return value

    @property
    def directory(self) -> ActorDirectory:
        if self._directory is None:
            self._directory = ActorDirectory.from_knowledge_base(self.kb_paths)
        return self._directory

    def extractor(self) -> Any:
        """Returns the extractor for POST /api/articles, built on first use (it loads the KB)."""
        if self._extractor is None:
            from dateline.extract.extractor import Extractor
            from dateline.extract.kb import load_knowledge_base

            self._extractor = Extractor.from_kb(load_knowledge_base(list(self.kb_paths)))
        return self._extractor


def get_site(request: Request) -> Site:
    site: Site = request.app.state.site
    return site


def current_analyst(request: Request) -> Analyst | None:
    """Returns the signed-in analyst of this request, or None (looked up once per request)."""
    if not hasattr(request.state, "analyst"):
        token = request.cookies.get(SESSION_COOKIE)
        request.state.analyst = session_analyst(get_site(request).db, token) if token else None
    analyst: Analyst | None = request.state.analyst
    return analyst


def require_analyst(request: Request) -> Analyst:
    analyst = current_analyst(request)
    if analyst is None:
        raise SignInRequired()
    return analyst


def csrf_token(request: Request) -> str:
    """Returns this browser's CSRF token (double-submit: the cookie and the form field agree)."""
    token = getattr(request.state, "csrf_token", None) or request.cookies.get(CSRF_COOKIE)
    if not token:
        token = secrets.token_urlsafe(24)
    request.state.csrf_token = token
    return str(token)


def rotate_csrf(request: Request) -> str:
    """Gives this browser a new CSRF token (set as its cookie with the response)."""
    request.state.csrf_token = secrets.token_urlsafe(24)
    return str(request.state.csrf_token)


def check_csrf(request: Request, submitted: str | None) -> None:
    """Refuses a write whose token (form field or X-CSRF-Token header) differs from the cookie."""
    cookie = request.cookies.get(CSRF_COOKIE)
    submitted = submitted or request.headers.get(CSRF_HEADER)
    if not cookie or not submitted or not hmac.compare_digest(cookie, submitted):
        raise CsrfFailed()


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Renders a page template with what every page needs (analyst, CSRF token, current path)."""
    site = get_site(request)
    if status_code == 200 and getattr(request.state, "filter_errors", None):
        status_code = 400  # a filter was refused: the page shows why beside the field
    page = site.templates.get_template(template).render(
        request=request, analyst=current_analyst(request), csrf_token=csrf_token(request),
        path=request.url.path, private=site.private, **context)
    return HTMLResponse(page, status_code=status_code)


def type_colour(event_type: str | None) -> str:
    return TYPE_COLOURS.get(event_type or "", OTHER_COLOUR)


def query_string(params: dict[str, Any], **changes: Any) -> str:
    """Returns `?a=1&b=2` from params with changes applied (a None or '' change removes a key)."""
    merged = {k: v for k, v in params.items() if v not in (None, "")}
    for key, value in changes.items():
        key = key.rstrip("_")
        if value in (None, ""):
            merged.pop(key, None)
        else:
            merged[key] = value
    return "?" + urlencode(merged) if merged else ""


def safe_next(target: str | None, default: str = "/") -> str:
    """Returns `target` when it is a path on this site, else `default` (no open redirects)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return default

