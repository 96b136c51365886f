"""`dateline serve --watch FEEDS.toml`: the watcher runs inside the server, /sources shows the
feeds, and a new feed item's event shows on the pages without a restart."""
from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from browser_support import Page
from conftest import _free_port

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from feed_server import FeedServer  # noqa: E402
from synthetic_news import report  # noqa: E402


def test_serve_watch_shows_new_feed_items_without_a_restart(playwright_browser: Any, tmp_path: Path) -> None:
    feeds = FeedServer().start()
    rng = random.Random(8)
    reports = [report(n, rng) for n in range(2)]
    items: list[dict[str, str]] = []

    def publish(number: int) -> None:
        item = dict(reports[number], link=f"/story/{number}")
        feeds.page(item["link"], item["title"], item["text"])
        items.append(item)
        feeds.feed("/wire.xml", items)

    publish(0)
    config = tmp_path / "feeds.toml"
    config.write_text(f'host_delay = "0s"\n[[feed]]\nurl = "{feeds.base}/wire.xml"\noutlet = "Test Wire"\n'
                      f'interval = "1s"\n', encoding="utf-8")
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "dateline", "--db", str(tmp_path / "live.db"), "serve",
                                "--port", str(port), "--watch", str(config)], stdout=log, stderr=subprocess.STDOUT)
    tab = Page(playwright_browser, f"http://127.0.0.1:{port}")
    try:
        _wait(lambda: _rows(tab, "/events") >= 1, process)
        first = _rows(tab, "/events")
        publish(1)
        appeared = time.monotonic()
        _wait(lambda: _rows(tab, "/events") > first, process)
        print(f"feed item to the /events page in a browser: {time.monotonic() - appeared:.1f} s (interval 1 s)")
        tab.goto("/sources")
        row = tab.page.locator("#sources-table tbody tr").first.inner_text()
        assert "/wire.xml" in row and "Test Wire" in row
        # The latest poll either fetched the feed or was answered 304, by when the page is read.
        assert ("ok" in row or "not modified" in row) and "error" not in row.lower(), row
        tab.screenshot("sources")
        assert tab.blocked == []
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=60) == 0
    finally:
        tab.context.close()
        if process.poll() is None:
            process.kill()
        log.close()
        feeds.stop()


def _rows(tab: Page, path: str) -> int:
    tab.goto(path)
    return int(tab.page.locator("table.events tbody tr td.date").count())


def _wait(condition: Any, process: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError("dateline serve --watch exited")
        try:
            if condition():
                return
        except (OSError, urllib.error.URLError, Exception):  # the server may still be starting
            pass
        time.sleep(0.5)
    raise AssertionError(f"not seen within {seconds} s")
