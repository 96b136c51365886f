"""A browser tab for the workbench tests (kept out of conftest so test modules can import it)."""
from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"


class Page:
    """A browser tab on the test server that refuses every other host and remembers who asked."""

    def __init__(self, browser: Any, base: str) -> None:
        self.base = base
        self.blocked: list[str] = []
        self.context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()

    def _route(self, route: Any) -> None:
        host = urlsplit(route.request.url).hostname
        if host in ("127.0.0.1", None) or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def goto(self, path: str) -> Any:
        return self.page.goto(self.base + path)

    def screenshot(self, name: str) -> None:
        SCREENSHOTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
