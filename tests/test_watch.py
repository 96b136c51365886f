"""`dateline watch`: feeds served from 127.0.0.1 that change between polls (new items, 304s,
500s, a slow host, a malformed feed), state kept in the database, clean stops."""
from __future__ import annotations

import random
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dateline.cli import main
from dateline.store.db import Store
from dateline.store.feed_state import feed_rows, parse_stamp
from dateline.watch.config import FeedSpec, WatchConfig, WatchConfigError, load_config
from dateline.watch.watcher import Watcher
from feed_server import FeedServer, Route
from synthetic_news import report


@pytest.fixture()
def server() -> Iterator[FeedServer]:
    running = FeedServer().start()
    yield running
    running.stop()


def _publish(server: FeedServer, path: str, numbers: list[int], seed: int = 3) -> list[dict[str, str]]:
    rng = random.Random(seed)
    reports = [report(n, rng) for n in range(max(numbers) + 1)]
    items = []
    for number in numbers:
        item = dict(reports[number], link=f"/story/{reports[number]['id']}")
        server.page(item["link"], item["title"], item["text"])
        items.append(item)
    server.feed(path, items)
    return items


def _config(server: FeedServer, paths: list[str], delay: float = 0.0, timeout: float = 5.0,
            interval: float = 60.0) -> WatchConfig:
    return WatchConfig(tuple(FeedSpec(server.base + path, "Test Wire", interval) for path in paths),
                       host_delay=delay, timeout=timeout)


def _state(store: Store) -> dict[str, dict[str, Any]]:
    return {row["url"].rsplit("/", 1)[-1]: row for row in feed_rows(store.connection)}


def test_new_items_are_ingested_then_304_then_only_the_new_item(server: FeedServer, extractor: Any,
                                                                  tmp_path: Path) -> None:
    _publish(server, "/wire.xml", [0, 1, 2])
    store = Store(tmp_path / "watch.db")
    watcher = Watcher(store, _config(server, ["/wire.xml"]), extractor)
    first, = watcher.run(threading.Event(), once=True)
    assert (first.status, first.new, first.rejected) == ("ok", 3, 0), first.line()
    events = store.records("event")
    assert events and all(r.sources[0].article for _i, r in events)  # type: ignore[union-attr]
    assert {a.outlet for a in store.articles()} == {"Test Wire"}

    again, = watcher.run(threading.Event(), once=True)
    assert (again.status, again.new) == ("not modified", 0)
    assert server.requests("/wire.xml")[-1]["If-None-Match"] == server.routes["/wire.xml"].etag

    items = _publish(server, "/wire.xml", [0, 1, 2, 3])
    third, = watcher.run(threading.Event(), once=True)
    assert (third.status, third.new, third.known) == ("ok", 1, 3)
    # Pages of items seen before are not fetched again.
    assert len(server.requests(items[0]["link"])) == 1 and len(server.requests(items[3]["link"])) == 1
    state = _state(store)["wire.xml"]
    assert state["items_new"] == 4 and state["failures"] == 0 and state["last_new_item"]
    assert store.article_count() == 4


def test_failures_back_off_and_other_hosts_go_on(server: FeedServer, extractor: Any, tmp_path: Path) -> None:
    _publish(server, "/good.xml", [0, 1])
    server.routes["/broken.xml"] = Route(b"", status=500)
    server.routes["/garbled.xml"] = Route(b"Service notice: {{ feed }} moved <<<", content_type="application/rss+xml")
    slow = FeedServer().start()  # a second host, slower than the timeout
    try:
        _publish(slow, "/slow.xml", [4])
        slow.routes["/slow.xml"].delay = 3.0
        config = WatchConfig((*_config(server, ["/good.xml", "/broken.xml", "/garbled.xml"], interval=10).feeds,
                              FeedSpec(slow.base + "/slow.xml", None, 10)), host_delay=0.0, timeout=1.0)
        store = Store(tmp_path / "watch.db")
        watcher = Watcher(store, config, extractor)
        polled = {s.url.rsplit("/", 1)[-1]: s for s in watcher.run(threading.Event(), once=True)}
        assert polled["good.xml"].new == 2
        assert polled["broken.xml"].status == "error" and "HTTP error 500" in (polled["broken.xml"].error or "")
        assert polled["garbled.xml"].status == "error" and "RSS/Atom" in (polled["garbled.xml"].error or "")
        assert polled["slow.xml"].status == "error" and "within 1 s" in (polled["slow.xml"].error or "")
        state = _state(store)
        assert state["broken.xml"]["failures"] == 1 and state["good.xml"]["failures"] == 0

        def wait_of(name: str) -> float:
            row = state[name]
            return (parse_stamp(row["next_due"]) - parse_stamp(row["last_fetch"])).total_seconds()  # type: ignore[operator]

        assert wait_of("good.xml") == pytest.approx(10, abs=0.01)
        assert wait_of("broken.xml") == pytest.approx(20, abs=0.01)
        watcher.run(threading.Event(), once=True)
        state = _state(store)
        assert state["broken.xml"]["failures"] == 2 and wait_of("broken.xml") == pytest.approx(40, abs=0.01)
        assert state["broken.xml"]["last_error"].startswith("HTTP error 500")
        # The feed comes back: failures reset, the interval is the feed's own again.
        _publish(server, "/broken.xml", [5])
        watcher.run(threading.Event(), once=True)
        state = _state(store)
        assert state["broken.xml"]["failures"] == 0 and wait_of("broken.xml") == pytest.approx(10, abs=0.01)
        assert state["broken.xml"]["items_new"] == 1
    finally:
        slow.stop()


def test_one_request_at_a_time_per_host_with_the_least_delay(server: FeedServer, extractor: Any,
                                                              tmp_path: Path) -> None:
    _publish(server, "/a.xml", [0, 1])
    _publish(server, "/b.xml", [2, 3], seed=3)
    store = Store(tmp_path / "watch.db")
    Watcher(store, _config(server, ["/a.xml", "/b.xml"], delay=0.25), extractor).run(threading.Event(), once=True)
    spans = sorted((start, end) for _p, start, end, _h in server.log)
    assert len(spans) == 6 and server.most_in_flight == 1
    gaps = [later[0] - earlier[1] for earlier, later in zip(spans, spans[1:])]
    assert min(gaps) >= 0.24


def test_a_stop_mid_feed_loses_nothing_and_stores_nothing_twice(server: FeedServer, extractor: Any,
                                                                tmp_path: Path) -> None:
    _publish(server, "/wire.xml", [0, 1, 2, 3])
    store = Store(tmp_path / "watch.db")
    stop = threading.Event()

    class StopsAfterTwo:
        calls = 0

        def extract(self, article: Any) -> Any:
            self.calls += 1
            if self.calls == 2:
                stop.set()  # as SIGTERM would, while the second article is being read
            return extractor.extract(article)

    Watcher(store, _config(server, ["/wire.xml"]), StopsAfterTwo()).run(stop, once=True)
    assert store.article_count() == 2
    assert _state(store)["wire.xml"]["etag"] is None  # not marked read: the next run polls it in full
    store.close()
    store = Store(tmp_path / "watch.db")  # a restart
    summary, = Watcher(store, _config(server, ["/wire.xml"]), extractor).run(threading.Event(), once=True)
    assert (summary.new, summary.known) == (2, 2) and store.article_count() == 4
    assert store.connection.execute("SELECT count(*) FROM ledger_pending").fetchone()[0] == 0


def test_feeds_file_errors_name_the_file_and_the_problem(tmp_path: Path) -> None:
    bad = tmp_path / "feeds.toml"
    bad.write_text('[[feed]]\nurl = "https://example.org/rss"\ninterval = "5x"\n', encoding="utf-8")
    with pytest.raises(WatchConfigError, match=r"feeds.toml: feed 1: interval '5x' is not a duration"):
        load_config(bad)
    bad.write_text('[[feed]]\nurl = "ftp://example.org/rss"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "x.db"), "watch", str(bad), "--once"])
    assert result.exit_code == 1 and "feed 1: url must be an http:// or https:// address" in result.output
    assert len(result.output.strip().splitlines()) == 1
    sample = Path(__file__).resolve().parents[1] / "dateline" / "data" / "feeds.sample.toml"
    config = load_config(sample)
    assert config.feeds and config.feeds[0].interval == 300


def test_cli_watch_stops_cleanly_on_sigterm_and_sources_shows_the_status(server: FeedServer,
                                                                          tmp_path: Path) -> None:
    _publish(server, "/wire.xml", [0, 1])
    server.routes["/down.xml"] = Route(b"", status=503)
    feeds = tmp_path / "feeds.toml"
    feeds.write_text(f'host_delay = "0s"\n[[feed]]\nurl = "{server.base}/wire.xml"\noutlet = "Test Wire"\n'
                     f'interval = "1s"\n[[feed]]\nurl = "{server.base}/down.xml"\ninterval = "1s"\n',
                     encoding="utf-8")
    db = tmp_path / "watch.db"
    process = subprocess.Popen([sys.executable, "-m", "dateline", "--db", str(db), "watch", str(feeds)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(server.requests("/wire.xml")) < 2:
        time.sleep(0.1)
    assert len(server.requests("/wire.xml")) >= 2, process.stderr.read1().decode() if process.stderr else ""
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err.decode()
    assert "2 new" in out.decode() and "stopping" in err.decode()
    result = CliRunner().invoke(main, ["--db", str(db), "sources"])
    assert result.exit_code == 0
    assert "Test Wire" in result.output and "2 new" in result.output
    assert "HTTP error 503" in result.output and "failing:" in result.output


def test_serve_with_watch_shows_a_new_item_without_a_restart(server: FeedServer, extractor: Any,
                                                            tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from dateline.serve.app import create_app

    _publish(server, "/wire.xml", [0])
    db = tmp_path / "served.db"
    client = TestClient(create_app(str(db)))
    stop = threading.Event()

    def watch() -> None:
        store = Store(db)
        Watcher(store, _config(server, ["/wire.xml"], interval=0.5), extractor).run(stop)
        store.close()

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    try:
        before = _wait_for_events(client, 1)
        appeared = time.monotonic()
        _publish(server, "/wire.xml", [0, 1])
        after = _wait_for_events(client, len(before) + 1)
        latency = time.monotonic() - appeared
        print(f"feed item to event on /events: {latency:.1f} s (poll interval 0.5 s)")
        new = after - before
        assert new and all(f"/events/{record_id}" in client.get("/events").text for record_id in new)
        sources = client.get("/sources").text
        assert "/wire.xml" in sources and "Test Wire" in sources
    finally:
        stop.set()
        thread.join(timeout=30)


def _wait_for_events(client: Any, at_least: int, seconds: float = 90) -> set[str]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        ids = {item["id"] for item in client.get("/api/events", params={"limit": 500}).json()["items"]}
        if len(ids) >= at_least:
            return ids
        time.sleep(0.1)
    raise AssertionError(f"fewer than {at_least} events after {seconds} s")


def test_kill_9_mid_poll_then_restart_loses_nothing_and_stores_nothing_twice(server: FeedServer,
                                                                            tmp_path: Path) -> None:
    import os
    import sqlite3

    items = _publish(server, "/wire.xml", list(range(8)))
    feeds = tmp_path / "feeds.toml"
    feeds.write_text(f'host_delay = "0s"\n[[feed]]\nurl = "{server.base}/wire.xml"\ninterval = "1h"\n',
                     encoding="utf-8")
    db = tmp_path / "watch.db"
    command = [sys.executable, "-m", "dateline", "--db", str(db), "watch", str(feeds)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and stored < 3:
        try:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05) as connection:
                stored = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.Error:
            pass
        time.sleep(0.01)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with sqlite3.connect(db) as connection:
        stored = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 3 <= stored < len(items)
    assert subprocess.run([*command, "--once"], capture_output=True, timeout=300).returncode == 0
    store = Store(db)
    assert store.article_count() == len(items)
    assert len({a.content_hash for a in store.articles()}) == len(items)
    assert store.connection.execute("SELECT count(*) FROM ledger_pending").fetchone()[0] == 0
    assert _state(store)["wire.xml"]["items_new"] == len(items) - stored


def test_links_that_left_the_feed_long_ago_are_forgotten_and_listed_ones_kept(
        server: FeedServer, extractor: Any, tmp_path: Path) -> None:
    items = _publish(server, "/wire.xml", [0, 1, 2])
    store = Store(tmp_path / "watch.db")
    watcher = Watcher(store, _config(server, ["/wire.xml"]), extractor)
    watcher.run(threading.Event(), once=True)
    # Every link was first seen 40 days ago; then the feed moves on: item 0 leaves, 3 arrives.
    store.connection.execute("UPDATE feed_seen SET seen_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-40 days')")
    listed = _publish(server, "/wire.xml", [1, 2, 3])
    summary, = watcher.run(threading.Event(), once=True)
    assert (summary.new, summary.known) == (1, 2)
    links = {row[0] for row in store.connection.execute("SELECT url FROM feed_seen")}
    assert links == {server.base + item["link"] for item in listed}
    # A link still listed is kept however old, so its page is not fetched again.
    _publish(server, "/wire.xml", [1, 2, 3])
    watcher.run(threading.Event(), once=True)
    assert len(server.requests(items[1]["link"])) == 1
