"""Browser tests: Playwright drives Debian's headless chromium against a `dateline serve` that the
tests start on 127.0.0.1. They skip, saying why, when chromium or Playwright is missing.
Every request for another host is blocked and recorded, so a test can prove the pages work offline.
A screenshot of each page from the last run is kept in ./screenshots/ (git-ignored)."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for test_web_support
sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser_support import Page  # noqa: E402 - needs the path above

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def playwright_browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"no chromium at {CHROMIUM}: install Debian's (apt-get install chromium) to run browser tests")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright package is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(db: Path, log: Path) -> Iterator[str]:
    """Runs `dateline serve` on `db` (its output in `log`) on a free port; yields its base URL once it
    answers, and stops it on leaving."""
    port = _free_port()
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "dateline", "--db", str(db), "serve", "--port", str(port)],
                                   stdout=out, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/api/session", timeout=2):
                    break
            except OSError as error:
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()
                    raise RuntimeError(f"dateline serve did not start; see {log}") from error
                time.sleep(0.2)
        try:
            yield base
        finally:
            process.terminate()
            process.wait(timeout=10)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory, playwright_browser: Any) -> Iterator[str]:
    """Starts `dateline serve` on the ingested sample corpus; yields its base URL."""
    from test_web_support import ingest_sample

    db = ingest_sample(tmp_path_factory.mktemp("browser") / "sample.db")
    with serving(db, tmp_path_factory.getbasetemp() / "serve.log") as base:
        yield base


@pytest.fixture()
def tab(playwright_browser: Any, server: str) -> Iterator[Page]:
    page = Page(playwright_browser, server)
    yield page
    page.context.close()
